package org.ec2workbench.backoff;

import java.time.Duration;

/**
 * What happened during one call's attempts, in order: {@link AttemptStarted}, then either
 * {@link Succeeded} or {@link AttemptFailed} followed by {@link RetryScheduled} or {@link GaveUp}.
 * Every event names its call ({@link #callId()}, unique per {@link RetryPlan}) and carries the injected
 * clock's {@link #nanoTime()}.
 */
public sealed interface RetryEvent {

    /** The call this event belongs to. */
    long callId();

    /** When it happened, on the plan's clock. */
    long nanoTime();

    /** The attempt the event is about (1-based). */
    int attempt();

    /** Attempt {@code attempt} is starting (through the SDK adapter: has been granted). */
    record AttemptStarted(long callId, int attempt, long nanoTime) implements RetryEvent {
    }

    /** Attempt {@code attempt} failed; {@code failure} is null when a returned value was classified. */
    record AttemptFailed(long callId, int attempt, Classification classification, Throwable failure, long nanoTime)
            implements RetryEvent {
    }

    /**
     * Attempt {@code attempt} will start after {@code delay}: the policy's {@code backoff} plus the
     * adaptive limiter's {@code limiterWait}. {@code throttling}: the policy chose the wait for a throttling
     * failure (some policies then wait longer).
     */
    record RetryScheduled(long callId, int attempt, Duration delay, Duration backoff, Duration limiterWait,
            boolean throttling, long nanoTime) implements RetryEvent {
    }

    /** The call succeeded on attempt {@code attempt}, {@code elapsed} after its first attempt was granted. */
    record Succeeded(long callId, int attempt, Duration elapsed, long nanoTime) implements RetryEvent {
    }

    /** The call stopped after attempt {@code attempt}. */
    record GaveUp(long callId, int attempt, GiveUpReason reason, Classification lastClassification,
            Throwable lastFailure, long nanoTime) implements RetryEvent {
    }
}
