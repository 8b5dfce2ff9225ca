package org.ec2workbench.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.events.PollingComparator.Detection;
import org.ec2workbench.events.PollingComparator.Detector;
import org.ec2workbench.events.PollingComparator.Transition;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.ec2workbench.sandbox.events.SandboxEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events vs a DescribeInstances poller vs the SDK waiter, on the same transitions of the real sandbox. */
class PollingComparatorSandboxTest {

    @TempDir
    Path dir;

    @Test
    void eventsDetectEveryTransitionWithinASecondWithoutDescribeCallsWhilePollersSpendTheirs() {
        Map<String, Instant> truth = new ConcurrentHashMap<>();
        List<Transition> results;
        try (Sandbox sandbox = Sandbox.builder().preset(Preset.CALM).timeScale(20).seed(3).eventsAndQueues(false).build().start()) {
            // Ground truth: the moment the world announces each transition, told before the events bridge.
            sandbox.world().addStateChangeListener(c -> truth.put(c.instanceId() + "/" + c.current().apiName(),
                    Clock.system().instant()));
            try (SandboxEvents services = SandboxEvents.install(sandbox, Clock.system(), 3)) {
                Credentials keys = sandbox.defaultCredentials();
                results = LifecycleComparison.run(Connection.sandbox(sandbox.endpoint(), "us-east-1", keys.accessKeyId(),
                                keys.secretAccessKey()), "compare", new SubscriptionLedger(dir.resolve("ledger.jsonl")),
                        LifecycleComparison.Settings.scaled(20), (id, state) -> Optional.ofNullable(truth.get(id + "/" + state)));
                assertThat(services.events().stats().delivered()).as("every transition went through SQS").isEqualTo(8);
            }
        }
        System.out.println(PollingComparator.table(results));

        assertThat(results).extracting(Transition::targetState).containsExactly("running", "stopped", "running", "terminated");
        for (Transition t : results) {
            Detection evented = t.of(Detector.EVENTS);
            assertThat(evented.detected()).as("event for %s", t.targetState()).isTrue();
            assertThat(evented.latency()).as("event latency for %s", t.targetState())
                    .isNotNull().isLessThan(Duration.ofSeconds(1));
            assertThat(evented.describeCalls()).isZero();
            assertThat(evented.otherCalls()).as("ReceiveMessage calls").isPositive();
            for (Detector polling : List.of(Detector.POLLER, Detector.WAITER)) {
                assertThat(t.of(polling).detected()).as("%s for %s", polling, t.targetState()).isTrue();
                assertThat(t.of(polling).describeCalls()).as("%s describes on the wire", polling).isPositive();
            }
        }
    }
}
