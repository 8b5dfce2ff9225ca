package org.ec2workbench.lessons.course;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.backoff.RetryExecutor;
import org.ec2workbench.backoff.RetryPlan;
import org.ec2workbench.backoff.Scheduler;
import org.ec2workbench.backoff.Sleeper;
import org.ec2workbench.backoff.SystemClock;
import org.ec2workbench.backoff.VirtualClock;
import org.ec2workbench.backoff.VirtualScheduler;
import org.ec2workbench.ec2.BucketCatalog;
import org.ec2workbench.ec2.BucketCategory;
import org.ec2workbench.ec2.BucketSpec;
import org.ec2workbench.lessons.AttemptTally;
import org.ec2workbench.lessons.LessonEnvironment;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.ec2workbench.sandbox.iam.AccessKey;
import org.ec2workbench.sandbox.iam.IamAccessControl;
import org.ec2workbench.sandbox.iam.IamConfig;
import org.ec2workbench.sandbox.iam.IamConfigException;
import org.ec2workbench.sandbox.sts.StsHandler;
import org.ec2workbench.sandbox.throttle.Throttler;
import org.ec2workbench.sandbox.world.ScaledClock;
import org.ec2workbench.sandbox.world.WorldView;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * A fresh embedded sandbox with the {@code lesson} preset, the lesson's seed and time scale, and the SDK
 * clients a lesson uses: they never retry on their own (the lesson and the backoff engine decide every
 * retry) and every attempt is counted by an {@link AttemptTally} and noted.
 */
public final class LessonSandbox implements LessonEnvironment {

    /** The time scale that asks for virtual time. */
    public static final double VIRTUAL_TIME = Double.POSITIVE_INFINITY;
    /** The Region every lesson works in. */
    public static final String REGION = "us-east-1";

    private final Sandbox sandbox;
    private final IamAccessControl iam;
    private final Connection connection;
    private final ClientFactory clients;
    private final AttemptTally tally;
    private final List<ExecutionInterceptor> interceptors;
    private final double timeScale;
    private final VirtualClock virtual;
    private final Sleeper sleeper;
    private Scheduler scheduler;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Ec2Client ec2;

    private LessonSandbox(Sandbox sandbox, IamAccessControl iam, VirtualClock virtual, Spec spec) {
        this.virtual = virtual;
        this.sandbox = sandbox;
        this.iam = iam;
        this.timeScale = spec.timeScale();
        this.connection = Connection.sandbox(sandbox.endpoint(), REGION,
                sandbox.defaultCredentials().accessKeyId(), sandbox.defaultCredentials().secretAccessKey());
        this.tally = new AttemptTally(clock(), spec.notes());
        this.interceptors = spec.recorders().stream().map(r -> r.interceptor(clock())).toList();
        this.clients = clientsFor(connection);
        this.sleeper = virtual != null ? virtual : new ScaledSleeper(SystemClock.INSTANCE, timeScale);
    }

    /**
     * Starts a sandbox for {@code spec}; {@code customize} adjusts the lesson preset (e.g. the instance
     * limit). The sandbox verifies signatures and evaluates IAM policies (the default principal is the
     * administrator) and serves STS, CloudWatch Events and SQS (SQS timings on the wall clock, like a
     * client's long polls); signature dates are checked against the wall clock, where the SDK takes them
     * from.
     *
     * <p>Time: with a finite {@code spec.timeScale()} the whole sandbox, token buckets included, runs on a
     * clock that many times faster than the wall clock (the sandbox's own time scale speeds up lifecycles
     * and lags only, but a lesson that waits for a bucket to refill should be short too). With
     * {@link #VIRTUAL_TIME} it runs on a {@link VirtualClock} that only the lesson moves: waiting is
     * instantaneous and, since every request is made from the lesson's thread (concurrent clients are
     * interleaved by a {@link VirtualScheduler}), the same seeds give the same replies, numbers and all.
     */
    public static LessonSandbox start(Spec spec, UnaryOperator<Sandbox.Builder> customize) {
        long seed = spec.settings().sandboxSeed();
        IamAccessControl iam = IamAccessControl.builder().clock(Clock.system())
                .random(new SplittableRandom(seed ^ 0x1A11_5EEDL)).build();
        AccessKey admin = iam.store().defaultCredentials();
        VirtualClock virtual = isVirtual(spec.timeScale()) ? new VirtualClock(Clock.system().instant()) : null;
        Sandbox sandbox = customize.apply(Sandbox.builder()
                        .seed(seed)
                        .preset(Preset.LESSON)
                        .clock(virtual != null ? virtual : new ScaledClock(Clock.system(), spec.timeScale()))
                        .timeScale(1)
                        .accessControl(iam, new Credentials(admin.accessKeyId(), admin.secretAccessKey()))
                        .port(0))
                .build();
        sandbox.register(new StsHandler(iam));
        sandbox.start();
        return new LessonSandbox(sandbox, iam, virtual, spec);
    }

    /** Whether {@code timeScale} asks for virtual time. */
    public static boolean isVirtual(double timeScale) {
        return Double.isInfinite(timeScale);
    }

    /** Whether this sandbox runs on virtual time (so nothing the lesson measures depends on the wall clock). */
    public boolean virtualTime() {
        return virtual != null;
    }

    /**
     * Where concurrent clients' attempts are scheduled: a {@link VirtualScheduler} on virtual time, else
     * a thread pool whose delays (in sandbox time) are divided by the time scale.
     */
    public synchronized Scheduler scheduler() {
        if (scheduler == null) {
            if (virtual != null) {
                scheduler = new VirtualScheduler(virtual);
            } else {
                ScheduledExecutorService pool = Executors.newScheduledThreadPool(16, r -> {
                    Thread t = new Thread(r, "lesson-client");
                    t.setDaemon(true);
                    return t;
                });
                track(pool::shutdownNow);
                Scheduler wall = Scheduler.of(pool);
                scheduler = (task, delayNanos) -> wall.schedule(task, (long) (delayNanos / timeScale));
            }
        }
        return scheduler;
    }

    /** Waits for {@code work} (scheduled on {@link #scheduler()}), running the virtual scheduler if there is one. */
    public <T> T await(CompletableFuture<T> work) {
        if (scheduler instanceof VirtualScheduler v) {
            v.runUntilIdle();
        }
        return work.join();
    }

    @Override
    public Connection connection() {
        return connection;
    }

    /** The sandbox itself (its world view, its configuration). */
    public Sandbox sandbox() {
        return sandbox;
    }

    /** The world's read-only view. */
    public WorldView world() {
        return sandbox.world();
    }

    /** Clients on this sandbox that never retry by themselves and are counted by {@link #tally()}. */
    public ClientFactory clients() {
        return clients;
    }

    /** Clients like {@link #clients()} but signing as another principal of this sandbox. */
    public ClientFactory clientsFor(Connection principal) {
        ClientFactory.Builder builder = ClientFactory.builder(principal)
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .addInterceptor(tally);
        interceptors.forEach(builder::addInterceptor);
        return builder.build();
    }

    /** Adds or replaces principals of this sandbox, given in the {@code --iam} file format. */
    public void putPrincipals(String iamJson) throws IamConfigException {
        iam.store().putAll(IamConfig.parse(iamJson, "lesson principals"));
    }

    /** The lesson's shared EC2 client (no SDK retries). */
    public synchronized Ec2Client ec2() {
        if (ec2 == null) {
            ec2 = track(clients.ec2());
        }
        return ec2;
    }

    /** Closes {@code closeable} with the sandbox. */
    public synchronized <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    /** Every HTTP attempt the lesson's clients made. */
    public AttemptTally tally() {
        return tally;
    }

    /** Sandbox time: what lessons measure and narrate in. */
    public Clock clock() {
        return sandbox.world().clock();
    }

    /** Sleeps sandbox time (wall time divided by the time scale). */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** The time scale ({@link #VIRTUAL_TIME} for virtual time). */
    public double timeScale() {
        return timeScale;
    }

    /** Sandbox time since {@code sandboxNanos} (a reading of {@link #clock()}), in milliseconds. */
    public double millisSince(long sandboxNanos) {
        return (clock().nanoTime() - sandboxNanos) / 1e6;
    }

    /** Sleeps {@code duration} of sandbox time. */
    public void sleep(Duration duration) throws InterruptedException {
        sleeper.sleep(duration.toNanos());
    }

    /**
     * On a wall clock, opens {@code threads} connections and warms the client up with DescribeRegions calls,
     * which draw from their own bucket, so a following burst is not slowed by a cold client.
     */
    public void warmUp(int threads) {
        if (virtual == null) {
            Crowd.run(this, threads, 3, once(), () -> ec2().describeRegions());
            tally.clear();
        }
    }

    /** An executor that makes one attempt and never retries (what a client without retries does). */
    public RetryExecutor once() {
        return RetryExecutor.of(RetryPlan.builder(BackoffPolicy.builder(BackoffPolicy.Kind.NONE).maxAttempts(1).build())
                .clock(clock()).build(), Ec2Errors.classifier(), sleeper);
    }

    /** The id of an EBS-backed image of the sandbox. */
    public String ebsImageId() {
        List<Image> images = ec2().describeImages(DescribeImagesRequest.builder()
                .filters(Filter.builder().name("root-device-type").values("ebs").build()).build()).images();
        if (images.isEmpty()) {
            throw new IllegalStateException("the sandbox offers no EBS-backed image");
        }
        return images.get(0).imageId();
    }

    /**
     * A request bucket of this sandbox.
     *
     * @param name            the bucket's name in {@link Sandbox#buckets()}
     * @param capacity        its capacity in this preset
     * @param refillPerSecond its refill rate in this preset, per second of sandbox time
     */
    public record Bucket(String name, double capacity, double refillPerSecond) {
    }

    /** The request bucket {@code action} draws from, filtered (or paginated) or not. */
    public Bucket bucket(String action, boolean filteredOrPaginated) {
        BucketSpec spec = BucketCatalog.standard().requestBucket(action, filteredOrPaginated);
        double scale = sandbox.preset().bucketScale();
        String name = spec.category() == BucketCategory.UNFILTERED_UNPAGINATED ? action + " (unfiltered)" : action;
        return new Bucket(name, spec.capacity() * scale, spec.refillPerSecond() * scale);
    }

    /** Waits (sandbox time) until {@code bucket} is full again, watching the sandbox's own bucket state. */
    public void awaitFull(Bucket bucket) throws InterruptedException {
        while (true) {
            double tokens = sandbox.buckets().stream()
                    .filter(b -> b.name().equals(bucket.name()) && b.region().equals(REGION))
                    .mapToDouble(Throttler.BucketState::tokens).min().orElse(bucket.capacity());
            if (tokens >= bucket.capacity() - 1e-6) {
                return;
            }
            sleep(Duration.ofMillis((long) Math.max(50, 1000 * (bucket.capacity() - tokens) / bucket.refillPerSecond())));
        }
    }

    @Override
    public synchronized void close() {
        // Last opened, first closed: a subscription still needs its clients to delete its rule and queue.
        for (int i = closeables.size() - 1; i >= 0; i--) {
            AutoCloseable c = closeables.get(i);
            try {
                c.close();
            } catch (Exception e) {
                // Closing a client cannot fail in a way the lesson could act on.
            }
        }
        closeables.clear();
        sandbox.close();
    }
}
