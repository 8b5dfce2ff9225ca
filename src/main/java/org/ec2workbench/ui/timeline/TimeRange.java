package org.ec2workbench.ui.timeline;

/**
 * The visible stretch of time, in microseconds since the epoch (doubles keep sub-microsecond precision for
 * any date this app will see). Immutable: zooming and panning return a new range.
 *
 * @param from left edge, inclusive
 * @param to   right edge, exclusive; {@code to - from} is between {@link #MIN_SPAN} and {@link #MAX_SPAN}
 */
public record TimeRange(double from, double to) {

    /** The narrowest view: 100 µs. */
    public static final double MIN_SPAN = 100;
    /** The widest view: 31 days. */
    public static final double MAX_SPAN = 31d * 24 * 3600 * 1_000_000;

    public TimeRange {
        if (!Double.isFinite(from) || !Double.isFinite(to) || !(to > from)) {
            throw new IllegalArgumentException("A time range needs finite from < to, was " + from + ".." + to);
        }
    }

    /** A range of {@code span} µs ending at {@code end}, clamped to the allowed spans. */
    public static TimeRange ending(double end, double span) {
        double s = clampSpan(span);
        return new TimeRange(end - s, end);
    }

    /** A range covering {@code [min, max]} with a small margin on both sides. */
    public static TimeRange covering(double min, double max) {
        double span = clampSpan(Math.max(max - min, MIN_SPAN) * 1.04);
        double centre = (min + max) / 2;
        return new TimeRange(centre - span / 2, centre + span / 2);
    }

    /** Length in microseconds. */
    public double span() {
        return to - from;
    }

    /** The x pixel of {@code micros} in a plot {@code width} pixels wide. */
    public double toX(double micros, double width) {
        return (micros - from) * width / (to - from);
    }

    /** The time at pixel {@code x} of a plot {@code width} pixels wide. */
    public double toMicros(double x, double width) {
        return from + x * (to - from) / width;
    }

    /** Zoomed by {@code factor} (&lt; 1 zooms in) keeping the time at fraction {@code anchor} (0..1) in place. */
    public TimeRange zoom(double factor, double anchor) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("Zoom factor must be positive, was " + factor);
        }
        double a = Math.max(0, Math.min(1, anchor));
        double newSpan = clampSpan(span() * factor);
        double pivot = from + a * span();
        return new TimeRange(pivot - a * newSpan, pivot + (1 - a) * newSpan);
    }

    /** Moved by {@code micros} (positive moves later). */
    public TimeRange pan(double micros) {
        return new TimeRange(from + micros, to + micros);
    }

    private static double clampSpan(double span) {
        return Math.max(MIN_SPAN, Math.min(MAX_SPAN, span));
    }
}
