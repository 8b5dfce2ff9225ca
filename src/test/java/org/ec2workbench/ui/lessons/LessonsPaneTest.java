package org.ec2workbench.ui.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javax.imageio.ImageIO;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import java.util.Arrays;
import java.util.List;
import javafx.scene.layout.FlowPane;
import org.ec2workbench.lessons.LessonDefinition;
import org.ec2workbench.lessons.LessonRun;
import org.ec2workbench.lessons.RetryWait;
import org.ec2workbench.ui.common.Plot;
import org.ec2workbench.ui.common.PlotData;
import org.ec2workbench.lessons.LessonSettings;
import org.ec2workbench.lessons.Lessons;
import org.ec2workbench.ui.timeline.TimelineChart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LessonsPaneTest {

    private LessonsPane pane;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        pane = new LessonsPane(Lessons.all(), LessonSettings.defaults());
        stage.setScene(new Scene(pane, 1180, 800));
        stage.show();
    }

    @AfterEach
    void closePane() {
        pane.close();
    }

    @Test
    void stepThroughAutoRunAnswerAndReset(FxRobot robot) throws TimeoutException {
        ListView<?> lessons = robot.lookup("#lessonList").queryAs(ListView.class);
        assertThat(lessons.getItems()).hasSize(9);
        assertThat(robot.lookup("#lessonTitle").queryAs(Label.class).getText())
                .isEqualTo("1. Describe right after RunInstances: NotFound, then visible");
        Button next = robot.lookup("#nextButton").queryButton();
        Button check = robot.lookup("#checkButton").queryButton();
        assertThat(check.isDisabled()).as("answers wait for the run").isTrue();

        waitFor(() -> !next.isDisabled());
        click(robot, "#nextButton");
        waitFor(() -> narration(robot).getItems().size() == 1 && !pane.model().busyProperty().get());
        assertThat(narration(robot).getItems().get(0).toString()).startsWith("RunInstances accepted the launch and returned i-");
        assertThat(next.isDisabled()).isFalse();
        assertThat(pane.model().notes()).as("the calls, listed as they happen").isNotEmpty();

        autoRunToTheEnd(robot);
        assertThat(narration(robot).getItems()).hasSize(3);
        assertThat(narration(robot).getItems().get(2).toString()).containsPattern("\\d+ NotFound over [\\d.]+ (s|ms), then visible")
                .containsPattern("poller waited [\\d.]+ s, [\\d.]+ s between");
        assertThat(robot.lookup("#verdict").queryAs(Label.class).getText()).contains("Phenomenon occurred");
        assertThat(robot.lookup("#observations").queryAs(TableView.class).getItems()).hasSize(7);
        assertThat(next.isDisabled()).isTrue();
        TimelineChart timeline = robot.lookup("#lessonTimeline").queryAs(TimelineChart.class);
        assertThat(timeline.model().store().size()).as("the lesson's attempts on its timeline")
                .isGreaterThanOrEqualTo(4);
        snapshot(robot, Path.of("target", "lessons-pane.png"));

        LessonDefinition lesson = Lessons.all().get(0).definition();
        int wrong = lesson.check().correctIndex() == 0 ? 1 : 0;
        press(robot, "#answer" + wrong);
        press(robot, "#checkButton");
        assertThat(robot.lookup("#feedback").queryAs(Label.class).getText()).startsWith("Not quite.");
        press(robot, "#answer" + lesson.check().correctIndex());
        press(robot, "#checkButton");
        assertThat(robot.lookup("#feedback").queryAs(Label.class).getText()).startsWith("Correct.");

        click(robot, "#resetButton");
        waitFor(() -> narration(robot).getItems().isEmpty() && !next.isDisabled());
        assertThat(robot.lookup("#verdict").queryAs(Label.class).getText()).isEmpty();
        assertThat(robot.lookup("#feedback").queryAs(Label.class).getText()).isEmpty();
    }

    @Test
    void choosingAnotherLessonShowsItsGoalAndQuestion(FxRobot robot) throws TimeoutException {
        chooseLesson(robot, 5);
        assertThat(robot.lookup("#lessonTitle").queryAs(Label.class).getText()).startsWith("5. A burst of DescribeInstances");
        assertThat(robot.lookup("#question").queryAs(Label.class).getText()).contains("RequestLimitExceeded");
        assertThat(robot.lookup("#answer2").tryQuery()).isPresent();
    }

    @Test
    void backoffTabPlotsExactlyTheWaitsTheRunRecorded(FxRobot robot) throws TimeoutException {
        chooseLesson(robot, 5);
        autoRunToTheEnd(robot);
        robot.clickOn("#backoffTab");
        Plot plot = robot.lookup("#lessonBackoffPlot").queryAs(Plot.class);
        waitFor(() -> robot.lookup("#lessonBackoffChart").query().isVisible() && plot.getHeight() > 100 && plot.lastDrawn() != null
                && !points(plot.lastDrawn()).isEmpty());

        List<RetryWait> waits = List.copyOf(pane.model().retryWaits());
        assertThat(waits).as("lesson 5 retries with full jitter, with and without the adaptive limiter").isNotEmpty();
        List<String> strategies = waits.stream().map(RetryWait::strategy).distinct().toList();
        List<PlotData.Layer> dots = points(plot.lastDrawn());
        assertThat(dots).hasSameSizeAs(strategies);
        for (int s = 0; s < strategies.size(); s++) {
            String strategy = strategies.get(s);
            List<RetryWait> expected = waits.stream().filter(w -> w.strategy().equals(strategy)).toList();
            PlotData.Layer layer = dots.get(s);
            assertThat(layer.y()).as(strategy + ": seconds plotted")
                    .containsExactly(expected.stream().mapToDouble(RetryWait::backoffSeconds).toArray());
            assertThat(Arrays.stream(layer.x()).mapToInt(x -> (int) Math.round(x)).toArray()).as(strategy + ": retry n")
                    .containsExactly(expected.stream().mapToInt(RetryWait::retry).toArray());
        }
        assertThat(robot.lookup("#lessonBackoffLegend").queryAs(FlowPane.class).getChildren())
                .extracting(n -> ((Labeled) n).getText())
                .anyMatch(text -> text.startsWith("Full jitter (")).anyMatch(text -> text.startsWith("Full jitter + adaptive limiter ("));
        assertThat(plot.lastDrawn().logY()).isFalse();
        robot.clickOn("#lessonBackoffLog");
        waitFor(() -> plot.lastDrawn().logY());
        assertThat(points(plot.lastDrawn())).extracting(PlotData.Layer::y).containsExactlyElementsOf(
                dots.stream().map(PlotData.Layer::y).toList());
        try (LessonRun headless = Lessons.find("describe-burst").orElseThrow().newRun(LessonSettings.defaults())) {
            headless.runAll();
            assertThat(waits).as("the same seeds give the same waits headless").isEqualTo(headless.retryWaits());
        }
        if (Boolean.getBoolean("lessons.screenshot")) {
            snapshot(robot, Path.of("target", "lesson-backoff.png"));
        }
    }

    @Test
    void backoffTabSaysSoWhenNoCallRetried(FxRobot robot) throws TimeoutException {
        chooseLesson(robot, 6);
        robot.clickOn("#backoffTab");
        Label empty = robot.lookup("#lessonBackoffEmpty").queryAs(Label.class);
        assertThat(empty.isVisible()).isTrue();
        assertThat(empty.getText()).startsWith("Run the lesson");

        autoRunToTheEnd(robot);
        assertThat(empty.isVisible()).isTrue();
        assertThat(empty.getText()).isEqualTo("This lesson's calls did not retry, so there are no backoff waits to plot.");
        assertThat(robot.lookup("#lessonBackoffChart").query().isVisible()).as("no empty chart").isFalse();
    }

    private static List<PlotData.Layer> points(PlotData data) {
        return data.layers().stream().filter(l -> l.style() == PlotData.Style.POINTS).toList();
    }

    /** Clicks lesson {@code number} in the course list and waits until it can run. */
    private void chooseLesson(FxRobot robot, int number) throws TimeoutException {
        ListView<?> lessons = robot.lookup("#lessonList").queryAs(ListView.class);
        robot.clickOn(robot.from(lessons).lookup(".list-cell").nth(number - 1).queryLabeled());
        waitFor(() -> robot.lookup("#lessonTitle").queryAs(Label.class).getText().startsWith(number + ". ")
                && !robot.lookup("#autoRunButton").queryButton().isDisabled());
    }

    /** Clicks Auto-run and waits for the verdict. */
    private void autoRunToTheEnd(FxRobot robot) throws TimeoutException {
        click(robot, "#autoRunButton");
        waitFor(() -> !robot.lookup("#verdict").queryAs(Label.class).getText().isEmpty());
    }

    /** Clicks the enabled control {@code id} with the mouse. */
    private static void click(FxRobot robot, String id) {
        assertThat(robot.lookup(id).queryAs(javafx.scene.Node.class).isDisabled()).as(id + " enabled").isFalse();
        robot.clickOn(id);
    }

    /**
     * Fires the button (or radio button) {@code id} on the FX thread, as a click or the keyboard would: the
     * answers and Check sit in a scroll pane, below the window's fold at this size, where a robot click would miss.
     */
    private static void press(FxRobot robot, String id) {
        ButtonBase control = robot.lookup(id).queryAs(ButtonBase.class);
        assertThat(control.isDisabled()).as(id + " enabled").isFalse();
        robot.interact(control::fire);
    }

    /** Saves what the pane looks like (for the docs); not an assertion. */
    private void snapshot(FxRobot robot, Path file) {
        robot.interact(() -> {
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(pane.getScene().snapshot(null), null), "png", file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static ListView<?> narration(FxRobot robot) {
        return robot.lookup("#narration").queryAs(ListView.class);
    }

    private void waitFor(BooleanSupplier condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out; busy=" + pane.model().busyProperty().get() + " narration="
                    + pane.model().narrations() + " notes=" + pane.model().notes(), e);
        }
    }
}
