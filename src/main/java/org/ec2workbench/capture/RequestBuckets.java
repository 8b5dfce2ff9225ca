package org.ec2workbench.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which EC2 request token bucket an action draws from, with the bucket's capacity and refill rate per
 * second (per account and Region; one token per request). The categories follow the EC2 request
 * throttling documentation; the uncategorized actions' own buckets come from
 * {@code ec2-uncategorized-request-buckets.csv}.
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

    private static final String RESOURCE = "ec2-uncategorized-request-buckets.csv";
    private static final Set<String> UNFILTERED_ACTIONS = Set.of("DescribeInstances", "DescribeInstanceStatus",
            "DescribeNetworkInterfaces", "DescribeSecurityGroups", "DescribeSnapshots",
            "DescribeSpotInstanceRequests", "DescribeVolumes");
    private static final Set<String> RESOURCE_INTENSIVE_ACTIONS = Set.of("AcceptVpcPeeringConnection",
            "AuthorizeSecurityGroupIngress", "CancelSpotInstanceRequests", "CreateKeyPair",
            "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection",
            "RevokeSecurityGroupIngress", "RequestSpotInstances");
    private static final RequestBuckets EC2 = load();

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

    private final Map<String, Bucket> uncategorized;
    private final Bucket nonMutating = new Bucket(NON_MUTATING, 100, 20);
    private final Bucket unfiltered = new Bucket(UNFILTERED_NON_MUTATING, 50, 10);
    private final Bucket mutating = new Bucket(MUTATING, 50, 5);
    private final Bucket resourceIntensive = new Bucket(RESOURCE_INTENSIVE, 50, 5);

    private RequestBuckets(Map<String, Bucket> uncategorized) {
        this.uncategorized = Collections.unmodifiableMap(uncategorized);
    }

    /** The EC2 bucket table. */
    public static RequestBuckets ec2() {
        return EC2;
    }

    /**
     * The bucket {@code action} draws from. {@code filteredOrPaginated} says whether the request had a
     * filter or pagination parameter; {@code null} when unknown (CSM datagrams do not say), which for the
     * seven big Describe actions picks the smaller unfiltered bucket, the one that throttles first.
     */
    public Bucket bucketFor(String action, Boolean filteredOrPaginated) {
        Bucket own = uncategorized.get(action);
        if (own != null) {
            return own;
        }
        if (RESOURCE_INTENSIVE_ACTIONS.contains(action)) {
            return resourceIntensive;
        }
        if (UNFILTERED_ACTIONS.contains(action) && !Boolean.TRUE.equals(filteredOrPaginated)) {
            return unfiltered;
        }
        if (isNonMutating(action)) {
            return nonMutating;
        }
        return mutating;
    }

    /** The bucket called {@code name} (a category or an uncategorized action), or {@code null}. */
    public Bucket byName(String name) {
        return switch (name) {
            case NON_MUTATING -> nonMutating;
            case UNFILTERED_NON_MUTATING -> unfiltered;
            case MUTATING -> mutating;
            case RESOURCE_INTENSIVE -> resourceIntensive;
            default -> uncategorized.get(name);
        };
    }

    private static boolean isNonMutating(String action) {
        return action.startsWith("Describe") || action.startsWith("List") || action.startsWith("Search")
                || action.startsWith("Get");
    }

    private static RequestBuckets load() {
        Map<String, Bucket> buckets = new LinkedHashMap<>();
        try (InputStream in = RequestBuckets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = reader.readLine(); // header
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                if (f.length != 3) {
                    throw new IllegalStateException(RESOURCE + " line " + number + ": expected action,capacity,refill");
                }
                buckets.put(f[0], new Bucket(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RequestBuckets(buckets);
    }
}
