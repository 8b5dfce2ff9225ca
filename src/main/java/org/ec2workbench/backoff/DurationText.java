package org.ec2workbench.backoff;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type and read them in parameter sheets and on the command line: {@code 250ms},
 * {@code 1.5s}, {@code 5m}, {@code 2m30s}, {@code 1h}, ISO-8601 {@code PT2S}. {@link #format} writes what
 * {@link #parse} reads.
 */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|min|s|m|h)\\s*");

    private DurationText() {
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} naming the accepted forms. */
    public static Duration parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = PART.matcher(trimmed);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (!trimmed.isEmpty() && matcher.find() && matcher.start() == end) {
            long nanosPerUnit = switch (matcher.group(2)) {
                case "ns" -> 1L;
                case "us" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m", "min" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit)));
            end = matcher.end();
        }
        if (end > 0 && end == trimmed.length()) {
            return Duration.ofNanos(nanos.longValue());
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (use e.g. 250ms, 1.5s, 5m, 1h or PT2S)");
        }
    }

    /** A short readable form: {@code 0}, {@code 850us}, {@code 100ms}, {@code 1.5s}, {@code 5m}, {@code 2m30s}. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0";
        }
        if (nanos % 60_000_000_000L == 0 && nanos >= 60_000_000_000L) {
            return nanos / 60_000_000_000L + "m";
        }
        if (nanos >= 60_000_000_000L) {
            long minutes = nanos / 60_000_000_000L;
            return minutes + "m" + format(Duration.ofNanos(nanos - minutes * 60_000_000_000L));
        }
        if (nanos >= 1_000_000_000L) {
            return trim(nanos / 1e9) + "s";
        }
        if (nanos >= 1_000_000L) {
            return trim(nanos / 1e6) + "ms";
        }
        return trim(nanos / 1e3) + "us";
    }

    private static String trim(double value) {
        return BigDecimal.valueOf(value).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
