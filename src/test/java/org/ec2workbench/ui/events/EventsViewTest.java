package org.ec2workbench.ui.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZoneOffset;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class EventsViewTest {

    @TempDir
    static Path dir;

    @Start
    void start(Stage stage) {
        EventsModel model = new EventsModel(() -> null, () -> 1, dir.resolve("s.jsonl"), "view", Runnable::run,
                Platform::runLater);
        stage.setScene(new Scene((javafx.scene.Parent) new EventsView(model, ZoneOffset.UTC).root(), 900, 600));
        stage.show();
    }

    @Test
    void showsTheSubscribeButtonAndExplainsAMissingConnection(FxRobot robot) {
        Button subscribe = robot.lookup("#events-subscribe").queryAs(Button.class);
        assertThat(subscribe.getText()).isEqualTo("Subscribe");
        assertThat(robot.lookup("#events-compare").tryQuery()).isPresent();
        robot.clickOn("#events-subscribe");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#events-error").queryAs(Label.class).getText()).contains("No connection");
        assertThat(subscribe.getText()).isEqualTo("Subscribe");
    }
}
