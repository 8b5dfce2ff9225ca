package org.ec2workbench.ui.timeline;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.capture.SourceKind;

/**
 * Benchmark (not a test): pans a 1,000,000-attempt session on the timeline at 1280×800 and prints the
 * redraw time (FX-thread work per frame: model refresh, visible-window visit, canvas commands) and the
 * frame interval (with {@code -Djavafx.animation.fullspeed=true}, the time between frames including
 * rendering), plus memory per attempt. Run with the software pipeline ({@code -Dprism.order=sw}) under
 * Xvfb; see docs/ui-benchmark.md.
 */
public final class TimelineBenchmark {

    private static final int ATTEMPTS = 1_000_000;
    private static final long T0 = 1_700_000_000_000_000L;
    private static final String[] ACTIONS = {"DescribeInstances", "DescribeInstanceStatus", "DescribeVolumes",
            "DescribeSecurityGroups", "DescribeImages", "DescribeSubnets", "RunInstances", "TerminateInstances",
            "CreateTags", "StartInstances", "StopInstances", "CreateSecurityGroup"};
    private static final String[] SOURCES = {"workbench", "aws-cli/2.15.0", "boto3/1.35", "terraform", "my-java-app"};

    private TimelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.gc();
        long heapBefore = usedHeap();
        AttemptStore store = generate();
        System.gc();
        long heapAfter = usedHeap();
        System.out.printf("attempts: %,d; store estimate %.1f bytes/attempt; measured heap %.1f bytes/attempt%n",
                store.size(), (double) store.estimatedBytes() / store.size(), (double) (heapAfter - heapBefore) / store.size());

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        TimelineModel model = new TimelineModel(store);
        TimelineChart[] chart = new TimelineChart[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            TimelineView view = new TimelineView(model, ZoneOffset.UTC);
            chart[0] = view.chart();
            Stage stage = new Stage();
            stage.setScene(new Scene(view.root(), 1280, 800));
            stage.show();
            shown.countDown();
        });
        shown.await();
        Thread.sleep(1000);
        for (double spanSeconds : new double[] {60, 600, 3600 * 1.05}) {
            run(model, chart[0], spanSeconds);
        }
        Platform.exit();
        System.exit(0);
    }

    private static void run(TimelineModel model, TimelineChart chart, double spanSeconds) throws Exception {
        int warmup = 60;
        int frames = 300;
        List<Long> redraw = new ArrayList<>();
        List<Long> interval = new ArrayList<>();
        long[] items = {0};
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            model.showRange(T0, T0 + spanSeconds * 1e6);
            new AnimationTimer() {
                private int frame;
                private long last;

                @Override
                public void handle(long now) {
                    double direction = frame / 150 % 2 == 0 ? 1 : -1;
                    model.pan(direction * 0.01);
                    long t = System.nanoTime();
                    chart.redraw().request();
                    chart.redraw().flush();
                    long cost = System.nanoTime() - t;
                    if (frame >= warmup) {
                        redraw.add(cost);
                        interval.add(now - last);
                        items[0] += chart.lastDrawnItems();
                    }
                    last = now;
                    if (++frame == warmup + frames) {
                        stop();
                        done.countDown();
                    }
                }
            }.start();
        });
        done.await();
        System.out.printf("span %6.0f s: %,8d attempts visible; redraw median %5.2f ms p95 %5.2f ms; "
                        + "frame interval median %5.2f ms p95 %5.2f ms%n",
                spanSeconds, items[0] / frames, median(redraw), percentile(redraw, 95), median(interval),
                percentile(interval, 95));
    }

    private static AttemptStore generate() {
        AttemptStore store = new AttemptStore();
        SplittableRandom random = new SplittableRandom(42);
        long t = T0;
        List<Attempt> batch = new ArrayList<>(10_000);
        int n = 0;
        while (n < ATTEMPTS) {
            int action = random.nextInt(ACTIONS.length);
            String source = SOURCES[random.nextInt(SOURCES.length)];
            int call = store.newCallId();
            int retries = random.nextInt(10) < 2 ? 1 + random.nextInt(4) : 0;
            long start = t;
            for (int attempt = 1; attempt <= retries + 1 && n < ATTEMPTS; attempt++, n++) {
                boolean last = attempt == retries + 1;
                long duration = 5_000 + random.nextInt(200_000);
                long backoff = attempt == 1 ? 0 : 50_000L << Math.min(attempt, 8);
                start += backoff;
                Attempt.Builder b = Attempt.builder().service("ec2").action(ACTIONS[action]).bucket("non-mutating")
                        .startMicros(start).durationMicros(duration).callId(call).attemptNumber(attempt)
                        .backoffMicros(backoff).source(source).sourceKind(SourceKind.CSM)
                        .requestId(new java.util.UUID(random.nextLong(), random.nextLong()).toString());
                if (last) {
                    b.httpStatus(200);
                } else if (random.nextInt(5) == 0) {
                    b.httpStatus(400).errorCode("InvalidInstanceID.NotFound").category(ErrorCategory.CONSISTENCY);
                } else {
                    b.httpStatus(503).errorCode("RequestLimitExceeded").category(ErrorCategory.THROTTLING);
                }
                batch.add(b.build());
                start += duration;
            }
            t += 3_600_000_000L / ATTEMPTS * 10 / 12 + random.nextInt(1_000);
            if (batch.size() >= 10_000) {
                store.appendAll(batch);
                batch.clear();
            }
        }
        store.appendAll(batch);
        return store;
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static double median(List<Long> values) {
        return percentile(values, 50);
    }

    private static double percentile(List<Long> values, double p) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
