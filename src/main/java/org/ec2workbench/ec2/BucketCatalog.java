package org.ec2workbench.ec2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which bucket each EC2 action draws from, per the EC2 throttling documentation: the four categories,
 * the uncategorized per-action table (loaded from the bundled CSV) and the resource buckets.
 */
public final class BucketCatalog {

    /** The bundled uncategorized-bucket table. */
    public static final String RESOURCE = "/org/ec2workbench/ec2/ec2-uncategorized-request-buckets.csv";

    /** Actions whose unfiltered, unpaginated calls draw from the smaller bucket. */
    public static final Set<String> UNFILTERED_ACTIONS = Set.of("DescribeInstances", "DescribeInstanceStatus",
            "DescribeNetworkInterfaces", "DescribeSecurityGroups", "DescribeSnapshots",
            "DescribeSpotInstanceRequests", "DescribeVolumes");

    /** The documented resource-intensive actions. */
    public static final Set<String> RESOURCE_INTENSIVE_ACTIONS = Set.of("AcceptVpcPeeringConnection",
            "AuthorizeSecurityGroupIngress", "CancelSpotInstanceRequests", "CreateKeyPair",
            "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection",
            "RevokeSecurityGroupIngress", "RequestSpotInstances");

    private static final BucketSpec NON_MUTATING = new BucketSpec(BucketCategory.NON_MUTATING, 100, 20);
    private static final BucketSpec UNFILTERED = new BucketSpec(BucketCategory.UNFILTERED_UNPAGINATED, 50, 10);
    private static final BucketSpec MUTATING = new BucketSpec(BucketCategory.MUTATING, 50, 5);
    private static final BucketSpec INTENSIVE = new BucketSpec(BucketCategory.RESOURCE_INTENSIVE, 50, 5);
    private static final Map<String, BucketSpec> RESOURCE_BUCKETS = Map.of(
            "RunInstances", new BucketSpec(BucketCategory.RESOURCE, 1000, 2),
            "TerminateInstances", new BucketSpec(BucketCategory.RESOURCE, 1000, 20),
            "StartInstances", new BucketSpec(BucketCategory.RESOURCE, 1000, 2),
            "StopInstances", new BucketSpec(BucketCategory.RESOURCE, 1000, 20));

    private final Map<String, BucketSpec> uncategorized;

    private BucketCatalog(Map<String, BucketSpec> uncategorized) {
        this.uncategorized = Map.copyOf(uncategorized);
    }

    /** The catalog with the bundled uncategorized table. */
    public static BucketCatalog standard() {
        try (InputStream in = BucketCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new BucketCatalog(parse(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, BucketSpec> parse(InputStream in) throws IOException {
        Map<String, BucketSpec> table = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = reader.readLine();
        if (header == null || !header.trim().equals("action,bucket_max_capacity,bucket_refill_rate")) {
            throw new IllegalStateException("unexpected bucket table header: " + header);
        }
        String line;
        int number = 1;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != 3) {
                throw new IllegalStateException("bucket table line " + number + " has " + cells.length + " cells");
            }
            table.put(cells[0].trim(), new BucketSpec(BucketCategory.UNCATEGORIZED,
                    Double.parseDouble(cells[1].trim()), Double.parseDouble(cells[2].trim())));
        }
        return table;
    }

    /**
     * The request bucket of {@code action}.
     *
     * @param filteredOrPaginated whether the request carries a filter, ids, or pagination parameters
     */
    public BucketSpec requestBucket(String action, boolean filteredOrPaginated) {
        BucketSpec own = uncategorized.get(action);
        if (own != null) {
            return own;
        }
        if (RESOURCE_INTENSIVE_ACTIONS.contains(action)) {
            return INTENSIVE;
        }
        if (isNonMutating(action)) {
            return !filteredOrPaginated && UNFILTERED_ACTIONS.contains(action) ? UNFILTERED : NON_MUTATING;
        }
        return MUTATING;
    }

    /** The bucket of one of the four fixed categories (not {@code UNCATEGORIZED} or {@code RESOURCE}). */
    public BucketSpec category(BucketCategory category) {
        return switch (category) {
            case NON_MUTATING -> NON_MUTATING;
            case UNFILTERED_UNPAGINATED -> UNFILTERED;
            case MUTATING -> MUTATING;
            case RESOURCE_INTENSIVE -> INTENSIVE;
            case UNCATEGORIZED, RESOURCE -> throw new IllegalArgumentException(category + " buckets belong to actions");
        };
    }

    /** The bucket {@code action} has of its own in the uncategorized table, if any. */
    public Optional<BucketSpec> ownBucket(String action) {
        return Optional.ofNullable(uncategorized.get(action));
    }

    /** The resource bucket of {@code action}, if it has one. */
    public Optional<BucketSpec> resourceBucket(String action) {
        return Optional.ofNullable(RESOURCE_BUCKETS.get(action));
    }

    /** Whether the action only reads (Describe*, List*, Search*, Get*). */
    public static boolean isNonMutating(String action) {
        return action.startsWith("Describe") || action.startsWith("List") || action.startsWith("Search")
                || action.startsWith("Get");
    }
}
