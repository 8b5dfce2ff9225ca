package org.ec2workbench.lessons.course;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.ec2workbench.backoff.RetryExecutor;

/**
 * Several clients calling at once, each making its calls one after another through the backoff engine's
 * asynchronous executor, all starting together: a burst, or a crowd of retrying clients. On virtual time
 * their attempts interleave exactly and reproducibly; on a scaled wall clock they run on threads. Counts
 * the calls that succeeded and those that failed after whatever retries the executor made; HTTP attempts
 * are counted by the lesson's {@code AttemptTally}.
 */
final class Crowd {

    /**
     * What the crowd did.
     *
     * @param succeeded calls that succeeded
     * @param failed    calls that failed in the end
     * @param millis    sandbox time from the start to the last call's end
     */
    record Outcome(long succeeded, long failed, double millis) {
    }

    private Crowd() {
    }

    /** {@code clients} clients each make {@code callsPerClient} calls of {@code call} through {@code executor}. */
    static Outcome run(LessonSandbox sandbox, int clients, int callsPerClient, RetryExecutor executor,
                       RetryExecutor.Attempt<?> call) {
        AtomicLong succeeded = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong();
        long started = sandbox.clock().nanoTime();
        List<CompletableFuture<Void>> chains = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (int i = 0; i < callsPerClient; i++) {
                chain = chain.thenCompose(ignored -> executor.executeAsync(call, sandbox.scheduler())
                        .handle((result, failure) -> {
                            (failure == null ? succeeded : failed).incrementAndGet();
                            lastEnd.accumulateAndGet(sandbox.clock().nanoTime(), Math::max);
                            return null;
                        }));
            }
            chains.add(chain);
        }
        sandbox.await(CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)));
        return new Outcome(succeeded.get(), failed.get(), Math.max(0, lastEnd.get() - started) / 1e6);
    }
}
