package org.ec2workbench.backoff;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks after a delay, without blocking the caller: what asynchronous retries
 * ({@link RetryExecutor#executeAsync}) wait on. Injected like the clock, so the same code runs on a
 * thread pool in the app and on a {@link VirtualScheduler} in tests and simulations.
 */
@FunctionalInterface
public interface Scheduler {

    /** A scheduled task that may still be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not run yet; returns whether it was cancelled. */
        boolean cancel();
    }

    /** Runs {@code task} once, {@code delayNanos} from now (at once when <= 0). */
    Cancellable schedule(Runnable task, long delayNanos);

    /** A scheduler on {@code executor}'s threads and the wall clock. */
    static Scheduler of(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return (task, delayNanos) -> {
            ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
