package org.ec2workbench.capture.cloudtrail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.ec2workbench.capture.ErrorCatalog;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.capture.RequestBuckets;

/**
 * Who and what burns each EC2 request bucket, from a stream of CloudTrail events: per action and bucket the
 * calls, the peak calls per second (per account and Region, as buckets are) against the bucket's refill
 * rate, throttled and failed counts; failures by error code; and the principals and user agents behind
 * throttled and failed calls.
 *
 * <p>Memory stays bounded for any amount of input: per-second counts are kept only for a sliding
 * {@link #WINDOW_SECONDS} window per bucket. Log files of one Region read in name order arrive in time
 * order, so the peak is exact; an event older than the window (files given out of order) still counts as
 * a call, but its second may be under-counted in the peak.
 */
public final class CloudTrailReport implements Consumer<TrailEvent> {

    /** How far back per-second counts are kept (CloudTrail delivers about every 5 minutes). */
    public static final long WINDOW_SECONDS = 3_600;

    private final ErrorCatalog catalog;
    private final RequestBuckets buckets;
    private final Map<String, ActionStats> actions = new HashMap<>();
    private final Map<String, Long> errorCodes = new HashMap<>();
    private final Map<String, long[]> principals = new HashMap<>();
    private final Map<String, long[]> userAgents = new HashMap<>();
    private long ec2Events;
    private long otherEvents;
    private long firstMillis = Long.MAX_VALUE;
    private long lastMillis = Long.MIN_VALUE;

    /** A report over the given catalog and bucket table. */
    public CloudTrailReport(ErrorCatalog catalog, RequestBuckets buckets) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.buckets = Objects.requireNonNull(buckets, "buckets");
    }

    /** Per-second counts of one bucket in one account and Region. */
    private static final class Window {
        final Map<Long, Integer> perSecond = new HashMap<>();
        long newest = Long.MIN_VALUE;
    }

    private static final class ActionStats {
        final String action;
        final RequestBuckets.Bucket bucket;
        final Map<String, Window> windows = new HashMap<>();
        long calls;
        long throttled;
        long failed;
        long peak;
        String peakWhere = "";
        long peakSecond;

        ActionStats(String action, RequestBuckets.Bucket bucket) {
            this.action = action;
            this.bucket = bucket;
        }

        void count(String where, long second) {
            Window w = windows.computeIfAbsent(where, k -> new Window());
            int n = w.perSecond.merge(second, 1, Integer::sum);
            if (n > peak) {
                peak = n;
                peakWhere = where;
                peakSecond = second;
            }
            if (second > w.newest) {
                w.newest = second;
                if (w.perSecond.size() > WINDOW_SECONDS) {
                    for (Iterator<Long> it = w.perSecond.keySet().iterator(); it.hasNext();) {
                        if (it.next() < w.newest - WINDOW_SECONDS) {
                            it.remove();
                        }
                    }
                }
            }
        }
    }

    @Override
    public void accept(TrailEvent e) {
        if (!e.isEc2()) {
            otherEvents++;
            return;
        }
        ec2Events++;
        firstMillis = Math.min(firstMillis, e.eventTimeMillis());
        lastMillis = Math.max(lastMillis, e.eventTimeMillis());
        RequestBuckets.Bucket bucket = buckets.bucketFor(e.eventName(), e.filteredOrPaginated());
        ActionStats stats = actions.computeIfAbsent(e.eventName() + '\u0000' + bucket.name(),
                k -> new ActionStats(e.eventName(), bucket));
        stats.calls++;
        String where = (e.account() == null ? "?" : e.account()) + " " + (e.awsRegion() == null ? "?" : e.awsRegion());
        stats.count(where, Math.floorDiv(e.eventTimeMillis(), 1_000));
        if (e.errorCode() == null || e.errorCode().isEmpty()) {
            return;
        }
        ErrorCategory category = catalog.classify(e.errorCode(), CloudTrailAttempts.httpStatusOf(e.errorCode())).category();
        boolean throttled = category == ErrorCategory.THROTTLING;
        if (throttled) {
            stats.throttled++;
        } else {
            stats.failed++;
        }
        errorCodes.merge(e.errorCode(), 1L, Long::sum);
        int column = throttled ? 0 : 1;
        principals.computeIfAbsent(e.principal(), k -> new long[2])[column]++;
        userAgents.computeIfAbsent(e.userAgent() == null ? "unknown" : e.userAgent(), k -> new long[2])[column]++;
    }

    /**
     * One action drawing from one bucket.
     *
     * @param action          the action
     * @param bucket          the bucket's name
     * @param capacity        the bucket's capacity
     * @param refillPerSecond the bucket's refill rate
     * @param calls           calls seen
     * @param peakPerSecond   the most calls in one second, in one account and Region
     * @param peakWhere       that account and Region
     * @param peakEpochSecond that second
     * @param throttled       calls throttled
     * @param failed          calls that failed otherwise
     */
    public record ActionRow(String action, String bucket, double capacity, double refillPerSecond, long calls,
            long peakPerSecond, String peakWhere, long peakEpochSecond, long throttled, long failed) {

        /** Whether the peak second used more than the bucket refills in a second. */
        public boolean peakExceedsRefill() {
            return peakPerSecond > refillPerSecond;
        }
    }

    /**
     * Calls that ended with one error code.
     *
     * @param code     as CloudTrail writes it, e.g. {@code Client.UnauthorizedOperation}
     * @param category its category
     * @param count    how many
     */
    public record ErrorRow(String code, ErrorCategory category, long count) {
    }

    /**
     * Someone behind throttled or failed calls.
     *
     * @param name      a principal ARN or a user agent
     * @param throttled their throttled calls
     * @param failed    their otherwise failed calls
     */
    public record WhoRow(String name, long throttled, long failed) {
        /** Throttled plus failed. */
        public long total() {
            return throttled + failed;
        }
    }

    /** Rows per action and bucket, most calls first. */
    public List<ActionRow> actions() {
        return actions.values().stream()
                .map(s -> new ActionRow(s.action, s.bucket.name(), s.bucket.capacity(), s.bucket.refillPerSecond(),
                        s.calls, s.peak, s.peakWhere, s.peakSecond, s.throttled, s.failed))
                .sorted(Comparator.comparingLong(ActionRow::calls).reversed().thenComparing(ActionRow::action)
                        .thenComparing(ActionRow::bucket))
                .toList();
    }

    /** Error codes, most frequent first. */
    public List<ErrorRow> errorCodes() {
        return errorCodes.entrySet().stream()
                .map(e -> new ErrorRow(e.getKey(),
                        catalog.classify(e.getKey(), CloudTrailAttempts.httpStatusOf(e.getKey())).category(), e.getValue()))
                .sorted(Comparator.comparingLong(ErrorRow::count).reversed().thenComparing(ErrorRow::code))
                .toList();
    }

    /** The {@code n} principals with the most throttled and failed calls. */
    public List<WhoRow> topPrincipals(int n) {
        return top(principals, n);
    }

    /** The {@code n} user agents with the most throttled and failed calls. */
    public List<WhoRow> topUserAgents(int n) {
        return top(userAgents, n);
    }

    private static List<WhoRow> top(Map<String, long[]> counts, int n) {
        List<WhoRow> rows = new ArrayList<>();
        counts.forEach((name, c) -> rows.add(new WhoRow(name, c[0], c[1])));
        rows.sort(Comparator.comparingLong(WhoRow::total).reversed().thenComparing(WhoRow::name));
        return rows.subList(0, Math.min(n, rows.size()));
    }

    /** EC2 events seen. */
    public long ec2Events() {
        return ec2Events;
    }

    /** Other services' events seen (and skipped). */
    public long otherEvents() {
        return otherEvents;
    }

    /** Earliest EC2 event time (epoch ms), or {@link Long#MAX_VALUE} if none. */
    public long firstMillis() {
        return firstMillis;
    }

    /** Latest EC2 event time (epoch ms), or {@link Long#MIN_VALUE} if none. */
    public long lastMillis() {
        return lastMillis;
    }
}
