package org.ec2workbench.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.junit.jupiter.api.Test;

/** The renderer's two ways to the same picture: visiting attempts, or reading the level-of-detail summary. */
class TimelineRendererTest {

    private static final long W = LaneSummary.bucketMicros(0);
    /** A start aligned with the finest summary bucket, so that one pixel is exactly one bucket. */
    private static final long FROM = TestAttempts.T0 >> LaneSummary.FINEST_SHIFT << LaneSummary.FINEST_SHIFT;
    private static final String[] ACTIONS = {"DescribeInstances", "RunInstances", "CreateTags"};

    private static TimelineRenderer.Colors colors() {
        BarRaster.Colors raster = BarRasterTest.colors();
        Paint[] categories = new Paint[raster.categories().length];
        for (int c = 0; c < categories.length; c++) {
            categories[c] = Color.rgb(raster.categories()[c] >> 16 & 0xff, raster.categories()[c] >> 8 & 0xff,
                    raster.categories()[c] & 0xff);
        }
        return new TimelineRenderer.Colors(Color.WHITE, Color.rgb(0xf0, 0xf0, 0xf0), Color.rgb(0xcc, 0xcc, 0xcc),
                Color.BLACK, Color.rgb(0x80, 0x80, 0x80), Color.BLUE, Color.BLUE, Color.RED, Color.BLACK, Color.GREEN, categories);
    }

    private static AttemptStore denseSession() {
        AttemptStore store = new AttemptStore();
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 500; n++) {
            long start = FROM + random.nextLong(100 * W);
            long duration = 1 + random.nextLong(3 * W);
            int call = random.nextInt(40);
            ErrorCategory category = random.nextInt(10) == 0 ? ErrorCategory.THROTTLING
                    : random.nextInt(30) == 0 ? ErrorCategory.CONSISTENCY : ErrorCategory.NONE;
            boolean retry = random.nextInt(4) == 0;
            store.append(Attempt.builder().service("ec2").action(ACTIONS[random.nextInt(ACTIONS.length)])
                    .bucket("non-mutating").startMicros(start).durationMicros(duration)
                    .httpStatus(category == ErrorCategory.NONE ? 200 : 503).category(category).callId(call)
                    .attemptNumber(retry ? 2 : 1).backoffMicros(retry ? 3 * W + random.nextLong(5 * W) : 0)
                    .build());
        }
        return store;
    }

    /** 100 px over 100 finest buckets from {@link #FROM}: one pixel is one bucket. */
    private static final TimelineLayout LAYOUT = new TimelineLayout(100, 130, 40, 0, 0);

    private static TimelineModel wideView(AttemptStore store) {
        TimelineModel model = new TimelineModel(store);
        model.refresh();
        model.showRange(FROM, FROM + 100 * W);
        return model;
    }

    private static TimelineRenderer summaryRenderer() {
        TimelineRenderer renderer = new TimelineRenderer();
        renderer.setSummaryThreshold(0);
        return renderer;
    }

    @Test
    void theSummaryDrawsTheSamePixelsAsTheAttemptsWhenAPixelIsOneBucket() {
        TimelineModel model = wideView(denseSession());
        assertThat(model.rangeProperty().get().from()).isEqualTo((double) FROM);
        TimelineLayout layout = LAYOUT;
        TimelineRenderer renderer = new TimelineRenderer();

        renderer.setSummaryThreshold(Integer.MAX_VALUE);
        renderer.rasterise(model, layout, colors(), List.of());
        assertThat(renderer.lastFromSummary()).isFalse();
        int[] fromAttempts = renderer.raster().pixels().clone();

        renderer.setSummaryThreshold(0);
        renderer.rasterise(model, layout, colors(), List.of());
        assertThat(renderer.lastFromSummary()).isTrue();
        int[] fromSummary = renderer.raster().pixels().clone();

        int throttled = BarRasterTest.color(ErrorCategory.THROTTLING);
        assertThat(Arrays.stream(fromAttempts).filter(p -> p == throttled).count()).isGreaterThan(100);
        assertThat(Arrays.stream(fromAttempts).filter(p -> p == BarRasterTest.GAP).count()).isGreaterThan(10);
        assertThat(fromSummary).isEqualTo(fromAttempts);
    }

    @Test
    void aStatusOrTextFilterFallsBackToTheAttempts() {
        TimelineModel model = wideView(denseSession());
        TimelineRenderer renderer = summaryRenderer();
        TimelineLayout layout = LAYOUT;

        model.filter().categories().add(ErrorCategory.THROTTLING);
        model.filter().actions().add("RunInstances");
        renderer.rasterise(model, layout, colors(), List.of());
        assertThat(renderer.lastFromSummary()).as("category and lane filters").isTrue();

        model.filter().statuses().add(503);
        renderer.rasterise(model, layout, colors(), List.of());
        assertThat(renderer.lastFromSummary()).isFalse();

        model.filter().clear();
        model.filter().textProperty().set("Run");
        renderer.rasterise(model, layout, colors(), List.of());
        assertThat(renderer.lastFromSummary()).isFalse();
    }

    @Test
    void aSummaryLevelKeepsUpWithAppends() {
        AttemptStore store = denseSession();
        TimelineModel model = wideView(store);
        TimelineLayout layout = LAYOUT;
        TimelineRenderer renderer = summaryRenderer();
        renderer.rasterise(model, layout, colors(), List.of());
        int lane = model.lanes().indexOf("CreateTags");
        int y = (int) Math.round(layout.trackTop(layout.laneTop(lane), 0)) + 3;
        store.append(Attempt.builder().service("ec2").action("CreateTags").bucket("mutating")
                .startMicros(FROM + 99 * W + 5).durationMicros(10).httpStatus(503).category(ErrorCategory.THROTTLING)
                .callId(LaneSummary.RESIDUES * 1000).build());
        model.refresh();
        renderer.rasterise(model, layout, colors(), List.of());
        assertThat(renderer.raster().pixel(99, y)).isEqualTo(BarRasterTest.color(ErrorCategory.THROTTLING));
    }

    @Test
    void whileALevelIsBuiltInTheBackgroundTheAttemptsAreDrawn() {
        TimelineModel model = wideView(denseSession());
        java.util.ArrayDeque<Runnable> background = new java.util.ArrayDeque<>();
        model.buildSummariesOn(background::add, Runnable::run);
        TimelineLayout layout = LAYOUT;
        TimelineRenderer renderer = summaryRenderer();

        renderer.rasterise(model, layout, colors(), List.of());
        assertThat(renderer.lastFromSummary()).isFalse();
        int[] fromAttempts = renderer.raster().pixels().clone();
        renderer.rasterise(model, layout, colors(), List.of());
        assertThat(background).as("one build, however many frames ask").hasSize(1);

        background.poll().run();
        assertThat(model.summaryLevelsReadyProperty().get()).isEqualTo(1);
        renderer.rasterise(model, layout, colors(), List.of());
        assertThat(renderer.lastFromSummary()).isTrue();
        assertThat(renderer.raster().pixels()).isEqualTo(fromAttempts);
    }
}
