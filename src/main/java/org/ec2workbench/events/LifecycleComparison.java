package org.ec2workbench.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.Optional;
import java.util.function.BiFunction;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.BackoffPolicy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatchevents.CloudWatchEventsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One instance taken through launch → running, stop → stopped, start → running and terminate →
 * terminated, with every transition detected by events, the engine's poller and the SDK waiter (a
 * {@link PollingComparator} fed by a {@link StateChangeSubscription}). Creates one instance and the
 * subscription's queue and rule, and removes them all (the instance is terminated).
 */
public final class LifecycleComparison {

    /**
     * How to poll and wait.
     *
     * @param pollPolicy     the engine poller's intervals
     * @param waiterInterval the SDK waiter's poll interval
     * @param maxWait        how long any detector may wait for one transition
     * @param instanceType   the instance type to launch
     */
    public record Settings(BackoffPolicy pollPolicy, Duration waiterInterval, Duration maxWait, String instanceType) {
        public Settings {
            Objects.requireNonNull(pollPolicy, "pollPolicy");
            Objects.requireNonNull(waiterInterval, "waiterInterval");
            Objects.requireNonNull(maxWait, "maxWait");
            Objects.requireNonNull(instanceType, "instanceType");
        }

        /**
         * Realistic client intervals divided by {@code timeScale} (so a sandbox running X times faster keeps
         * the real proportions): the poller exponential from 1 s to 15 s, the SDK waiter every 15 s.
         */
        public static Settings scaled(double timeScale) {
            BackoffPolicy policy = BackoffPolicy.builder(BackoffPolicy.Kind.EXPONENTIAL)
                    .base(scale(Duration.ofSeconds(1), timeScale)).multiplier(2)
                    .cap(scale(Duration.ofSeconds(15), timeScale)).unlimitedAttempts().build();
            return new Settings(policy, scale(Duration.ofSeconds(15), timeScale),
                    scale(Duration.ofMinutes(10), timeScale), "t3.micro");
        }

        private static Duration scale(Duration d, double timeScale) {
            return Duration.ofNanos(Math.max(1_000_000L, (long) (d.toNanos() / timeScale)));
        }
    }

    /** The steps of a run, for progress: set-up, then the four transitions. */
    public static final List<String> STEPS = List.of("subscribing and warming the clients", "launch → running",
            "stop → stopped", "start → running", "terminate → terminated");

    /** What a caller hears during a run (on the running thread). */
    public interface Observer {
        /** Step {@code index} of {@link #STEPS} begins ({@code index} steps are done). */
        default void step(int index, String description) {
        }

        /** The instance was launched (before any wait): the caller can track it until it is terminated. */
        default void launched(String instanceId) {
        }

        /** The instance was terminated by the run (the last step was sent, or the run stopped early). */
        default void terminated(String instanceId) {
        }

        /** Transition {@code index} (0 = launch) was measured by all three detectors. */
        default void measured(int index, PollingComparator.Transition transition) {
        }

        /** The run's subscription delivered {@code event} (every event, duplicates included). */
        default void event(StateChangeEvent event) {
        }

        /** Interceptors to add to every client of the run, e.g. to capture its attempts on a timeline. */
        default List<ExecutionInterceptor> interceptors() {
            return List.of();
        }
    }

    private LifecycleComparison() {
    }

    /**
     * Runs the four transitions.
     *
     * @param connection      where to run (sandbox or AWS)
     * @param sessionId       names the subscription's resources
     * @param ledger          the subscription ledger
     * @param transitionTimes the true time of a transition when known (else the event's own time is used)
     */
    public static List<PollingComparator.Transition> run(Connection connection, String sessionId, SubscriptionLedger ledger,
                                                         Settings settings,
                                                         BiFunction<String, String, Optional<Instant>> transitionTimes) {
        return run(connection, sessionId, ledger, settings, transitionTimes, Map.of(), new Observer() { });
    }

    /**
     * Runs the four transitions, tagging the instance with {@code tags} at launch and telling {@code observer}
     * each step. Interrupting the running thread stops the run between (or inside) transitions with a
     * {@link CancellationException}; the instance is still terminated.
     */
    public static List<PollingComparator.Transition> run(Connection connection, String sessionId, SubscriptionLedger ledger,
                                                         Settings settings,
                                                         BiFunction<String, String, Optional<Instant>> transitionTimes,
                                                         Map<String, String> tags, Observer observer) {
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(observer, "observer");
        List<PollingComparator.Transition> results = new ArrayList<>();
        boolean[] cancelled = {false};
        PollingComparator[] comparator = new PollingComparator[1];
        CallCounter pollerCalls = new CallCounter("DescribeInstances");
        CallCounter waiterCalls = new CallCounter("DescribeInstances");
        ClientFactory clients = clients(connection, observer, null);
        try (Ec2Client ec2 = clients.ec2();
             Ec2Client pollerEc2 = clients(connection, observer, pollerCalls).ec2();
             Ec2Client waiterEc2 = clients(connection, observer, waiterCalls).ec2();
             CloudWatchEventsClient events = clients.events();
             SqsClient sqs = clients.sqs();
             StateChangeSubscription sub = StateChangeSubscription.builder(events, sqs, sessionId).ledger(ledger)
                     .connection(connection.label()).listener(e -> {
                         comparator[0].onEvent(e);
                         observer.event(e);
                     }).build()) {
            comparator[0] = PollingComparator.builder(pollerEc2, waiterEc2).pollPolicy(settings.pollPolicy())
                    .waiterInterval(settings.waiterInterval()).maxWait(settings.maxWait())
                    .eventCalls(() -> sub.stats().receiveCalls()).wireCalls(pollerCalls::count, waiterCalls::count)
                    .transitionTimes(transitionTimes).build();
            try (PollingComparator c = comparator[0]) {
                observer.step(0, STEPS.get(0));
                sub.start();
                // Warm both detectors' clients up, so SDK start-up time does not count as detection latency.
                pollerEc2.describeInstances(b -> b.maxResults(5));
                waiterEc2.describeInstances(b -> b.maxResults(5));
                String image = ec2.describeImages(b -> b.owners("amazon").filters(
                                f -> f.name("root-device-type").values("ebs"))).images().stream()
                        .findFirst().orElseThrow(() -> new IllegalStateException("no EBS-backed Amazon image found"))
                        .imageId();
                String[] id = new String[1];
                List<Tag> tagList = tags.entrySet().stream()
                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
                try {
                    checkCancelled(1, observer);
                    record(results, observer, c.measure(() -> {
                        id[0] = ec2.runInstances(b -> {
                            b.imageId(image).instanceType(settings.instanceType()).minCount(1).maxCount(1);
                            if (!tagList.isEmpty()) {
                                b.tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                                        .tags(tagList).build());
                            }
                        }).instances().get(0).instanceId();
                        observer.launched(id[0]);
                        return id[0];
                    }, "running"));
                    checkCancelled(2, observer);
                    record(results, observer, c.measure(() -> act(() -> ec2.stopInstances(b -> b.instanceIds(id[0])), id[0]), "stopped"));
                    checkCancelled(3, observer);
                    record(results, observer, c.measure(() -> act(() -> ec2.startInstances(b -> b.instanceIds(id[0])), id[0]), "running"));
                    checkCancelled(4, observer);
                    record(results, observer, c.measure(() -> act(() -> ec2.terminateInstances(b -> b.instanceIds(id[0])), id[0]),
                            "terminated"));
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("cancelled after the last transition was sent");
                    }
                } finally {
                    // An interrupted thread makes the SDK abort its calls: clear the flag so the instance is terminated
                    // and the subscription removed, and report the cancellation once they are.
                    cancelled[0] |= Thread.interrupted();
                    if (id[0] != null) {
                        if (results.size() < 4) {
                            ec2.terminateInstances(b -> b.instanceIds(id[0]));
                        }
                        observer.terminated(id[0]);
                    }
                }
            }
        }
        if (cancelled[0]) {
            throw new CancellationException("cancelled after " + results.size() + " of 4 transitions");
        }
        return results;
    }

    private static void record(List<PollingComparator.Transition> results, Observer observer,
                               PollingComparator.Transition t) {
        results.add(t);
        observer.measured(results.size() - 1, t);
    }

    private static ClientFactory clients(Connection connection, Observer observer, CallCounter counter) {
        ClientFactory.Builder b = ClientFactory.builder(connection);
        if (counter != null) {
            b.addInterceptor(counter);
        }
        observer.interceptors().forEach(b::addInterceptor);
        return b.build();
    }

    private static void checkCancelled(int step, Observer observer) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled before " + STEPS.get(step));
        }
        observer.step(step, STEPS.get(step));
    }

    private static String act(Runnable call, String instanceId) {
        call.run();
        return instanceId;
    }
}
