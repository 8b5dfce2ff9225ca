package org.ec2workbench.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ec2workbench.ui.timeline.TestAttempts.T0;

import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** 100,000 attempts streamed in from other threads: the FX thread keeps pulsing and redraws once per pulse at most. */
@ExtendWith(ApplicationExtension.class)
class TimelineStreamingTest {

    private static final int ATTEMPTS = 100_000;
    private static final int PRODUCERS = 2;

    private final AttemptStore store = new AttemptStore();
    private final List<Long> pulses = new CopyOnWriteArrayList<>();
    private TimelineView view;
    private TimelineModel model;

    @Start
    void start(Stage stage) {
        model = new TimelineModel(store);
        view = new TimelineView(model, ZoneOffset.UTC);
        Scene scene = new Scene(view.root(), 1280, 800);
        scene.addPostLayoutPulseListener(() -> pulses.add(System.nanoTime()));
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void pulsesKeepComingWhileAHundredThousandAttemptsStreamIn(FxRobot robot) throws Exception {
        ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
        long redrawsBefore = view.chart().redraw().redraws();
        int pulsesBefore = pulses.size();
        long startedAt = System.nanoTime();
        List<Future<?>> done = new java.util.ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            done.add(producers.submit(() -> {
                for (int i = 0; i < ATTEMPTS / PRODUCERS; i++) {
                    int n = i * PRODUCERS + producer;
                    Attempt a = n % 10 == 0
                            ? TestAttempts.throttled("DescribeInstances", T0 + n * 200L, 150, n, 1, 0)
                            : TestAttempts.ok(n % 3 == 0 ? "RunInstances" : "DescribeVolumes", T0 + n * 200L, 150, n);
                    store.append(a);
                    if (i % 2_000 == 0) {
                        Thread.sleep(5); // a live feed, not one burst: gives the pulses a stream to keep up with
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        long finishedAt = System.nanoTime();
        producers.shutdown();
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> view.chart().redraw().flush());

        List<Long> during = pulses.stream().filter(t -> t >= startedAt && t <= finishedAt).toList();
        assertThat(during).as("pulses while streaming").hasSizeGreaterThanOrEqualTo(3);
        long maxGapNanos = 0;
        for (int i = 1; i < during.size(); i++) {
            maxGapNanos = Math.max(maxGapNanos, during.get(i) - during.get(i - 1));
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(maxGapNanos)).as("longest pause between pulses, ms").isLessThan(2_000);
        long redraws = view.chart().redraw().redraws() - redrawsBefore;
        assertThat(redraws).as("redraws").isLessThanOrEqualTo(pulses.size() - pulsesBefore + 1)
                .isLessThan(ATTEMPTS / 100);
        assertThat(model.attemptCountProperty().get()).isEqualTo(ATTEMPTS);
        assertThat(model.throttledCountProperty().get()).isEqualTo(ATTEMPTS / 10);
        assertThat(model.lanes()).containsExactly("DescribeInstances", "DescribeVolumes", "RunInstances");
    }
}
