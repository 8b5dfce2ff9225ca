package org.ec2workbench.backoff;

/**
 * A token bucket that refills continuously at {@code refillPerSecond} up to {@code capacity}, on an
 * injected clock. Used by the sandbox's EC2 request and resource buckets, the throttle simulator and
 * the adaptive rate limiter. Thread-safe.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final Clock clock;
    private final double capacity;
    private final double refillPerSecond;
    private double tokens;
    private long lastRefillNanos;

    /** A full bucket. */
    public TokenBucket(Clock clock, double capacity, double refillPerSecond) {
        if (!(capacity > 0)) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        if (!(refillPerSecond >= 0)) {
            throw new IllegalArgumentException("refillPerSecond must be >= 0, was " + refillPerSecond);
        }
        this.clock = clock;
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.tokens = capacity;
        this.lastRefillNanos = clock.nanoTime();
    }

    /** Takes {@code n} tokens if that many are there; otherwise takes none and returns false. */
    public synchronized boolean tryAcquire(double n) {
        refill();
        if (tokens >= n) {
            tokens -= n;
            return true;
        }
        return false;
    }

    /** Whether {@code n} tokens are there now, without taking them. */
    public synchronized boolean has(double n) {
        refill();
        return tokens >= n;
    }

    /** Takes {@code n} tokens unconditionally (the balance may go negative, e.g. for a debt). */
    public synchronized void take(double n) {
        refill();
        tokens -= n;
    }

    /** Tokens available now. */
    public synchronized double tokens() {
        refill();
        return tokens;
    }

    /** Nanoseconds until {@code n} tokens will be available (0 if they are now; MAX_VALUE if never). */
    public synchronized long nanosUntil(double n) {
        refill();
        if (tokens >= n) {
            return 0;
        }
        if (refillPerSecond == 0 || n > capacity) {
            return Long.MAX_VALUE;
        }
        return (long) Math.ceil((n - tokens) / refillPerSecond * NANOS_PER_SECOND);
    }

    /** The most tokens the bucket holds. */
    public double capacity() {
        return capacity;
    }

    /** Tokens added per second. */
    public double refillPerSecond() {
        return refillPerSecond;
    }

    private void refill() {
        long now = clock.nanoTime();
        long elapsed = now - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed / NANOS_PER_SECOND * refillPerSecond);
            lastRefillNanos = now;
        }
    }
}
