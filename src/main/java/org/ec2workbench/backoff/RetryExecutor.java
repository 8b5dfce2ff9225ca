package org.ec2workbench.backoff;

import java.util.Objects;

/**
 * Runs an operation until it succeeds or its {@link RetryPlan} gives up, sleeping between attempts
 * through an injected {@link Sleeper} (a {@link VirtualClock} makes it instantaneous and exact) and
 * reporting every step to the plan's listeners. Thread-safe: one executor can run many calls at once.
 */
public final class RetryExecutor {

    /** One attempt of the operation. */
    @FunctionalInterface
    public interface Attempt<T> {
        /** Runs the attempt. */
        T call() throws Exception;
    }

    private final RetryPlan plan;
    private final Classifier classifier;
    private final Sleeper sleeper;

    private RetryExecutor(RetryPlan plan, Classifier classifier, Sleeper sleeper) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * An executor for {@code plan} that classifies outcomes with {@code classifier} and waits with
     * {@code sleeper} (which should run on the plan's clock).
     */
    public static RetryExecutor of(RetryPlan plan, Classifier classifier, Sleeper sleeper) {
        return new RetryExecutor(plan, classifier, sleeper);
    }

    /** An executor on the wall clock. */
    public static RetryExecutor of(RetryPlan plan, Classifier classifier) {
        return new RetryExecutor(plan, classifier, SystemClock.INSTANCE);
    }

    /** The plan. */
    public RetryPlan plan() {
        return plan;
    }

    /**
     * Runs {@code operation} with retries; returns its first successful result.
     *
     * @throws RetryFailedException when the plan gives up (its cause is the last failure, if any)
     */
    public <T> T execute(Attempt<T> operation) {
        Objects.requireNonNull(operation, "operation");
        RetryController call = plan.newCall();
        long wait = call.firstAttemptDelayNanos();
        while (true) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                call.giveUp(GiveUpReason.INTERRUPTED, null, e);
                throw new RetryFailedException(GiveUpReason.INTERRUPTED, call.attempt(), null, e, null);
            }
            call.attemptStarted();
            T result = null;
            Throwable failure = null;
            Classification classification;
            try {
                result = operation.call();
                classification = classifier.classify(result, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                call.giveUp(GiveUpReason.INTERRUPTED, null, e);
                throw new RetryFailedException(GiveUpReason.INTERRUPTED, call.attempt(), null, e, null);
            } catch (Exception e) {
                failure = e;
                classification = classifier.classify(null, e);
                if (classification == Classification.SUCCESS) {
                    // A classifier cannot turn a thrown exception into a result; treat it as final.
                    classification = Classification.TERMINAL;
                }
            }
            if (classification == Classification.SUCCESS) {
                call.onSuccess();
                return result;
            }
            RetryController.Decision decision = call.onFailure(classification, failure);
            if (!decision.retry()) {
                throw new RetryFailedException(decision.reason(), call.attempt(), classification, failure, result);
            }
            wait = decision.delayNanos();
        }
    }
}
