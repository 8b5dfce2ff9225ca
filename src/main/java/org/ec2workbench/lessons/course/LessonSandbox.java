package org.ec2workbench.lessons.course;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.backoff.Sleeper;
import org.ec2workbench.backoff.SystemClock;
import org.ec2workbench.lessons.AttemptTally;
import org.ec2workbench.lessons.LessonEnvironment;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.ec2workbench.sandbox.throttle.BucketCatalog;
import org.ec2workbench.sandbox.throttle.BucketCategory;
import org.ec2workbench.sandbox.throttle.BucketSpec;
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

    /** The Region every lesson works in. */
    public static final String REGION = "us-east-1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Sandbox sandbox;
    private final Connection connection;
    private final ClientFactory clients;
    private final AttemptTally tally;
    private final List<ExecutionInterceptor> interceptors;
    private final double timeScale;
    private final Sleeper sleeper;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Ec2Client ec2;

    private LessonSandbox(Sandbox sandbox, Spec spec) {
        this.sandbox = sandbox;
        this.timeScale = spec.timeScale();
        this.connection = Connection.sandbox(sandbox.endpoint(), REGION,
                sandbox.defaultCredentials().accessKeyId(), sandbox.defaultCredentials().secretAccessKey());
        this.tally = new AttemptTally(clock(), spec.notes());
        this.interceptors = spec.interceptors();
        this.clients = clientsFor(connection);
        this.sleeper = new ScaledSleeper(SystemClock.INSTANCE, timeScale);
    }

    /**
     * Starts a sandbox for {@code spec}; {@code customize} adjusts the lesson preset (e.g. the instance
     * limit). The whole sandbox, token buckets included, runs on a clock {@code spec.timeScale()} times
     * faster than the wall clock (the sandbox's own time scale speeds up lifecycles and lags only, but a
     * lesson that waits for a bucket to refill should be short too).
     */
    public static LessonSandbox start(Spec spec, UnaryOperator<Sandbox.Builder> customize) {
        Sandbox sandbox = customize.apply(Sandbox.builder()
                        .seed(spec.settings().sandboxSeed())
                        .preset(Preset.LESSON)
                        .clock(new ScaledClock(Clock.system(), spec.timeScale()))
                        .timeScale(1)
                        .port(0))
                .build();
        sandbox.start();
        return new LessonSandbox(sandbox, spec);
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

    /**
     * Adds or replaces principals through the sandbox-only {@code /_sandbox/iam} endpoint, in the
     * {@code --iam} file format.
     */
    public void putPrincipals(String iamJson) throws IOException, InterruptedException {
        URI uri = connection.endpoint().orElseThrow().resolve("/_sandbox/iam");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(iamJson)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the sandbox refused the principals: " + response.statusCode() + " "
                    + response.body());
        }
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

    /** The time scale. */
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
     * Opens {@code threads} connections and warms the client up with DescribeRegions calls, which draw from
     * their own bucket, so a following burst is not slowed by a cold client.
     */
    public void warmUp(int threads) throws InterruptedException {
        Crowd.run(threads, 3, clock(), () -> ec2().describeRegions());
        tally.clear();
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
        for (AutoCloseable c : closeables) {
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
