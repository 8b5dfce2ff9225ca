package org.ec2workbench.ec2;

/**
 * The size of one token bucket.
 *
 * @param category        which documented category the bucket comes from
 * @param capacity        most tokens it holds
 * @param refillPerSecond tokens added per second (may be fractional)
 */
public record BucketSpec(BucketCategory category, double capacity, double refillPerSecond) {

    public BucketSpec {
        if (!(capacity > 0) || !(refillPerSecond >= 0)) {
            throw new IllegalArgumentException("bad bucket " + capacity + "/" + refillPerSecond);
        }
    }

    /** This bucket with capacity and refill multiplied by {@code factor}. */
    public BucketSpec scaled(double factor) {
        return new BucketSpec(category, Math.max(1, capacity * factor), refillPerSecond * factor);
    }
}
