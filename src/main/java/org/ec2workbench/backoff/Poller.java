package org.ec2workbench.backoff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Asks "is it there yet?" at increasing intervals (a {@link BackoffPolicy}) until the answer is yes, a
 * terminal state is reached, the policy's attempts run out or the total wait is spent. A probe that
 * throws is classified: not-yet-visible, throttling and other retryable errors keep it polling (a
 * {@code *.NotFound} right after a create is normal), terminal ones end it. Events go to the listeners
 * as {@link RetryEvent}s. Thread-safe; one poller can run many polls.
 */
public final class Poller {

    /** What one probe's value means. */
    public enum PollState {
        /** The condition holds: stop, satisfied. */
        DONE,
        /** Not yet: poll again. */
        CONTINUE,
        /** It will never hold (e.g. waiting for "running" and the instance terminated): stop. */
        TERMINAL
    }

    /** How a poll ended. */
    public enum Status {
        /** The condition held. */
        SATISFIED,
        /** A terminal state was observed. */
        TERMINAL_STATE,
        /** The total wait was spent. */
        TIMED_OUT,
        /** The policy's attempts were used up. */
        ATTEMPTS_EXHAUSTED,
        /** A probe failed with an error classified terminal. */
        FAILED,
        /** The waiting thread was interrupted. */
        INTERRUPTED
    }

    /**
     * The outcome of one poll.
     *
     * @param status      how it ended
     * @param value       the last value the probe returned (null if it never returned)
     * @param polls       how many times the probe ran
     * @param elapsed     time from the first probe to the end
     * @param lastFailure the last probe failure, if any
     * @param <T>         the probe's value type
     */
    public record Result<T>(Status status, T value, int polls, Duration elapsed, Throwable lastFailure) {

        /** Whether the condition held. */
        public boolean satisfied() {
            return status == Status.SATISFIED;
        }
    }

    private final BackoffPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Classifier classifier;
    private final Duration maxTotalWait;
    private final RetryPlan eventSink;

    private Poller(Builder builder) {
        this.policy = builder.policy;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.classifier = builder.classifier;
        this.maxTotalWait = builder.maxTotalWait != null ? builder.maxTotalWait : policy.maxTotalWait().orElse(null);
        RetryPlan.Builder sink = RetryPlan.builder(policy).clock(clock).random(builder.random);
        builder.listeners.forEach(sink::listener);
        this.eventSink = sink.build();
    }

    /** A builder polling at {@code policy}'s intervals on the wall clock. */
    public static Builder builder(BackoffPolicy policy) {
        return new Builder(policy);
    }

    /**
     * Polls {@code probe} until {@code evaluate} says {@link PollState#DONE} or {@link PollState#TERMINAL},
     * or the limits are reached. The first probe runs at once.
     */
    public <T> Result<T> poll(RetryExecutor.Attempt<T> probe, Function<? super T, PollState> evaluate) {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(evaluate, "evaluate");
        long callId = eventSink.newCall().callId();
        long start = clock.nanoTime();
        long previousDelay = 0;
        T value = null;
        Throwable lastFailure = null;
        for (int poll = 1; ; poll++) {
            emit(new RetryEvent.AttemptStarted(callId, poll, clock.nanoTime()));
            boolean throttled = false;
            try {
                value = probe.call();
                PollState state = Objects.requireNonNull(evaluate.apply(value), "evaluate returned null");
                if (state == PollState.DONE) {
                    emit(new RetryEvent.Succeeded(callId, poll, Duration.ofNanos(clock.nanoTime() - start), clock.nanoTime()));
                    return end(Status.SATISFIED, value, poll, start, lastFailure);
                }
                if (state == PollState.TERMINAL) {
                    return giveUp(callId, Status.TERMINAL_STATE, GiveUpReason.TERMINAL_FAILURE, null, value, poll, start,
                            lastFailure);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return giveUp(callId, Status.INTERRUPTED, GiveUpReason.INTERRUPTED, null, value, poll, start, e);
            } catch (Exception e) {
                lastFailure = e;
                Classification classification = classifier.classify(null, e);
                emit(new RetryEvent.AttemptFailed(callId, poll, classification, e, clock.nanoTime()));
                if (!classification.isRetryable()) {
                    return giveUp(callId, Status.FAILED, GiveUpReason.TERMINAL_FAILURE, classification, value, poll,
                            start, e);
                }
                throttled = classification == Classification.THROTTLING;
            }
            if (poll >= policy.maxAttempts()) {
                return giveUp(callId, Status.ATTEMPTS_EXHAUSTED, GiveUpReason.MAX_ATTEMPTS, null, value, poll, start,
                        lastFailure);
            }
            long delay = policy.delayNanos(poll, previousDelay, eventSink.nextRandom(), throttled);
            previousDelay = delay;
            if (maxTotalWait != null) {
                long remaining = maxTotalWait.toNanos() - (clock.nanoTime() - start);
                if (remaining <= 0) {
                    return giveUp(callId, Status.TIMED_OUT, GiveUpReason.MAX_TOTAL_WAIT, null, value, poll, start,
                            lastFailure);
                }
                // The last probe lands exactly on the deadline rather than never.
                delay = Math.min(delay, remaining);
            }
            emit(new RetryEvent.RetryScheduled(callId, poll + 1, Duration.ofNanos(delay), Duration.ofNanos(delay),
                    Duration.ZERO, throttled, clock.nanoTime()));
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return giveUp(callId, Status.INTERRUPTED, GiveUpReason.INTERRUPTED, null, value, poll, start, e);
            }
        }
    }

    private <T> Result<T> giveUp(long callId, Status status, GiveUpReason reason, Classification classification, T value,
            int polls, long start, Throwable failure) {
        emit(new RetryEvent.GaveUp(callId, polls, reason, classification, failure, clock.nanoTime()));
        return end(status, value, polls, start, failure);
    }

    private <T> Result<T> end(Status status, T value, int polls, long start, Throwable failure) {
        return new Result<>(status, value, polls, Duration.ofNanos(clock.nanoTime() - start), failure);
    }

    private void emit(RetryEvent event) {
        eventSink.emit(event);
    }

    /** Configures a {@link Poller}. */
    public static final class Builder {
        private final BackoffPolicy policy;
        private Clock clock = Clock.system();
        private Sleeper sleeper = SystemClock.INSTANCE;
        private RandomGenerator random;
        private Classifier classifier = Classifier.ofFailures(failure -> Classification.TERMINAL);
        private Duration maxTotalWait;
        private final List<RetryListener> listeners = new ArrayList<>();

        private Builder(BackoffPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /** The clock (and, if it is a {@link VirtualClock}, also the sleeper). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            if (clock instanceof Sleeper asSleeper) {
                this.sleeper = asSleeper;
            }
            return this;
        }

        /** How to wait between probes. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Where jitter comes from; by default a generator seeded unpredictably. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Classifies probe failures; retryable ones (not yet visible, throttling, …) keep polling. By
         * default every failure is terminal.
         */
        public Builder classifier(Classifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /** Overrides the policy's maximum total wait; must be > 0. */
        public Builder maxTotalWait(Duration maxTotalWait) {
            Objects.requireNonNull(maxTotalWait, "maxTotalWait");
            if (maxTotalWait.isNegative() || maxTotalWait.isZero()) {
                throw new IllegalArgumentException("maxTotalWait must be > 0, was " + maxTotalWait);
            }
            this.maxTotalWait = maxTotalWait;
            return this;
        }

        /** Adds a listener for the poll's events. */
        public Builder listener(RetryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The poller. */
        public Poller build() {
            if (random == null) {
                random = RandomGenerator.of("L64X128MixRandom");
            }
            return new Poller(this);
        }
    }
}
