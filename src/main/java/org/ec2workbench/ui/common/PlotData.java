package org.ec2workbench.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Plot} draws: bands, lines and points in data coordinates, each with a colour index into
 * the plot's CSS palette ({@code series-0} … {@code series-7}), plus axis titles and scale. Immutable and
 * free of {@code javafx.scene}.
 *
 * @param title  plot title
 * @param xLabel x axis title
 * @param yLabel y axis title
 * @param logY     whether y is logarithmic (values ≤ 0 are then clipped to the smallest positive value)
 * @param integerX whether x counts something (retries, clients), so ticks fall on whole numbers only
 * @param layers   what to draw, bottom first
 */
public record PlotData(String title, String xLabel, String yLabel, boolean logY, boolean integerX, List<Layer> layers) {

    public PlotData {
        Objects.requireNonNull(title, "title");
        layers = List.copyOf(layers);
    }

    /** How a layer is drawn. */
    public enum Style { BAND, LINE, DASHED_LINE, POINTS }

    /**
     * One layer: for bands {@code y} is the low edge and {@code y2} the high edge; otherwise {@code y2} is
     * null.
     *
     * @param style  how it is drawn
     * @param series colour index (0..7)
     * @param alpha  opacity, 0..1
     * @param x      x values
     * @param y      y values (low edge for bands)
     * @param y2     high edge for bands, else null
     */
    public record Layer(Style style, int series, double alpha, double[] x, double[] y, double[] y2) {
        public Layer {
            if (x.length != y.length || (y2 != null && y2.length != x.length)) {
                throw new IllegalArgumentException("x and y must have the same length");
            }
        }
    }

    /** A builder of layers. */
    public static Builder builder(String title, String xLabel, String yLabel) {
        return new Builder(title, xLabel, yLabel);
    }

    /** The smallest and largest x and y over all layers: {minX, maxX, minY, maxY} (minY of positives when logY). */
    public double[] bounds() {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Layer layer : layers) {
            for (int i = 0; i < layer.x().length; i++) {
                minX = Math.min(minX, layer.x()[i]);
                maxX = Math.max(maxX, layer.x()[i]);
                for (double v : layer.y2() == null ? new double[] {layer.y()[i]} : new double[] {layer.y()[i], layer.y2()[i]}) {
                    if (!Double.isFinite(v) || logY && v <= 0) {
                        continue;
                    }
                    minY = Math.min(minY, v);
                    maxY = Math.max(maxY, v);
                }
            }
        }
        if (minX > maxX) {
            return new double[] {0, 1, logY ? 0.001 : 0, 1};
        }
        if (minY > maxY) {
            minY = logY ? 0.001 : 0;
            maxY = 1;
        }
        return new double[] {minX, maxX, minY, maxY};
    }

    /** Collects layers. */
    public static final class Builder {
        private final String title;
        private final String xLabel;
        private final String yLabel;
        private boolean logY;
        private boolean integerX;
        private final List<Layer> layers = new ArrayList<>();

        private Builder(String title, String xLabel, String yLabel) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
        }

        /** Logarithmic y. */
        public Builder logY(boolean log) {
            this.logY = log;
            return this;
        }

        /** Ticks on whole numbers of x only. */
        public Builder integerX(boolean integer) {
            this.integerX = integer;
            return this;
        }

        /** A filled band between {@code low} and {@code high}. */
        public Builder band(int series, double alpha, double[] x, double[] low, double[] high) {
            layers.add(new Layer(Style.BAND, series, alpha, x, low, high));
            return this;
        }

        /** A solid line. */
        public Builder line(int series, double[] x, double[] y) {
            layers.add(new Layer(Style.LINE, series, 1, x, y, null));
            return this;
        }

        /** A dashed line. */
        public Builder dashed(int series, double[] x, double[] y) {
            layers.add(new Layer(Style.DASHED_LINE, series, 1, x, y, null));
            return this;
        }

        /** Scattered points. */
        public Builder points(int series, double alpha, double[] x, double[] y) {
            layers.add(new Layer(Style.POINTS, series, alpha, x, y, null));
            return this;
        }

        /** The plot data. */
        public PlotData build() {
            return new PlotData(title, xLabel, yLabel, logY, integerX, layers);
        }
    }
}
