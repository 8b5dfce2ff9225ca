package org.ec2workbench.backoff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * How long to wait before each retry: an immutable, thread-safe value built by a validating
 * {@link Builder}.
 *
 * <p>The delay is a pure function, {@link #delayNanos(int, long, double, boolean)}: the retry number
 * (1 = the wait before the second attempt), the previous delay (only decorrelated jitter uses it), a
 * random number in [0, 1] and whether the failure was throttling (only the SDK curves distinguish).
 * The pipeline is: ceiling {@code min(cap, base·multiplier^(retry−1))} → {@link Jitter} → clamp to
 * {@code cap}. Because the result is monotonic in the random number and in the previous delay, passing
 * 0 and 1 gives exact envelopes ({@link #envelope(int, boolean)}).
 *
 * <p>{@link #maxAttempts()} counts every attempt, the first included (the SDK's convention);
 * {@link #maxTotalWait()} bounds the time from the first attempt to the start of the last.
 */
public final class BackoffPolicy {

    /** Shown instead of {@link Integer#MAX_VALUE} attempts. */
    public static final String UNLIMITED = "unlimited";

    /** Parameter keys, as used by {@link Builder#set(String, String)} and {@link #parameters()}. */
    public static final String BASE = "base";
    public static final String THROTTLING_BASE = "throttlingBase";
    public static final String CAP = "cap";
    public static final String MULTIPLIER = "multiplier";
    public static final String MAX_ATTEMPTS = "maxAttempts";
    public static final String MAX_TOTAL_WAIT = "maxTotalWait";

    /** The policy families, each with its stable id, display name and defaults. */
    public enum Kind {
        NONE("none", "No backoff", "Retries immediately: what a naive retry loop does.",
                Jitter.NONE, Jitter.NONE, Set.of(MAX_ATTEMPTS, MAX_TOTAL_WAIT)),
        FIXED("fixed", "Fixed delay", "Waits the same delay before every retry.",
                Jitter.NONE, Jitter.NONE, Set.of(BASE, MAX_ATTEMPTS, MAX_TOTAL_WAIT)),
        EXPONENTIAL("exponential", "Exponential (no jitter)", "min(cap, base·multiplier^(n−1)); every client waits the same.",
                Jitter.NONE, Jitter.NONE, Set.of(BASE, MULTIPLIER, CAP, MAX_ATTEMPTS, MAX_TOTAL_WAIT)),
        FULL_JITTER("full_jitter", "Full jitter", "Uniform over [0, min(cap, base·multiplier^(n−1))] (Brooker 2015).",
                Jitter.FULL, Jitter.FULL, Set.of(BASE, MULTIPLIER, CAP, MAX_ATTEMPTS, MAX_TOTAL_WAIT)),
        EQUAL_JITTER("equal_jitter", "Equal jitter", "Half the exponential ceiling plus a uniform share of the other half.",
                Jitter.EQUAL, Jitter.EQUAL, Set.of(BASE, MULTIPLIER, CAP, MAX_ATTEMPTS, MAX_TOTAL_WAIT)),
        DECORRELATED_JITTER("decorrelated_jitter", "Decorrelated jitter", "min(cap, uniform(base, max(base, previous)·multiplier)).",
                Jitter.DECORRELATED, Jitter.DECORRELATED, Set.of(BASE, MULTIPLIER, CAP, MAX_ATTEMPTS, MAX_TOTAL_WAIT)),
        SDK_STANDARD("sdk_standard", "AWS SDK v2 standard",
                "The SDK's standard mode: full jitter from 100 ms (1 s after throttling), cap 20 s, 3 attempts.",
                Jitter.FULL, Jitter.FULL, Set.of(BASE, THROTTLING_BASE, CAP, MAX_ATTEMPTS)),
        SDK_LEGACY("sdk_legacy", "AWS SDK v2 legacy",
                "The SDK's legacy mode: full jitter from 100 ms, equal jitter from 500 ms after throttling, cap 20 s, 4 attempts.",
                Jitter.FULL, Jitter.EQUAL, Set.of(BASE, THROTTLING_BASE, CAP, MAX_ATTEMPTS)),
        EC2_GUIDANCE("ec2_guidance", "EC2 guidance",
                "EC2's advice for eventual consistency: exponential from a couple of seconds up to about five minutes (equal jitter).",
                Jitter.EQUAL, Jitter.EQUAL, Set.of(BASE, MULTIPLIER, CAP, MAX_ATTEMPTS, MAX_TOTAL_WAIT));

        private final String id;
        private final String displayName;
        private final String description;
        private final Jitter jitter;
        private final Jitter throttlingJitter;
        private final Set<String> parameters;

        Kind(String id, String displayName, String description, Jitter jitter, Jitter throttlingJitter,
                Set<String> parameters) {
            this.id = id;
            this.displayName = displayName;
            this.description = description;
            this.jitter = jitter;
            this.throttlingJitter = throttlingJitter;
            this.parameters = parameters;
        }

        /** Stable id, e.g. {@code full_jitter}. */
        public String id() {
            return id;
        }

        /** Name for people, e.g. "Full jitter". */
        public String displayName() {
            return displayName;
        }

        /** One sentence on what the policy does. */
        public String description() {
            return description;
        }

        /** Whether {@code key} is a parameter of this kind. */
        public boolean hasParameter(String key) {
            return parameters.contains(key);
        }

        /** The kind whose id is {@code id}. */
        public static Kind of(String id) {
            for (Kind kind : values()) {
                if (kind.id.equalsIgnoreCase(id.trim())) {
                    return kind;
                }
            }
            List<String> ids = new ArrayList<>();
            for (Kind kind : values()) {
                ids.add(kind.id);
            }
            throw new IllegalArgumentException("unknown policy '" + id + "' (expected one of " + String.join(", ", ids) + ")");
        }
    }

    /**
     * One named parameter with its current value, for a property sheet.
     *
     * @param key         stable key accepted by {@link Builder#set(String, String)}
     * @param label       name for people
     * @param value       a {@link Duration}, {@link Integer} or {@link Double}
     * @param text        the value as {@link Builder#set(String, String)} accepts it back
     * @param description what the parameter does
     */
    public record Parameter(String key, String label, Object value, String text, String description) {
    }

    /**
     * Exact bounds of the delay before one retry and of the total wait up to it.
     *
     * @param retry         retry number (1 = before the second attempt)
     * @param min           the smallest possible delay
     * @param max           the largest possible delay
     * @param cumulativeMin the smallest possible total wait up to and including this delay
     * @param cumulativeMax the largest possible total wait up to and including this delay
     */
    public record Bounds(int retry, Duration min, Duration max, Duration cumulativeMin, Duration cumulativeMax) {
    }

    private final Kind kind;
    private final Duration base;
    private final Duration throttlingBase;
    private final Duration cap;
    private final double multiplier;
    private final int maxAttempts;
    private final Duration maxTotalWait;

    private BackoffPolicy(Builder builder) {
        this.kind = builder.kind;
        this.base = builder.base;
        this.throttlingBase = builder.throttlingBase;
        this.cap = builder.cap;
        this.multiplier = builder.multiplier;
        this.maxAttempts = builder.maxAttempts;
        this.maxTotalWait = builder.maxTotalWait;
    }

    /** A builder holding {@code kind}'s defaults. */
    public static Builder builder(Kind kind) {
        return new Builder(kind);
    }

    /** The policy {@code kind} with its default parameters. */
    public static BackoffPolicy defaults(Kind kind) {
        return builder(kind).build();
    }

    /** Every kind with its defaults, in {@link Kind} order: what a policy picker lists. */
    public static List<BackoffPolicy> catalog() {
        List<BackoffPolicy> all = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            all.add(defaults(kind));
        }
        return List.copyOf(all);
    }

    /** The SDK v2 standard curve: 3 attempts, full jitter, base 100 ms, throttling base 1 s, cap 20 s. */
    public static BackoffPolicy sdkStandard() {
        return defaults(Kind.SDK_STANDARD);
    }

    /** The SDK v2 legacy curve: 4 attempts, base 100 ms full jitter, throttling 500 ms equal jitter, cap 20 s. */
    public static BackoffPolicy sdkLegacy() {
        return defaults(Kind.SDK_LEGACY);
    }

    /**
     * Parses a policy written as {@link #toString()} writes it: an id alone for the defaults
     * ({@code full_jitter}), or with parameters ({@code full_jitter(base=250ms, cap=5s, maxAttempts=6)}).
     * For command-line options and saved preferences; errors name what is wrong.
     */
    public static BackoffPolicy parse(String text) {
        String trimmed = Objects.requireNonNull(text, "text").trim();
        int open = trimmed.indexOf('(');
        if (open < 0) {
            return defaults(Kind.of(trimmed));
        }
        if (!trimmed.endsWith(")")) {
            throw new IllegalArgumentException("'" + text + "' lacks the closing ')' (e.g. full_jitter(base=250ms, cap=5s))");
        }
        Builder builder = builder(Kind.of(trimmed.substring(0, open)));
        String inside = trimmed.substring(open + 1, trimmed.length() - 1).trim();
        if (!inside.isEmpty()) {
            for (String assignment : inside.split(",")) {
                int equals = assignment.indexOf('=');
                if (equals < 0) {
                    throw new IllegalArgumentException("'" + assignment.trim() + "' is not key=value");
                }
                builder.set(assignment.substring(0, equals).trim(), assignment.substring(equals + 1));
            }
        }
        return builder.build();
    }

    /** A builder starting from this policy's values. */
    public Builder toBuilder() {
        Builder builder = new Builder(kind);
        builder.base = base;
        builder.throttlingBase = throttlingBase;
        builder.cap = cap;
        builder.multiplier = multiplier;
        builder.maxAttempts = maxAttempts;
        builder.maxTotalWait = maxTotalWait;
        return builder;
    }

    /** The family. */
    public Kind kind() {
        return kind;
    }

    /** Stable id, e.g. {@code full_jitter}. */
    public String id() {
        return kind.id;
    }

    /** Name for people. */
    public String name() {
        return kind.displayName;
    }

    /** What the policy does. */
    public String description() {
        return kind.description;
    }

    /** The delay before the first retry (or the fixed delay). */
    public Duration base() {
        return base;
    }

    /** The base used after throttling errors (equals {@link #base()} except for the SDK curves). */
    public Duration throttlingBase() {
        return throttlingBase;
    }

    /** The largest single delay. */
    public Duration cap() {
        return cap;
    }

    /** Growth per retry (decorrelated jitter: the factor on the previous delay). */
    public double multiplier() {
        return multiplier;
    }

    /** Attempts in all, the first included; {@link Integer#MAX_VALUE} means unlimited. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Longest time from the first attempt to the start of the last; empty means unbounded. */
    public Optional<Duration> maxTotalWait() {
        return Optional.ofNullable(maxTotalWait);
    }

    /** The jitter applied after non-throttling failures. */
    public Jitter jitter() {
        return kind.jitter;
    }

    /** The jitter applied after throttling failures. */
    public Jitter throttlingJitter() {
        return kind.throttlingJitter;
    }

    /** The parameters this policy's kind has, with their values, in a stable order. */
    public List<Parameter> parameters() {
        List<Parameter> list = new ArrayList<>();
        if (kind.hasParameter(BASE)) {
            list.add(new Parameter(BASE, kind == Kind.FIXED ? "Delay" : "Base delay", base, DurationText.format(base),
                    kind == Kind.FIXED ? "Wait before every retry" : "Ceiling of the first retry's delay"));
        }
        if (kind.hasParameter(THROTTLING_BASE)) {
            list.add(new Parameter(THROTTLING_BASE, "Throttling base delay", throttlingBase,
                    DurationText.format(throttlingBase), "Base delay after a throttling error"));
        }
        if (kind.hasParameter(MULTIPLIER)) {
            list.add(new Parameter(MULTIPLIER, "Multiplier", multiplier, trimDouble(multiplier),
                    kind == Kind.DECORRELATED_JITTER ? "Upper bound as a multiple of the previous delay"
                            : "Growth of the ceiling per retry"));
        }
        if (kind.hasParameter(CAP)) {
            list.add(new Parameter(CAP, "Cap", cap, DurationText.format(cap), "Largest single delay"));
        }
        list.add(new Parameter(MAX_ATTEMPTS, "Max attempts", maxAttempts,
                maxAttempts == Integer.MAX_VALUE ? UNLIMITED : Integer.toString(maxAttempts),
                "Attempts in all, the first included"));
        if (kind.hasParameter(MAX_TOTAL_WAIT)) {
            list.add(new Parameter(MAX_TOTAL_WAIT, "Max total wait", maxTotalWait,
                    maxTotalWait == null ? UNLIMITED : DurationText.format(maxTotalWait),
                    "Give up when the next attempt would start later than this after the first"));
        }
        return List.copyOf(list);
    }

    /**
     * The delay in nanoseconds before retry {@code retry}.
     *
     * @param retry              1 for the wait before the second attempt, 2 before the third, …
     * @param previousDelayNanos the delay chosen before the previous retry (0 for the first)
     * @param random01           a random number in [0, 1]; 0 and 1 give the exact envelope
     * @param throttling         whether the failure being retried was throttling
     */
    public long delayNanos(int retry, long previousDelayNanos, double random01, boolean throttling) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be >= 1, was " + retry);
        }
        if (!(random01 >= 0 && random01 <= 1)) {
            throw new IllegalArgumentException("random01 must be in [0, 1], was " + random01);
        }
        if (kind == Kind.NONE) {
            return 0;
        }
        double baseNanos = (throttling ? throttlingBase : base).toNanos();
        if (kind == Kind.FIXED) {
            return (long) baseNanos;
        }
        double capNanos = cap.toNanos();
        Jitter jitter = throttling ? kind.throttlingJitter : kind.jitter;
        double delay = switch (jitter) {
            case NONE -> ceiling(retry, baseNanos, capNanos);
            case FULL -> random01 * ceiling(retry, baseNanos, capNanos);
            case EQUAL -> {
                double ceiling = ceiling(retry, baseNanos, capNanos);
                yield ceiling / 2 + random01 * ceiling / 2;
            }
            case DECORRELATED -> {
                // The first retry grows from base, as if the previous delay had been base.
                double upper = Math.max(baseNanos, previousDelayNanos) * multiplier;
                yield baseNanos + random01 * (upper - baseNanos);
            }
        };
        return (long) Math.min(capNanos, delay);
    }

    /** {@link #delayNanos} as a {@link Duration}, for a non-throttling failure. */
    public Duration delay(int retry, Duration previousDelay, double random01) {
        return Duration.ofNanos(delayNanos(retry, previousDelay.toNanos(), random01, false));
    }

    /** {@link #delayNanos} as a {@link Duration}, for a throttling failure. */
    public Duration throttlingDelay(int retry, Duration previousDelay, double random01) {
        return Duration.ofNanos(delayNanos(retry, previousDelay.toNanos(), random01, true));
    }

    /**
     * The exact lower and upper bounds of the first {@code retries} delays, and of the cumulative wait.
     * For decorrelated jitter the bounds follow the all-minimum and all-maximum paths, which are exact
     * because the delay grows monotonically with the previous delay.
     */
    public List<Bounds> envelope(int retries, boolean throttling) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, was " + retries);
        }
        List<Bounds> bounds = new ArrayList<>(retries);
        long previousMin = 0;
        long previousMax = 0;
        long totalMin = 0;
        long totalMax = 0;
        for (int retry = 1; retry <= retries; retry++) {
            long min = delayNanos(retry, previousMin, 0, throttling);
            long max = delayNanos(retry, previousMax, 1, throttling);
            totalMin = saturatedAdd(totalMin, min);
            totalMax = saturatedAdd(totalMax, max);
            bounds.add(new Bounds(retry, Duration.ofNanos(min), Duration.ofNanos(max),
                    Duration.ofNanos(totalMin), Duration.ofNanos(totalMax)));
            previousMin = min;
            previousMax = max;
        }
        return List.copyOf(bounds);
    }

    /** The lower envelope as retry → delay, for plotting. */
    public IntervalFunction lowerBound(boolean throttling) {
        return retry -> envelope(retry, throttling).get(retry - 1).min();
    }

    /** The upper envelope as retry → delay, for plotting. */
    public IntervalFunction upperBound(boolean throttling) {
        return retry -> envelope(retry, throttling).get(retry - 1).max();
    }

    /**
     * One random sequence of delays, drawn from {@code random}: call it with retry 1, 2, 3, … in order
     * (it remembers the previous delay for decorrelated jitter). Not thread-safe; one per sample path.
     */
    public IntervalFunction sampler(RandomGenerator random, boolean throttling) {
        Objects.requireNonNull(random, "random");
        long[] previous = {0};
        return retry -> {
            long delay = delayNanos(retry, previous[0], random.nextDouble(), throttling);
            previous[0] = delay;
            return Duration.ofNanos(delay);
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BackoffPolicy that && kind == that.kind && base.equals(that.base)
                && throttlingBase.equals(that.throttlingBase) && cap.equals(that.cap)
                && Double.compare(multiplier, that.multiplier) == 0 && maxAttempts == that.maxAttempts
                && Objects.equals(maxTotalWait, that.maxTotalWait);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, base, throttlingBase, cap, multiplier, maxAttempts, maxTotalWait);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(kind.id).append('(');
        List<Parameter> parameters = parameters();
        for (int i = 0; i < parameters.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(parameters.get(i).key()).append('=').append(parameters.get(i).text());
        }
        return text.append(')').toString();
    }

    private double ceiling(int retry, double baseNanos, double capNanos) {
        // Past ~1000 doublings the power overflows to infinity, which min() turns into the cap anyway.
        return Math.min(capNanos, baseNanos * Math.pow(multiplier, retry - 1));
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static String trimDouble(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Configures a {@link BackoffPolicy}; each setter validates at once with a precise message. */
    public static final class Builder {
        private static final Set<Kind> SDK = EnumSet.of(Kind.SDK_STANDARD, Kind.SDK_LEGACY);

        private final Kind kind;
        private Duration base;
        private Duration throttlingBase;
        private Duration cap;
        private double multiplier = 2;
        private int maxAttempts = 10;
        private Duration maxTotalWait;

        private Builder(Kind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            switch (kind) {
                case NONE -> {
                    base = Duration.ZERO;
                    cap = Duration.ZERO;
                }
                case FIXED -> {
                    base = Duration.ofSeconds(1);
                    cap = base;
                }
                case DECORRELATED_JITTER -> {
                    base = Duration.ofMillis(100);
                    cap = Duration.ofSeconds(20);
                    multiplier = 3;
                }
                case SDK_STANDARD -> {
                    base = Duration.ofMillis(100);
                    throttlingBase = Duration.ofSeconds(1);
                    cap = Duration.ofSeconds(20);
                    maxAttempts = 3;
                }
                case SDK_LEGACY -> {
                    base = Duration.ofMillis(100);
                    throttlingBase = Duration.ofMillis(500);
                    cap = Duration.ofSeconds(20);
                    maxAttempts = 4;
                }
                case EC2_GUIDANCE -> {
                    base = Duration.ofSeconds(2);
                    cap = Duration.ofMinutes(5);
                    maxAttempts = Integer.MAX_VALUE;
                    maxTotalWait = Duration.ofMinutes(15);
                }
                default -> {
                    base = Duration.ofMillis(100);
                    cap = Duration.ofSeconds(20);
                }
            }
            if (throttlingBase == null) {
                throttlingBase = base;
            }
        }

        /** The delay before the first retry (the fixed delay for {@code fixed}); must be > 0 and <= cap. */
        public Builder base(Duration base) {
            require(BASE);
            positive(BASE, base);
            this.base = base;
            if (kind == Kind.FIXED) {
                this.cap = base;
            }
            if (!SDK.contains(kind)) {
                this.throttlingBase = base;
            }
            return this;
        }

        /** The base after throttling errors (SDK curves only); must be > 0 and <= cap. */
        public Builder throttlingBase(Duration throttlingBase) {
            require(THROTTLING_BASE);
            positive(THROTTLING_BASE, throttlingBase);
            this.throttlingBase = throttlingBase;
            return this;
        }

        /** The largest single delay; must be > 0 and, when built, >= base and the throttling base. */
        public Builder cap(Duration cap) {
            require(CAP);
            positive(CAP, cap);
            this.cap = cap;
            return this;
        }

        /** Growth per retry; must be > 1 (decorrelated jitter: >= 1). */
        public Builder multiplier(double multiplier) {
            require(MULTIPLIER);
            boolean decorrelated = kind == Kind.DECORRELATED_JITTER;
            if (!Double.isFinite(multiplier) || (decorrelated ? multiplier < 1 : multiplier <= 1)) {
                throw new IllegalArgumentException("multiplier must be " + (decorrelated ? ">= 1" : "> 1")
                        + ", was " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        /** Attempts in all, the first included; must be >= 1. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** No limit on the number of attempts (bound the policy by {@link #maxTotalWait} instead). */
        public Builder unlimitedAttempts() {
            this.maxAttempts = Integer.MAX_VALUE;
            return this;
        }

        /** Longest time from the first attempt to the start of the last; null for unbounded; else > 0. */
        public Builder maxTotalWait(Duration maxTotalWait) {
            require(MAX_TOTAL_WAIT);
            if (maxTotalWait != null) {
                positive(MAX_TOTAL_WAIT, maxTotalWait);
            }
            this.maxTotalWait = maxTotalWait;
            return this;
        }

        /**
         * Sets the parameter {@code key} from text (durations such as {@code 250ms}, numbers, or
         * {@code unlimited} for the limits): what a property sheet or command line calls.
         */
        public Builder set(String key, String text) {
            Objects.requireNonNull(text, "text");
            String value = text.trim();
            switch (key) {
                case BASE -> base(DurationText.parse(value));
                case THROTTLING_BASE -> throttlingBase(DurationText.parse(value));
                case CAP -> cap(DurationText.parse(value));
                case MULTIPLIER -> {
                    try {
                        multiplier(Double.parseDouble(value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("multiplier must be a number, was '" + text + "'");
                    }
                }
                case MAX_ATTEMPTS -> {
                    if (value.equalsIgnoreCase(UNLIMITED)) {
                        unlimitedAttempts();
                    } else {
                        try {
                            maxAttempts(Integer.parseInt(value));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("maxAttempts must be a whole number or 'unlimited', was '"
                                    + text + "'");
                        }
                    }
                }
                case MAX_TOTAL_WAIT -> maxTotalWait(value.equalsIgnoreCase(UNLIMITED) ? null : DurationText.parse(value));
                default -> throw new IllegalArgumentException("unknown parameter '" + key + "' for policy '" + kind.id
                        + "' (parameters: " + String.join(", ", orderedKeys()) + ")");
            }
            return this;
        }

        /** The immutable policy; throws if base or throttling base exceeds the cap. */
        public BackoffPolicy build() {
            notAboveCap(BASE, base);
            notAboveCap(THROTTLING_BASE, throttlingBase);
            return new BackoffPolicy(this);
        }

        private void notAboveCap(String name, Duration value) {
            if (value.compareTo(cap) > 0) {
                throw new IllegalArgumentException(name + " (" + DurationText.format(value) + ") must be <= cap ("
                        + DurationText.format(cap) + ")");
            }
        }

        private void require(String key) {
            if (!kind.hasParameter(key)) {
                throw new IllegalArgumentException("parameter '" + key + "' does not apply to policy '" + kind.id
                        + "' (parameters: " + String.join(", ", orderedKeys()) + ")");
            }
        }

        private List<String> orderedKeys() {
            List<String> keys = new ArrayList<>();
            for (String key : List.of(BASE, THROTTLING_BASE, MULTIPLIER, CAP, MAX_ATTEMPTS, MAX_TOTAL_WAIT)) {
                if (kind.hasParameter(key)) {
                    keys.add(key);
                }
            }
            return keys;
        }

        private static void positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be > 0, was "
                        + (value.isNegative() ? "-" + DurationText.format(value.negated()) : "0"));
            }
        }
    }
}
