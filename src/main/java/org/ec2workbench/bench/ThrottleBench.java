package org.ec2workbench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.aws.retry.EngineRetryStrategy;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.backoff.RetryPlan;
import org.ec2workbench.ec2.BucketCatalog;
import org.ec2workbench.ec2.BucketCategory;
import org.ec2workbench.ec2.BucketSpec;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.ec2workbench.simulate.ThrottleSimulation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The head-to-head benchmark over real HTTP: for each strategy, a fresh sandbox with EC2's documented
 * non-mutating request bucket (capacity 100, refill 20/s), and {@code workers} threads of one application
 * sharing one real SDK v2 {@link Ec2Client}, each needing {@code calls} successful (filtered, so
 * non-mutating-bucket) DescribeInstances calls. The SDK's own retry modes and the engine's strategies
 * (through {@link EngineRetryStrategy}) run the same workload; attempts and throttles are counted by an
 * interceptor on the client, so they are what went over the wire.
 */
public final class ThrottleBench {

    /** EC2's non-mutating request bucket, which the realistic preset throttles filtered Describe calls with. */
    private static final BucketSpec BUCKET = BucketCatalog.standard().category(BucketCategory.NON_MUTATING);

    /** Refill of the non-mutating bucket in the realistic preset, tokens per second. */
    public static final double REFILL_PER_SECOND = BUCKET.refillPerSecond();

    private final int workers;
    private final int calls;
    private final long seed;

    /** {@code workers} threads needing {@code calls} successful calls each; {@code seed} drives jitter. */
    public ThrottleBench(int workers, int calls, long seed) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be >= 1, was " + calls);
        }
        this.workers = workers;
        this.calls = calls;
        this.seed = seed;
    }

    /**
     * A way of retrying under test: a name and how it configures the client factory. Engine contenders
     * build a fresh plan per run, so no budget or limiter state leaks between runs.
     *
     * @param name      e.g. {@code sdk_standard}, {@code full_jitter+adaptive}
     * @param configure applies the strategy to a client factory builder, given the run's seed
     */
    public record Contender(String name, ContenderSetup configure) {

        public Contender {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(configure, "configure");
        }
    }

    /** Applies a strategy to a client factory builder. */
    @FunctionalInterface
    public interface ContenderSetup {
        /** Configures {@code builder} to retry by this strategy, with jitter drawn from {@code seed}. */
        void apply(ClientFactory.Builder builder, long seed);
    }

    /** The SDK's own modes: standard, legacy and adaptive (ADAPTIVE_V2). */
    public static List<Contender> sdkContenders() {
        return List.of(
                new Contender("sdk_standard", (b, s) -> b.retryMode(RetryMode.STANDARD)),
                new Contender("sdk_legacy", (b, s) -> b.retryMode(RetryMode.LEGACY)),
                new Contender("sdk_adaptive", (b, s) -> b.retryMode(RetryMode.ADAPTIVE_V2)));
    }

    /**
     * The engine's strategies, the same set {@code simulate throttle} runs, each through the SDK adapter.
     * In one process the budget and the limiter are shared by all workers, as they would be by the
     * threads of one application sharing one client.
     */
    public static List<Contender> engineContenders() {
        List<Contender> contenders = new ArrayList<>();
        for (ThrottleSimulation.Strategy strategy : ThrottleSimulation.defaultStrategies()) {
            if (strategy.name().startsWith("sdk_")) {
                continue;
            }
            contenders.add(new Contender(strategy.name(), (builder, runSeed) -> {
                RetryPlan.Builder plan = RetryPlan.builder(strategy.policy())
                        .random(new SplittableRandom(runSeed));
                if (strategy.budget() != null) {
                    plan.budget(strategy.budget().fresh());
                }
                plan.limiter(strategy.pacing().newLimiter(Clock.system(), BUCKET.capacity(), BUCKET.refillPerSecond()));
                builder.retryStrategy(EngineRetryStrategy.of(plan.build()));
            }));
        }
        return List.copyOf(contenders);
    }

    /** Every contender: the SDK's modes first, then the engine's strategies. */
    public static List<Contender> allContenders() {
        List<Contender> all = new ArrayList<>(sdkContenders());
        all.addAll(engineContenders());
        return List.copyOf(all);
    }

    /** Runs each contender in turn, reporting each row as it completes. */
    public List<ThrottleSimulation.Row> runAll(List<Contender> contenders, Consumer<ThrottleSimulation.Row> progress)
            throws InterruptedException {
        List<ThrottleSimulation.Row> rows = new ArrayList<>();
        for (Contender contender : contenders) {
            ThrottleSimulation.Row row = run(contender);
            rows.add(row);
            progress.accept(row);
        }
        return List.copyOf(rows);
    }

    /** Runs one contender against a fresh sandbox. */
    public ThrottleSimulation.Row run(Contender contender) throws InterruptedException {
        try (Sandbox sandbox = Sandbox.builder().preset(Preset.REALISTIC).seed(seed).port(0).build().start()) {
            Credentials keys = sandbox.defaultCredentials();
            AttemptCounter counter = new AttemptCounter();
            ClientFactory.Builder factory = ClientFactory.builder(Connection.sandbox(sandbox.endpoint(), "us-east-1",
                    keys.accessKeyId(), keys.secretAccessKey())).addInterceptor(counter);
            contender.configure().apply(factory, seed);
            AtomicLong succeeded = new AtomicLong();
            AtomicLong givenUp = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try (Ec2Client ec2 = factory.build().ec2()) {
                CountDownLatch start = new CountDownLatch(1);
                CountDownLatch done = new CountDownLatch(workers);
                for (int w = 0; w < workers; w++) {
                    pool.execute(() -> {
                        try {
                            start.await();
                            for (int c = 0; c < calls; c++) {
                                try {
                                    ec2.describeInstances(r -> r.filters(Filter.builder()
                                            .name("instance-state-name").values("running").build()));
                                    succeeded.incrementAndGet();
                                } catch (SdkException e) {
                                    givenUp.incrementAndGet();
                                }
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            done.countDown();
                        }
                    });
                }
                long began = System.nanoTime();
                start.countDown();
                done.await();
                double seconds = (System.nanoTime() - began) / 1e9;
                double goodputPct = succeeded.get() / seconds / REFILL_PER_SECOND * 100;
                return new ThrottleSimulation.Row(contender.name(), seconds, goodputPct, counter.throttled.get(),
                        counter.attempts.get(), givenUp.get());
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Counts HTTP attempts and the 503 RequestLimitExceeded replies among them. */
    private static final class AttemptCounter implements ExecutionInterceptor {
        final AtomicLong attempts = new AtomicLong();
        final AtomicLong throttled = new AtomicLong();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            attempts.incrementAndGet();
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            if (context.httpResponse().statusCode() == 503) {
                throttled.incrementAndGet();
            }
        }
    }
}
