package org.ec2workbench.backoff;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One {@link AdaptiveRateLimiter} per category (e.g. EC2's describe / mutating / per-action buckets),
 * so throttling of one category does not slow the others. Thread-safe.
 */
public final class RateLimiterRegistry {

    private final Supplier<AdaptiveRateLimiter> factory;
    private final Map<String, AdaptiveRateLimiter> limiters = new ConcurrentHashMap<>();

    /** Creates limiters with {@code factory} on first use of each category. */
    public RateLimiterRegistry(Supplier<AdaptiveRateLimiter> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** Limiters with the SDK's constants on {@code clock}. */
    public static RateLimiterRegistry sdkDefaults(Clock clock) {
        return new RateLimiterRegistry(() -> AdaptiveRateLimiter.sdkDefaults(clock));
    }

    /** The limiter of {@code category}, created on first use. */
    public AdaptiveRateLimiter forCategory(String category) {
        return limiters.computeIfAbsent(Objects.requireNonNull(category, "category"), key -> factory.get());
    }

    /** The categories with a limiter so far, and their limiters (a snapshot). */
    public Map<String, AdaptiveRateLimiter> snapshot() {
        return Map.copyOf(limiters);
    }
}
