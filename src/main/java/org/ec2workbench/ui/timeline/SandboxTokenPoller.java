package org.ec2workbench.ui.timeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.ec2workbench.capture.RequestBuckets;
import org.ec2workbench.ec2.BucketCategory;
import org.ec2workbench.sandbox.throttle.Throttler;

/**
 * Reads the embedded sandbox's token buckets about once a second, off the FX thread, and hands the levels
 * (per throttling-strip bucket, see {@link TokenLevels}) to the FX thread. Polls only while it has a
 * source: the workbench gives it one while connected to the sandbox and takes it away for AWS, so nothing
 * is ever asked of a real endpoint.
 */
public final class SandboxTokenPoller implements AutoCloseable {

    private static final String UNFILTERED_SUFFIX = " (unfiltered)";

    private final Executor fx;
    private final Clock clock;
    private final BiConsumer<Long, Map<String, TokenLevels.Level>> sink;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-token-poller");
        t.setDaemon(true);
        return t;
    });
    private volatile Supplier<List<Throttler.BucketState>> source;

    /**
     * @param fx    runs the hand-over on the FX thread ({@code Platform::runLater})
     * @param clock the time stamped on each sample
     * @param sink  receives (µs since the epoch, levels by strip bucket) on {@code fx}
     */
    public SandboxTokenPoller(Executor fx, Clock clock, BiConsumer<Long, Map<String, TokenLevels.Level>> sink) {
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** What to poll: the sandbox's bucket snapshot ({@code Sandbox::buckets}), or null to stop asking (AWS). */
    public void setSource(Supplier<List<Throttler.BucketState>> source) {
        this.source = source;
    }

    /** Polls every {@code period} from now on. */
    public void start(Duration period) {
        long millis = period.toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("period must be at least 1 ms, was " + period);
        }
        timer.scheduleWithFixedDelay(this::pollQuietly, 0, millis, TimeUnit.MILLISECONDS);
    }

    /** Polls once now, on the calling thread (the timer's, or a test's); false when there is no source. */
    public boolean poll() {
        Supplier<List<Throttler.BucketState>> s = source;
        if (s == null) {
            return false;
        }
        List<Throttler.BucketState> buckets = s.get();
        Instant now = clock.instant();
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        Map<String, TokenLevels.Level> levels = levels(buckets);
        fx.execute(() -> sink.accept(micros, levels));
        return true;
    }

    /**
     * The strip's view of the sandbox's buckets: for each strip bucket, the lowest level among the sandbox
     * buckets (one per action, account and Region) that draw from it. Resource buckets are left out.
     */
    static Map<String, TokenLevels.Level> levels(List<Throttler.BucketState> buckets) {
        Map<String, TokenLevels.Level> levels = new HashMap<>();
        for (Throttler.BucketState b : buckets) {
            if (b.category() == BucketCategory.RESOURCE) {
                continue;
            }
            boolean unfiltered = b.category() == BucketCategory.UNFILTERED_UNPAGINATED;
            String action = unfiltered && b.name().endsWith(UNFILTERED_SUFFIX)
                    ? b.name().substring(0, b.name().length() - UNFILTERED_SUFFIX.length()) : b.name();
            String strip = RequestBuckets.ec2().bucketFor(action, !unfiltered).name();
            TokenLevels.Level level = new TokenLevels.Level(Math.max(0, Math.min(b.tokens(), b.capacity())),
                    b.capacity(), b.name());
            levels.merge(strip, level, (x, y) -> y.tokens() < x.tokens() ? y : x);
        }
        return levels;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // a sandbox stopping under the poll: the next tick asks again (or finds no source)
            System.getLogger(SandboxTokenPoller.class.getName()).log(System.Logger.Level.DEBUG,
                    "token poll failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
