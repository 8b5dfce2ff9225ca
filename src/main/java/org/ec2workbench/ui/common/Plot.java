package org.ec2workbench.ui.common;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * A small chart on one canvas for {@link PlotData}: bands, lines and points with linear x and linear or
 * logarithmic y, nice ticks and titles. Colours come from {@code plot.css} through a {@link CssPalette}.
 */
public final class Plot extends Region {

    /** The stylesheet with the plot colours. */
    public static final String STYLESHEET = Plot.class.getResource("plot.css").toExternalForm();
    private static final int SERIES = 8;
    private static final double LEFT = 64;
    private static final double RIGHT = 16;
    private static final double TOP = 30;
    private static final double BOTTOM = 42;

    private final Canvas canvas = new Canvas();
    private final CssPalette palette = new CssPalette(classes());
    private PlotData data = PlotData.builder("", "", "").build();
    private PlotData drawn;

    /** An empty plot. */
    public Plot() {
        getStyleClass().add("plot");
        getStylesheets().add(STYLESHEET);
        getChildren().addAll(canvas, palette);
        setMinSize(200, 150);
        setPrefSize(520, 320);
    }

    /** Shows {@code plotData}. */
    public void setData(PlotData plotData) {
        this.data = plotData;
        draw();
    }

    /** What is shown. */
    public PlotData data() {
        return data;
    }

    /** What the canvas shows: the data of the last draw, or null before the plot was first drawn. */
    public PlotData lastDrawn() {
        return drawn;
    }

    /** The colour of series {@code i} (also used by legends). */
    public static String seriesClass(int i) {
        return "series-" + Math.floorMod(i, SERIES);
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            draw();
        }
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w < 10 || h < 10) {
            return;
        }
        applyCss();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setGlobalAlpha(1);
        g.setFill(palette.color("plot-background"));
        g.fillRect(0, 0, w, h);
        double pw = w - LEFT - RIGHT;
        double ph = h - TOP - BOTTOM;
        double[] b = data.bounds();
        // Points are drawn whole, not cut in half at the plot's edge.
        double pad = data.layers().stream().anyMatch(l -> l.style() == PlotData.Style.POINTS) ? (b[1] - b[0]) * 0.02 : 0;
        double minX = b[0] - pad;
        double maxX = b[1] == b[0] ? b[0] + 1 : b[1] + pad;
        boolean log = data.logY();
        double minY = log ? Math.pow(10, Math.floor(Math.log10(b[2]))) : Math.min(0, b[2]);
        double maxY = log ? Math.pow(10, Math.ceil(Math.log10(b[3] * 1.0001))) : niceCeil(b[3] * 1.05);
        if (maxY <= minY) {
            maxY = minY + 1;
        }
        final double y0 = minY;
        final double y1 = maxY;
        java.util.function.DoubleUnaryOperator sx = x -> LEFT + (x - minX) / (maxX - minX) * pw;
        java.util.function.DoubleUnaryOperator sy = y -> {
            double f = log ? (Math.log10(Math.max(y, y0)) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0))
                    : (y - y0) / (y1 - y0);
            return TOP + ph - f * ph;
        };

        Paint grid = palette.color("plot-grid");
        Paint text = palette.color("plot-text");
        g.setFont(Font.font(11));
        g.setLineWidth(1);
        g.setLineDashes((double[]) null);
        for (double tick : yTicks(y0, y1, log)) {
            double y = Math.floor(sy.applyAsDouble(tick)) + 0.5;
            g.setStroke(grid);
            g.strokeLine(LEFT, y, LEFT + pw, y);
            g.setFill(text);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(format(tick), LEFT - 6, y);
        }
        for (double tick : xTicks(minX, maxX, pw, data.integerX())) {
            double x = Math.floor(sx.applyAsDouble(tick)) + 0.5;
            g.setStroke(grid);
            g.strokeLine(x, TOP, x, TOP + ph);
            g.setFill(text);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            g.fillText(format(tick), x, TOP + ph + 5);
        }
        g.setStroke(palette.color("plot-axis"));
        g.strokeRect(LEFT + 0.5, TOP + 0.5, pw, ph);

        g.save();
        g.beginPath();
        g.rect(LEFT, TOP, pw, ph);
        g.clip();
        for (PlotData.Layer layer : data.layers()) {
            Paint color = palette.color(seriesClass(layer.series()));
            g.setGlobalAlpha(layer.alpha());
            double[] xs = new double[layer.x().length];
            double[] ys = new double[layer.x().length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = sx.applyAsDouble(layer.x()[i]);
                ys[i] = sy.applyAsDouble(layer.y()[i]);
            }
            switch (layer.style()) {
                case BAND -> {
                    double[] px = new double[xs.length * 2];
                    double[] py = new double[xs.length * 2];
                    for (int i = 0; i < xs.length; i++) {
                        px[i] = xs[i];
                        py[i] = ys[i];
                        px[px.length - 1 - i] = xs[i];
                        py[px.length - 1 - i] = sy.applyAsDouble(layer.y2()[i]);
                    }
                    g.setFill(color);
                    g.fillPolygon(px, py, px.length);
                }
                case LINE, DASHED_LINE -> {
                    g.setStroke(color);
                    g.setLineWidth(layer.style() == PlotData.Style.LINE ? 2.2 : 1.2);
                    g.setLineDashes(layer.style() == PlotData.Style.LINE ? null : new double[] {5, 4});
                    g.strokePolyline(xs, ys, xs.length);
                    g.setLineDashes((double[]) null);
                }
                case POINTS -> {
                    g.setFill(color);
                    for (int i = 0; i < xs.length; i++) {
                        g.fillOval(xs[i] - 2.5, ys[i] - 2.5, 5, 5);
                    }
                }
            }
        }
        g.restore();
        g.setGlobalAlpha(1);
        g.setFill(text);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFont(Font.font(null, FontWeight.BOLD, 13));
        g.fillText(data.title(), LEFT, 8);
        g.setFont(Font.font(11));
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(data.xLabel(), LEFT + pw / 2, TOP + ph + 22);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(data.yLabel() + (log ? " (log)" : ""), w - RIGHT, 10);
        drawn = data;
    }

    static List<Double> yTicks(double min, double max, boolean log) {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            for (double t = min; t <= max * 1.0001; t *= 10) {
                ticks.add(t);
            }
            return ticks;
        }
        double step = niceStep((max - min) / 5);
        for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    static List<Double> xTicks(double min, double max, double width, boolean integer) {
        double step = niceStep((max - min) / Math.max(2, width / 70));
        if (integer) {
            step = Math.max(1, step);
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    static double niceCeil(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double step = niceStep(v / 5);
        return Math.ceil(v / step) * step;
    }

    static String format(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1000) {
            return String.format("%,.0f", v);
        }
        if (a >= 10 || a == Math.rint(a)) {
            return String.format("%.0f", v);
        }
        if (a >= 0.1) {
            return trim(String.format("%.2f", v));
        }
        return trim(String.format("%.4f", v));
    }

    private static String trim(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static List<String> classes() {
        List<String> classes = new ArrayList<>(List.of("plot-background", "plot-grid", "plot-axis", "plot-text"));
        for (int i = 0; i < SERIES; i++) {
            classes.add(seriesClass(i));
        }
        return classes;
    }
}
