package org.ec2workbench.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.BackoffPolicy;
import software.amazon.awssdk.services.cloudwatchevents.CloudWatchEventsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
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
        List<PollingComparator.Transition> results = new ArrayList<>();
        PollingComparator[] comparator = new PollingComparator[1];
        CallCounter pollerCalls = new CallCounter("DescribeInstances");
        CallCounter waiterCalls = new CallCounter("DescribeInstances");
        ClientFactory clients = ClientFactory.builder(connection).build();
        try (Ec2Client ec2 = clients.ec2();
             Ec2Client pollerEc2 = ClientFactory.builder(connection).addInterceptor(pollerCalls).build().ec2();
             Ec2Client waiterEc2 = ClientFactory.builder(connection).addInterceptor(waiterCalls).build().ec2();
             CloudWatchEventsClient events = clients.events();
             SqsClient sqs = clients.sqs();
             StateChangeSubscription sub = StateChangeSubscription.builder(events, sqs, sessionId).ledger(ledger)
                     .connection(connection.label()).listener(e -> comparator[0].onEvent(e)).build()) {
            comparator[0] = PollingComparator.builder(pollerEc2, waiterEc2).pollPolicy(settings.pollPolicy())
                    .waiterInterval(settings.waiterInterval()).maxWait(settings.maxWait())
                    .eventCalls(() -> sub.stats().receiveCalls()).wireCalls(pollerCalls::count, waiterCalls::count)
                    .transitionTimes(transitionTimes).build();
            try (PollingComparator c = comparator[0]) {
                sub.start();
                // Warm both detectors' clients up, so SDK start-up time does not count as detection latency.
                pollerEc2.describeInstances(b -> b.maxResults(5));
                waiterEc2.describeInstances(b -> b.maxResults(5));
                String image = ec2.describeImages(b -> b.owners("amazon").filters(
                                f -> f.name("root-device-type").values("ebs"))).images().stream()
                        .findFirst().orElseThrow(() -> new IllegalStateException("no EBS-backed Amazon image found"))
                        .imageId();
                String[] id = new String[1];
                try {
                    results.add(c.measure(() -> id[0] = ec2.runInstances(b -> b.imageId(image)
                            .instanceType(settings.instanceType()).minCount(1).maxCount(1)).instances().get(0).instanceId(),
                            "running"));
                    results.add(c.measure(() -> act(() -> ec2.stopInstances(b -> b.instanceIds(id[0])), id[0]), "stopped"));
                    results.add(c.measure(() -> act(() -> ec2.startInstances(b -> b.instanceIds(id[0])), id[0]), "running"));
                    results.add(c.measure(() -> act(() -> ec2.terminateInstances(b -> b.instanceIds(id[0])), id[0]),
                            "terminated"));
                } finally {
                    if (id[0] != null && results.size() < 4) {
                        ec2.terminateInstances(b -> b.instanceIds(id[0]));
                    }
                }
            }
        }
        return results;
    }

    private static String act(Runnable call, String instanceId) {
        call.run();
        return instanceId;
    }
}
