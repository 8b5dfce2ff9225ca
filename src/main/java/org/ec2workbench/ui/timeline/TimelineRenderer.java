package org.ec2workbench.ui.timeline;

import java.nio.IntBuffer;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.ec2workbench.capture.AttemptStore;

/**
 * Draws the timeline's data on one canvas. The lanes (backgrounds, grid, one bar per attempt coloured by
 * category, backoff gaps) are rasterised by {@link BarRaster} into a pixel buffer and drawn with one
 * {@code drawImage}; the selection, the throttling strip and its text are drawn on top as canvas shapes.
 * A close view visits the attempts of the visible window (binary-searched); a wide, crowded view reads the
 * {@link LaneSummary} instead, so the cost per frame stays bounded by pixels, not attempts.
 */
final class TimelineRenderer {

    /** Above this many attempts in the window, a view wide enough for a summary level reads the summary. */
    static final int SUMMARY_THRESHOLD = 50_000;

    private final BarRaster raster = new BarRaster();
    private int summaryThreshold = SUMMARY_THRESHOLD;
    private PixelBuffer<IntBuffer> buffer;
    private WritableImage image;
    private long lastItems;
    private TokenLevels.Series lastTokens;
    private boolean lastFromSummary;

    /** Colours, read from the timeline's CSS. */
    record Colors(Paint background, Paint laneAlt, Paint grid, Paint text, Paint gap, Paint selection,
            Paint strip, Paint stripThrottled, Paint refill, Paint tokens, Paint[] categories) {
    }

    /** Number of attempts (or summary cells) visited by the last draw (for the benchmark). */
    long lastItems() {
        return lastItems;
    }

    /** The sandbox token series the last draw put in the strip, or null. */
    TokenLevels.Series lastTokens() {
        return lastTokens;
    }

    /** Whether the last draw read the summary rather than the attempts. */
    boolean lastFromSummary() {
        return lastFromSummary;
    }

    /** Sets how many attempts in the window make a wide view read the summary (tests lower it). */
    void setSummaryThreshold(int attempts) {
        this.summaryThreshold = attempts;
    }

    /** The rasteriser (tests read its pixels). */
    BarRaster raster() {
        return raster;
    }

    void draw(GraphicsContext g, TimelineModel model, TimelineLayout layout, Colors colors, List<TimeTicks.Tick> ticks) {
        double w = layout.width();
        double h = layout.height();
        TimeRange range = model.rangeProperty().get();
        rasterise(model, layout, colors, ticks);
        if (buffer == null || buffer.getWidth() != raster.width() || buffer.getHeight() != raster.height()) {
            buffer = new PixelBuffer<>(raster.width(), raster.height(), IntBuffer.wrap(raster.pixels()),
                    PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(buffer);
        }
        buffer.updateBuffer(b -> null);
        g.clearRect(0, 0, w, h);
        g.drawImage(image, 0, 0);

        AttemptStore.Snapshot s = model.snapshot();
        int selected = model.selectedProperty().get();
        if (selected >= 0 && selected < s.size() && model.laneOf(selected) >= 0) {
            double scale = w / range.span();
            double top = layout.trackTop(layout.laneTop(model.laneOf(selected)), layout.trackOf(s.callId(selected)));
            double x0 = (s.startMicros(selected) - range.from()) * scale;
            double x1 = Math.max(x0 + 1, (s.endMicros(selected) - range.from()) * scale);
            g.setStroke(colors.selection());
            g.setLineWidth(2);
            g.strokeRect(x0 - 2, top - 2, x1 - x0 + 4, layout.barHeight() + 4);
        }
        if (layout.stripHeight() > 0) {
            drawStrip(g, model, layout, colors, range);
        }
    }

    /** Fills the raster for the current frame (FX thread; no drawing on the canvas yet). */
    void rasterise(TimelineModel model, TimelineLayout layout, Colors colors, List<TimeTicks.Tick> ticks) {
        int width = (int) Math.ceil(layout.width());
        int height = (int) Math.ceil(layout.lanesBottom());
        int laneCount = model.lanes().size();
        int tracks = layout.tracks();
        raster.begin(width, height, laneCount, tracks);
        TimeRange range = model.rangeProperty().get();
        double microsPerPixel = range.span() / Math.max(1, layout.width());
        int levelIndex = LaneSummary.levelFor(microsPerPixel);
        LaneSummary.Level level = levelIndex >= 0 && model.summarisable()
                && model.visitBound(range.from(), range.to()) > summaryThreshold
                ? model.summary().level(model.laneModeProperty().get(), levelIndex, model.snapshot()) : null;
        lastFromSummary = level != null; // null also while the level is still being built: draw the attempts
        lastItems = level != null ? markFromSummary(model, layout, level) : markAttempts(model, layout);
        int[] grid = new int[ticks.size()];
        for (int t = 0; t < grid.length; t++) {
            grid[t] = (int) Math.floor(ticks.get(t).x());
        }
        raster.paint(layout, rasterColors(colors), grid);
    }

    private long markAttempts(TimelineModel model, TimelineLayout layout) {
        AttemptStore.Snapshot s = model.snapshot();
        TimeRange range = model.rangeProperty().get();
        double scale = layout.width() / range.span();
        double from = range.from();
        double laneHeight = layout.laneHeight();
        double lanesBottom = layout.lanesBottom();
        int tracks = layout.tracks();
        long[] items = {0};
        model.forEachShownInLane(range.from(), range.to(), (i, lane) -> {
            items[0]++;
            double top = layout.laneTop(lane);
            if (top + laneHeight <= 0 || top >= lanesBottom) {
                return;
            }
            long start = s.startMicros(i);
            double x0 = (start - from) * scale;
            double x1 = (start + s.durationMicros(i) - from) * scale;
            int track = Math.floorMod(s.callId(i), tracks);
            raster.markBar(lane, track, x0, x1, s.category(i));
            long backoff = s.backoffMicros(i);
            if (backoff > 0 && s.attemptNumber(i) > 1) {
                double gx = (start - backoff - from) * scale;
                if (x0 - gx >= 3) {
                    raster.markGap(lane, track, gx, x0);
                }
            }
        });
        return items[0];
    }

    private long markFromSummary(TimelineModel model, TimelineLayout layout, LaneSummary.Level level) {
        TimeRange range = model.rangeProperty().get();
        double scale = layout.width() / range.span();
        double from = range.from();
        long bucketMicros = level.bucketMicros();
        long firstBucket = level.bucketOf(range.from());
        long lastBucket = level.bucketOf(range.to());
        int categories = model.compiled().categoryBits();
        int tracks = layout.tracks();
        long[] cells = {0};
        for (int key = 0; key < model.laneKeyCount(); key++) {
            int lane = model.laneOfKey(key);
            double top = layout.laneTop(lane);
            if (lane < 0 || top + layout.laneHeight() <= 0 || top >= layout.lanesBottom()) {
                continue;
            }
            level.forEachCell(key, firstBucket, lastBucket, (bucket, residue, bits) -> {
                cells[0]++;
                int column = (int) Math.max(0, Math.floor((bucket * bucketMicros - from) * scale));
                int gaps = ((bits & LaneSummary.GAP) != 0 ? BarRaster.GAP_LINE : 0)
                        | ((bits & LaneSummary.GAP_START) != 0 ? BarRaster.GAP_TICK : 0);
                raster.markCell(lane, residue % tracks, column, bits & categories, gaps);
            });
        }
        return cells[0];
    }

    private static BarRaster.Colors rasterColors(Colors colors) {
        int background = argb(colors.background(), 0xffffffff);
        int[] categories = new int[colors.categories().length];
        for (int c = 0; c < categories.length; c++) {
            categories[c] = argb(colors.categories()[c], background);
        }
        return new BarRaster.Colors(background, argb(colors.laneAlt(), background), argb(colors.grid(), background),
                argb(colors.gap(), background), categories);
    }

    /** {@code paint} as an opaque ARGB int, composed over {@code under} when translucent (grey if not a colour). */
    static int argb(Paint paint, int under) {
        Color c = paint instanceof Color color ? color : Color.GRAY;
        double a = c.getOpacity();
        int r = blend(c.getRed(), under >> 16 & 0xff, a);
        int gr = blend(c.getGreen(), under >> 8 & 0xff, a);
        int b = blend(c.getBlue(), under & 0xff, a);
        return 0xff000000 | r << 16 | gr << 8 | b;
    }

    private static int blend(double channel, int under, double alpha) {
        return (int) Math.round(channel * 255 * alpha + under * (1 - alpha));
    }

    private void drawStrip(GraphicsContext g, TimelineModel model, TimelineLayout layout, Colors colors, TimeRange range) {
        double w = layout.width();
        double top = layout.stripTop();
        double h = layout.stripHeight();
        g.setFill(colors.background());
        g.fillRect(0, top, w, h);
        g.setStroke(colors.grid());
        g.setLineWidth(1);
        g.strokeLine(0, Math.floor(top) + 0.5, w, Math.floor(top) + 0.5);

        double pixelsPerBin = 6;
        double bin = Math.max(1_000_000, range.span() * pixelsPerBin / Math.max(1, w));
        bin = Math.ceil(bin / 1_000_000) * 1_000_000; // whole seconds: calls per second read honestly
        StripSeries series = model.stripSeries(range, bin);
        double plotTop = top + 16;
        double plotHeight = h - 20;
        double peak = series.peak() * 1.15;
        double scale = w / range.span();
        double[] calls = series.callsPerSecond();
        double[] throttled = series.throttledPerSecond();
        for (int b = 0; b < calls.length; b++) {
            if (calls[b] <= 0) {
                continue;
            }
            double x0 = (series.firstBinMicros() + b * bin - range.from()) * scale;
            double bw = Math.max(1, bin * scale - 1);
            double hc = calls[b] / peak * plotHeight;
            double ht = throttled[b] / peak * plotHeight;
            g.setFill(colors.strip());
            g.fillRect(x0, plotTop + plotHeight - hc, bw, hc - ht);
            if (ht > 0) {
                g.setFill(colors.stripThrottled());
                g.fillRect(x0, plotTop + plotHeight - ht, bw, ht);
            }
        }
        g.setFont(Font.font(11));
        g.setFill(colors.text());
        String title = series.bucket() == null ? "Throttling strip: no bucket seen yet"
                : "Calls/s against bucket " + series.bucket() + "  (peak " + format(series.peak()) + "/s"
                + series.refillPerSecond().stream().mapToObj(r -> ", refill " + format(r) + "/s").findFirst().orElse("")
                + ")";
        g.fillText(title, 6, top + 12);
        double titleRight = 6 + textWidth(g, title);
        if (series.refillPerSecond().isPresent()) {
            double y = Math.floor(plotTop + plotHeight - series.refillPerSecond().getAsDouble() / peak * plotHeight) + 0.5;
            g.setStroke(colors.refill());
            g.setLineWidth(1.5);
            g.setLineDashes(6, 4);
            g.strokeLine(0, y, w, y);
            g.setLineDashes((double[]) null);
        }
        lastTokens = model.tokenSeries(range).orElse(null);
        if (lastTokens != null) {
            drawTokens(g, lastTokens, range, w, top, titleRight, plotTop, plotHeight, colors);
        }
    }

    /**
     * The sandbox's tokens as a step line on their own scale (0 at the strip's floor, capacity at its
     * top), with a legend at the top right.
     */
    private static void drawTokens(GraphicsContext g, TokenLevels.Series tokens, TimeRange range, double w,
            double top, double titleRight, double plotTop, double plotHeight, Colors colors) {
        double scale = w / range.span();
        long[] t = tokens.timesMicros();
        double[] v = tokens.tokens();
        double[] xs = new double[t.length * 2];
        double[] ys = new double[t.length * 2];
        int n = 0;
        for (int i = 0; i < t.length; i++) {
            double x = Math.max(-1, Math.min(w + 1, (t[i] - range.from()) * scale));
            double y = plotTop + plotHeight - Math.min(1, v[i] / tokens.capacity()) * plotHeight;
            if (n > 0) { // a step: the level holds until the next sample
                xs[n] = x;
                ys[n] = ys[n - 1];
                n++;
            }
            xs[n] = x;
            ys[n] = y;
            n++;
        }
        g.setStroke(colors.tokens());
        g.setLineWidth(2);
        g.strokePolyline(xs, ys, n);
        String legend = "Sandbox tokens (0–" + format(tokens.capacity()) + "): " + format(tokens.latest().tokens())
                + " in " + tokens.latest().lowest();
        double textWidth = textWidth(g, legend);
        double x = w - 6 - textWidth;
        double baseline = top + 12;
        if (x - 22 < titleRight + 12) { // no room beside the title: a second line, on a backing
            baseline = top + 26;
            g.setFill(colors.background());
            g.fillRect(x - 26, baseline - 11, textWidth + 30, 15);
        }
        g.strokeLine(x - 20, baseline - 4, x - 5, baseline - 4);
        g.setFill(colors.text());
        g.fillText(legend, x, baseline);
    }

    private static double textWidth(GraphicsContext g, String text) {
        Text measure = new Text(text);
        measure.setFont(g.getFont());
        return measure.getLayoutBounds().getWidth();
    }

    private static String format(double v) {
        return v >= 10 ? String.format("%.0f", v) : String.format("%.1f", v);
    }
}
