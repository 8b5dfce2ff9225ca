package org.ec2workbench.backoff;

import java.time.Duration;
import java.util.Objects;

/**
 * The retry decisions of one call, as a small state machine that never sleeps: the caller asks how long
 * to wait, waits however it waits (a thread, the SDK, a simulator's event queue), runs the attempt and
 * reports the outcome. Used by one call at a time; create it with {@link RetryPlan#newCall()}.
 *
 * <p>Protocol: {@link #firstAttemptDelayNanos()} once, then for each attempt {@link #attemptStarted()}
 * followed by {@link #onSuccess()} or {@link #onFailure}; a failure's {@link Decision} says whether and
 * after how long the next attempt starts.
 */
public final class RetryController {

    /**
     * What to do after a failed attempt.
     *
     * @param retry      whether to try again
     * @param delayNanos how long to wait first (backoff plus limiter wait); 0 when giving up
     * @param reason     why the call gives up; null when retrying
     */
    public record Decision(boolean retry, long delayNanos, GiveUpReason reason) {

        /** Retry after {@code delayNanos}. */
        public static Decision retryAfter(long delayNanos) {
            return new Decision(true, delayNanos, null);
        }

        /** Stop for {@code reason}. */
        public static Decision giveUp(GiveUpReason reason) {
            return new Decision(false, 0, Objects.requireNonNull(reason, "reason"));
        }
    }

    private final RetryPlan plan;
    private final long callId;
    private int attempt;
    private long startNanos;
    private boolean started;
    private long previousBackoffNanos;
    private int lastRetryCost;
    private boolean finished;

    RetryController(RetryPlan plan, long callId) {
        this.plan = plan;
        this.callId = callId;
    }

    /** This call's id, as in its events. */
    public long callId() {
        return callId;
    }

    /** The current (or last) attempt number, 0 before the first. */
    public int attempt() {
        return attempt;
    }

    /** Whether the call has succeeded or given up. */
    public boolean finished() {
        return finished;
    }

    /** The wait before the first attempt: what the adaptive limiter asks for (0 without one). */
    public long firstAttemptDelayNanos() {
        if (started) {
            throw new IllegalStateException("call " + callId + " has already started");
        }
        started = true;
        startNanos = plan.clock().nanoTime();
        RateLimiter limiter = plan.limiterOrNull();
        return limiter == null ? 0 : limiter.acquireDelayNanos();
    }

    /** Marks the start of the next attempt and tells the listeners. */
    public void attemptStarted() {
        if (!started) {
            firstAttemptDelayNanos();
        }
        attempt++;
        if (plan.observed()) {
            plan.emit(new RetryEvent.AttemptStarted(callId, attempt, plan.clock().nanoTime()));
        }
    }

    /** Records the success of the current attempt: refunds the budget, speeds up the limiter. */
    public void onSuccess() {
        finished = true;
        RetryBudget budget = plan.budgetOrNull();
        if (budget != null) {
            budget.recordSuccess(lastRetryCost);
        }
        RateLimiter limiter = plan.limiterOrNull();
        if (limiter != null) {
            limiter.onSuccess();
        }
        if (plan.observed()) {
            long now = plan.clock().nanoTime();
            plan.emit(new RetryEvent.Succeeded(callId, attempt, Duration.ofNanos(now - startNanos), now));
        }
    }

    /** {@link #onFailure(Classification, Throwable, long)} with no server-suggested delay. */
    public Decision onFailure(Classification classification, Throwable failure) {
        return onFailure(classification, failure, 0);
    }

    /**
     * Records the failure of the current attempt and decides: give up (terminal failure, attempts or
     * total wait used up, budget empty) or retry after the policy's backoff — at least
     * {@code suggestedDelayNanos} — plus the limiter's wait.
     */
    public Decision onFailure(Classification classification, Throwable failure, long suggestedDelayNanos) {
        Objects.requireNonNull(classification, "classification");
        if (classification == Classification.SUCCESS) {
            throw new IllegalArgumentException("a success is recorded with onSuccess()");
        }
        long now = plan.clock().nanoTime();
        if (plan.observed()) {
            plan.emit(new RetryEvent.AttemptFailed(callId, attempt, classification, failure, now));
        }
        RateLimiter limiter = plan.limiterOrNull();
        boolean throttling = classification == Classification.THROTTLING;
        if (limiter != null && throttling) {
            limiter.onThrottle();
        }
        if (!classification.isRetryable()) {
            return giveUp(GiveUpReason.TERMINAL_FAILURE, classification, failure);
        }
        BackoffPolicy policy = plan.policy();
        if (attempt >= policy.maxAttempts()) {
            return giveUp(GiveUpReason.MAX_ATTEMPTS, classification, failure);
        }
        long backoff = Math.max(suggestedDelayNanos,
                policy.delayNanos(attempt, previousBackoffNanos, plan.nextRandom(), throttling));
        if (policy.maxTotalWait().isPresent()
                && now - startNanos + backoff > policy.maxTotalWait().get().toNanos()) {
            return giveUp(GiveUpReason.MAX_TOTAL_WAIT, classification, failure);
        }
        RetryBudget budget = plan.budgetOrNull();
        if (budget != null) {
            int cost = budget.tryAcquire(classification);
            if (cost < 0) {
                return giveUp(GiveUpReason.BUDGET_EXHAUSTED, classification, failure);
            }
            lastRetryCost = cost;
        }
        long limiterWait = limiter == null ? 0 : limiter.acquireDelayNanos();
        previousBackoffNanos = backoff;
        long delay = backoff + limiterWait;
        if (plan.observed()) {
            plan.emit(new RetryEvent.RetryScheduled(callId, attempt + 1, Duration.ofNanos(delay),
                    Duration.ofNanos(backoff), Duration.ofNanos(limiterWait), throttling, now));
        }
        return Decision.retryAfter(delay);
    }

    /** Ends the call without a decision of the policy (e.g. the waiting thread was interrupted). */
    public Decision giveUp(GiveUpReason reason, Classification lastClassification, Throwable lastFailure) {
        finished = true;
        if (plan.observed()) {
            plan.emit(new RetryEvent.GaveUp(callId, attempt, reason, lastClassification, lastFailure,
                    plan.clock().nanoTime()));
        }
        return Decision.giveUp(reason);
    }
}
