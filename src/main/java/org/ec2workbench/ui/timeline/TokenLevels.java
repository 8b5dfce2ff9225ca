package org.ec2workbench.ui.timeline;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sandbox's token levels over time, per throttling-strip bucket (a category such as
 * {@code non-mutating}, or an uncategorized action): what the strip draws as its second series. Samples
 * come from {@link SandboxTokenPoller}; for a category, which the sandbox keeps as one bucket per action,
 * a sample is the lowest level among them (the action closest to being throttled). Keeps the newest
 * {@link #MAX_SAMPLES} samples per bucket. Free of {@code javafx}; confined to the FX thread.
 */
public final class TokenLevels {

    /** Samples kept per bucket: two hours at one poll per second. */
    static final int MAX_SAMPLES = 7_200;

    private final Map<String, History> byBucket = new HashMap<>();

    /**
     * One strip bucket's level at one moment.
     *
     * @param tokens   tokens left (the lowest among the category's buckets)
     * @param capacity the bucket's capacity
     * @param lowest   the sandbox bucket with that level, e.g. {@code DescribeVolumes}
     */
    public record Level(double tokens, double capacity, String lowest) {
        public Level {
            Objects.requireNonNull(lowest, "lowest");
            if (!(capacity > 0) || tokens > capacity + 1e-9) {
                throw new IllegalArgumentException("tokens " + tokens + " of capacity " + capacity);
            }
        }
    }

    /**
     * The levels drawn for one bucket over a time range.
     *
     * @param bucket       the strip bucket
     * @param capacity     capacity at the newest sample (the series' full scale)
     * @param timesMicros  sample times, µs since the epoch, ascending
     * @param tokens       tokens at each time
     * @param latest       the newest sample in the range
     */
    public record Series(String bucket, double capacity, long[] timesMicros, double[] tokens, Level latest) {
    }

    /** Adds the levels polled at {@code atMicros} (µs since the epoch), by strip bucket. */
    public void record(long atMicros, Map<String, Level> levels) {
        levels.forEach((bucket, level) -> byBucket.computeIfAbsent(bucket, b -> new History()).add(atMicros, level));
    }

    /** Whether any level was recorded. */
    public boolean isEmpty() {
        return byBucket.isEmpty();
    }

    /**
     * The samples of {@code bucket} that fall in {@code [from, to]}, plus the one before and the one after
     * (so a line can reach the edges); empty when there are none.
     */
    public Optional<Series> series(String bucket, double from, double to) {
        History h = bucket == null ? null : byBucket.get(bucket);
        return h == null ? Optional.empty() : h.window(bucket, from, to);
    }

    /** One bucket's samples, oldest first; drops the older half when full. */
    private static final class History {
        private long[] times = new long[64];
        private Level[] levels = new Level[64];
        private int count;

        void add(long atMicros, Level level) {
            if (count > 0 && atMicros < times[count - 1]) {
                return; // a poll that finished late: keep the series in time order
            }
            if (count == MAX_SAMPLES) {
                int keep = MAX_SAMPLES / 2;
                System.arraycopy(times, count - keep, times, 0, keep);
                System.arraycopy(levels, count - keep, levels, 0, keep);
                Arrays.fill(levels, keep, count, null);
                count = keep;
            }
            if (count == times.length) {
                times = Arrays.copyOf(times, Math.min(MAX_SAMPLES, count * 2));
                levels = Arrays.copyOf(levels, times.length);
            }
            times[count] = atMicros;
            levels[count++] = level;
        }

        Optional<Series> window(String bucket, double from, double to) {
            int first = Math.max(0, lowerBound((long) Math.floor(from)) - 1);
            int end = Math.min(count, lowerBound((long) Math.ceil(to) + 1) + 1);
            if (first >= end) {
                return Optional.empty();
            }
            long[] t = Arrays.copyOfRange(times, first, end);
            double[] tokens = new double[end - first];
            for (int i = first; i < end; i++) {
                tokens[i - first] = levels[i].tokens();
            }
            Level latest = levels[end - 1];
            return Optional.of(new Series(bucket, latest.capacity(), t, tokens, latest));
        }

        private int lowerBound(long micros) {
            int lo = 0;
            int hi = count;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] < micros) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
