package org.ec2workbench.ui.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

class ExperimentRunnerTest {

    /** Counts how many callbacks are inside at once; each lingers a little so overlaps would show. */
    private static final class Overlap {
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();

        void enter() {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inside.decrementAndGet();
        }
    }

    private static ExperimentRunner runner(Sandbox sandbox) {
        Connection c = Connection.sandbox(sandbox.endpoint(), "us-east-1",
                sandbox.defaultCredentials().accessKeyId(), sandbox.defaultCredentials().secretAccessKey());
        return new ExperimentRunner(ClientFactory.builder(c).build(), Clock.system());
    }

    @Test
    void workersHandOverCreatedResourcesAndProgressOneAtATime() throws Exception {
        try (Sandbox sandbox = Sandbox.builder().preset(Preset.CALM).seed(5).build().start()) {
            ExperimentRunner runner = runner(sandbox);
            Overlap overlap = new Overlap();
            List<CreatedResource> created = new ArrayList<>();
            ExperimentResult result = runner.run(
                    new ExperimentSpec(ExperimentAction.CREATE_KEY_PAIR, 8, 0, 40, RetryChoice.all().get(0)),
                    new ExperimentTarget("runner-test", 1, Optional.empty()),
                    n -> overlap.enter(),
                    r -> {
                        overlap.enter();
                        created.add(r); // a plain list: safe only because the runner hands over one at a time
                    });

            assertThat(result.succeeded()).isEqualTo(40);
            assertThat(created).hasSize(40);
            assertThat(created).extracting(CreatedResource::id).doesNotHaveDuplicates();
            assertThat(overlap.most.get()).as("callbacks inside at once").isEqualTo(1);
        }
    }

    @Test
    void aCallbackThatThrowsIsCountedAsAFailureAndTheRunGoesOn() throws Exception {
        try (Sandbox sandbox = Sandbox.builder().preset(Preset.CALM).seed(6).build().start()) {
            ExperimentRunner runner = runner(sandbox);
            AtomicInteger heard = new AtomicInteger();
            ExperimentResult result = runner.run(
                    new ExperimentSpec(ExperimentAction.CREATE_KEY_PAIR, 1, 0, 5, RetryChoice.all().get(0)),
                    new ExperimentTarget("runner-test", 1, Optional.empty()),
                    n -> { },
                    r -> {
                        if (heard.incrementAndGet() == 1) {
                            throw new IllegalStateException("a broken consumer");
                        }
                    });

            assertThat(result.sent()).isEqualTo(5);
            assertThat(result.succeeded()).isEqualTo(4);
            assertThat(result.failures()).containsExactly(java.util.Map.entry("IllegalStateException", 1));
            assertThat(result.created()).as("the key pair exists all the same, so clean-up knows it").hasSize(5);
        }
    }
}
