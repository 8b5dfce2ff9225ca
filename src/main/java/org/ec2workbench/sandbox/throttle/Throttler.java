package org.ec2workbench.sandbox.throttle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.backoff.TokenBucket;
import org.ec2workbench.ec2.BucketCatalog;
import org.ec2workbench.ec2.BucketCategory;
import org.ec2workbench.ec2.BucketSpec;

/**
 * The sandbox's EC2 throttling: one request bucket per account, Region and action (the unfiltered calls of
 * the big Describe actions in a smaller bucket of their own) and the resource buckets drained by instance
 * count. Buckets run on the wall clock given here, not on the time-scaled world clock, because they
 * limit real clients' real request rates. Thread-safe.
 */
public final class Throttler {

    private final BucketCatalog catalog;
    private final Clock clock;
    private final double scale;
    private final boolean enabled;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile double incidentCost = 1;

    /**
     * @param scale   multiplies every capacity and refill rate (the lesson preset shrinks them)
     * @param enabled false for the calm preset: nothing is ever throttled
     */
    public Throttler(BucketCatalog catalog, Clock clock, double scale, boolean enabled) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be > 0, was " + scale);
        }
        this.catalog = catalog;
        this.clock = clock;
        this.scale = scale;
        this.enabled = enabled;
    }

    /**
     * An "AWS-triggered throttling" incident: while set above 1, every request costs that many tokens, as
     * if the service had cut every bucket by that factor.
     */
    public void setIncidentFactor(double factor) {
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("incident factor must be >= 1, was " + factor);
        }
        this.incidentCost = factor;
    }

    /** The current incident factor (1 = no incident). */
    public double incidentFactor() {
        return incidentCost;
    }

    /** Takes one token for a request; false if its bucket is empty (the caller answers RequestLimitExceeded). */
    public boolean tryRequest(String account, String region, String action, boolean filteredOrPaginated) {
        if (!enabled) {
            return true;
        }
        BucketSpec spec = catalog.requestBucket(action, filteredOrPaginated);
        String name = spec.category() == BucketCategory.UNFILTERED_UNPAGINATED ? action + " (unfiltered)" : action;
        return bucket(account, region, name, spec).bucket.tryAcquire(incidentCost);
    }

    /** Takes {@code count} tokens from the action's resource bucket, if it has one; false when it cannot. */
    public boolean tryResources(String account, String region, String action, int count) {
        if (!enabled) {
            return true;
        }
        Optional<BucketSpec> spec = catalog.resourceBucket(action);
        return spec.isEmpty() || bucket(account, region, action + " (resources)", spec.get()).bucket.tryAcquire(count);
    }

    /** Gives back resource tokens taken for a request that then failed before launching anything. */
    public void refundResources(String account, String region, String action, int count) {
        if (!enabled) {
            return;
        }
        catalog.resourceBucket(action).ifPresent(spec ->
                bucket(account, region, action + " (resources)", spec).bucket.take(-count));
    }

    private Bucket bucket(String account, String region, String name, BucketSpec spec) {
        String key = account + '/' + region + '/' + name;
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            BucketSpec scaled = scale == 1 ? spec : spec.scaled(scale);
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(account, region, name, scaled,
                    new TokenBucket(clock, scaled.capacity(), scaled.refillPerSecond())));
        }
        return bucket;
    }

    /** Every bucket used so far, with its tokens now, sorted by account, Region and name. */
    public List<BucketState> snapshot() {
        List<BucketState> states = new ArrayList<>();
        for (Bucket b : buckets.values()) {
            states.add(new BucketState(b.account, b.region, b.name, b.spec.category(), b.spec.capacity(),
                    b.spec.refillPerSecond(), b.bucket.tokens()));
        }
        states.sort((a, b) -> (a.account() + a.region() + a.name()).compareTo(b.account() + b.region() + b.name()));
        return states;
    }

    private record Bucket(String account, String region, String name, BucketSpec spec, TokenBucket bucket) {
    }

    /**
     * One bucket as the UI shows it.
     *
     * @param name the action, with " (unfiltered)" or " (resources)" for those buckets
     */
    public record BucketState(String account, String region, String name, BucketCategory category,
                              double capacity, double refillPerSecond, double tokens) {
    }
}
