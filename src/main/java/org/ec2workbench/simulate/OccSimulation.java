package org.ec2workbench.simulate;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import org.ec2workbench.backoff.BackoffPolicy;

/**
 * One run of Marc Brooker's 2015 optimistic-concurrency experiment ("Exponential Backoff And Jitter",
 * AWS Architecture Blog), in virtual time: {@code clients} clients start together and each must update
 * one shared row exactly once. An attempt reads the row's version from the server, then writes
 * conditioned on that version; the write succeeds only if nobody wrote in between, so of a set of
 * concurrent writes one wins per "round". A client whose write fails sleeps for its backoff and starts
 * again with a fresh read. Every message crosses the network with a delay of |N(10 ms, 2 ms)|; the
 * backoff is added to the next read request. "Calls" counts writes; completion is the moment the last
 * client learns its write succeeded.
 *
 * <p>No threads and no sleeping: a discrete-event loop over one virtual timeline, deterministic in its
 * seed.
 */
public final class OccSimulation {

    /** The outcome of one run. */
    public record Result(long calls, long completionNanos) {

        /** Completion time in milliseconds. */
        public double completionMillis() {
            return completionNanos / 1e6;
        }
    }

    private static final int READ_AT_SERVER = 0;
    private static final int READ_REPLY_AT_CLIENT = 1;
    private static final int WRITE_AT_SERVER = 2;
    private static final int WRITE_REPLY_AT_CLIENT = 3;

    private final BackoffPolicy policy;
    private final Network network;

    /** A simulation whose clients back off by {@code policy} on Brooker's network. */
    public OccSimulation(BackoffPolicy policy) {
        this(policy, Network.BROOKER);
    }

    OccSimulation(BackoffPolicy policy, Network network) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.network = network;
    }

    /** The policy the clients use. */
    public BackoffPolicy policy() {
        return policy;
    }

    /** Runs {@code clients} clients to completion with randomness from {@code seed}. */
    public Result run(int clients, long seed) {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be >= 1, was " + clients);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] step = new int[clients];
        int[] versionSeen = new int[clients];
        int[] failures = new int[clients];
        long[] previousBackoff = new long[clients];
        boolean[] writeSucceeded = new boolean[clients];
        EventHeap events = new EventHeap();
        for (int client = 0; client < clients; client++) {
            step[client] = READ_AT_SERVER;
            events.push(network.delayNanos(random), client);
        }
        int version = 0;
        long calls = 0;
        long now = 0;
        while (!events.isEmpty()) {
            now = events.peekTime();
            int client = events.pop();
            switch (step[client]) {
                case READ_AT_SERVER -> {
                    versionSeen[client] = version;
                    step[client] = READ_REPLY_AT_CLIENT;
                    events.push(now + network.delayNanos(random), client);
                }
                case READ_REPLY_AT_CLIENT -> {
                    step[client] = WRITE_AT_SERVER;
                    events.push(now + network.delayNanos(random), client);
                }
                case WRITE_AT_SERVER -> {
                    calls++;
                    writeSucceeded[client] = versionSeen[client] == version;
                    if (writeSucceeded[client]) {
                        version++;
                    }
                    step[client] = WRITE_REPLY_AT_CLIENT;
                    events.push(now + network.delayNanos(random), client);
                }
                default -> {
                    if (!writeSucceeded[client]) {
                        failures[client]++;
                        long backoff = policy.delayNanos(failures[client], previousBackoff[client], random.nextDouble(),
                                false);
                        previousBackoff[client] = backoff;
                        step[client] = READ_AT_SERVER;
                        events.push(now + network.delayNanos(random) + backoff, client);
                    }
                }
            }
        }
        return new Result(calls, now);
    }

    /**
     * The five strategies of the article with its parameters (base 5 ms, cap 2 s), as engine policies.
     * The article's ceiling after the n-th failure is {@code base·2^n}, so the engine's exponential
     * policies (whose first ceiling is their base) start at 2·5 ms = 10 ms; decorrelated jitter starts
     * from base itself, as in the article.
     */
    public static BackoffPolicy brookerPolicy(BackoffPolicy.Kind kind) {
        Duration base = Duration.ofMillis(5);
        Duration cap = Duration.ofMillis(2000);
        return switch (kind) {
            case NONE -> BackoffPolicy.builder(kind).unlimitedAttempts().build();
            case EXPONENTIAL, FULL_JITTER, EQUAL_JITTER -> BackoffPolicy.builder(kind).base(base.multipliedBy(2)).cap(cap)
                    .unlimitedAttempts().build();
            case DECORRELATED_JITTER -> BackoffPolicy.builder(kind).base(base).cap(cap).unlimitedAttempts().build();
            default -> throw new IllegalArgumentException("Brooker's experiment has no '" + kind.id() + "' strategy");
        };
    }
}
