package org.ec2workbench.lessons;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.ec2workbench.backoff.BackoffPolicy;

/**
 * One wait the backoff engine scheduled during a lesson run: before retry {@code retry} of a call made
 * with {@code strategy}, the policy chose {@code backoff} (a rate limiter may have added
 * {@code limiterWait}). Immutable; recorded from the engine's {@code RetryScheduled} events.
 *
 * @param step        the lesson step that made the call, from 0
 * @param strategy    what retried, as the lesson names it (e.g. "Full jitter + adaptive limiter")
 * @param policy      the backoff policy that chose the wait (its exact envelope bounds {@code backoff})
 * @param throttling  whether the failure being retried was throttling (some policies wait longer then)
 * @param retry       the retry number: 1 = the wait before the second attempt
 * @param backoff     the wait the policy chose
 * @param limiterWait what a client-side rate limiter added to it (zero without one)
 */
public record RetryWait(int step, String strategy, BackoffPolicy policy, boolean throttling, int retry,
                        Duration backoff, Duration limiterWait) {

    public RetryWait {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(limiterWait, "limiterWait");
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be >= 1, was " + retry);
        }
    }

    /** The policy's wait in seconds. */
    public double backoffSeconds() {
        return backoff.toNanos() / 1e9;
    }

    /** The policy's wait as narration prints it: {@code 0.4 s}, {@code 12 ms}. */
    public String formatted() {
        long millis = Math.round(backoff.toNanos() / 1e6);
        return millis >= 100 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0) : millis + " ms";
    }
}
