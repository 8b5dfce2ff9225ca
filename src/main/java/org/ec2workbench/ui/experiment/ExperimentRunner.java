package org.ec2workbench.ui.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.backoff.Clock;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Runs an {@link ExperimentSpec}: {@code concurrency} workers share one SDK client and send {@code count}
 * requests, started no faster than the rate (request i is due at {@code i / rate} s). Every attempt is
 * captured by the interceptor the factory carries, so the timeline shows it as it happens. Cancel stops
 * new requests and interrupts the ones waiting.
 */
public final class ExperimentRunner {

    private static final System.Logger LOG = System.getLogger(ExperimentRunner.class.getName());

    private final ClientFactory factory;
    private final Clock clock;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile ExecutorService workers;

    /** A runner whose clients come from {@code factory} (retry choice and capture already applied). */
    public ExperimentRunner(ClientFactory factory, Clock clock) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Stops the run: no new requests, waiting ones interrupted. */
    public void cancel() {
        cancelled.set(true);
        ExecutorService w = workers;
        if (w != null) {
            w.shutdownNow();
        }
    }

    /**
     * Runs {@code spec} for {@code target} (created resources are tagged with its session); {@code progress}
     * hears each finished call and {@code created} each resource the moment its create returns: on worker
     * threads, but one callback at a time, so a consumer that hands over directly (a test's stand-in for the
     * FX thread) never sees two at once.
     */
    public ExperimentResult run(ExperimentSpec spec, ExperimentTarget target, IntConsumer progress,
            Consumer<CreatedResource> created) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        Map<String, Integer> failures = Collections.synchronizedMap(new TreeMap<>());
        List<CreatedResource> made = Collections.synchronizedList(new ArrayList<>());
        long start = clock.nanoTime();
        AtomicInteger threadNumber = new AtomicInteger();
        workers = Executors.newFixedThreadPool(spec.concurrency(), r -> {
            Thread t = new Thread(r, "experiment-worker-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try (Ec2Client ec2 = factory.ec2()) {
            for (int w = 0; w < spec.concurrency(); w++) {
                workers.execute(() -> {
                    int n;
                    while (!cancelled.get() && (n = next.getAndIncrement()) < spec.count()) {
                        if (!waitUntilDue(spec, n, start)) {
                            return;
                        }
                        try {
                            spec.action().send(ec2, target, n, false).ifPresent(r -> {
                                synchronized (made) {
                                    made.add(r);
                                    created.accept(r);
                                }
                            });
                            succeeded.incrementAndGet();
                        } catch (AwsServiceException e) {
                            failures.merge(code(e), 1, Integer::sum);
                        } catch (SdkException e) {
                            if (cancelled.get()) {
                                return;
                            }
                            failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                        } catch (RuntimeException e) {
                            // a bug rather than an answer: counted and logged, so the result says so instead
                            // of the run quietly losing a worker
                            LOG.log(System.Logger.Level.WARNING, "experiment request failed unexpectedly", e);
                            failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                        }
                        synchronized (made) {
                            progress.accept(done.incrementAndGet());
                        }
                    }
                });
            }
            workers.shutdown();
            while (!workers.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                if (Thread.currentThread().isInterrupted()) {
                    cancel();
                    throw new InterruptedException();
                }
            }
        } finally {
            workers.shutdownNow();
        }
        long elapsedMs = (clock.nanoTime() - start) / 1_000_000;
        int failed;
        synchronized (failures) {
            failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        }
        return new ExperimentResult(done.get(), succeeded.get(), failed, Map.copyOf(failures), elapsedMs,
                List.copyOf(made), cancelled.get());
    }

    private boolean waitUntilDue(ExperimentSpec spec, int n, long start) {
        if (spec.ratePerSecond() <= 0) {
            return true;
        }
        long due = start + (long) (n * 1e9 / spec.ratePerSecond());
        long wait = due - clock.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    static String code(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null ? "HTTP " + e.statusCode() : code;
    }
}
