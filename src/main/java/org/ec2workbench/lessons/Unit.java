package org.ec2workbench.lessons;

import java.util.Locale;

/** What an {@link Observation}'s value measures, and how narration prints it. */
public enum Unit {
    /** A whole number of things (calls, errors, instances). */
    COUNT,
    /** A duration in milliseconds; printed as "350 ms" or "4.2 s". */
    MILLISECONDS,
    /** A share in percent. */
    PERCENT,
    /** A rate per second. */
    PER_SECOND,
    /** A word or identifier (an error code, an instance id, a state). */
    TEXT;

    /** The value as narration prints it, e.g. {@code 3}, {@code 4.2 s}, {@code 97.5 %}. */
    String format(double value) {
        return switch (this) {
            case COUNT -> Long.toString(Math.round(value));
            case MILLISECONDS -> value >= 1000
                    ? String.format(Locale.ROOT, "%.1f s", value / 1000)
                    : String.format(Locale.ROOT, "%d ms", Math.round(value));
            case PERCENT -> String.format(Locale.ROOT, "%.1f %%", value);
            case PER_SECOND -> String.format(Locale.ROOT, "%.1f/s", value);
            case TEXT -> throw new IllegalStateException("a TEXT observation has no number");
        };
    }

    /** The lower-case name used in headless output, e.g. {@code ms}. */
    public String symbol() {
        return switch (this) {
            case COUNT -> "count";
            case MILLISECONDS -> "ms";
            case PERCENT -> "%";
            case PER_SECOND -> "/s";
            case TEXT -> "text";
        };
    }
}
