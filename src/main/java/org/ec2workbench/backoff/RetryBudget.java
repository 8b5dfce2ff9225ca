package org.ec2workbench.backoff;

/**
 * The retry quota of the AWS SDK's standard mode: a bucket of tokens that every retry draws from and
 * successes refill, so a client stops retrying when most of its calls fail (a circuit breaker) instead
 * of multiplying the load on a struggling service.
 *
 * <p>Semantics follow the SDK v2 {@code retries} module: a retry takes {@link #retryCost()} tokens
 * ({@link #timeoutCost()} after a timeout, {@link #throttlingCost()} after throttling — the legacy mode
 * charges nothing for throttling); when the bucket holds fewer tokens than the cost, the call gives up.
 * A call that succeeds returns the cost of its last retry, or {@link #successRefund()} token if it
 * needed no retry, never filling the bucket past its capacity. Thread-safe; share one per client.
 */
public final class RetryBudget {

    private final int capacity;
    private final int retryCost;
    private final int timeoutCost;
    private final int throttlingCost;
    private final int successRefund;
    private int tokens;

    private RetryBudget(Builder builder) {
        this.capacity = builder.capacity;
        this.retryCost = builder.retryCost;
        this.timeoutCost = builder.timeoutCost;
        this.throttlingCost = builder.throttlingCost;
        this.successRefund = builder.successRefund;
        this.tokens = capacity;
    }

    /** A builder with the SDK standard mode's defaults (500, 5, 10, 5, refund 1). */
    public static Builder builder() {
        return new Builder();
    }

    /** A full budget with the SDK standard mode's defaults. */
    public static RetryBudget sdkStandard() {
        return builder().build();
    }

    /** A full budget with the SDK legacy mode's costs (throttling retries are free). */
    public static RetryBudget sdkLegacy() {
        return builder().throttlingCost(0).build();
    }

    /**
     * Takes the cost of retrying after {@code cause}; returns the tokens taken, or -1 (taking none)
     * when the bucket cannot pay.
     */
    public synchronized int tryAcquire(Classification cause) {
        int cost = costOf(cause);
        if (tokens < cost) {
            return -1;
        }
        tokens -= cost;
        return cost;
    }

    /**
     * Records a successful call: gives back {@code lastRetryCost} (what its last retry took), or
     * {@link #successRefund()} if it took nothing.
     */
    public synchronized void recordSuccess(int lastRetryCost) {
        tokens = Math.min(capacity, tokens + Math.max(successRefund, lastRetryCost));
    }

    /** What retrying after {@code cause} costs. */
    public int costOf(Classification cause) {
        return switch (cause) {
            case TIMEOUT -> timeoutCost;
            case THROTTLING -> throttlingCost;
            default -> retryCost;
        };
    }

    /** Tokens available now. */
    public synchronized int tokens() {
        return tokens;
    }

    /** The most tokens the budget holds. */
    public int capacity() {
        return capacity;
    }

    /** Cost of an ordinary retry. */
    public int retryCost() {
        return retryCost;
    }

    /** Cost of a retry after a timeout. */
    public int timeoutCost() {
        return timeoutCost;
    }

    /** Cost of a retry after throttling. */
    public int throttlingCost() {
        return throttlingCost;
    }

    /** Tokens returned by a call that succeeded without retrying. */
    public int successRefund() {
        return successRefund;
    }

    /** A new full budget with the same parameters (budgets hold state; policies do not). */
    public RetryBudget fresh() {
        return builder().capacity(capacity).retryCost(retryCost).timeoutCost(timeoutCost)
                .throttlingCost(throttlingCost).successRefund(successRefund).build();
    }

    @Override
    public String toString() {
        return "RetryBudget(" + tokens() + "/" + capacity + ", retry " + retryCost + ", timeout " + timeoutCost
                + ", throttling " + throttlingCost + ", refund " + successRefund + ")";
    }

    /** Configures a {@link RetryBudget}; each setter validates at once. */
    public static final class Builder {
        private int capacity = 500;
        private int retryCost = 5;
        private int timeoutCost = 10;
        private int throttlingCost = 5;
        private int successRefund = 1;

        private Builder() {
        }

        /** Tokens when full; must be >= 1. */
        public Builder capacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /** Cost of an ordinary retry; must be >= 0. */
        public Builder retryCost(int cost) {
            this.retryCost = nonNegative("retryCost", cost);
            return this;
        }

        /** Cost of a retry after a timeout; must be >= 0. */
        public Builder timeoutCost(int cost) {
            this.timeoutCost = nonNegative("timeoutCost", cost);
            return this;
        }

        /** Cost of a retry after throttling; must be >= 0. */
        public Builder throttlingCost(int cost) {
            this.throttlingCost = nonNegative("throttlingCost", cost);
            return this;
        }

        /** Tokens a first-try success returns; must be >= 0. */
        public Builder successRefund(int refund) {
            this.successRefund = nonNegative("successRefund", refund);
            return this;
        }

        /** A full budget. */
        public RetryBudget build() {
            return new RetryBudget(this);
        }

        private static int nonNegative(String name, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must be >= 0, was " + value);
            }
            return value;
        }
    }
}
