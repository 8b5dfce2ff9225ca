package org.ec2workbench.ui.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.ec2workbench.ui.connection.DialogMutationGuard;
import org.ec2workbench.ui.timeline.TimelineModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Experiment page in AWS mode, driven by robot clicks through the real confirmation dialogs. */
@ExtendWith(ApplicationExtension.class)
class ExperimentViewAwsModeTest {

    private Sandbox sandbox;
    private final AttemptStore session = new AttemptStore();
    private ExperimentModel model;
    private final java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newCachedThreadPool();

    @Start
    void start(Stage stage) {
        sandbox = Sandbox.builder().preset(Preset.CALM).seed(4).build().start();
        Connection c = Connection.sandbox(sandbox.endpoint(), "us-east-1", sandbox.defaultCredentials().accessKeyId(),
                sandbox.defaultCredentials().secretAccessKey());
        model = new ExperimentModel(() -> c, () -> true, new CreatedResources(), session, "view-test",
                background, Platform::runLater, Clock.system());
        model.actionProperty().set(ExperimentAction.CREATE_KEY_PAIR);
        model.countProperty().set(2);
        model.concurrencyProperty().set(1);
        stage.setScene(new Scene(new ExperimentView(model, new TimelineModel(session)).root(), 1200, 700));
        stage.show();
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
        sandbox.close();
    }

    @Test
    void runAsksWithDryRunAsTheDefaultAndSendsOnlyWhatTheUserConfirms(FxRobot robot) throws Exception {
        robot.clickOn("#experiment-run");
        DialogPane first = robot.lookup("#" + DialogMutationGuard.PANE_ID).queryAs(DialogPane.class);
        assertThat(first.getHeaderText()).isEqualTo("Mutating calls against AWS");
        assertThat(robot.lookup("#guard-dry-run").queryAs(Button.class).isDefaultButton()).isTrue();
        assertThat(robot.lookup("#guard-send").queryAs(Button.class).getText()).isEqualTo("Send to AWS");
        assertThat(session.size()).as("nothing sent while the dialog is open").isZero();

        robot.clickOn("#guard-dry-run");
        await(() -> robot.lookup("#" + DialogMutationGuard.PANE_ID).tryQuery().isPresent()
                && "DryRun result".equals(robot.lookup("#" + DialogMutationGuard.PANE_ID).queryAs(DialogPane.class)
                .getHeaderText()));
        assertThat(robot.lookup("#" + DialogMutationGuard.PANE_ID).queryAs(DialogPane.class).getContentText())
                .contains("DryRunOperation");
        robot.clickOn("#guard-cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.size()).as("only the DryRun went out").isEqualTo(1);
        assertThat(session.snapshot().errorCode(0)).isEqualTo("DryRunOperation");
        assertThat(model.created()).isEmpty();

        robot.clickOn("#experiment-run");
        robot.clickOn("#guard-send");
        await(() -> model.created().size() == 2 && !model.runningProperty().get());
        ListView<?> list = robot.lookup("#experiment-created").queryAs(ListView.class);
        assertThat(list.getItems()).hasSize(2);
        assertThat(robot.lookup("#experiment-clean-up").queryAs(Button.class).isDisabled()).isFalse();

        robot.clickOn("#experiment-clean-up");
        assertThat(robot.lookup("#" + DialogMutationGuard.PANE_ID).queryAs(DialogPane.class).getHeaderText())
                .isEqualTo("Delete resources in AWS");
        robot.clickOn("#guard-send");
        await(() -> !model.runningProperty().get()
                && model.created().stream().allMatch(r -> r.status() == CreatedResource.Status.DELETED));
        assertThat(model.messageProperty().get()).isEqualTo("Clean-up: 2 removed.");
    }

    private static void await(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get(5, TimeUnit.SECONDS)) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
