package org.ec2workbench.backoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ec2workbench.backoff.BackoffPolicy.Kind;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

    private final VirtualClock clock = new VirtualClock();
    private final VirtualScheduler scheduler = new VirtualScheduler(clock);

    private static BackoffPolicy fixed(long millis, int attempts) {
        return BackoffPolicy.builder(Kind.FIXED).base(Duration.ofMillis(millis)).maxAttempts(attempts).build();
    }

    @Test
    void runsTasksInDueOrderAdvancingTheClock() {
        List<String> ran = new ArrayList<>();
        scheduler.schedule(() -> ran.add("b@" + clock.nanoTime()), 20);
        scheduler.schedule(() -> ran.add("a@" + clock.nanoTime()), 10);
        scheduler.schedule(() -> ran.add("c@" + clock.nanoTime()), 20);
        Scheduler.Cancellable cancelled = scheduler.schedule(() -> ran.add("never"), 5);
        assertThat(cancelled.cancel()).isTrue();
        assertThat(scheduler.runUntilIdle()).isEqualTo(3);
        assertThat(ran).containsExactly("a@10", "b@20", "c@20");
    }

    @Test
    void runForStopsAtTheHorizon() {
        AtomicInteger ran = new AtomicInteger();
        scheduler.schedule(ran::incrementAndGet, 100);
        scheduler.schedule(ran::incrementAndGet, 300);
        assertThat(scheduler.runFor(200)).isEqualTo(1);
        assertThat(clock.nanoTime()).isEqualTo(200);
        assertThat(scheduler.pending()).isEqualTo(1);
    }

    @Test
    void concurrentAsyncRetriesInterleaveInVirtualTime() {
        RetryExecutor executor = RetryExecutor.of(RetryPlan.builder(fixed(100, 5)).clock(clock).build(),
                Classifier.retryAllFailures(), clock);
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int failuresBeforeSuccess = 0; failuresBeforeSuccess < 3; failuresBeforeSuccess++) {
            AtomicInteger left = new AtomicInteger(failuresBeforeSuccess);
            futures.add(executor.executeAsync(() -> {
                if (left.getAndDecrement() > 0) {
                    throw new IllegalStateException("not yet");
                }
                return clock.nanoTime();
            }, scheduler));
        }
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        scheduler.runUntilIdle();
        assertThat(futures).extracting(CompletableFuture::join).containsExactly(0L,
                Duration.ofMillis(100).toNanos(), Duration.ofMillis(200).toNanos());
    }

    @Test
    void asyncGiveUpCompletesExceptionally() {
        RetryExecutor executor = RetryExecutor.of(RetryPlan.builder(fixed(100, 2)).clock(clock).build(),
                Classifier.retryAllFailures(), clock);
        CompletableFuture<Object> future = executor.executeAsync(() -> {
            throw new IllegalStateException("down");
        }, scheduler);
        scheduler.runUntilIdle();
        assertThat(future).isCompletedExceptionally();
        assertThat(future.handle((value, error) -> ((RetryFailedException) error).reason()).join())
                .isEqualTo(GiveUpReason.MAX_ATTEMPTS);
    }

    @Test
    void aThreadPoolSchedulerRunsTheSameRetries() throws Exception {
        ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor();
        try {
            RetryExecutor executor = RetryExecutor.of(RetryPlan.builder(fixed(20, 5)).build(),
                    Classifier.retryAllFailures());
            AtomicInteger calls = new AtomicInteger();
            CompletableFuture<Integer> future = executor.executeAsync(() -> {
                if (calls.incrementAndGet() < 3) {
                    throw new IllegalStateException();
                }
                return calls.get();
            }, Scheduler.of(pool));
            assertThat(future.get(10, TimeUnit.SECONDS)).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }
}
