package org.ec2workbench.ui.backoff;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.IntervalFunction;

/**
 * What the backoff plots draw for one policy, in seconds per retry (index 0 = retry 1, the wait before the
 * second attempt): the exact min/max envelope from the engine, and Monte Carlo p5/p50/p95 of the delay and
 * of the cumulative wait from {@code samples} seeded sample paths.
 *
 * @param policy   the policy
 * @param min      exact smallest delay
 * @param max      exact largest delay
 * @param p5       5th percentile of the delay
 * @param p50      median delay
 * @param p95      95th percentile of the delay
 * @param cumMin   exact smallest cumulative wait
 * @param cumMax   exact largest cumulative wait
 * @param cumP5    5th percentile of the cumulative wait
 * @param cumP50   median cumulative wait
 * @param cumP95   95th percentile of the cumulative wait
 */
public record PolicyCurves(BackoffPolicy policy, double[] min, double[] max, double[] p5, double[] p50,
        double[] p95, double[] cumMin, double[] cumMax, double[] cumP5, double[] cumP50, double[] cumP95) {

    /** Retries plotted. */
    public int retries() {
        return min.length;
    }

    /**
     * Computes the curves of {@code policy} for up to {@code retries} retries (fewer when the policy allows
     * fewer attempts), sampling {@code samples} paths from a generator seeded with {@code seed}.
     */
    public static PolicyCurves compute(BackoffPolicy policy, int retries, boolean throttling, int samples, long seed) {
        Objects.requireNonNull(policy, "policy");
        if (retries < 1 || samples < 1) {
            throw new IllegalArgumentException("retries and samples must be >= 1, were " + retries + ", " + samples);
        }
        int n = (int) Math.min(retries, Math.max(1L, (long) policy.maxAttempts() - 1));
        double[] min = new double[n];
        double[] max = new double[n];
        double[] cumMin = new double[n];
        double[] cumMax = new double[n];
        List<BackoffPolicy.Bounds> envelope = policy.envelope(n, throttling);
        for (int r = 0; r < n; r++) {
            BackoffPolicy.Bounds b = envelope.get(r);
            min[r] = seconds(b.min().toNanos());
            max[r] = seconds(b.max().toNanos());
            cumMin[r] = seconds(b.cumulativeMin().toNanos());
            cumMax[r] = seconds(b.cumulativeMax().toNanos());
        }
        double[][] delays = new double[n][samples];
        double[][] totals = new double[n][samples];
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < samples; s++) {
            IntervalFunction path = policy.sampler(random.split(), throttling);
            double total = 0;
            for (int r = 0; r < n; r++) {
                double d = seconds(path.apply(r + 1).toNanos());
                total += d;
                delays[r][s] = d;
                totals[r][s] = total;
            }
        }
        double[] p5 = new double[n];
        double[] p50 = new double[n];
        double[] p95 = new double[n];
        double[] cumP5 = new double[n];
        double[] cumP50 = new double[n];
        double[] cumP95 = new double[n];
        for (int r = 0; r < n; r++) {
            Arrays.sort(delays[r]);
            Arrays.sort(totals[r]);
            p5[r] = percentile(delays[r], 5);
            p50[r] = percentile(delays[r], 50);
            p95[r] = percentile(delays[r], 95);
            cumP5[r] = percentile(totals[r], 5);
            cumP50[r] = percentile(totals[r], 50);
            cumP95[r] = percentile(totals[r], 95);
        }
        return new PolicyCurves(policy, min, max, p5, p50, p95, cumMin, cumMax, cumP5, cumP50, cumP95);
    }

    /** The {@code p}th percentile of sorted {@code values} (nearest rank). */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
