package org.ec2workbench.ui.timeline;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import atlantafx.base.theme.PrimerLight;
import java.nio.IntBuffer;
import java.util.function.IntConsumer;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.capture.SourceKind;

/**
 * Benchmark (not a test): pans a 1,000,000-attempt session on the timeline at 1280×800 and prints, per
 * visible span, the redraw time (FX-thread work per frame: model refresh, rasterising the lanes, canvas
 * commands) and the frame interval (with {@code -Djavafx.animation.fullspeed=true}, the time between
 * frames including rendering), plus memory per attempt. First it measures the toolkit's floor: a bare
 * 1280×800 canvas repainted with one rectangle per frame, and the same canvas drawing one full-size
 * pixel-buffer image per frame. Run with the software pipeline ({@code -Dprism.order=sw}) under Xvfb; see
 * docs/ui-benchmark.md.
 */
public final class TimelineBenchmark {

    private static final int ATTEMPTS = 1_000_000;
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;
    private static final int WARMUP = 60;
    private static final int FRAMES = 300;
    private static final long T0 = 1_700_000_000_000_000L;
    private static final String[] ACTIONS = {"DescribeInstances", "DescribeInstanceStatus", "DescribeVolumes",
            "DescribeSecurityGroups", "DescribeImages", "DescribeSubnets", "RunInstances", "TerminateInstances",
            "CreateTags", "StartInstances", "StopInstances", "CreateSecurityGroup"};
    private static final String[] SOURCES = {"workbench", "aws-cli/2.15.0", "boto3/1.35", "terraform", "my-java-app"};

    private TimelineBenchmark() {
    }

    /** One frame's work: returns how many attempts or summary cells it visited (-1: not applicable). */
    private interface Frame {
        long render(int frame);
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
        Platform.setImplicitExit(false); // the baseline window closes before the timeline opens
        Platform.runLater(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
        System.out.println("| view | path | visited/frame | redraw median | redraw p95 | frame interval median | p95 |");
        System.out.println("|---|---|---|---|---|---|---|");
        baselines();

        TimelineModel model = new TimelineModel(store);
        TimelineChart[] chart = new TimelineChart[1];
        Stage[] stage = new Stage[1];
        onFx(() -> {
            TimelineView view = new TimelineView(model, ZoneOffset.UTC);
            chart[0] = view.chart();
            stage[0] = new Stage();
            stage[0].setScene(new Scene(view.root(), WIDTH, HEIGHT));
            stage[0].show();
        });
        Thread.sleep(1000);
        onFx(model::refresh);
        double sessionFrom = model.index().minStartMicros();
        double sessionTo = model.index().maxEndMicros();
        double session = sessionTo - sessionFrom;
        System.out.printf("%n(session spans %.0f s)%n", session / 1e6);
        pans(model, chart[0], sessionFrom, session, "Timeline page");
        onFx(() -> {
            // the chart alone fills the window: the widest canvas a 1280×800 window can give it
            ((Pane) chart[0].getParent()).getChildren().remove(chart[0]);
            stage[0].getScene().setRoot(chart[0]);
        });
        Thread.sleep(500);
        pans(model, chart[0], sessionFrom, session, "chart alone");
        onFx(() -> System.out.printf("%nsummary held after the runs: %.1f bytes/attempt%n",
                (double) model.summary().estimatedBytes() / store.size()));
        Platform.exit();
        System.exit(0);
    }

    private static void pans(TimelineModel model, TimelineChart chart, double sessionFrom, double session, String where)
            throws Exception {
        TimelineLayout layout = chart.layoutNow();
        String suffix = String.format(" (%s, canvas %.0f×%.0f)", where, layout.width(), layout.height());
        for (double spanSeconds : new double[] {60, 600}) {
            double span = spanSeconds * 1e6;
            double start = sessionFrom + 0.3 * session;
            // pans forward 0.5 % of the span per frame for 150 frames, then back: always inside the data
            run(String.format("%.0f s", spanSeconds) + suffix, chart, () -> model.showRange(start, start + span),
                    frame -> model.pan((frame / 150 % 2 == 0 ? 1 : -1) * 0.005));
        }
        // fit-all: pans ±7.5 % around the whole session (a triangle wave), so the data fills most of the view
        run("fit all" + suffix, chart, model::fitAll,
                frame -> model.pan(((frame + 75) / 150 % 2 == 0 ? 1 : -1) * 0.001));
    }

    private static void baselines() throws Exception {
        Canvas canvas = new Canvas(WIDTH, HEIGHT);
        Stage[] stage = new Stage[1];
        onFx(() -> {
            stage[0] = new Stage();
            stage[0].setScene(new Scene(new Pane(canvas), WIDTH, HEIGHT));
            stage[0].show();
        });
        Thread.sleep(500);
        GraphicsContext g = canvas.getGraphicsContext2D();
        measure("baseline: one full-canvas rect", "—", frame -> {
            g.setFill(frame % 2 == 0 ? Color.WHITE : Color.WHITESMOKE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            return -1;
        });
        int[] pixels = new int[WIDTH * HEIGHT];
        PixelBuffer<IntBuffer> buffer = new PixelBuffer<>(WIDTH, HEIGHT, IntBuffer.wrap(pixels),
                PixelFormat.getIntArgbPreInstance());
        WritableImage image = new WritableImage(buffer);
        measure("baseline: one full-canvas image", "—", frame -> {
            Arrays.fill(pixels, frame % 2 == 0 ? 0xffffffff : 0xfff5f5f5);
            buffer.updateBuffer(b -> null);
            g.drawImage(image, 0, 0);
            return -1;
        });
        onFx(() -> stage[0].close());
    }

    private static void run(String name, TimelineChart chart, Runnable position, IntConsumer pan) throws Exception {
        onFx(position);
        onFx(() -> {
            chart.redraw().request();
            chart.redraw().flush(); // starts building the summary level on first use, outside the measured frames
        });
        Thread.sleep(2_000);
        boolean[] summary = {false};
        measure(name, null, frame -> {
            pan.accept(frame);
            chart.redraw().request();
            chart.redraw().flush();
            summary[0] = chart.lastDrawFromSummary();
            return chart.lastDrawnItems();
        }, () -> summary[0] ? "summary" : "attempts");
    }

    private static void measure(String name, String path, Frame work) throws Exception {
        measure(name, path, work, () -> path);
    }

    private static void measure(String name, String path, Frame work, java.util.function.Supplier<String> pathName)
            throws Exception {
        List<Long> redraw = new ArrayList<>();
        List<Long> interval = new ArrayList<>();
        long[] items = {0};
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> new AnimationTimer() {
            private int frame;
            private long last;

            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                long visited = work.render(frame);
                long cost = System.nanoTime() - t;
                if (frame >= WARMUP) {
                    redraw.add(cost);
                    interval.add(now - last);
                    items[0] += visited;
                }
                last = now;
                if (++frame == WARMUP + FRAMES) {
                    stop();
                    done.countDown();
                }
            }
        }.start());
        done.await();
        System.out.printf("| %s | %s | %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n", name, pathName.get(),
                items[0] < 0 ? "—" : String.format("%,d", items[0] / FRAMES), median(redraw),
                percentile(redraw, 95), median(interval), percentile(interval, 95));
    }

    private static void onFx(Runnable action) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                action.run();
            } finally {
                done.countDown();
            }
        });
        done.await();
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
