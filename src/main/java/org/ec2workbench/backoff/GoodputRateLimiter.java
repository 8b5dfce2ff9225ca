package org.ec2workbench.backoff;

import java.util.Objects;

/**
 * A client-side rate limiter that paces at the rate the server actually grants. A throttled server that
 * refills a token bucket at R tokens per second answers about R requests per second with success, so the
 * successes counted since the last cut measure R directly. On throttling the limiter sets its rate to
 * {@code anchor ×} that measured goodput; between throttles it probes upward by {@code probe} per second
 * (multiplicatively). Throttles that arrive within {@code reaction} of a cut are answers to requests sent
 * at the old rate and do not cut again, so a cluster of throttled in-flight requests costs one cut, not
 * one per request (the SDK's CUBIC limiter compounds them: 0.7ⁿ).
 *
 * <p>Until the first throttle it lets everything through, unless it was given the server's documented
 * bucket ({@link Builder#knownBucket}): then it starts as a mirror of that bucket (full, refilling at the
 * documented rate) and needs no throttle to find the rate; throttles that still come (other clients
 * drawing from the same bucket) switch it to goodput anchoring. {@link #acquireDelayNanos()} reserves a token
 * and says how long to wait, so the same limiter runs on the wall clock and in virtual time. Meant to be
 * shared by every thread of one application that calls the same throttled action. Thread-safe.
 */
public final class GoodputRateLimiter implements RateLimiter {

    private static final double NANOS_PER_SECOND = 1e9;
    private static final double MIRROR_TRUST_SECONDS = 2;

    private final Clock clock;
    private final double anchor;
    private final double probe;
    private final double reactionSeconds;
    private final double minRate;
    private double burst;
    private boolean mirror;
    private boolean mirrorStarted;
    private double lastResync = Double.NEGATIVE_INFINITY;

    private boolean enabled;
    private double rate;
    private double tokens;
    private double lastRefill;
    private double lastCut;
    private long successesSinceCut;

    private GoodputRateLimiter(Builder builder) {
        this.clock = builder.clock;
        this.anchor = builder.anchor;
        this.probe = builder.probe;
        this.reactionSeconds = builder.reactionSeconds;
        this.minRate = builder.minRate;
        double now = now();
        this.lastRefill = now;
        this.lastCut = now;
        if (builder.knownCapacity > 0) {
            enabled = true;
            mirror = true;
            rate = builder.knownRefill;
            tokens = builder.knownCapacity;
            burst = builder.knownCapacity;
        }
    }

    /** A builder with the defaults (anchor 0.98, probe 1 %/s, reaction 50 ms, minimum 0.5/s). */
    public static Builder builder(Clock clock) {
        return new Builder(clock);
    }

    /** A limiter with the defaults, on {@code clock}. */
    public static GoodputRateLimiter withDefaults(Clock clock) {
        return builder(clock).build();
    }

    @Override
    public synchronized long acquireDelayNanos() {
        if (!enabled) {
            return 0;
        }
        if (mirror && !mirrorStarted) {
            // The server's bucket starts draining with the first request, not when this client was built.
            mirrorStarted = true;
            lastRefill = now();
        }
        refill(now());
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / rate * NANOS_PER_SECOND);
    }

    @Override
    public synchronized void onThrottle() {
        double now = now();
        double sinceCut = now - lastCut;
        if (enabled && sinceCut < reactionSeconds) {
            return;
        }
        refill(now);
        if (mirror && now - lastResync > MIRROR_TRUST_SECONDS) {
            // An isolated throttle while mirroring: our copy drifted ahead of the server's bucket. Empty it.
            tokens = Math.min(tokens, 0);
            lastResync = now;
            lastCut = now;
            successesSinceCut = 0;
            return;
        }
        // Throttled again soon after a re-sync: someone else draws from the bucket; pace by goodput.
        mirror = false;
        double granted = successesSinceCut / Math.max(sinceCut, reactionSeconds);
        double next;
        if (granted > 0) {
            next = granted * anchor;
        } else {
            // Nothing got through since the last cut: halve, or start at one request per reaction time.
            next = enabled ? rate / 2 : 1 / reactionSeconds;
        }
        rate = Math.max(minRate, next);
        // A fresh rate starts with no burst credit: the server's bucket is empty right now.
        tokens = Math.min(tokens, 0);
        burst = 0;
        enabled = true;
        lastCut = now;
        successesSinceCut = 0;
    }

    @Override
    public synchronized void onSuccess() {
        double now = now();
        successesSinceCut++;
        if (enabled) {
            refill(now);
        }
    }

    @Override
    public synchronized boolean enabled() {
        return enabled;
    }

    @Override
    public synchronized double fillRate() {
        return rate;
    }

    private void refill(double now) {
        double elapsed = now - lastRefill;
        lastRefill = now;
        if (elapsed <= 0 || !enabled) {
            return;
        }
        if (!mirror) {
            rate *= Math.exp(probe * elapsed);
        }
        // At most the known bucket's capacity, else one second of burst credit, like the SDK's limiter.
        tokens = Math.min(Math.max(burst, Math.max(rate, 1)), tokens + elapsed * rate);
    }

    private double now() {
        return clock.nanoTime() / NANOS_PER_SECOND;
    }

    /** Configures a {@link GoodputRateLimiter}; each setter validates at once. */
    public static final class Builder {
        private final Clock clock;
        private double anchor = 0.98;
        private double probe = 0.01;
        private double reactionSeconds = 0.05;
        private double minRate = 0.5;
        private double knownCapacity;
        private double knownRefill;

        private Builder(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** The share of the measured goodput to pace at after a throttle; must be in (0, 1]. */
        public Builder anchor(double anchor) {
            this.anchor = Checks.fraction("anchor", anchor, false);
            return this;
        }

        /** How fast the rate probes upward between throttles, per second (0.01 = 1 %/s); must be in [0, 1]. */
        public Builder probe(double probe) {
            this.probe = Checks.fraction("probe", probe, true);
            return this;
        }

        /** How long after a cut further throttles are ignored, in seconds; must be > 0. */
        public Builder reactionSeconds(double seconds) {
            this.reactionSeconds = Checks.positive("reactionSeconds", seconds);
            return this;
        }

        /** The slowest the limiter ever paces, requests per second; must be > 0. */
        public Builder minRate(double minRate) {
            this.minRate = Checks.positive("minRate", minRate);
            return this;
        }

        /**
         * The server's documented bucket (e.g. EC2's non-mutating 100 tokens, 20 per second): the limiter
         * starts as its mirror instead of waiting for a throttle. Both must be > 0.
         */
        public Builder knownBucket(double capacity, double refillPerSecond) {
            this.knownCapacity = Checks.positive("known bucket capacity", capacity);
            this.knownRefill = Checks.positive("known bucket refill", refillPerSecond);
            return this;
        }

        /** The limiter. */
        public GoodputRateLimiter build() {
            return new GoodputRateLimiter(this);
        }
    }
}
