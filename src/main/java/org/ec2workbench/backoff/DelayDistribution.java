package org.ec2workbench.backoff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Monte Carlo percentiles of a policy's delays: for each retry, the 5th, 50th and 95th percentile of the
 * delay and of the cumulative wait over many sampled paths. What the backoff plot draws as bands between
 * the exact envelopes of {@link BackoffPolicy#envelope(int, boolean)}.
 */
public final class DelayDistribution {

    /**
     * Percentiles at one retry.
     *
     * @param retry          retry number (1 = before the second attempt)
     * @param p5             5th percentile of the delay
     * @param p50            median delay
     * @param p95            95th percentile of the delay
     * @param cumulativeP5   5th percentile of the total wait up to this retry
     * @param cumulativeP50  median total wait
     * @param cumulativeP95  95th percentile of the total wait
     */
    public record Band(int retry, Duration p5, Duration p50, Duration p95, Duration cumulativeP5,
            Duration cumulativeP50, Duration cumulativeP95) {
    }

    private DelayDistribution() {
    }

    /** Samples {@code paths} delay paths of {@code retries} retries each from {@code random}. */
    public static List<Band> sample(BackoffPolicy policy, int retries, int paths, RandomGenerator random,
            boolean throttling) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(random, "random");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, was " + retries);
        }
        if (paths < 1) {
            throw new IllegalArgumentException("paths must be >= 1, was " + paths);
        }
        long[][] delays = new long[retries][paths];
        long[][] totals = new long[retries][paths];
        for (int path = 0; path < paths; path++) {
            long previous = 0;
            long total = 0;
            for (int retry = 1; retry <= retries; retry++) {
                long delay = policy.delayNanos(retry, previous, random.nextDouble(), throttling);
                total += delay;
                delays[retry - 1][path] = delay;
                totals[retry - 1][path] = total;
                previous = delay;
            }
        }
        List<Band> bands = new ArrayList<>(retries);
        for (int retry = 1; retry <= retries; retry++) {
            long[] d = delays[retry - 1];
            long[] t = totals[retry - 1];
            Arrays.sort(d);
            Arrays.sort(t);
            bands.add(new Band(retry, at(d, 0.05), at(d, 0.5), at(d, 0.95), at(t, 0.05), at(t, 0.5), at(t, 0.95)));
        }
        return List.copyOf(bands);
    }

    private static Duration at(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.round(quantile * (sorted.length - 1))));
        return Duration.ofNanos(sorted[index]);
    }
}
