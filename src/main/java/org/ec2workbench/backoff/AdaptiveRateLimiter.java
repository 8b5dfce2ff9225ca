package org.ec2workbench.backoff;

import java.util.Objects;

/**
 * The client-side rate limiter of the AWS SDKs' adaptive retry mode: a token bucket whose fill rate
 * follows CUBIC congestion control. Until the first throttling response it lets everything through;
 * a throttle cuts the rate to {@code β·min(measured, current)} and successes grow it back along the
 * cubic {@code scale·(t − K)³ + lastMax}, with {@code K = ∛(lastMax·(1−β)/scale)}, never above twice
 * the measured send rate. The send rate is measured in fixed buckets and smoothed exponentially.
 *
 * <p>{@link #acquireDelayNanos()} reserves a token and says how long to wait before sending, so the same
 * limiter runs on the wall clock and in virtual time. Constants default to the SDK's (β 0.7, scale 0.4,
 * smoothing 0.8, 0.5 s buckets, minimum rate 0.5/s, minimum capacity 1). A test drives it side by side
 * with the SDK's own adaptive token bucket and requires identical rates and waits. Thread-safe; use one
 * per client, or one per action category ({@link RateLimiterRegistry}).
 */
public final class AdaptiveRateLimiter implements RateLimiter {

    private static final double NANOS_PER_SECOND = 1e9;

    private final Clock clock;
    private final double beta;
    private final double scale;
    private final double smoothing;
    private final double bucketSeconds;
    private final double minRate;
    private final double minCapacity;

    private double fillRate;
    private double maxCapacity;
    private double currentCapacity;
    private boolean hasRefilled;
    private double lastRefill;
    private boolean enabled;
    private double measuredRate;
    private double lastRateBucket;
    private long requestCount;
    private double lastMaxRate;
    private double lastThrottle;
    private double timeWindow;

    private AdaptiveRateLimiter(Builder builder) {
        this.clock = builder.clock;
        this.beta = builder.beta;
        this.scale = builder.scale;
        this.smoothing = builder.smoothing;
        this.bucketSeconds = builder.bucketSeconds;
        this.minRate = builder.minRate;
        this.minCapacity = builder.minCapacity;
        // Like the SDK, every state variable starts at zero: the first measurement bucket and the "last
        // throttle" both lie at clock time 0, and the rate is unset until the first update.
    }

    /** A builder with the SDK's constants, on {@code clock}. */
    public static Builder builder(Clock clock) {
        return new Builder(clock);
    }

    /** A limiter with the SDK's constants, on {@code clock}. */
    public static AdaptiveRateLimiter sdkDefaults(Clock clock) {
        return builder(clock).build();
    }

    /**
     * Reserves one send token: 0 while the limiter has never seen throttling or a token is ready,
     * otherwise the nanoseconds to wait until the reserved token has refilled.
     */
    @Override
    public synchronized long acquireDelayNanos() {
        if (!enabled) {
            return 0;
        }
        refill();
        if (currentCapacity >= 1) {
            currentCapacity -= 1;
            return 0;
        }
        double waitSeconds = (1 - currentCapacity) / fillRate;
        currentCapacity -= 1;
        return (long) Math.ceil(waitSeconds * NANOS_PER_SECOND);
    }

    /** Records a throttling response: the rate drops to β times what was being sent. */
    @Override
    public synchronized void onThrottle() {
        double now = now();
        updateMeasuredRate(now);
        double rateToUse = enabled ? Math.min(measuredRate, fillRate) : measuredRate;
        lastMaxRate = rateToUse;
        timeWindow = Math.cbrt(lastMaxRate * (1 - beta) / scale);
        lastThrottle = now;
        enabled = true;
        updateRate(Math.min(rateToUse * beta, 2 * measuredRate));
    }

    /** Records a non-throttled response: the rate climbs back along the cubic curve. */
    @Override
    public synchronized void onSuccess() {
        double now = now();
        updateMeasuredRate(now);
        timeWindow = Math.cbrt(lastMaxRate * (1 - beta) / scale);
        double cubic = scale * Math.pow(now - lastThrottle - timeWindow, 3) + lastMaxRate;
        updateRate(Math.min(cubic, 2 * measuredRate));
    }

    /** Whether throttling has been seen, so the limiter now paces requests. */
    @Override
    public synchronized boolean enabled() {
        return enabled;
    }

    /** The current allowed send rate, requests per second. */
    @Override
    public synchronized double fillRate() {
        return fillRate;
    }

    /** The smoothed measured send rate, requests per second. */
    public synchronized double measuredRate() {
        return measuredRate;
    }

    /** The rate at the last throttle, requests per second. */
    public synchronized double lastMaxRate() {
        return lastMaxRate;
    }

    private void updateRate(double newRate) {
        refill();
        fillRate = Math.max(newRate, minRate);
        maxCapacity = Math.max(newRate, minCapacity);
        currentCapacity = Math.min(currentCapacity, maxCapacity);
    }

    private void refill() {
        double now = now();
        if (!hasRefilled) {
            hasRefilled = true;
            lastRefill = now;
            return;
        }
        currentCapacity = Math.min(maxCapacity, currentCapacity + (now - lastRefill) * fillRate);
        lastRefill = now;
    }

    private void updateMeasuredRate(double now) {
        double bucket = Math.floor(now / bucketSeconds) * bucketSeconds;
        requestCount++;
        if (bucket > lastRateBucket) {
            double currentRate = requestCount / (bucket - lastRateBucket);
            measuredRate = currentRate * smoothing + measuredRate * (1 - smoothing);
            requestCount = 0;
            lastRateBucket = bucket;
        }
    }

    private double now() {
        return clock.nanoTime() / NANOS_PER_SECOND;
    }

    /** Configures an {@link AdaptiveRateLimiter}; each setter validates at once. */
    public static final class Builder {
        private final Clock clock;
        private double beta = 0.7;
        private double scale = 0.4;
        private double smoothing = 0.8;
        private double bucketSeconds = 0.5;
        private double minRate = 0.5;
        private double minCapacity = 1;

        private Builder(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** Multiplicative decrease on throttling; must be in (0, 1). */
        public Builder beta(double beta) {
            if (!(beta > 0 && beta < 1)) {
                throw new IllegalArgumentException("beta must be in (0, 1), was " + beta);
            }
            this.beta = beta;
            return this;
        }

        /** CUBIC scale constant; must be > 0. */
        public Builder scale(double scale) {
            this.scale = Checks.positive("scale", scale);
            return this;
        }

        /** Weight of the newest rate measurement; must be in (0, 1]. */
        public Builder smoothing(double smoothing) {
            this.smoothing = Checks.fraction("smoothing", smoothing, false);
            return this;
        }

        /** Width of a send-rate measurement bucket in seconds; must be > 0. */
        public Builder bucketSeconds(double seconds) {
            this.bucketSeconds = Checks.positive("bucketSeconds", seconds);
            return this;
        }

        /** The slowest the limiter ever paces, requests per second; must be > 0. */
        public Builder minRate(double minRate) {
            this.minRate = Checks.positive("minRate", minRate);
            return this;
        }

        /** The limiter. */
        public AdaptiveRateLimiter build() {
            return new AdaptiveRateLimiter(this);
        }
    }
}
