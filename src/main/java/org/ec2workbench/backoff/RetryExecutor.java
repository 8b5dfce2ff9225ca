package org.ec2workbench.backoff;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

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
            Outcome<T> outcome;
            try {
                sleeper.sleep(wait);
                call.attemptStarted();
                outcome = attempt(operation);
            } catch (InterruptedException e) {
                throw interrupted(call, e);
            }
            T result = outcome.result();
            Throwable failure = outcome.failure();
            Classification classification = outcome.classification();
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

    /**
     * Runs {@code operation} with retries without blocking: each attempt runs as a task of
     * {@code scheduler} (the waits are its delays, not sleeping threads). The future completes with the
     * first successful result, or exceptionally with {@link RetryFailedException}; cancelling it stops
     * further attempts.
     */
    public <T> CompletableFuture<T> executeAsync(Attempt<T> operation, Scheduler scheduler) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(scheduler, "scheduler");
        CompletableFuture<T> future = new CompletableFuture<>();
        RetryController call = plan.newCall();
        scheduler.schedule(() -> attemptAsync(operation, scheduler, call, future), call.firstAttemptDelayNanos());
        return future;
    }

    private <T> void attemptAsync(Attempt<T> operation, Scheduler scheduler, RetryController call,
            CompletableFuture<T> future) {
        if (future.isDone()) {
            return;
        }
        call.attemptStarted();
        Outcome<T> outcome;
        try {
            outcome = attempt(operation);
        } catch (InterruptedException e) {
            future.completeExceptionally(interrupted(call, e));
            return;
        }
        T result = outcome.result();
        Throwable failure = outcome.failure();
        Classification classification = outcome.classification();
        if (classification == Classification.SUCCESS) {
            call.onSuccess();
            future.complete(result);
            return;
        }
        RetryController.Decision decision = call.onFailure(classification, failure);
        if (!decision.retry()) {
            future.completeExceptionally(
                    new RetryFailedException(decision.reason(), call.attempt(), classification, failure, result));
            return;
        }
        scheduler.schedule(() -> attemptAsync(operation, scheduler, call, future), decision.delayNanos());
    }

    private record Outcome<T>(T result, Throwable failure, Classification classification) {
    }

    private <T> Outcome<T> attempt(Attempt<T> operation) throws InterruptedException {
        try {
            T result = operation.call();
            return new Outcome<>(result, null, classifier.classify(result, null));
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            Classification classification = classifier.classify(null, e);
            // A classifier cannot turn a thrown exception into a result; treat it as final.
            return new Outcome<>(null, e,
                    classification == Classification.SUCCESS ? Classification.TERMINAL : classification);
        }
    }

    private static RetryFailedException interrupted(RetryController call, InterruptedException e) {
        Thread.currentThread().interrupt();
        call.giveUp(GiveUpReason.INTERRUPTED, null, e);
        return new RetryFailedException(GiveUpReason.INTERRUPTED, call.attempt(), null, e, null);
    }
}
