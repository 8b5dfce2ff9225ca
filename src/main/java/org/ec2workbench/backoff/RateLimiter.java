package org.ec2workbench.backoff;

/**
 * A client-side limiter that paces attempts and learns from the server's answers: the SDK-style CUBIC
 * {@link AdaptiveRateLimiter} or the {@link GoodputRateLimiter}.
 */
public interface RateLimiter {

    /** Reserves one send token and returns how long to wait before sending, in nanoseconds (0 = now). */
    long acquireDelayNanos();

    /** Records a throttling response. */
    void onThrottle();

    /** Records a non-throttled response. */
    void onSuccess();

    /** Whether the limiter is pacing (it is not until it has seen throttling). */
    boolean enabled();

    /** The current allowed send rate, requests per second. */
    double fillRate();
}
