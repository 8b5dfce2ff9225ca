package org.ec2workbench.ui.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Experiments sent through real SDK clients to a real embedded sandbox, without a toolkit. */
class ExperimentModelTest {

    private static final Executor DIRECT = Runnable::run;

    private Sandbox sandbox;
    private final AttemptStore session = new AttemptStore();
    private ExperimentModel model;

    @BeforeEach
    void setUp() {
        sandbox = Sandbox.builder().preset(Preset.LESSON).seed(3).build().start();
        Connection c = Connection.sandbox(sandbox.endpoint(), "us-east-1", sandbox.defaultCredentials().accessKeyId(),
                sandbox.defaultCredentials().secretAccessKey());
        model = new ExperimentModel(() -> c, session, "test-session", DIRECT, DIRECT, Clock.system());
    }

    @AfterEach
    void tearDown() {
        sandbox.close();
    }

    @Test
    void aBurstThrottlesAndEveryAttemptLandsInTheSession() {
        model.actionProperty().set(ExperimentAction.DESCRIBE_INSTANCES_UNFILTERED);
        model.concurrencyProperty().set(8);
        model.countProperty().set(60);
        model.rateProperty().set(0);
        model.retryProperty().set(RetryChoice.all().get(0)); // SDK standard: 3 attempts
        model.run();

        ExperimentResult result = model.resultProperty().get();
        assertThat(result.sent()).isEqualTo(60);
        assertThat(result.succeeded() + result.failed()).isEqualTo(60);
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
        assertThat(model.runningProperty().get()).isFalse();
        AttemptStore.Snapshot s = session.snapshot();
        assertThat(s.size()).isGreaterThan(60);
        int throttled = 0;
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.source(i)).isEqualTo(ExperimentModel.SOURCE);
            assertThat(s.action(i)).isEqualTo("DescribeInstances");
            if (s.category(i) == ErrorCategory.THROTTLING) {
                throttled++;
            }
        }
        assertThat(throttled).as("a burst of 60 against the lesson preset's unfiltered bucket throttles").isPositive();
        assertThat(model.messageProperty().get()).contains("60 calls");
    }

    @Test
    void createdResourcesAreListedAndCleanedUp() {
        model.actionProperty().set(ExperimentAction.CREATE_SECURITY_GROUP);
        model.concurrencyProperty().set(1);
        model.countProperty().set(3);
        model.rateProperty().set(2);
        model.retryProperty().set(RetryChoice.all().stream().filter(r -> r.policy() != null).findFirst().orElseThrow());
        model.run();
        assertThat(model.created()).hasSize(3).allMatch(r -> r.id().startsWith("sg-")
                && r.kind() == ResourceKind.SECURITY_GROUP && r.status() == CreatedResource.Status.CREATED);
        assertThat(model.needsConfirmation()).as("the sandbox is not real AWS").isFalse();

        model.cleanUp();
        assertThat(model.created()).hasSize(3).allMatch(r -> r.status() == CreatedResource.Status.DELETED);
        assertThat(model.canCleanUp().get()).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo("Clean-up: 3 removed.");
    }

    @Test
    void dryRunAsksTheEndpoint() {
        model.actionProperty().set(ExperimentAction.CREATE_SECURITY_GROUP);
        List<String> answers = new ArrayList<>();
        model.dryRun(answers::add);
        assertThat(answers).singleElement().asString().contains("DryRunOperation");
    }

    @Test
    void outOfRangeFieldsAreExplainedNotThrown() {
        model.countProperty().set(0);
        model.run();
        assertThat(model.messageProperty().get()).isEqualTo("count must be 1..10000, was 0");
        assertThat(model.runningProperty().get()).isFalse();
    }
}
