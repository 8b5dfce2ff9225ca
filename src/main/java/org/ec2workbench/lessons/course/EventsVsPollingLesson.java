package org.ec2workbench.lessons.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.events.PollingComparator;
import org.ec2workbench.events.PollingComparator.Detection;
import org.ec2workbench.events.PollingComparator.Detector;
import org.ec2workbench.events.StateChangeSubscription;
import org.ec2workbench.events.SubscriptionLedger;
import org.ec2workbench.lessons.LessonContext;
import org.ec2workbench.lessons.Observation;
import org.ec2workbench.lessons.Verdict;
import software.amazon.awssdk.services.cloudwatchevents.CloudWatchEventsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Lesson 7: waiting for "running" by polling DescribeInstances at increasing intervals, with the SDK's
 * waiter, and with state-change events delivered to an SQS queue (the events package's subscription and
 * polling comparator against the sandbox's CloudWatch Events and SQS).
 */
public final class EventsVsPollingLesson extends SandboxLesson {

    /** The SDK's InstanceRunning waiter polls every 15 s. */
    static final Duration WAITER_INTERVAL = Duration.ofSeconds(15);
    static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private final Map<String, Instant> transitions = new ConcurrentHashMap<>();
    private Path ledgerDir;
    private StateChangeSubscription subscription;
    private PollingComparator comparator;
    private CloudWatchEventsClient events;
    private SqsClient sqs;

    /** A fresh script. */
    public EventsVsPollingLesson() {
        super(4);
    }

    @Override
    public void step(int index, LessonContext context) throws IOException {
        switch (index) {
            case 0 -> {
                sandbox.world().addStateChangeListener(c -> transitions.put(c.instanceId() + "/" + c.current().apiName(),
                        c.time()));
                events = sandbox.track(sandbox.clients().events());
                sqs = sandbox.track(sandbox.clients().sqs());
                ledgerDir = Files.createTempDirectory("lesson-events");
                subscription = sandbox.track(StateChangeSubscription.builder(events, sqs,
                                "lesson-" + context.settings().sandboxSeed())
                        .ledger(new SubscriptionLedger(ledgerDir.resolve("ledger.jsonl")))
                        .waitTimeSeconds(1)
                        .listener(e -> comparator.onEvent(e))
                        .build());
                Ec2Client pollerEc2 = sandbox.track(sandbox.clients().ec2());
                Ec2Client waiterEc2 = sandbox.track(sandbox.clients().ec2());
                BackoffPolicy pollPolicy = BackoffPolicy.builder(BackoffPolicy.Kind.EXPONENTIAL)
                        .base(Duration.ofSeconds(1)).multiplier(2).cap(Duration.ofSeconds(8)).unlimitedAttempts().build();
                comparator = sandbox.track(PollingComparator.builder(pollerEc2, waiterEc2)
                        .pollPolicy(pollPolicy)
                        .pollListener(context.retryWaits(pollPolicy.name() + ", polling", pollPolicy))
                        .waiterInterval(wall(WAITER_INTERVAL))
                        .maxWait(MAX_WAIT)
                        .clock(sandbox.clock())
                        .sleeper(sandbox.sleeper())
                        .eventCalls(() -> subscription.stats().receiveCalls())
                        .transitionTimes((id, state) -> Optional.ofNullable(transitions.get(id + "/" + state)))
                        .build());
                subscription.start();
                context.note("subscribed: rule " + subscription.ruleArn() + ", queue " + subscription.queueUrl());
            }
            case 1 -> {
                PollingComparator.Transition t = comparator.measure(() -> launchObserved(context), "running");
                Detection polled = t.of(Detector.POLLER);
                Detection waited = t.of(Detector.WAITER);
                Detection evented = t.of(Detector.EVENTS);
                context.note(PollingComparator.table(java.util.List.of(t)));
                context.observe(Observation.count("pollCalls", polled.describeCalls()).markTimingBound());
                latency(context, "pollLatency", polled);
                context.observe(Observation.count("waiterCalls", waited.describeCalls()).markTimingBound());
                latency(context, "waiterLatency", waited);
                context.observe(Observation.count("eventDescribeCalls", evented.describeCalls()));
                latency(context, "eventLatency", evented);
            }
            case 2 -> {
                subscription.close();
                long rules = events.listRules(b -> b.namePrefix(StateChangeSubscription.resourceName(""))).rules().size();
                long queues = sqs.listQueues(b -> b.queueNamePrefix(StateChangeSubscription.resourceName("")))
                        .queueUrls().size();
                context.observe(Observation.count("rulesLeft", rules));
                context.observe(Observation.count("queuesLeft", queues));
                deleteLedger();
            }
            default -> throw new IllegalArgumentException("no step " + index);
        }
    }

    /** The wall-clock length of {@code sandboxTime}: the SDK waiter sleeps on the wall clock. */
    private Duration wall(Duration sandboxTime) {
        return Duration.ofNanos((long) (sandboxTime.toNanos() / sandbox.timeScale()));
    }

    private static void latency(LessonContext context, String name, Detection d) {
        if (d.detected() && d.latency() != null) {
            context.observe(Observation.millis(name, Math.max(0, d.latency().toNanos() / 1e6)));
        } else {
            context.note(d.detector() + " did not detect the transition: " + d.note());
        }
    }

    private void deleteLedger() throws IOException {
        if (ledgerDir != null) {
            try (Stream<Path> files = Files.walk(ledgerDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            ledgerDir = null;
        }
    }

    @Override
    public Verdict verdict(Map<String, Observation> o) {
        Observation events = o.get("eventLatency");
        Observation poll = o.get("pollLatency");
        if (events == null || poll == null) {
            return Verdict.missing("a detector did not see 'running' (" + (events == null ? "events" : "poller") + ")");
        }
        if (o.get("eventDescribeCalls").number() != 0 || o.get("pollCalls").number() < 1) {
            return Verdict.missing("events spent " + o.get("eventDescribeCalls").formatted()
                    + " DescribeInstances calls, the poller " + o.get("pollCalls").formatted());
        }
        return Verdict.occurred("the event arrived " + events.formatted() + " after the transition with no "
                + "DescribeInstances call; the poller spent " + o.get("pollCalls").formatted() + " calls and was "
                + poll.formatted() + " late");
    }
}
