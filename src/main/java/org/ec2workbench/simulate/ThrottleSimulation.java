package org.ec2workbench.simulate;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.ec2workbench.backoff.AdaptiveRateLimiter;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.BackoffPolicy.Kind;
import org.ec2workbench.backoff.Classification;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.backoff.GoodputRateLimiter;
import org.ec2workbench.backoff.RateLimiter;
import org.ec2workbench.backoff.RetryBudget;
import org.ec2workbench.backoff.RetryController;
import org.ec2workbench.backoff.RetryPlan;
import org.ec2workbench.backoff.TokenBucket;
import org.ec2workbench.backoff.VirtualClock;

/**
 * Clients against an EC2-style request token bucket, in virtual time: {@code clients} clients each need
 * {@code calls} successful calls, one call at a time. A request crosses the network (|N(10 ms, 2 ms)|
 * each way); the server takes one token from the bucket (capacity, refill per second) or throttles it
 * (EC2's {@code RequestLimitExceeded}). Each client retries through its own {@link RetryController} —
 * the same decisions the executor and the SDK adapter make — with its own retry budget and adaptive
 * limiter when the strategy has them. A call whose controller gives up is counted and abandoned; the
 * client goes on with its next call.
 */
public final class ThrottleSimulation {

    /** CSV header. */
    public static final String CSV_HEADER = "strategy,completion_s,goodput_pct,throttled_attempts,attempts,given_up";

    /**
     * A named way of retrying: a policy plus whether each client gets a retry budget and an adaptive
     * limiter.
     *
     * @param name     e.g. {@code full_jitter+budget+adaptive}
     * @param policy   the backoff policy
     * @param budget   the budget each client starts with, or null (copied per client)
     * @param pacing   which client-side rate limiter paces the attempts, if any
     */
    public record Strategy(String name, BackoffPolicy policy, RetryBudget budget, Pacing pacing) {

        public Strategy {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(pacing, "pacing");
        }
    }

    /** The client-side rate limiter a strategy paces its attempts with. */
    public enum Pacing {
        /** No limiter: attempts go out as the backoff policy allows. */
        NONE(""),
        /** The AWS SDK's adaptive mode limiter (CUBIC), {@code +adaptive}. */
        ADAPTIVE("+adaptive"),
        /** The engine's {@link GoodputRateLimiter}, {@code +paced}. */
        GOODPUT("+paced"),
        /** The engine's {@link GoodputRateLimiter} starting as a mirror of the server's documented bucket, {@code +bucket}. */
        KNOWN_BUCKET("+bucket");

        private final String suffix;

        Pacing(String suffix) {
            this.suffix = suffix;
        }

        /** What the strategy's name ends with, e.g. {@code +paced}. */
        public String suffix() {
            return suffix;
        }

        /**
         * A new limiter of this kind on {@code clock}, or null for {@link #NONE}; {@code capacity} and
         * {@code refillPerSecond} describe the server's documented bucket (only {@link #KNOWN_BUCKET} uses them).
         */
        public RateLimiter newLimiter(Clock clock, double capacity, double refillPerSecond) {
            return switch (this) {
                case NONE -> null;
                case ADAPTIVE -> AdaptiveRateLimiter.sdkDefaults(clock);
                case GOODPUT -> GoodputRateLimiter.withDefaults(clock);
                case KNOWN_BUCKET -> GoodputRateLimiter.builder(clock).knownBucket(capacity, refillPerSecond).build();
            };
        }
    }

    /**
     * The outcome of one strategy.
     *
     * @param strategy          the strategy's name
     * @param completionSeconds when the last client finished its last call
     * @param goodputPct        successful calls per second as a percentage of the refill rate
     * @param throttledAttempts attempts the bucket refused
     * @param attempts          all attempts
     * @param givenUp           calls abandoned because the strategy gave up
     */
    public record Row(String strategy, double completionSeconds, double goodputPct, long throttledAttempts,
            long attempts, long givenUp) {

        /** The row as CSV. */
        public String csv() {
            return String.format(Locale.ROOT, "%s,%.2f,%.1f,%d,%d,%d", strategy, completionSeconds, goodputPct,
                    throttledAttempts, attempts, givenUp);
        }
    }

    private final int clients;
    private final int calls;
    private final double capacity;
    private final double refillPerSecond;
    private final Network network = Network.BROOKER;
    private final boolean oneApplication;

    /** {@code clients} clients needing {@code calls} calls each, against a bucket of the given size and rate. */
    public ThrottleSimulation(int clients, int calls, double capacity, double refillPerSecond) {
        this(clients, calls, capacity, refillPerSecond, false);
    }

    /**
     * As {@link #ThrottleSimulation(int, int, double, double)}; with {@code oneApplication} the clients are
     * the threads of one application sharing one SDK client, so they share one retry budget and one rate
     * limiter (as {@code bench throttle} runs them), instead of being separate processes with their own.
     */
    public ThrottleSimulation(int clients, int calls, double capacity, double refillPerSecond, boolean oneApplication) {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be >= 1, was " + clients);
        }
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be >= 1, was " + calls);
        }
        if (!(capacity >= 1)) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        if (!(refillPerSecond > 0)) {
            throw new IllegalArgumentException("refill must be > 0, was " + refillPerSecond);
        }
        this.clients = clients;
        this.calls = calls;
        this.oneApplication = oneApplication;
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
    }

    /**
     * Every engine policy with its defaults, plain, with the SDK's retry budget, with the adaptive limiter
     * and with both; then the SDK curves as the SDK runs them: {@code sdk_standard} and {@code sdk_legacy}
     * with their budgets, and {@code sdk_standard+adaptive}, the SDK's adaptive mode.
     */
    public static List<Strategy> defaultStrategies() {
        List<Strategy> strategies = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (kind == Kind.SDK_STANDARD || kind == Kind.SDK_LEGACY) {
                continue;
            }
            BackoffPolicy policy = BackoffPolicy.defaults(kind);
            strategies.add(new Strategy(kind.id(), policy, null, Pacing.NONE));
            strategies.add(new Strategy(kind.id() + "+budget", policy, RetryBudget.sdkStandard(), Pacing.NONE));
            strategies.add(new Strategy(kind.id() + "+adaptive", policy, null, Pacing.ADAPTIVE));
            strategies.add(new Strategy(kind.id() + "+budget+adaptive", policy, RetryBudget.sdkStandard(), Pacing.ADAPTIVE));
            strategies.add(new Strategy(kind.id() + "+paced", policy, null, Pacing.GOODPUT));
            strategies.add(new Strategy(kind.id() + "+bucket", policy, null, Pacing.KNOWN_BUCKET));
        }
        strategies.add(new Strategy("sdk_standard", BackoffPolicy.sdkStandard(), RetryBudget.sdkStandard(), Pacing.NONE));
        strategies.add(new Strategy("sdk_standard+adaptive", BackoffPolicy.sdkStandard(), RetryBudget.sdkStandard(), Pacing.ADAPTIVE));
        strategies.add(new Strategy("sdk_legacy", BackoffPolicy.sdkLegacy(), RetryBudget.sdkLegacy(), Pacing.NONE));
        return List.copyOf(strategies);
    }

    /** Runs every strategy with the same seed. */
    public List<Row> runAll(List<Strategy> strategies, long seed) {
        List<Row> rows = new ArrayList<>();
        for (Strategy strategy : strategies) {
            rows.add(run(strategy, seed));
        }
        return List.copyOf(rows);
    }

    /** Runs one strategy to completion. */
    public Row run(Strategy strategy, long seed) {
        VirtualClock clock = new VirtualClock();
        TokenBucket bucket = new TokenBucket(clock, capacity, refillPerSecond);
        SplittableRandom random = new SplittableRandom(seed);
        RetryPlan[] plans = new RetryPlan[clients];
        RetryController[] current = new RetryController[clients];
        int[] done = new int[clients];
        boolean[] atServer = new boolean[clients];
        boolean[] throttled = new boolean[clients];
        EventHeap events = new EventHeap();
        for (int client = 0; client < clients; client++) {
            if (oneApplication && client > 0) {
                plans[client] = plans[0];
                continue;
            }
            RetryPlan.Builder plan = RetryPlan.builder(strategy.policy()).clock(clock).random(random.split());
            if (strategy.budget() != null) {
                plan.budget(strategy.budget().fresh());
            }
            plan.limiter(strategy.pacing().newLimiter(clock, capacity, refillPerSecond));
            plans[client] = plan.build();
        }
        for (int client = 0; client < clients; client++) {
            current[client] = plans[client].newCall();
            long wait = current[client].firstAttemptDelayNanos();
            atServer[client] = true;
            events.push(wait + network.delayNanos(random), client);
        }
        long attempts = 0;
        long throttledAttempts = 0;
        long givenUp = 0;
        long successes = 0;
        long finishedAt = 0;
        while (!events.isEmpty()) {
            long now = events.peekTime();
            int client = events.pop();
            clock.advanceTo(now);
            RetryController call = current[client];
            if (atServer[client]) {
                call.attemptStarted();
                attempts++;
                throttled[client] = !bucket.tryAcquire(1);
                if (throttled[client]) {
                    throttledAttempts++;
                }
                atServer[client] = false;
                events.push(now + network.delayNanos(random), client);
                continue;
            }
            long wait;
            if (!throttled[client]) {
                call.onSuccess();
                successes++;
                wait = nextCall(plans, current, done, client);
            } else {
                RetryController.Decision decision = call.onFailure(Classification.THROTTLING, null);
                if (decision.retry()) {
                    wait = decision.delayNanos();
                } else {
                    givenUp++;
                    wait = nextCall(plans, current, done, client);
                }
            }
            if (wait < 0) {
                finishedAt = Math.max(finishedAt, now);
                continue;
            }
            atServer[client] = true;
            events.push(now + wait + network.delayNanos(random), client);
        }
        double seconds = finishedAt / 1e9;
        double goodput = seconds == 0 ? 0 : successes / seconds / refillPerSecond * 100;
        return new Row(strategy.name(), seconds, goodput, throttledAttempts, attempts, givenUp);
    }

    /** Moves {@code client} to its next call; returns the wait before it, or -1 when the client is done. */
    private long nextCall(RetryPlan[] plans, RetryController[] current, int[] done, int client) {
        done[client]++;
        if (done[client] >= calls) {
            current[client] = null;
            return -1;
        }
        current[client] = plans[client].newCall();
        return current[client].firstAttemptDelayNanos();
    }

    /** Writes {@code rows} as CSV with its header. */
    public static void writeCsv(List<Row> rows, PrintWriter out) {
        Csv.write(CSV_HEADER, rows, Row::csv, out);
    }

    /** Writes {@code rows} as a readable table. */
    public static void writeTable(List<Row> rows, PrintWriter out) {
        String format = "%-36s %12s %9s %10s %9s %9s";
        String header = String.format(Locale.ROOT, format, "strategy", "completion_s", "goodput%", "throttled",
                "attempts", "given_up");
        out.print(header + "\n");
        out.print("-".repeat(header.length()) + "\n");
        for (Row row : rows) {
            out.print(String.format(Locale.ROOT, "%-36s %12.2f %9.1f %10d %9d %9d", row.strategy(),
                    row.completionSeconds(), row.goodputPct(), row.throttledAttempts(), row.attempts(), row.givenUp())
                    + "\n");
        }
        out.flush();
    }
}
