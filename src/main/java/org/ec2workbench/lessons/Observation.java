package org.ec2workbench.lessons;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One thing a lesson measured in this run: a name the narration templates refer to, a value and its unit.
 *
 * @param name         camelCase name, e.g. {@code notFoundCount}
 * @param number       the value for numeric units (0 for {@link Unit#TEXT})
 * @param text         the value for {@link Unit#TEXT} (null otherwise)
 * @param unit         what the value measures
 * @param timingBound  true when the value depends on wall-clock timing (thread scheduling, real sleeps), so
 *                     two runs with the same seeds may differ; false when the seeds alone decide it
 */
public record Observation(String name, double number, String text, Unit unit, boolean timingBound) {

    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

    public Observation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("observation name must be camelCase letters and digits: '" + name + "'");
        }
        if (unit == Unit.TEXT) {
            Objects.requireNonNull(text, "text of " + name);
        } else if (text != null) {
            throw new IllegalArgumentException("numeric observation " + name + " cannot carry text");
        } else if (!Double.isFinite(number)) {
            throw new IllegalArgumentException("observation " + name + " must be finite, was " + number);
        }
    }

    /** A count the seeds decide. */
    public static Observation count(String name, long value) {
        return new Observation(name, value, null, Unit.COUNT, false);
    }

    /** A word or id the seeds decide. */
    public static Observation text(String name, String value) {
        return new Observation(name, 0, value, Unit.TEXT, false);
    }

    /** A duration in milliseconds, measured on a clock (so timing-bound). */
    public static Observation millis(String name, double value) {
        return new Observation(name, value, null, Unit.MILLISECONDS, true);
    }

    /** A numeric value in {@code unit}, timing-bound or not. */
    public static Observation of(String name, double value, Unit unit, boolean timingBound) {
        return new Observation(name, value, null, unit, timingBound);
    }

    /** The same observation marked as depending on wall-clock timing. */
    public Observation markTimingBound() {
        return new Observation(name, number, text, unit, true);
    }

    /** The value as narration prints it: {@code 3}, {@code 4.2 s}, {@code i-0abc}. */
    public String formatted() {
        return unit == Unit.TEXT ? text : unit.format(number);
    }

    /** One line for headless output: {@code notFoundCount = 3 count}. */
    public String line() {
        String value = unit == Unit.TEXT ? text
                : unit == Unit.COUNT ? Long.toString(Math.round(number))
                : String.format(Locale.ROOT, "%.1f", number);
        return name + " = " + value + " " + unit.symbol() + (timingBound ? " (timing-bound)" : "");
    }
}
