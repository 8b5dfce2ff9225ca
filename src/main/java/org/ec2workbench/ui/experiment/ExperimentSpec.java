package org.ec2workbench.ui.experiment;

import java.util.Objects;

/**
 * One load experiment.
 *
 * @param action        what each request does
 * @param concurrency   parallel workers, 1..64
 * @param ratePerSecond requests started per second, 0 for a burst (as fast as the workers go), else up to 1000
 * @param count         requests in all, 1..10,000
 * @param retry         how the client retries
 */
public record ExperimentSpec(ExperimentAction action, int concurrency, double ratePerSecond, int count, RetryChoice retry) {

    public ExperimentSpec {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(retry, "retry");
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("concurrency must be 1..64, was " + concurrency);
        }
        if (!(ratePerSecond >= 0 && ratePerSecond <= 1000)) {
            throw new IllegalArgumentException("rate must be 0 (burst) or up to 1000 per second, was " + ratePerSecond);
        }
        if (count < 1 || count > 10_000) {
            throw new IllegalArgumentException("count must be 1..10000, was " + count);
        }
    }
}
