package org.ec2workbench.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ec2workbench.sandbox.SandboxTestSupport.assertEc2Error;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.ec2workbench.backoff.VirtualClock;
import org.ec2workbench.sandbox.world.InstanceState;
import org.ec2workbench.sandbox.world.StateChange;
import org.ec2workbench.sandbox.world.WorldSettings;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/** Throttling, consistency, lifecycle and limits, each on a virtual clock so the numbers are exact. */
class SandboxBehaviourTest {

    private final VirtualClock clock = new VirtualClock(SandboxTestSupport.ORIGIN);

    @Test
    void filteredDescribeInstancesThrottlesAtTheNonMutatingBucketSize() {
        try (Sandbox sandbox = SandboxTestSupport.onVirtualClock(clock, Preset.REALISTIC, null, 1);
             Ec2Client ec2 = SandboxTestSupport.client(sandbox)) {
            for (int i = 0; i < 100; i++) {
                ec2.describeInstances(r -> r.filters(f -> f.name("instance-state-name").values("running")));
            }
            assertEc2Error(() -> ec2.describeInstances(r -> r.filters(f -> f.name("instance-state-name")
                    .values("running"))), "RequestLimitExceeded", 503).hasMessageContaining("Request limit exceeded.");
            clock.advance(TimeUnit.MILLISECONDS.toNanos(50));
            ec2.describeInstances(r -> r.filters(f -> f.name("instance-state-name").values("running")));
            assertThat(sandbox.buckets()).anySatisfy(b -> {
                assertThat(b.name()).isEqualTo("DescribeInstances");
                assertThat(b.capacity()).isEqualTo(100);
                assertThat(b.refillPerSecond()).isEqualTo(20);
            });
        }
    }

    @Test
    void unfilteredDescribeInstancesUsesTheSmallerBucket() {
        try (Sandbox sandbox = SandboxTestSupport.onVirtualClock(clock, Preset.REALISTIC, null, 1);
             Ec2Client ec2 = SandboxTestSupport.client(sandbox)) {
            for (int i = 0; i < 50; i++) {
                ec2.describeInstances();
            }
            assertEc2Error(ec2::describeInstances, "RequestLimitExceeded", 503);
            ec2.describeInstances(r -> r.maxResults(5));
            clock.advance(TimeUnit.MILLISECONDS.toNanos(100));
            ec2.describeInstances();
        }
    }

    @Test
    void runInstancesHasItsOwnBucketAndLessonPresetThrottlesAfterAboutThirtyCalls() {
        try (Sandbox sandbox = SandboxTestSupport.onVirtualClock(clock, Preset.REALISTIC,
                WorldSettings.calm().withInstanceLimit(50), 1);
             Ec2Client ec2 = SandboxTestSupport.client(sandbox)) {
            String ami = SandboxTestSupport.ebsImage(ec2).imageId();
            for (int i = 0; i < 5; i++) {
                ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1));
            }
            assertEc2Error(() -> ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1)),
                    "RequestLimitExceeded", 503);
        }
        try (Sandbox sandbox = SandboxTestSupport.onVirtualClock(clock, Preset.LESSON, null, 1);
             Ec2Client ec2 = SandboxTestSupport.client(sandbox)) {
            int ok = 0;
            try {
                while (ok < 100) {
                    ec2.describeInstances(r -> r.maxResults(5));
                    ok++;
                }
            } catch (Ec2Exception e) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
            }
            assertThat(ok).isEqualTo(30);
        }
    }

    @Test
    void throttlingIncidentAndServerErrorsAreKnobs() {
        try (Sandbox sandbox = SandboxTestSupport.onVirtualClock(clock, Preset.REALISTIC, null, 1);
             Ec2Client ec2 = SandboxTestSupport.client(sandbox)) {
            sandbox.setFaults(Faults.builder().throttlingIncident(10).build());
            for (int i = 0; i < 10; i++) {
                ec2.describeInstances(r -> r.maxResults(5));
            }
            assertEc2Error(() -> ec2.describeInstances(r -> r.maxResults(5)), "RequestLimitExceeded", 503);
            sandbox.setFaults(Faults.builder().serverErrorRate(1).build());
            assertThatThrownBy(() -> ec2.describeRegions()).isInstanceOf(Ec2Exception.class)
                    .satisfies(e -> assertThat(((Ec2Exception) e).statusCode()).isIn(500, 503))
                    .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode())
                            .isIn("InternalError", "Unavailable"));
            sandbox.setFaults(Faults.NONE);
            ec2.describeRegions();
        }
    }

    @Test
    void newInstanceIsNotFoundUntilItPropagatesAndNotFoundTerminateLeavesItRunning() {
        WorldSettings lagging = WorldSettings.lesson().withPropagation(Duration.ofSeconds(4), 0.3, 3);
        try (Sandbox sandbox = SandboxTestSupport.onVirtualClock(clock, Preset.CALM, lagging, 7);
             Ec2Client ec2 = SandboxTestSupport.client(sandbox)) {
            String id = SandboxTestSupport.ids(SandboxTestSupport.launch(ec2, 1)).get(0);
            assertEc2Error(() -> ec2.describeInstances(r -> r.instanceIds(id)), "InvalidInstanceID.NotFound", 400)
                    .hasMessageContaining("The instance ID '" + id + "' does not exist");
            assertEc2Error(() -> ec2.terminateInstances(r -> r.instanceIds(id)), "InvalidInstanceID.NotFound", 400);
            assertThat(sandbox.world().instances("123456789012", "us-east-1")).singleElement()
                    .satisfies(i -> assertThat(i.state()).isIn(InstanceState.PENDING, InstanceState.RUNNING));
            assertThat(sandbox.stateJson()).contains("\"propagations\"").contains(id);

            // Describe with exponential backoff from 1 s, as the guidance says, until it is visible.
            long waitedMillis = 0;
            int notFound = 1;
            for (long delay = 1000; ; delay *= 2) {
                clock.advance(TimeUnit.MILLISECONDS.toNanos(delay));
                waitedMillis += delay;
                try {
                    ec2.describeInstances(r -> r.instanceIds(id));
                    break;
                } catch (Ec2Exception e) {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
                    notFound++;
                }
                assertThat(waitedMillis).isLessThan(300_000);
            }
            assertThat(notFound).isGreaterThanOrEqualTo(1);
            clock.advance(TimeUnit.SECONDS.toNanos(300));
            for (int i = 0; i < 20; i++) {
                assertThat(ec2.describeInstances(r -> r.instanceIds(id)).reservations()).hasSize(1);
            }
            ec2.terminateInstances(r -> r.instanceIds(id));
        }
    }

    @Test
    void visibilityFlapsAcrossReplicasBeforeItSettles() {
        WorldSettings lagging = WorldSettings.lesson().withPropagation(Duration.ofSeconds(4), 1.0, 3);
        try (Sandbox sandbox = SandboxTestSupport.onVirtualClock(clock, Preset.CALM, lagging, 3);
             Ec2Client ec2 = SandboxTestSupport.client(sandbox)) {
            boolean flapped = false;
            for (int attempt = 0; attempt < 20 && !flapped; attempt++) {
                String id = SandboxTestSupport.ids(SandboxTestSupport.launch(ec2, 1)).get(0);
                List<Boolean> seen = new ArrayList<>();
                for (int step = 0; step < 60; step++) {
                    clock.advance(TimeUnit.MILLISECONDS.toNanos(250));
                    try {
                        ec2.describeInstances(r -> r.instanceIds(id));
                        seen.add(true);
                    } catch (Ec2Exception e) {
                        seen.add(false);
                    }
                }
                int firstVisible = seen.indexOf(true);
                flapped = firstVisible >= 0 && seen.subList(firstVisible, seen.size()).contains(false);
                assertThat(seen.get(seen.size() - 1)).as("settles").isTrue();
            }
            assertThat(flapped).as("visible, then not found again, before settling").isTrue();
        }
    }

    @Test
    void lifecycleEmitsEveryTransitionInOrder() throws InterruptedException {
        List<StateChange> changes = new CopyOnWriteArrayList<>();
        try (Sandbox sandbox = SandboxTestSupport.onVirtualClock(clock, Preset.CALM, null, 5);
             Ec2Client ec2 = SandboxTestSupport.client(sandbox)) {
            sandbox.world().addStateChangeListener(changes::add);
            String id = SandboxTestSupport.ids(SandboxTestSupport.launch(ec2, 1)).get(0);
            clock.advance(TimeUnit.MINUTES.toNanos(3));
            ec2.stopInstances(r -> r.instanceIds(id));
            clock.advance(TimeUnit.MINUTES.toNanos(3));
            ec2.startInstances(r -> r.instanceIds(id));
            clock.advance(TimeUnit.MINUTES.toNanos(3));
            ec2.terminateInstances(r -> r.instanceIds(id));
            clock.advance(TimeUnit.MINUTES.toNanos(3));
            assertThat(ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0)
                    .state().name()).isEqualTo(InstanceStateName.TERMINATED);
            for (int i = 0; i < 100 && changes.size() < 9; i++) {
                Thread.sleep(10);
            }
        }
        assertThat(changes).extracting(StateChange::current).containsExactly(InstanceState.PENDING,
                InstanceState.RUNNING, InstanceState.STOPPING, InstanceState.STOPPED, InstanceState.PENDING,
                InstanceState.RUNNING, InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED);
        assertThat(changes.get(0).previous()).isNull();
        assertThat(changes.get(1).previous()).isEqualTo(InstanceState.PENDING);
        assertThat(changes).allSatisfy(c -> {
            assertThat(c.region()).isEqualTo("us-east-1");
            assertThat(c.account()).isEqualTo("123456789012");
        });
        assertThat(changes.get(1).time()).isAfter(changes.get(0).time());
    }

    @Test
    void lifecycleRunsOnItsOwnAtAHighTimeScale() throws InterruptedException {
        try (Sandbox sandbox = Sandbox.builder().preset(Preset.CALM).timeScale(2000).build().start();
             Ec2Client ec2 = SandboxTestSupport.client(sandbox)) {
            String id = SandboxTestSupport.ids(SandboxTestSupport.launch(ec2, 1)).get(0);
            InstanceStateName state = InstanceStateName.PENDING;
            for (int i = 0; i < 200 && state != InstanceStateName.RUNNING; i++) {
                Thread.sleep(20);
                state = ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0)
                        .state().name();
            }
            assertThat(state).isEqualTo(InstanceStateName.RUNNING);
        }
    }

    @Test
    void recentlyTerminatedInstancesStillCountTowardTheLimit() {
        WorldSettings limited = WorldSettings.calm().withInstanceLimit(5).withTerminatedCountsFor(Duration.ofMinutes(10));
        try (Sandbox sandbox = SandboxTestSupport.onVirtualClock(clock, Preset.CALM, limited, 9);
             Ec2Client ec2 = SandboxTestSupport.client(sandbox)) {
            String ami = SandboxTestSupport.ebsImage(ec2).imageId();
            List<String> ids = SandboxTestSupport.ids(ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(10)));
            assertThat(ids).as("MaxCount is trimmed to the room left").hasSize(5);
            assertEc2Error(() -> ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1)),
                    "InstanceLimitExceeded", 400).hasMessageContaining("current instance limit of 5");
            ec2.terminateInstances(r -> r.instanceIds(ids));
            clock.advance(TimeUnit.MINUTES.toNanos(2));
            assertThat(ec2.describeInstances(r -> r.instanceIds(ids)).reservations().get(0).instances())
                    .allSatisfy(i -> assertThat(i.state().name()).isEqualTo(InstanceStateName.TERMINATED));
            assertEc2Error(() -> ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1)),
                    "InstanceLimitExceeded", 400);
            clock.advance(TimeUnit.MINUTES.toNanos(10));
            assertThat(ec2.runInstances(r -> r.imageId(ami).minCount(5).maxCount(5)).instances()).hasSize(5);
        }
    }
}
