package org.ec2workbench.lessons.course;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.backoff.RetryExecutor;

/**
 * Several clients calling at once, each on its own thread, all released together: a burst or a crowd of
 * retrying clients. Counts the calls that succeeded and those that failed (after whatever retries the call
 * itself makes); HTTP attempts are counted by the lesson's {@code AttemptTally}.
 */
final class Crowd {

    /**
     * What the crowd did.
     *
     * @param succeeded calls that succeeded
     * @param failed    calls that failed in the end
     * @param millis    sandbox time from the release to the last call's end
     */
    record Outcome(long succeeded, long failed, double millis) {
    }

    private Crowd() {
    }

    /** {@code clients} threads each make {@code callsPerClient} calls of {@code call}. */
    static Outcome run(int clients, int callsPerClient, Clock clock, RetryExecutor.Attempt<?> call)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "lesson-client");
            t.setDaemon(true);
            return t;
        });
        AtomicLong succeeded = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < callsPerClient; i++) {
                        try {
                            call.call();
                            succeeded.incrementAndGet();
                        } catch (InterruptedException e) {
                            throw e;
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            long started = clock.nanoTime();
            start.countDown();
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a lesson client failed", e.getCause());
                }
            }
            return new Outcome(succeeded.get(), failed.get(), (clock.nanoTime() - started) / 1e6);
        } finally {
            pool.shutdownNow();
        }
    }
}
