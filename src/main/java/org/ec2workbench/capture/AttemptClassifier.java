package org.ec2workbench.capture;

import java.util.Locale;
import java.util.Objects;

/**
 * Fills in what every source needs the same way: the error category and fault from the
 * {@link ErrorCatalog}, the throttling bucket from {@link RequestBuckets} (EC2 only), and a normalised
 * service name.
 */
public final class AttemptClassifier {

    private final ErrorCatalog catalog;
    private final RequestBuckets buckets;

    /** A classifier over the given catalog and bucket table. */
    public AttemptClassifier(ErrorCatalog catalog, RequestBuckets buckets) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.buckets = Objects.requireNonNull(buckets, "buckets");
    }

    /** The classifier over the shipped EC2 catalog and bucket table. */
    public static AttemptClassifier ec2() {
        return new AttemptClassifier(ErrorCatalog.ec2(), RequestBuckets.ec2());
    }

    /**
     * Sets service, action, status, error code, category, fault and (for EC2) bucket on {@code builder}.
     *
     * @param service             a service name in any of the forms SDKs use ({@code EC2}, {@code Ec2}, {@code ec2})
     * @param filteredOrPaginated whether the request had a filter or pagination (null: unknown)
     */
    public Attempt.Builder classify(Attempt.Builder builder, String service, String action, int httpStatus,
            String errorCode, Boolean filteredOrPaginated) {
        String normalized = normalizeService(service);
        ErrorCatalog.Entry entry = catalog.classify(errorCode, httpStatus);
        builder.service(normalized).action(action).httpStatus(httpStatus).errorCode(errorCode)
                .category(entry.category()).fault(entry.fault());
        if ("ec2".equals(normalized) && action != null && !action.isBlank()) {
            builder.bucket(buckets.bucketFor(action, filteredOrPaginated).name());
        }
        return builder;
    }

    /** The advice line for an attempt's error code ({@code ""} for a success). */
    public String advice(String errorCode, int httpStatus) {
        return catalog.classify(errorCode, httpStatus).advice();
    }

    /** {@code EC2}, {@code Ec2}, {@code ec2.amazonaws.com} → {@code ec2}; {@code CloudWatch Events} → {@code cloudwatchevents}. */
    public static String normalizeService(String service) {
        if (service == null || service.isBlank()) {
            return "unknown";
        }
        String s = service.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith(".amazonaws.com")) {
            s = s.substring(0, s.length() - ".amazonaws.com".length());
        }
        return s.replace(" ", "");
    }
}
