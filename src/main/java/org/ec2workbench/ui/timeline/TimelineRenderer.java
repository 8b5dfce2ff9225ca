package org.ec2workbench.ui.timeline;

import java.util.Arrays;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;

/**
 * Draws the timeline's data on one canvas: lane backgrounds, grid, one bar per attempt coloured by
 * category, the backoff gap before each retry, the selection and the throttling strip. Visits only the
 * visible window (the model binary-searches it) and draws at most one sub-pixel bar per lane, pixel
 * column and category rank, so a dense session costs about one rectangle per pixel, not per attempt.
 */
final class TimelineRenderer {

    /** Higher wins when several sub-pixel attempts share a pixel column. */
    private static final int[] RANK = rank();

    private byte[] occupancy = new byte[0];
    private long lastItems;

    /** Colours, read from the timeline's CSS. */
    record Colors(Paint background, Paint laneAlt, Paint grid, Paint text, Paint gap, Paint selection,
            Paint strip, Paint stripThrottled, Paint refill, Paint[] categories) {
    }

    /** Number of attempts visited by the last draw (for the benchmark). */
    long lastItems() {
        return lastItems;
    }

    void draw(GraphicsContext g, TimelineModel model, TimelineLayout layout, Colors colors, List<TimeTicks.Tick> ticks) {
        double w = layout.width();
        double h = layout.height();
        g.setFill(colors.background());
        g.fillRect(0, 0, w, h);
        TimeRange range = model.rangeProperty().get();
        int laneCount = model.lanes().size();
        double laneHeight = layout.laneHeight();
        double lanesBottom = layout.lanesBottom();

        g.setFill(colors.laneAlt());
        for (int lane = 1; lane < laneCount; lane += 2) {
            double top = layout.laneTop(lane);
            if (top < lanesBottom && top + laneHeight > 0) {
                g.fillRect(0, top, w, Math.min(laneHeight, lanesBottom - top));
            }
        }
        g.setStroke(colors.grid());
        g.setLineWidth(1);
        for (TimeTicks.Tick tick : ticks) {
            double x = Math.floor(tick.x()) + 0.5;
            g.strokeLine(x, 0, x, h);
        }

        int columns = Math.max(1, (int) Math.ceil(w));
        int tracks = layout.tracks();
        int cells = Math.max(1, laneCount) * tracks * columns;
        if (occupancy.length < cells) {
            occupancy = new byte[cells];
        } else {
            Arrays.fill(occupancy, 0, cells, (byte) 0);
        }

        AttemptStore.Snapshot s = model.snapshot();
        double barHeight = layout.barHeight();
        double scale = w / range.span();
        double from = range.from();
        Paint[] palette = colors.categories();
        int[] lastCategory = {-1};
        long[] items = {0};
        g.setLineWidth(1);
        g.setStroke(colors.gap());
        model.forEachShown(range.from(), range.to(), i -> {
            items[0]++;
            int lane = model.laneOf(i);
            double top = layout.laneTop(lane);
            if (top + laneHeight <= 0 || top >= lanesBottom) {
                return;
            }
            long start = s.startMicros(i);
            double x0 = (start - from) * scale;
            double x1 = (start + s.durationMicros(i) - from) * scale;
            ErrorCategory category = s.category(i);
            int c = category.ordinal();
            int track = layout.trackOf(s.callId(i));
            double barTop = layout.trackTop(top, track);
            if (x1 - x0 < 1) {
                int column = (int) Math.floor(x0);
                if (column < 0 || column >= columns) {
                    return;
                }
                int cell = (lane * tracks + track) * columns + column;
                if (occupancy[cell] > RANK[c]) {
                    return; // a more telling attempt already owns this pixel
                }
                occupancy[cell] = (byte) (RANK[c] + 1);
                x0 = column;
                x1 = column + 1;
            }
            long backoff = s.backoffMicros(i);
            if (backoff > 0 && s.attemptNumber(i) > 1) {
                double gx = (start - backoff - from) * scale;
                if (x0 - gx >= 3) {
                    double y = Math.floor(barTop + barHeight / 2) + 0.5;
                    g.strokeLine(Math.max(gx, -1), y, x0, y);
                    g.strokeLine(gx + 0.5, y - Math.min(3, barHeight / 2), gx + 0.5, y + Math.min(3, barHeight / 2));
                }
            }
            if (lastCategory[0] != c) {
                g.setFill(palette[c]);
                lastCategory[0] = c;
            }
            g.fillRect(x0, barTop, Math.max(1, x1 - x0), barHeight);
        });
        lastItems = items[0];

        int selected = model.selectedProperty().get();
        if (selected >= 0 && selected < s.size() && model.laneOf(selected) >= 0) {
            double top = layout.trackTop(layout.laneTop(model.laneOf(selected)), layout.trackOf(s.callId(selected)));
            double x0 = (s.startMicros(selected) - from) * scale;
            double x1 = Math.max(x0 + 1, (s.endMicros(selected) - from) * scale);
            g.setStroke(colors.selection());
            g.setLineWidth(2);
            g.strokeRect(x0 - 2, top - 2, x1 - x0 + 4, barHeight + 4);
        }
        if (layout.stripHeight() > 0) {
            drawStrip(g, model, layout, colors, range);
        }
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
        if (series.refillPerSecond().isPresent()) {
            double y = Math.floor(plotTop + plotHeight - series.refillPerSecond().getAsDouble() / peak * plotHeight) + 0.5;
            g.setStroke(colors.refill());
            g.setLineWidth(1.5);
            g.setLineDashes(6, 4);
            g.strokeLine(0, y, w, y);
            g.setLineDashes((double[]) null);
        }
    }

    private static String format(double v) {
        return v >= 10 ? String.format("%.0f", v) : String.format("%.1f", v);
    }

    private static int[] rank() {
        int[] rank = new int[ErrorCategory.values().length];
        ErrorCategory[] order = {ErrorCategory.NONE, ErrorCategory.VALIDATION, ErrorCategory.CAPACITY,
                ErrorCategory.SERVER, ErrorCategory.LIMIT, ErrorCategory.AUTHORIZATION, ErrorCategory.CONSISTENCY,
                ErrorCategory.THROTTLING};
        for (int r = 0; r < order.length; r++) {
            rank[order[r].ordinal()] = r;
        }
        return rank;
    }

    static Paint fallback() {
        return Color.GRAY;
    }
}
