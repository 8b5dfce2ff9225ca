package org.ec2workbench.capture;

import java.util.Objects;
import org.ec2workbench.ec2.BucketCatalog;
import org.ec2workbench.ec2.BucketCategory;
import org.ec2workbench.ec2.BucketSpec;

/**
 * Which EC2 request token bucket an action draws from, with the bucket's capacity and refill rate per
 * second (per account and Region; one token per request). The categories follow the EC2 request
 * throttling documentation; the uncategorized actions' own buckets come from
 * {@code ec2-uncategorized-request-buckets.csv}. The table itself is {@link BucketCatalog}, the one the
 * sandbox throttles with; this is its view by bucket name, as capture and CloudTrail reports use it.
 */
public final class RequestBuckets {

    /** Bucket name of Describe*, List*, Search*, Get* actions not listed elsewhere. */
    public static final String NON_MUTATING = "non-mutating";
    /** Bucket name of the seven big Describe actions called with no filter and no pagination. */
    public static final String UNFILTERED_NON_MUTATING = "unfiltered-non-mutating";
    /** Bucket name of mutating actions not listed elsewhere. */
    public static final String MUTATING = "mutating";
    /** Bucket name of the resource-intensive actions. */
    public static final String RESOURCE_INTENSIVE = "resource-intensive";

    private static final RequestBuckets EC2 = new RequestBuckets(BucketCatalog.standard());

    /**
     * A token bucket.
     *
     * @param name            the category name, or the action's name for an uncategorized action
     * @param capacity        maximum tokens (the burst)
     * @param refillPerSecond tokens added per second (may be fractional)
     */
    public record Bucket(String name, double capacity, double refillPerSecond) {
        public Bucket {
            Objects.requireNonNull(name, "name");
        }
    }

    private final BucketCatalog catalog;

    private RequestBuckets(BucketCatalog catalog) {
        this.catalog = catalog;
    }

    /** The EC2 bucket table (the one the sandbox throttles with). */
    public static RequestBuckets ec2() {
        return EC2;
    }

    /**
     * The bucket {@code action} draws from. {@code filteredOrPaginated} says whether the request had a
     * filter or pagination parameter; {@code null} when unknown (CSM datagrams do not say), which for the
     * seven big Describe actions picks the smaller unfiltered bucket, the one that throttles first.
     */
    public Bucket bucketFor(String action, Boolean filteredOrPaginated) {
        BucketSpec spec = catalog.requestBucket(action, Boolean.TRUE.equals(filteredOrPaginated));
        String name = switch (spec.category()) {
            case NON_MUTATING -> NON_MUTATING;
            case UNFILTERED_UNPAGINATED -> UNFILTERED_NON_MUTATING;
            case MUTATING -> MUTATING;
            case RESOURCE_INTENSIVE -> RESOURCE_INTENSIVE;
            case UNCATEGORIZED, RESOURCE -> action;
        };
        return new Bucket(name, spec.capacity(), spec.refillPerSecond());
    }

    /** The bucket called {@code name} (a category or an uncategorized action), or {@code null}. */
    public Bucket byName(String name) {
        BucketSpec spec = switch (name) {
            case NON_MUTATING -> catalog.category(BucketCategory.NON_MUTATING);
            case UNFILTERED_NON_MUTATING -> catalog.category(BucketCategory.UNFILTERED_UNPAGINATED);
            case MUTATING -> catalog.category(BucketCategory.MUTATING);
            case RESOURCE_INTENSIVE -> catalog.category(BucketCategory.RESOURCE_INTENSIVE);
            default -> catalog.ownBucket(name).orElse(null);
        };
        return spec == null ? null : new Bucket(name, spec.capacity(), spec.refillPerSecond());
    }
}
