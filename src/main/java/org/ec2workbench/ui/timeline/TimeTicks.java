package org.ec2workbench.ui.timeline;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tick marks for the time axis: a "nice" step (1-2-5 below a second, then 1, 2, 5, 10, 15, 30 s and
 * minutes, then hours and days) chosen so labels are at least {@code minSpacingPx} apart, and labels
 * formatted for that step in the given zone.
 */
public final class TimeTicks {

    private static final long S = 1_000_000;
    private static final long[] STEPS = {
            1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000,
            500_000, S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S, 60 * S, 120 * S, 300 * S, 600 * S, 900 * S,
            1800 * S, 3600 * S, 7200 * S, 3 * 3600 * S, 6 * 3600 * S, 12 * 3600 * S, 24 * 3600 * S,
            2 * 24 * 3600 * S, 7 * 24 * 3600 * S};

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("ss.SSSSSS");
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MMM d HH:mm");

    private TimeTicks() {
    }

    /**
     * One tick.
     *
     * @param micros time of the tick
     * @param x      its pixel
     * @param label  its text
     */
    public record Tick(long micros, double x, String label) {
    }

    /** The step (µs) for {@code range} on a plot {@code width} px wide with labels {@code minSpacingPx} apart. */
    public static long step(TimeRange range, double width, double minSpacingPx) {
        double wanted = range.span() * minSpacingPx / Math.max(1, width);
        for (long step : STEPS) {
            if (step >= wanted) {
                return step;
            }
        }
        return STEPS[STEPS.length - 1];
    }

    /** The ticks inside {@code range}. */
    public static List<Tick> ticks(TimeRange range, double width, double minSpacingPx, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        long step = step(range, width, minSpacingPx);
        long offset = step >= 3600 * S ? zone.getRules().getOffset(Instant.ofEpochSecond((long) (range.from() / S)))
                .getTotalSeconds() * S : 0;
        long first = Math.floorDiv((long) Math.ceil(range.from()) + offset, step) * step - offset;
        if (first < range.from()) {
            first += step;
        }
        DateTimeFormatter format = (step >= 24 * 3600 * S ? DAYS
                : step >= S ? SECONDS : step >= 1_000 ? MILLIS : MICROS).withZone(zone);
        List<Tick> ticks = new ArrayList<>();
        for (long t = first; t < range.to() && ticks.size() < 1000; t += step) {
            Instant instant = Instant.ofEpochSecond(Math.floorDiv(t, S), Math.floorMod(t, S) * 1_000);
            ticks.add(new Tick(t, range.toX(t, width), format.format(instant)));
        }
        return ticks;
    }
}
