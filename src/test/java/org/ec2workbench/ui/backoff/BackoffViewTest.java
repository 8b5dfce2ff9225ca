package org.ec2workbench.ui.backoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.ec2workbench.backoff.BackoffPolicy.Kind;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.ui.common.Plot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class BackoffViewTest {

    @TempDir
    Path dir;

    private BackoffModel model;
    private BackoffView view;

    @Start
    void start(Stage stage) {
        model = new BackoffModel(new AttemptStore());
        view = new BackoffView(model, new Label("contention"));
        stage.setScene(new Scene(view.root(), 1280, 800));
        stage.show();
    }

    @Test
    void checkingAPolicyPlotsIt(FxRobot robot) {
        assertThat(model.shown()).doesNotContain(Kind.EQUAL_JITTER);
        javafx.scene.Node cell = robot.lookup("#backoff-policies").lookup(".list-cell")
                .match((javafx.scene.control.ListCell<?> c) -> c.getItem() == Kind.EQUAL_JITTER).query();
        robot.clickOn(robot.from(cell).lookup(".check-box").queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.shown()).contains(Kind.EQUAL_JITTER);
        assertThat(robot.lookup("#backoff-delay-plot").queryAs(Plot.class).data().layers())
                .anyMatch(l -> l.series() == Kind.EQUAL_JITTER.ordinal());
        assertThat(robot.lookup("#backoff-legend").lookup("Equal jitter").tryQuery()).isPresent();
    }

    @Test
    void propertySheetEditsTheParametersThroughTheEngine(FxRobot robot) {
        TextField base = robot.lookup("#backoff-parameters").lookup(".text-field").queryAs(TextField.class);
        assertThat(base.getText()).isEqualTo("100ms");
        robot.doubleClickOn(base).eraseText(10).write("nonsense").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#backoff-error").queryLabeled().isVisible()).isTrue();
        assertThat(model.policy(Kind.FULL_JITTER).base().toMillis()).isEqualTo(100);

        robot.doubleClickOn(base).eraseText(20).write("2s").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.policy(Kind.FULL_JITTER).base().toMillis()).isEqualTo(2000);
        assertThat(robot.lookup("#backoff-error").queryLabeled().isVisible()).isFalse();
    }

    @Test
    void exportsThePlotsAsPng(FxRobot robot) throws Exception {
        Path file = dir.resolve("plots.png");
        robot.interact(() -> {
            try {
                view.exportPng(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(Files.size(file)).isGreaterThan(1_000);
        assertThat(image.getWidth()).isGreaterThan(400);
        assertThat(image.getHeight()).isGreaterThan(300);
    }
}
