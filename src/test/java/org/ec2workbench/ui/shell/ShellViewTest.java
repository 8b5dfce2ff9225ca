package org.ec2workbench.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.ec2workbench.ui.prefs.InMemoryPreferencesStore;
import org.ec2workbench.ui.prefs.UiPreferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ShellViewTest {

    private final InMemoryPreferencesStore store = new InMemoryPreferencesStore();
    private ShellModel model;

    @Start
    void start(Stage stage) {
        model = new ShellModel(new UiPreferences(store));
        ShellView view = new ShellView(model, page -> new Label("content of " + page.title()));
        stage.setScene(new Scene(view.root(), 1000, 700));
        stage.show();
    }

    @Test
    void navigationButtonsSwitchPagesAndRememberTheChoice(FxRobot robot) {
        assertThat(robot.lookup("#page-timeline").tryQuery()).isPresent();
        robot.clickOn("#nav-backoff");
        assertThat(model.pageProperty().get()).isEqualTo(Page.BACKOFF);
        assertThat(robot.lookup("#page-backoff").queryAs(Label.class).getText()).isEqualTo("content of Backoff");
        assertThat(robot.lookup("#page-timeline").tryQuery()).isEmpty();
        assertThat(store.get("shell.page")).contains("BACKOFF");

        robot.clickOn("#nav-backoff"); // clicking the current page keeps it selected
        assertThat(robot.lookup("#nav-backoff").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
    }

    @Test
    void shortcutsSwitchPagesAndTheme(FxRobot robot) {
        robot.clickOn("#page-timeline");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT6).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.pageProperty().get()).isEqualTo(Page.CONNECTION);
        assertThat(robot.lookup("#nav-connection").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.D).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.darkThemeProperty().get()).isTrue();
        assertThat(store.get("theme.dark")).contains("true");
    }

    @Test
    void statusBarShowsConnectionEndpointAndCounts(FxRobot robot) {
        robot.interact(() -> {
            model.connectionProperty().set("Sandbox");
            model.endpointProperty().set("http://127.0.0.1:4566");
            model.attemptCountProperty().set(1234);
            model.throttledCountProperty().set(5);
        });
        assertThat(robot.lookup("#status-connection").queryLabeled().getText()).isEqualTo("Sandbox");
        assertThat(robot.lookup("#status-endpoint").queryLabeled().getText()).isEqualTo("http://127.0.0.1:4566");
        assertThat(robot.lookup("#status-counts").queryLabeled().getText()).contains("1,234 attempts", "5 throttled");
    }

    @Test
    void helpListsEveryShortcut(FxRobot robot) {
        robot.interact(() -> assertThat(HelpWindow.shortcutTable().getItems()).hasSameSizeAs(Shortcut.all()));
    }
}
