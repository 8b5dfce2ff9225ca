package org.ec2workbench.ui.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;

/**
 * The timeline's level of detail: for each lane key (action id or source id), each time bucket and each
 * call residue (call id mod {@link #RESIDUES}), which error categories occurred there and where backoff
 * gaps lie. Wide views read these cells instead of visiting every attempt; a cell maps onto a pixel
 * column and a track (tracks are residues folded, see {@link TimelineLayout#tracks()}).
 *
 * <p>Levels have buckets of 2<sup>17</sup> µs (about 0.13 s) and twice as coarse each step. A level is
 * built on first use for one lane mode (one pass over the session, on a background executor when one is
 * given, see {@link #runBuildsOn}) and then kept up to date as attempts append, so only the levels someone
 * zoomed out to cost memory. Cells are kept in pages of 64 buckets,
 * allocated on first touch and kept sorted by time, so a visible window is found by binary search. Also keeps per-second call counts for the throttling strip.
 *
 * <p>Free of {@code javafx}; confined to the thread that refreshes the model (the FX thread), except that
 * a level is built from a snapshot on the background executor and handed back through the {@code fx} one.
 */
final class LaneSummary {

    /** Call residues per bucket: tracks per lane must divide this. */
    static final int RESIDUES = 12;
    /** Bit of a cell: a backoff gap passes through the bucket. */
    static final int GAP = 1 << 8;
    /** Bit of a cell: a backoff gap starts in the bucket (its tick). */
    static final int GAP_START = 1 << 9;
    /** Mask of the category bits of a cell (bit = category ordinal). */
    static final int CATEGORIES = (1 << ErrorCategory.values().length) - 1;

    static final int FINEST_SHIFT = 17;
    static final int LEVELS = 16;
    private static final int PAGE_BITS = 6;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int SECONDS_PAGE_BITS = 10;
    private static final long MICROS_PER_SECOND = 1_000_000;

    private static final System.Logger LOG = System.getLogger(LaneSummary.class.getName());

    private final Map<Integer, Level> levels = new HashMap<>();
    private final Set<Integer> building = new HashSet<>();
    private Executor background = Runnable::run;
    private Executor fx = Runnable::run;
    private Runnable onReady = () -> { };
    private final Map<String, SecondCounts> seconds = new HashMap<>();

    /** Bucket width of {@code level}, µs. */
    static long bucketMicros(int level) {
        return 1L << shift(level);
    }

    private static int shift(int level) {
        return FINEST_SHIFT + level;
    }

    /**
     * The coarsest level whose buckets are no wider than {@code microsPerPixel}, or -1 when even the finest
     * is wider (the view is too close for a summary).
     */
    static int levelFor(double microsPerPixel) {
        int best = -1;
        for (int level = 0; level < LEVELS; level++) {
            if (bucketMicros(level) <= microsPerPixel) {
                best = level;
            }
        }
        return best;
    }

    /** Takes in the rows of {@code s} not seen yet, in every level and count already built. */
    void update(AttemptStore.Snapshot s) {
        for (Level level : levels.values()) {
            level.catchUp(s);
        }
        for (SecondCounts counts : seconds.values()) {
            counts.catchUp(s);
        }
    }

    /**
     * Builds new levels on {@code background} and hands them over on {@code fx} (the thread that uses
     * this summary), then runs {@code onReady} there. By default both run inline: a level is built the
     * moment it is first asked for.
     */
    void runBuildsOn(Executor background, Executor fx, Runnable onReady) {
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.onReady = Objects.requireNonNull(onReady, "onReady");
    }

    /**
     * Level {@code level} for lanes by {@code mode}, up to date with {@code s}; or null while it is being
     * built in the background (the first request starts the build; {@code onReady} says when it is done).
     */
    Level level(LaneMode mode, int level, AttemptStore.Snapshot s) {
        int key = mode.ordinal() * LEVELS + level;
        if (!levels.containsKey(key) && building.add(key)) {
            Level fresh = new Level(mode, shift(level));
            background.execute(() -> {
                try {
                    fresh.catchUp(s);
                    fx.execute(() -> {
                        building.remove(key);
                        levels.put(key, fresh);
                        onReady.run();
                    });
                } catch (RuntimeException e) {
                    // stays "building": the view keeps drawing from the attempts
                    LOG.log(System.Logger.Level.WARNING, "summary level could not be built", e);
                }
            });
        }
        Level l = levels.get(key);
        if (l != null) {
            l.catchUp(s);
        }
        return l;
    }

    /** Per-second counts of attempts against throttling bucket {@code bucket}, up to date with {@code s}. */
    SecondCounts seconds(String bucket, AttemptStore.Snapshot s) {
        SecondCounts counts = seconds.computeIfAbsent(bucket, SecondCounts::new);
        counts.catchUp(s);
        return counts;
    }

    /** Bytes held by the levels and counts built so far (for the benchmark). */
    long estimatedBytes() {
        long bytes = levels.values().stream().mapToLong(Level::estimatedBytes).sum();
        return bytes + seconds.values().stream().mapToLong(SecondCounts::estimatedBytes).sum();
    }

    /** Receives the non-empty cells of a lane key in a bucket range. */
    @FunctionalInterface
    interface CellVisitor {
        /** Cell of {@code bucket} (index: start / bucket width) and call residue {@code residue}; {@code bits} as in the class doc. */
        void cell(long bucket, int residue, int bits);
    }

    /** One level of detail for one lane mode. */
    static final class Level {
        private final LaneMode mode;
        private final int shift;
        private final List<Pages> pagesByKey = new ArrayList<>();
        private int indexed;

        private Level(LaneMode mode, int shift) {
            this.mode = mode;
            this.shift = shift;
        }

        /** Bucket width, µs. */
        long bucketMicros() {
            return 1L << shift;
        }

        /** The bucket holding time {@code micros}. */
        long bucketOf(double micros) {
            return (long) Math.floor(micros) >> shift;
        }

        private void catchUp(AttemptStore.Snapshot s) {
            int n = s.size();
            for (int i = indexed; i < n; i++) {
                add(s, i);
            }
            indexed = Math.max(indexed, n);
        }

        private void add(AttemptStore.Snapshot s, int i) {
            int key = mode == LaneMode.ACTION ? s.actionId(i) : s.sourceId(i);
            int residue = Math.floorMod(s.callId(i), RESIDUES);
            long start = s.startMicros(i);
            int category = 1 << s.category(i).ordinal();
            long last = (start + Math.max(0, s.durationMicros(i) - 1)) >> shift;
            for (long b = start >> shift; b <= last; b++) {
                mark(key, b, residue, category);
            }
            long backoff = s.backoffMicros(i);
            if (backoff > bucketMicros() && s.attemptNumber(i) > 1) {
                long gapStart = (start - backoff) >> shift;
                mark(key, gapStart, residue, GAP_START);
                for (long b = gapStart; b < start >> shift; b++) {
                    mark(key, b, residue, GAP);
                }
            }
        }

        private void mark(int key, long bucket, int residue, int bits) {
            while (pagesByKey.size() <= key) {
                pagesByKey.add(null);
            }
            Pages pages = pagesByKey.get(key);
            if (pages == null) {
                pages = new Pages();
                pagesByKey.set(key, pages);
            }
            short[] page = pages.getOrCreate(bucket >> PAGE_BITS);
            int cell = (int) (bucket & (PAGE - 1)) * RESIDUES + residue;
            page[cell] = (short) (page[cell] | bits);
        }

        /** Visits the non-empty cells of lane key {@code key} with buckets in {@code [fromBucket, toBucket]}, in bucket order. */
        void forEachCell(int key, long fromBucket, long toBucket, CellVisitor visitor) {
            if (key < 0 || key >= pagesByKey.size() || pagesByKey.get(key) == null) {
                return;
            }
            Pages pages = pagesByKey.get(key);
            long lastPage = toBucket >> PAGE_BITS;
            for (int at = pages.firstAtOrAfter(fromBucket >> PAGE_BITS); at < pages.count; at++) {
                long p = pages.index[at];
                if (p > lastPage) {
                    break;
                }
                short[] page = pages.data[at];
                long base = p << PAGE_BITS;
                int first = (int) Math.max(0, fromBucket - base);
                int last = (int) Math.min(PAGE - 1, toBucket - base);
                for (int b = first; b <= last; b++) {
                    for (int r = 0; r < RESIDUES; r++) {
                        int bits = page[b * RESIDUES + r];
                        if (bits != 0) {
                            visitor.cell(base + b, r, bits);
                        }
                    }
                }
            }
        }

        /** Bytes held by the cells (for the benchmark). */
        long estimatedBytes() {
            long pages = pagesByKey.stream().mapToLong(m -> m == null ? 0 : m.count).sum();
            return pages * (PAGE * RESIDUES * 2L + 64);
        }
    }

    /** Pages of cells of one lane key, sorted by page index (appends in time order are the fast path). */
    private static final class Pages {
        private long[] index = new long[4];
        private short[][] data = new short[4][];
        private int count;

        short[] getOrCreate(long page) {
            if (count > 0 && index[count - 1] == page) {
                return data[count - 1];
            }
            int at = firstAtOrAfter(page);
            if (at < count && index[at] == page) {
                return data[at];
            }
            if (count == index.length) {
                index = Arrays.copyOf(index, count * 2);
                data = Arrays.copyOf(data, count * 2);
            }
            System.arraycopy(index, at, index, at + 1, count - at);
            System.arraycopy(data, at, data, at + 1, count - at);
            index[at] = page;
            data[at] = new short[PAGE * RESIDUES];
            count++;
            return data[at];
        }

        /** The position of the first page with index &gt;= {@code page}. */
        int firstAtOrAfter(long page) {
            int lo = 0;
            int hi = count;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (index[mid] < page) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /** Attempts per second (and the throttled among them) drawing from one throttling bucket. */
    static final class SecondCounts {
        private final String bucket;
        private final Map<Long, int[]> pages = new HashMap<>();
        private int indexed;

        private SecondCounts(String bucket) {
            this.bucket = bucket;
        }

        private void catchUp(AttemptStore.Snapshot s) {
            int n = s.size();
            for (int i = indexed; i < n; i++) {
                String b = s.bucket(i);
                if (b == bucket || bucket.equals(b)) {
                    long second = Math.floorDiv(s.startMicros(i), MICROS_PER_SECOND);
                    int[] page = pages.computeIfAbsent(second >> SECONDS_PAGE_BITS,
                            p -> new int[2 << SECONDS_PAGE_BITS]);
                    int slot = (int) (second & ((1 << SECONDS_PAGE_BITS) - 1)) * 2;
                    page[slot]++;
                    if (s.category(i) == ErrorCategory.THROTTLING) {
                        page[slot + 1]++;
                    }
                }
            }
            indexed = Math.max(indexed, n);
        }

        private long estimatedBytes() {
            return pages.size() * ((8L << SECONDS_PAGE_BITS) + 64);
        }

        /**
         * Adds the attempts started in seconds {@code [fromSecond, toSecond)} into {@code counts[0]} (all)
         * and {@code counts[1]} (throttled).
         */
        void sum(long fromSecond, long toSecond, long[] counts) {
            long second = fromSecond;
            while (second < toSecond) {
                long pageIndex = second >> SECONDS_PAGE_BITS;
                long pageEnd = Math.min(toSecond, (pageIndex + 1) << SECONDS_PAGE_BITS);
                int[] page = pages.get(pageIndex);
                if (page != null) {
                    for (long t = second; t < pageEnd; t++) {
                        int slot = (int) (t & ((1 << SECONDS_PAGE_BITS) - 1)) * 2;
                        counts[0] += page[slot];
                        counts[1] += page[slot + 1];
                    }
                }
                second = pageEnd;
            }
        }
    }
}
