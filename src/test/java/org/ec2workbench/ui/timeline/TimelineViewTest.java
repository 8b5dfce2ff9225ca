package org.ec2workbench.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ec2workbench.ui.timeline.TestAttempts.T0;

import java.time.ZoneOffset;
import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.ec2workbench.capture.AttemptStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TimelineViewTest {

    private final AttemptStore store = new AttemptStore();
    private TimelineModel model;
    private TimelineView view;

    @Start
    void start(Stage stage) {
        model = new TimelineModel(store);
        model.setAdvisor(code -> Optional.of("Advice for " + code));
        view = new TimelineView(model, ZoneOffset.UTC);
        stage.setScene(new Scene(view.root(), 1200, 700));
        stage.show();
    }

    private void loadCall(FxRobot robot) {
        store.append(TestAttempts.throttled("DescribeInstances", T0, 200_000, 1, 1, 0));
        store.append(TestAttempts.throttled("DescribeInstances", T0 + 1_200_000, 200_000, 1, 2, 1_000_000));
        store.append(TestAttempts.retryOk("DescribeInstances", T0 + 3_400_000, 300_000, 1, 3, 2_000_000));
        store.append(TestAttempts.ok("RunInstances", T0 + 500_000, 900_000, 2));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> model.showRange(T0 - 500_000, T0 + 4_500_000));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Point2D canvasPoint(FxRobot robot, double micros, int lane) {
        return canvasPoint(robot, micros, lane, lane == 0 ? 1 : 2);
    }

    private Point2D canvasPoint(FxRobot robot, double micros, int lane, int call) {
        Canvas canvas = robot.lookup("#timeline-canvas").queryAs(Canvas.class);
        TimeRange r = model.rangeProperty().get();
        TimelineLayout layout = view.chart().layoutNow();
        double x = r.toX(micros, canvas.getWidth());
        double y = layout.trackTop(layout.laneTop(lane), layout.trackOf(call)) + layout.barHeight() / 2;
        return canvas.localToScreen(x, y);
    }

    @Test
    void emptySessionSaysWhatWillAppear(FxRobot robot) {
        assertThat(robot.lookup("#timeline-empty").queryLabeled().isVisible()).isTrue();
        assertThat(robot.lookup("#timeline-empty").queryLabeled().getText()).contains("No attempts yet");
    }

    @Test
    void clickingABarShowsItsDetails(FxRobot robot) {
        loadCall(robot);
        assertThat(robot.lookup("#timeline-empty").queryLabeled().isVisible()).isFalse();
        assertThat(model.lanes()).containsExactly("DescribeInstances", "RunInstances");

        robot.clickOn(canvasPoint(robot, T0 + 1_300_000, 0), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selectedProperty().get()).isEqualTo(1);
        assertThat(robot.lookup("#details-attempt").queryLabeled().getText()).isEqualTo("attempt 2 of 3");
        assertThat(robot.lookup("#details-backoff").queryLabeled().getText()).isEqualTo("1.000 s");
        assertThat(robot.lookup("#details-result").queryLabeled().getText()).isEqualTo("RequestLimitExceeded");
        assertThat(robot.lookup("#details-request-id").queryLabeled().getText())
                .isEqualTo(TestAttempts.requestId(1, 2));
        assertThat(robot.lookup("#details-advice").queryLabeled().getText()).isEqualTo("Advice for RequestLimitExceeded");

        robot.clickOn(canvasPoint(robot, T0 + 900_000, 1), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#details-title").queryLabeled().getText()).isEqualTo("RunInstances");
    }

    @Test
    void wheelZoomsAroundThePointerAndDragPans(FxRobot robot) {
        loadCall(robot);
        TimeRange before = model.rangeProperty().get();
        robot.moveTo(canvasPoint(robot, T0 + 2_000_000, 0));
        robot.scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        TimeRange zoomed = model.rangeProperty().get();
        assertThat(zoomed.span()).isNotEqualTo(before.span());
        assertThat(model.followProperty().get()).isFalse();

        Point2D from = canvasPoint(robot, T0 + 2_000_000, 0);
        robot.drag(from, MouseButton.PRIMARY).moveBy(-200, 0).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.rangeProperty().get().from()).isGreaterThan(zoomed.from());
        assertThat(model.rangeProperty().get().span()).isEqualTo(zoomed.span());
    }

    @Test
    void shiftDragZoomsToTheRubberBand(FxRobot robot) {
        loadCall(robot);
        Point2D a = canvasPoint(robot, T0 + 1_000_000, 0);
        Point2D b = canvasPoint(robot, T0 + 2_000_000, 0);
        robot.press(KeyCode.SHIFT);
        robot.drag(a, MouseButton.PRIMARY).moveTo(b).release(MouseButton.PRIMARY);
        robot.release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        TimeRange r = model.rangeProperty().get();
        assertThat(r.from()).isBetween(T0 + 900_000d, T0 + 1_100_000d);
        assertThat(r.to()).isBetween(T0 + 1_900_000d, T0 + 2_100_000d);
    }

    @Test
    void searchAndKeysFilterAndFollow(FxRobot robot) {
        loadCall(robot);
        robot.clickOn("#timeline-search").write("RunInst");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.filter().textProperty().get()).isEqualTo("RunInst");
        robot.interact(() -> view.chart().redraw().flush());
        assertThat(view.chart().lastDrawnItems()).isEqualTo(1);

        robot.clickOn(canvasPoint(robot, T0 + 4_000_000, 0));
        robot.type(KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.followProperty().get()).isTrue();
        assertThat(robot.lookup("#timeline-follow").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
    }

    @Test
    void filterTitlesCountTheValuesThatArriveAndTheChecked(FxRobot robot) {
        @SuppressWarnings("unchecked")
        org.controlsfx.control.CheckComboBox<String> actions =
                robot.lookup("#filter-action").queryAs(org.controlsfx.control.CheckComboBox.class);
        assertThat(actions.getTitle()).isEqualTo("Action (0/0)");
        loadCall(robot);
        assertThat(actions.getTitle()).isEqualTo("Action (0/2)");
        robot.interact(() -> actions.getCheckModel().check("RunInstances"));
        assertThat(actions.getTitle()).isEqualTo("Action (1/2)");
        assertThat(model.lanes()).containsExactly("RunInstances");
    }

    @Test
    void recordedSandboxTokensAreDrawnInTheStripAndListedInTheLegend(FxRobot robot) {
        loadCall(robot);
        assertThat(robot.lookup("#legend-tokens").queryLabeled().isVisible()).isFalse();
        robot.interact(() -> {
            model.recordTokens(T0 + 1_000_000, java.util.Map.of("non-mutating", new TokenLevels.Level(90, 100, "DescribeInstances")));
            model.recordTokens(T0 + 2_000_000, java.util.Map.of("non-mutating", new TokenLevels.Level(4, 100, "DescribeInstances")));
            view.chart().redraw().flush();
        });
        assertThat(robot.lookup("#legend-tokens").queryLabeled().isVisible()).isTrue();
        TokenLevels.Series drawn = view.chart().lastDrawnTokens();
        assertThat(drawn).isNotNull();
        assertThat(drawn.tokens()).containsExactly(90, 4);
    }

    @Test
    void longDetailValuesWrapInsteadOfBeingClipped(FxRobot robot) {
        String source = "my-very-long-service-name/with-a-user-agent aws-sdk-java/2.31.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/17";
        store.append(org.ec2workbench.capture.Attempt.builder().service("ec2").action("DescribeVolumes")
                .startMicros(T0).durationMicros(5_000).httpStatus(200).callId(9).requestId(TestAttempts.requestId(9, 1))
                .source(source).build());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> model.select(0));
        WaitForAsyncUtils.waitForFxEvents();

        javafx.scene.control.Label value = robot.lookup("#details-source").queryAs(javafx.scene.control.Label.class);
        assertThat(value.getText()).startsWith(source);
        assertThat(value.getTooltip().getText()).isEqualTo(value.getText());
        javafx.scene.text.Text shown = (javafx.scene.text.Text) value.lookup(".text");
        assertThat(shown.getText().replace("\n", "")).as("drawn in full, over several lines").isEqualTo(value.getText());
        assertThat(value.getHeight()).isGreaterThan(2 * robot.lookup("#details-service").queryLabeled().getHeight());
        assertThat(value.getContextMenu().getItems()).extracting(javafx.scene.control.MenuItem::getText)
                .containsExactly("Copy source");
    }
}
