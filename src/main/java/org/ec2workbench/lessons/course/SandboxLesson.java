package org.ec2workbench.lessons.course;

import java.time.Duration;
import java.util.stream.Collectors;
import org.ec2workbench.backoff.AdaptiveRateLimiter;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.Poller;
import org.ec2workbench.backoff.RetryExecutor;
import org.ec2workbench.backoff.RetryPlan;
import org.ec2workbench.lessons.AttemptTally;
import org.ec2workbench.lessons.Observation;
import org.ec2workbench.lessons.LessonContext;
import org.ec2workbench.lessons.LessonEnvironment;
import org.ec2workbench.lessons.LessonScript;
import org.ec2workbench.lessons.RetryWait;
import org.ec2workbench.sandbox.Sandbox;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/** What the sandbox lessons share: starting the sandbox, launching, and polling with the engine. */
abstract class SandboxLesson implements LessonScript {

    /** How long a lesson waits for a resource to become visible, in sandbox time. */
    static final Duration VISIBILITY_DEADLINE = Duration.ofMinutes(2);

    private final double defaultTimeScale;
    LessonSandbox sandbox;
    /** Sandbox time of the last {@link #launchObserved} reply. */
    long launchedAt;

    /** A lesson on virtual time unless the user picks a time scale. */
    SandboxLesson() {
        this(LessonSandbox.VIRTUAL_TIME);
    }

    SandboxLesson(double defaultTimeScale) {
        this.defaultTimeScale = defaultTimeScale;
    }

    @Override
    public final double defaultTimeScale() {
        return defaultTimeScale;
    }

    @Override
    public final LessonEnvironment openEnvironment(LessonEnvironment.Spec spec) {
        sandbox = LessonSandbox.start(spec, this::configure);
        return sandbox;
    }

    /** Adjusts the lesson preset for this lesson (default: as it is). */
    Sandbox.Builder configure(Sandbox.Builder builder) {
        return builder;
    }

    /** Launches one instance from an EBS-backed image and returns its id. */
    String launch(LessonContext context) {
        String id = sandbox.ec2().runInstances(RunInstancesRequest.builder()
                .imageId(sandbox.ebsImageId()).instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1)
                .build()).instances().get(0).instanceId();
        context.note("launched " + id);
        return id;
    }

    /** Launches one instance, observes its id as {@code instanceId} and remembers when in {@link #launchedAt}. */
    String launchObserved(LessonContext context) {
        String id = launch(context);
        launchedAt = sandbox.clock().nanoTime();
        // On a wall clock other requests (long polls, pollers) may interleave and draw from the sandbox's
        // seeded generator first, so the id is only seed-determined on virtual time.
        context.observe(measured(Observation.text("instanceId", id)));
        return id;
    }

    /** DescribeInstances for one id; throws the SDK's exception (e.g. NotFound). */
    Instance describe(String instanceId) {
        return sandbox.ec2().describeInstances(DescribeInstancesRequest.builder().instanceIds(instanceId).build())
                .reservations().get(0).instances().get(0);
    }

    /**
     * A poller following EC2's guidance for eventual consistency (exponential from a couple of seconds,
     * jittered with the lesson's engine seed), on sandbox time.
     */
    Poller visibilityPoller(LessonContext context) {
        BackoffPolicy guidance = BackoffPolicy.defaults(BackoffPolicy.Kind.EC2_GUIDANCE);
        return Poller.builder(guidance)
                .listener(context.retryWaits(guidance.name() + ", polling", guidance))
                .clock(sandbox.clock())
                .sleeper(sandbox.sleeper())
                .random(context.random())
                .classifier(Ec2Errors.classifier())
                .maxTotalWait(VISIBILITY_DEADLINE)
                .build();
    }

    /** Runs {@code call} once, without retries: "none" if it succeeded, else the AWS error code. */
    static String errorCodeOf(Runnable call) {
        try {
            call.run();
            return "none";
        } catch (RuntimeException e) {
            return Ec2Errors.code(e);
        }
    }

    /**
     * An executor that retries NotFound as "not yet visible" (and throttling) on EC2's guidance curve: for a
     * modification right after a describe saw the resource on one replica, as the next request may land on
     * another that has not.
     */
    RetryExecutor visibilityRetrier(LessonContext context) {
        BackoffPolicy guidance = BackoffPolicy.defaults(BackoffPolicy.Kind.EC2_GUIDANCE);
        RetryPlan plan = RetryPlan.builder(guidance).clock(sandbox.clock()).random(context.random()).build();
        context.recordRetries(plan, guidance.name() + ", retrying");
        return RetryExecutor.of(plan, Ec2Errors.classifier(), sandbox.sleeper());
    }

    /** A filtered DescribeInstances (so it draws from the non-mutating bucket). */
    Object describeRunning() {
        return sandbox.ec2().describeInstances(DescribeInstancesRequest.builder()
                .filters(Filter.builder().name("instance-state-name").values("running").build()).build());
    }

    /**
     * Waits for {@code bucket} to refill, then lets {@code clients} threads each make {@code callsPerClient}
     * filtered DescribeInstances calls through the engine with {@code plan}, and observes
     * {@code <name>Attempts}, {@code <name>Throttled}, {@code <name>GivenUp} and {@code <name>Duration}. The
     * waits the engine schedules are recorded under the plan's {@link #strategy} name.
     */
    void crowdPhase(LessonContext context, String name, RetryPlan plan, LessonSandbox.Bucket bucket, int clients,
                    int callsPerClient) throws InterruptedException {
        sandbox.awaitFull(bucket);
        sandbox.tally().clear();
        context.recordRetries(plan, strategy(plan));
        RetryExecutor executor = RetryExecutor.of(plan, Ec2Errors.classifier(), sandbox.sleeper());
        Crowd.Outcome outcome = Crowd.run(sandbox, clients, callsPerClient, executor, this::describeRunning);
        AttemptTally tally = sandbox.tally();
        context.observe(measured(Observation.count(name + "Attempts", tally.count(a -> true))));
        context.observe(measured(Observation.count(name + "Throttled", tally.count(AttemptTally.Attempt::throttled))));
        context.observe(measured(Observation.count(name + "GivenUp", outcome.failed())));
        context.observe(measured(Observation.millis(name + "Duration", outcome.millis())));
    }

    /**
     * The waits the engine chose during step {@code index}, in order, as narration quotes them
     * ({@code "1.7 s, 3.5 s"}, or {@code "nothing"} when no call waited), observed as {@code name}.
     */
    void observeWaits(LessonContext context, String name, int index) {
        String waits = context.retryWaits().stream().filter(w -> w.step() == index).map(RetryWait::formatted)
                .collect(Collectors.joining(", "));
        context.observe(measured(Observation.text(name, waits.isEmpty() ? "nothing" : waits)));
    }

    /** What retries with {@code plan}, for a legend: its policy's name and its budget and limiter, if any. */
    static String strategy(RetryPlan plan) {
        return plan.policy().name() + plan.budget().map(b -> " + retry budget").orElse("")
                + plan.limiter().map(l -> l instanceof AdaptiveRateLimiter ? " + adaptive limiter" : " + rate limiter")
                        .orElse("");
    }

    /**
     * {@code observation} marked by how this run was timed: on virtual time the seeds decide it; on a
     * scaled wall clock it depends on thread scheduling and machine load.
     */
    Observation measured(Observation observation) {
        Observation o = observation;
        return sandbox.virtualTime()
                ? new Observation(o.name(), o.number(), o.text(), o.unit(), false)
                : o.markTimingBound();
    }

    /** Polls {@code probe} until it returns (NotFound keeps polling); fails if the deadline passes. */
    <T> Poller.Result<T> untilVisible(LessonContext context, RetryExecutor.Attempt<T> probe) {
        Poller.Result<T> result = visibilityPoller(context).poll(probe, value -> Poller.PollState.DONE);
        if (!result.satisfied()) {
            throw new IllegalStateException("not visible after " + result.polls() + " polls (" + result.status()
                    + "): " + Ec2Errors.code(result.lastFailure()));
        }
        return result;
    }
}
