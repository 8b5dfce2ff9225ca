package org.ec2workbench.backoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.ec2workbench.backoff.BackoffPolicy.Kind;
import org.junit.jupiter.api.Test;

class RetryExecutorTest {

    private final VirtualClock clock = new VirtualClock();
    private final List<RetryEvent> events = new ArrayList<>();

    private static final class Throttled extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static Classification classify(Throwable failure) {
        return failure instanceof Throttled ? Classification.THROTTLING
                : failure instanceof Invalid ? Classification.TERMINAL : Classification.RETRYABLE;
    }

    private RetryExecutor executor(RetryPlan.Builder plan) {
        return RetryExecutor.of(plan.clock(clock).random(new SplittableRandom(7)).listener(events::add).build(),
                Classifier.ofFailures(RetryExecutorTest::classify), clock);
    }

    private static BackoffPolicy fixed(long millis, int attempts) {
        return BackoffPolicy.builder(Kind.FIXED).base(Duration.ofMillis(millis)).maxAttempts(attempts).build();
    }

    @Test
    void retriesUntilSuccessSleepingThePolicysDelays() {
        AtomicInteger calls = new AtomicInteger();
        String result = executor(RetryPlan.builder(fixed(300, 5))).execute(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new Throttled();
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(clock.nanoTime()).isEqualTo(Duration.ofMillis(600).toNanos());
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("AttemptStarted",
                "AttemptFailed", "RetryScheduled", "AttemptStarted", "AttemptFailed", "RetryScheduled",
                "AttemptStarted", "Succeeded");
        RetryEvent.AttemptFailed failed = (RetryEvent.AttemptFailed) events.get(1);
        assertThat(failed.classification()).isEqualTo(Classification.THROTTLING);
        RetryEvent.RetryScheduled scheduled = (RetryEvent.RetryScheduled) events.get(2);
        assertThat(scheduled.attempt()).isEqualTo(2);
        assertThat(scheduled.delay()).isEqualTo(Duration.ofMillis(300));
        assertThat(scheduled.throttling()).as("the wait was chosen for a throttling failure").isTrue();
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailureAsCause() {
        assertThatThrownBy(() -> executor(RetryPlan.builder(fixed(10, 3))).execute(() -> {
            throw new Throttled();
        })).isInstanceOfSatisfying(RetryFailedException.class, e -> {
            assertThat(e.reason()).isEqualTo(GiveUpReason.MAX_ATTEMPTS);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.getCause()).isInstanceOf(Throttled.class);
        });
        assertThat(events.get(events.size() - 1)).isInstanceOf(RetryEvent.GaveUp.class);
    }

    @Test
    void terminalFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> executor(RetryPlan.builder(fixed(10, 5))).execute(() -> {
            calls.incrementAndGet();
            throw new Invalid();
        })).isInstanceOfSatisfying(RetryFailedException.class,
                e -> assertThat(e.reason()).isEqualTo(GiveUpReason.TERMINAL_FAILURE));
        assertThat(calls).hasValue(1);
    }

    @Test
    void maxTotalWaitStopsBeforeOversleeping() {
        BackoffPolicy policy = BackoffPolicy.builder(Kind.EXPONENTIAL).base(Duration.ofSeconds(1))
                .cap(Duration.ofSeconds(60)).unlimitedAttempts().maxTotalWait(Duration.ofSeconds(10)).build();
        assertThatThrownBy(() -> executor(RetryPlan.builder(policy)).execute(() -> {
            throw new IllegalStateException("still broken");
        })).isInstanceOfSatisfying(RetryFailedException.class, e -> {
            assertThat(e.reason()).isEqualTo(GiveUpReason.MAX_TOTAL_WAIT);
            assertThat(e.attempts()).isEqualTo(4);
        });
        assertThat(clock.nanoTime()).isEqualTo(Duration.ofSeconds(7).toNanos());
    }

    @Test
    void anEmptyBudgetStopsRetrying() {
        RetryBudget budget = RetryBudget.builder().capacity(10).build();
        RetryExecutor executor = executor(RetryPlan.builder(fixed(1, 100)).budget(budget));
        assertThatThrownBy(() -> executor.execute(() -> {
            throw new IllegalStateException();
        })).isInstanceOfSatisfying(RetryFailedException.class, e -> {
            assertThat(e.reason()).isEqualTo(GiveUpReason.BUDGET_EXHAUSTED);
            assertThat(e.attempts()).isEqualTo(3);
        });
        assertThat(budget.tokens()).isZero();
    }

    @Test
    void aWaitForANonThrottlingFailureSaysSo() {
        AtomicInteger calls = new AtomicInteger();
        executor(RetryPlan.builder(fixed(100, 5))).execute(() -> {
            if (calls.incrementAndGet() < 2) {
                throw new IllegalStateException("transient");
            }
            return 1;
        });
        assertThat(events).filteredOn(RetryEvent.RetryScheduled.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((RetryEvent.RetryScheduled) e).throttling()).isFalse());
    }

    @Test
    void throttlingEnablesTheLimiterWhichThenAddsItsWait() {
        AdaptiveRateLimiter limiter = AdaptiveRateLimiter.sdkDefaults(clock);
        AtomicInteger calls = new AtomicInteger();
        executor(RetryPlan.builder(fixed(100, 5)).limiter(limiter)).execute(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new Throttled();
            }
            return 1;
        });
        assertThat(limiter.enabled()).isTrue();
        List<RetryEvent.RetryScheduled> scheduled = events.stream().filter(RetryEvent.RetryScheduled.class::isInstance)
                .map(RetryEvent.RetryScheduled.class::cast).toList();
        assertThat(scheduled).allSatisfy(s -> assertThat(s.delay()).isEqualTo(s.backoff().plus(s.limiterWait())));
        assertThat(scheduled.get(0).limiterWait()).isPositive();
    }

    @Test
    void aThrowingListenerCannotBreakTheExecution() {
        RetryPlan plan = RetryPlan.builder(fixed(5, 3)).clock(clock).listener(event -> {
            throw new IllegalStateException("listener bug");
        }).build();
        AtomicInteger calls = new AtomicInteger();
        int result = RetryExecutor.of(plan, Classifier.retryAllFailures(), clock).execute(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException();
            }
            return 42;
        });
        assertThat(result).isEqualTo(42);
    }

    @Test
    void aResultCanBeClassifiedAsAFailure() {
        RetryPlan plan = RetryPlan.builder(fixed(5, 4)).clock(clock).build();
        AtomicInteger calls = new AtomicInteger();
        Classifier pendingIsNotVisible = (result, failure) -> "pending".equals(result) ? Classification.NOT_YET_VISIBLE
                : Classification.SUCCESS;
        String result = RetryExecutor.of(plan, pendingIsNotVisible, clock)
                .execute(() -> calls.incrementAndGet() < 3 ? "pending" : "running");
        assertThat(result).isEqualTo("running");
    }

    @Test
    void interruptionGivesUpAndKeepsTheFlag() {
        RetryPlan plan = RetryPlan.builder(fixed(5, 4)).build();
        RetryExecutor executor = RetryExecutor.of(plan, Classifier.retryAllFailures(), nanos -> {
            throw new InterruptedException();
        });
        try {
            assertThatThrownBy(() -> executor.execute(() -> {
                throw new IllegalStateException();
            })).isInstanceOfSatisfying(RetryFailedException.class,
                    e -> assertThat(e.reason()).isEqualTo(GiveUpReason.INTERRUPTED));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
