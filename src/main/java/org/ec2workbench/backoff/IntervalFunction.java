package org.ec2workbench.backoff;

import java.time.Duration;

/**
 * Retry number → delay: the shape a plot consumes (a lower or upper envelope, or one sampled path).
 * Retry 1 is the wait before the second attempt.
 */
@FunctionalInterface
public interface IntervalFunction {

    /** The delay before retry {@code retry} (>= 1). */
    Duration apply(int retry);
}
