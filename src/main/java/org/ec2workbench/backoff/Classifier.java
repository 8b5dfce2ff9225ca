package org.ec2workbench.backoff;

import java.util.Objects;
import java.util.function.Function;

/** Decides what an attempt's outcome means: its result (when it returned) or its failure (when it threw). */
@FunctionalInterface
public interface Classifier {

    /**
     * Classifies one attempt.
     *
     * @param result  what the operation returned, or null if it threw
     * @param failure what it threw, or null if it returned
     */
    Classification classify(Object result, Throwable failure);

    /** Every returned value is a success; failures are classified by {@code byFailure}. */
    static Classifier ofFailures(Function<Throwable, Classification> byFailure) {
        Objects.requireNonNull(byFailure, "byFailure");
        return (result, failure) -> failure == null ? Classification.SUCCESS : byFailure.apply(failure);
    }

    /** Every returned value is a success and every failure is retryable. */
    static Classifier retryAllFailures() {
        return ofFailures(failure -> Classification.RETRYABLE);
    }
}
