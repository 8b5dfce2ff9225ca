package org.ec2workbench.backoff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Everything that decides retries for a client: a {@link BackoffPolicy}, an optional shared
 * {@link RetryBudget}, an optional shared {@link RateLimiter}, the clock, the random source and
 * the listeners. Each call gets its own {@link RetryController} from {@link #newCall()}; the executor,
 * the poller, the SDK adapter and the simulators all drive that same controller, so they decide alike.
 * Thread-safe.
 */
public final class RetryPlan {

    private static final System.Logger LOG = System.getLogger(RetryPlan.class.getName());

    private final BackoffPolicy policy;
    private final RetryBudget budget;
    private final RateLimiter limiter;
    private final Clock clock;
    private final RandomGenerator random;
    private final List<RetryListener> listeners;
    private final AtomicLong callIds = new AtomicLong();

    private RetryPlan(Builder builder) {
        this.policy = builder.policy;
        this.budget = builder.budget;
        this.limiter = builder.limiter;
        this.clock = builder.clock;
        this.random = builder.random;
        this.listeners = new CopyOnWriteArrayList<>(builder.listeners);
    }

    /** A builder retrying by {@code policy}, on the system clock, with no budget and no limiter. */
    public static Builder builder(BackoffPolicy policy) {
        return new Builder(policy);
    }

    /** The controller of a new call. */
    public RetryController newCall() {
        return new RetryController(this, callIds.incrementAndGet());
    }

    /**
     * A plan like this one but retrying by {@code policy}; it shares this plan's budget, limiter, clock,
     * random source and current listeners.
     */
    public RetryPlan withPolicy(BackoffPolicy policy) {
        Builder builder = builder(policy).budget(budget).limiter(limiter).clock(clock).random(random);
        listeners.forEach(builder::listener);
        return builder.build();
    }

    /** Adds a listener for the events of every call of this plan. */
    public void addListener(RetryListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener. */
    public void removeListener(RetryListener listener) {
        listeners.remove(listener);
    }

    /** The backoff policy. */
    public BackoffPolicy policy() {
        return policy;
    }

    /** The shared retry budget, if any. */
    public Optional<RetryBudget> budget() {
        return Optional.ofNullable(budget);
    }

    /** The shared rate limiter, if any. */
    public Optional<RateLimiter> limiter() {
        return Optional.ofNullable(limiter);
    }

    /** The clock. */
    public Clock clock() {
        return clock;
    }

    RetryBudget budgetOrNull() {
        return budget;
    }

    RateLimiter limiterOrNull() {
        return limiter;
    }

    double nextRandom() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    boolean observed() {
        return !listeners.isEmpty();
    }

    void emit(RetryEvent event) {
        for (RetryListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "retry listener " + listener + " failed on " + event, e);
            }
        }
    }

    /** Configures a {@link RetryPlan}. */
    public static final class Builder {
        private final BackoffPolicy policy;
        private RetryBudget budget;
        private RateLimiter limiter;
        private Clock clock = Clock.system();
        private RandomGenerator random;
        private final List<RetryListener> listeners = new ArrayList<>();

        private Builder(BackoffPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /** Retries draw from {@code budget} (shared with whoever else holds it); null for none. */
        public Builder budget(RetryBudget budget) {
            this.budget = budget;
            return this;
        }

        /** Attempts are paced by {@code limiter}; null for none. */
        public Builder limiter(RateLimiter limiter) {
            this.limiter = limiter;
            return this;
        }

        /** The clock for timestamps and the total-wait limit. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where jitter comes from; by default a generator seeded unpredictably. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Adds a listener for every call's events. */
        public Builder listener(RetryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The plan. */
        public RetryPlan build() {
            if (random == null) {
                random = RandomGenerator.of("L64X128MixRandom");
            }
            return new RetryPlan(this);
        }
    }
}
