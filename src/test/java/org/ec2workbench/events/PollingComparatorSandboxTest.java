package org.ec2workbench.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.events.PollingComparator.Detector;
import org.ec2workbench.events.PollingComparator.Transition;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.ec2workbench.sandbox.ScopeOnlyAccessControl;
import org.ec2workbench.sandbox.events.SandboxEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.cloudwatchevents.CloudWatchEventsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Events vs a DescribeInstances poller vs the SDK waiter, on the same transitions of the real sandbox. */
class PollingComparatorSandboxTest {

    @TempDir
    Path dir;

    /** Counts DescribeInstances requests on the wire. */
    private static final class DescribeCounter implements ExecutionInterceptor {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if ("DescribeInstances".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                count.incrementAndGet();
            }
        }
    }

    @Test
    void eventsDetectEveryTransitionWithinASecondWithoutDescribeCallsWhilePollersSpendTheirs() {
        Map<String, Instant> truth = new ConcurrentHashMap<>();
        DescribeCounter pollerCalls = new DescribeCounter();
        DescribeCounter waiterCalls = new DescribeCounter();
        DescribeCounter eventPathCalls = new DescribeCounter();
        try (Sandbox sandbox = Sandbox.builder().preset(Preset.CALM).timeScale(20).seed(3).build().start();
             SandboxEvents wiring = SandboxEvents.install(sandbox, new ScopeOnlyAccessControl(), Clock.system(), 3)) {
            // Ground truth: the moment the world announces each transition (the bridge hears it at the same moment).
            sandbox.world().addStateChangeListener(c -> truth.put(c.instanceId() + "/" + c.current().apiName(),
                    Clock.system().instant()));
            Credentials keys = sandbox.defaultCredentials();
            Connection connection = Connection.sandbox(sandbox.endpoint(), "us-east-1", keys.accessKeyId(),
                    keys.secretAccessKey());
            try (Ec2Client ec2 = ClientFactory.builder(connection).build().ec2();
                 Ec2Client pollerEc2 = ClientFactory.builder(connection).addInterceptor(pollerCalls).build().ec2();
                 Ec2Client waiterEc2 = ClientFactory.builder(connection).addInterceptor(waiterCalls).build().ec2();
                 CloudWatchEventsClient events = ClientFactory.builder(connection).addInterceptor(eventPathCalls).build().events();
                 SqsClient sqs = ClientFactory.builder(connection).addInterceptor(eventPathCalls).build().sqs()) {
                List<Transition> results = new ArrayList<>();
                PollingComparator[] holder = new PollingComparator[1];
                try (StateChangeSubscription sub = StateChangeSubscription.builder(events, sqs, "compare")
                        .ledger(new SubscriptionLedger(dir.resolve("ledger.jsonl"))).waitTimeSeconds(10)
                        .listener(e -> holder[0].onEvent(e)).build();
                     PollingComparator comparator = PollingComparator.builder(pollerEc2, waiterEc2)
                             .pollPolicy(BackoffPolicy.builder(BackoffPolicy.Kind.EXPONENTIAL).base(Duration.ofMillis(200))
                                     .multiplier(2).cap(Duration.ofMillis(1600)).unlimitedAttempts().build())
                             .waiterInterval(Duration.ofMillis(500)).maxWait(Duration.ofSeconds(30))
                             .eventCalls(() -> sub.stats().receiveCalls())
                             .transitionTimes((id, state) -> Optional.ofNullable(truth.get(id + "/" + state)))
                             .build()) {
                    holder[0] = comparator;
                    sub.start();
                    String image = ec2.describeImages(b -> b.owners("amazon")).images().stream()
                            .filter(i -> i.rootDeviceTypeAsString().equals("ebs")).findFirst().orElseThrow().imageId();
                    String[] id = new String[1];
                    results.add(comparator.measure(() -> id[0] = ec2.runInstances(b -> b.imageId(image)
                            .instanceType("t3.micro").minCount(1).maxCount(1)).instances().get(0).instanceId(), "running"));
                    results.add(comparator.measure(() -> stop(ec2, id[0]), "stopped"));
                    results.add(comparator.measure(() -> start(ec2, id[0]), "running"));
                    results.add(comparator.measure(() -> terminate(ec2, id[0]), "terminated"));
                }
                System.out.println(PollingComparator.table(results));

                for (Transition t : results) {
                    PollingComparator.Detection evented = t.of(Detector.EVENTS);
                    assertThat(evented.detected()).as("event for %s", t.targetState()).isTrue();
                    assertThat(evented.latency()).as("event latency for %s", t.targetState())
                            .isNotNull().isLessThan(Duration.ofSeconds(1));
                    assertThat(evented.describeCalls()).isZero();
                    assertThat(t.of(Detector.POLLER).detected()).isTrue();
                    assertThat(t.of(Detector.POLLER).describeCalls()).isPositive();
                    assertThat(t.of(Detector.WAITER).detected()).isTrue();
                    assertThat(t.of(Detector.WAITER).describeCalls()).isPositive();
                }
                int polled = results.stream().mapToInt(t -> t.of(Detector.POLLER).describeCalls()).sum();
                int waited = results.stream().mapToInt(t -> t.of(Detector.WAITER).describeCalls()).sum();
                assertThat(pollerCalls.count.get()).as("poller calls on the wire").isEqualTo(polled);
                assertThat(waiterCalls.count.get()).as("waiter calls on the wire").isEqualTo(waited);
                assertThat(eventPathCalls.count.get()).as("the event path never describes").isZero();
            }
        }
    }

    private static String stop(Ec2Client ec2, String id) {
        ec2.stopInstances(b -> b.instanceIds(id));
        return id;
    }

    private static String start(Ec2Client ec2, String id) {
        ec2.startInstances(b -> b.instanceIds(id));
        return id;
    }

    private static String terminate(Ec2Client ec2, String id) {
        ec2.terminateInstances(b -> b.instanceIds(id));
        return id;
    }
}
