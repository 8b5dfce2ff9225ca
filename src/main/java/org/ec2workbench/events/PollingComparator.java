package org.ec2workbench.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.ec2workbench.aws.retry.SdkErrorClassifier;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.Classifier;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.backoff.Poller;
import org.ec2workbench.backoff.RetryListener;
import org.ec2workbench.backoff.Sleeper;
import org.ec2workbench.backoff.SystemClock;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/**
 * Detects the same instance transitions three ways and records what each cost: state-change events (a
 * {@link StateChangeSubscription} feeding {@link #onEvent}), a DescribeInstances poller on the backoff
 * engine, and the SDK's own waiter ({@code waitUntilInstanceRunning} and friends) with a chosen poll
 * interval. For each transition it reports, per detector, when the state was seen, how long after the
 * transition (when the transition time is known) and how many calls it took.
 *
 * <p>The transition time comes from an injected source of truth if one is given (in the sandbox: the
 * world's own transition notice), else from the event's {@code time} field (second precision).
 */
public final class PollingComparator implements AutoCloseable {

    /** The three ways to notice a transition. */
    public enum Detector { EVENTS, POLLER, WAITER }

    /**
     * What one detector saw for one transition.
     *
     * @param detector      which detector
     * @param detected      whether it saw the target state before giving up
     * @param detectedAt    when it saw it (null if not)
     * @param latency       detectedAt minus the transition time, if both are known
     * @param describeCalls DescribeInstances calls it made (HTTP attempts, SDK retries included, when the
     *                      comparator was given wire counters; else the probes and waiter attempts)
     * @param otherCalls    other calls it made (ReceiveMessage for events)
     * @param note          why it did not detect, or empty
     */
    public record Detection(Detector detector, boolean detected, Instant detectedAt, Duration latency,
                            int describeCalls, long otherCalls, String note) {
    }

    /**
     * One measured transition.
     *
     * @param instanceId  the instance
     * @param targetState the state waited for
     * @param actionAt    when the action that causes it was issued
     * @param occurredAt  when the transition happened, if known
     * @param detections  one per detector, in {@link Detector} order
     */
    public record Transition(String instanceId, String targetState, Instant actionAt, Instant occurredAt,
                             List<Detection> detections) {

        /** The detection of {@code detector}. */
        public Detection of(Detector detector) {
            return detections.stream().filter(d -> d.detector() == detector).findFirst().orElseThrow();
        }
    }

    private final Ec2Client pollerEc2;
    private final Ec2Client waiterEc2;
    private final BackoffPolicy pollPolicy;
    private final Duration waiterInterval;
    private final Duration maxWait;
    private final Clock clock;
    private final Sleeper sleeper;
    private final LongSupplier eventCalls;
    private final LongSupplier pollerWireCalls;
    private final List<RetryListener> pollListeners;
    private final LongSupplier waiterWireCalls;
    private final BiFunction<String, String, Optional<Instant>> transitionTimes;
    private final Map<String, List<Arrival>> arrivals = new ConcurrentHashMap<>();
    private final ExecutorService workers;

    private record Arrival(Instant at, StateChangeEvent event) {
    }

    private PollingComparator(Builder b) {
        this.pollerEc2 = b.pollerEc2;
        this.waiterEc2 = b.waiterEc2;
        this.pollPolicy = b.pollPolicy;
        this.waiterInterval = b.waiterInterval;
        this.maxWait = b.maxWait;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.eventCalls = b.eventCalls;
        this.pollerWireCalls = b.pollerWireCalls;
        this.pollListeners = List.copyOf(b.pollListeners);
        this.waiterWireCalls = b.waiterWireCalls;
        this.transitionTimes = b.transitionTimes;
        this.workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "polling-comparator");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A builder: {@code pollerEc2} serves the engine's poller and {@code waiterEc2} the SDK waiter (separate
     * clients, so their calls can be counted apart).
     */
    public static Builder builder(Ec2Client pollerEc2, Ec2Client waiterEc2) {
        return new Builder(pollerEc2, waiterEc2);
    }

    /** Feed of the event detector: give it every event the subscription delivers. */
    public void onEvent(StateChangeEvent event) {
        Instant at = clock.instant();
        arrivals.computeIfAbsent(key(event.instanceId(), event.state()), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(new Arrival(at, event));
    }

    private static String key(String instanceId, String state) {
        return instanceId + "/" + state;
    }

    /**
     * Runs {@code action} (which returns the instance it acts on), then waits with all three detectors
     * until each sees {@code targetState} or {@link Builder#maxWait} passes.
     */
    public Transition measure(Supplier<String> action, String targetState) {
        Instant actionAt = clock.instant();
        long callsBefore = eventCalls.getAsLong();
        String instanceId = action.get();
        CompletableFuture<Detection> poller = CompletableFuture.supplyAsync(
                () -> onWire(pollerWireCalls, () -> poll(instanceId, targetState)), workers);
        CompletableFuture<Detection> waiter = CompletableFuture.supplyAsync(
                () -> onWire(waiterWireCalls, () -> waitWithSdk(instanceId, targetState)), workers);
        Detection polled = join(poller, Detector.POLLER);
        Detection waited = join(waiter, Detector.WAITER);
        Optional<Arrival> arrival = awaitEvent(instanceId, targetState, actionAt);
        long eventCallsSpent = eventCalls.getAsLong() - callsBefore;
        Instant occurredAt = transitionTimes.apply(instanceId, targetState)
                .or(() -> arrival.map(a -> a.event().time())).orElse(null);
        Detection evented = arrival.map(a -> new Detection(Detector.EVENTS, true, a.at(), between(occurredAt, a.at()), 0,
                        eventCallsSpent, ""))
                .orElse(new Detection(Detector.EVENTS, false, null, null, 0, eventCallsSpent, "no event within " + maxWait));
        return new Transition(instanceId, targetState, actionAt, occurredAt, List.of(evented,
                withLatency(polled, occurredAt), withLatency(waited, occurredAt)));
    }

    /** The detection with its describe calls counted on the wire, when a counter is given. */
    private static Detection onWire(LongSupplier counter, Supplier<Detection> detect) {
        if (counter == null) {
            return detect.get();
        }
        long before = counter.getAsLong();
        Detection d = detect.get();
        return new Detection(d.detector(), d.detected(), d.detectedAt(), d.latency(),
                (int) (counter.getAsLong() - before), d.otherCalls(), d.note());
    }

    private static Duration between(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to);
    }

    private static Detection withLatency(Detection d, Instant occurredAt) {
        return new Detection(d.detector(), d.detected(), d.detectedAt(), between(occurredAt, d.detectedAt()),
                d.describeCalls(), d.otherCalls(), d.note());
    }

    private Optional<Arrival> awaitEvent(String instanceId, String state, Instant since) {
        long deadline = clock.nanoTime() + maxWait.toNanos();
        while (true) {
            Optional<Arrival> a = arrivals.getOrDefault(key(instanceId, state), List.of()).stream()
                    .filter(x -> !x.at().isBefore(since)).findFirst();
            if (a.isPresent() || clock.nanoTime() >= deadline) {
                return a;
            }
            try {
                sleeper.sleep(TimeUnit.MILLISECONDS.toNanos(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private Detection join(CompletableFuture<Detection> f, Detector detector) {
        try {
            return f.get(maxWait.toMillis() + 30_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Detection(detector, false, null, null, 0, 0, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return new Detection(detector, false, null, null, 0, 0, String.valueOf(e.getCause()));
        }
    }

    private Detection poll(String instanceId, String targetState) {
        Poller.Builder builder = Poller.builder(pollPolicy).clock(clock).sleeper(sleeper)
                .classifier(Classifier.ofFailures(SdkErrorClassifier::classify)).maxTotalWait(maxWait);
        pollListeners.forEach(builder::listener);
        Poller poller = builder.build();
        Poller.Result<String> r = poller.poll(() -> stateOf(pollerEc2, instanceId), state ->
                state.equals(targetState) ? Poller.PollState.DONE
                        : unreachable(state, targetState) ? Poller.PollState.TERMINAL : Poller.PollState.CONTINUE);
        return new Detection(Detector.POLLER, r.satisfied(), r.satisfied() ? clock.instant() : null, null, r.polls(), 0,
                r.satisfied() ? "" : r.status().name().toLowerCase(Locale.ROOT) + " in state " + r.value());
    }

    /** Whether {@code target} can no longer be reached from {@code state} without another action. */
    private static boolean unreachable(String state, String target) {
        return state.equals("terminated") || (state.equals("shutting-down") && !target.equals("terminated"));
    }

    private static String stateOf(Ec2Client ec2, String instanceId) {
        List<Instance> found = ec2.describeInstances(DescribeInstancesRequest.builder().instanceIds(instanceId).build())
                .reservations().stream().flatMap(r -> r.instances().stream()).toList();
        return found.isEmpty() ? "unknown" : found.get(0).state().nameAsString();
    }

    private Detection waitWithSdk(String instanceId, String targetState) {
        int maxAttempts = (int) Math.max(1, maxWait.toMillis() / Math.max(1, waiterInterval.toMillis()) + 1);
        WaiterOverrideConfiguration config = WaiterOverrideConfiguration.builder()
                .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(waiterInterval))
                .maxAttempts(maxAttempts).waitTimeout(maxWait).build();
        DescribeInstancesRequest request = DescribeInstancesRequest.builder().instanceIds(instanceId).build();
        try (Ec2Waiter waiter = Ec2Waiter.builder().client(waiterEc2).overrideConfiguration(config).build()) {
            WaiterResponse<?> r = switch (targetState) {
                case "running" -> waiter.waitUntilInstanceRunning(request);
                case "stopped" -> waiter.waitUntilInstanceStopped(request);
                case "terminated" -> waiter.waitUntilInstanceTerminated(request);
                default -> null;
            };
            if (r == null) {
                return new Detection(Detector.WAITER, false, null, null, 0, 0, "the SDK has no waiter for " + targetState);
            }
            boolean ok = r.matched().response().isPresent();
            return new Detection(Detector.WAITER, ok, ok ? clock.instant() : null, null, r.attemptsExecuted(), 0,
                    ok ? "" : String.valueOf(r.matched().exception().orElse(null)));
        } catch (SdkException e) {
            return new Detection(Detector.WAITER, false, null, null, 0, 0, e.getMessage());
        }
    }

    /** A readable table: one row per transition and detector. */
    public static String table(List<Transition> transitions) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-21s %-13s %-8s %10s %9s %7s%n",
                "instance", "state", "detector", "latency_ms", "describes", "other"));
        for (Transition t : transitions) {
            for (Detection d : t.detections()) {
                out.append(String.format(Locale.ROOT, "%-21s %-13s %-8s %10s %9d %7d%n", t.instanceId(), t.targetState(),
                        d.detector().name().toLowerCase(Locale.ROOT),
                        !d.detected() ? "missed" : d.latency() == null ? "?" : Long.toString(d.latency().toMillis()),
                        d.describeCalls(), d.otherCalls()));
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** Configures a {@link PollingComparator}. */
    public static final class Builder {
        private final Ec2Client pollerEc2;
        private final Ec2Client waiterEc2;
        private BackoffPolicy pollPolicy = BackoffPolicy.builder(BackoffPolicy.Kind.EXPONENTIAL)
                .base(Duration.ofSeconds(1)).multiplier(2).cap(Duration.ofSeconds(15)).unlimitedAttempts().build();
        private Duration waiterInterval = Duration.ofSeconds(15);
        private Duration maxWait = Duration.ofMinutes(10);
        private Clock clock = SystemClock.INSTANCE;
        private Sleeper sleeper = SystemClock.INSTANCE;
        private LongSupplier eventCalls = () -> 0;
        private LongSupplier pollerWireCalls;
        private LongSupplier waiterWireCalls;
        private BiFunction<String, String, Optional<Instant>> transitionTimes = (id, state) -> Optional.empty();
        private final List<RetryListener> pollListeners = new ArrayList<>();

        private Builder(Ec2Client pollerEc2, Ec2Client waiterEc2) {
            this.pollerEc2 = Objects.requireNonNull(pollerEc2, "pollerEc2");
            this.waiterEc2 = Objects.requireNonNull(waiterEc2, "waiterEc2");
        }

        /** The intervals of the engine's DescribeInstances poller (default exponential 1 s → 15 s). */
        public Builder pollPolicy(BackoffPolicy policy) {
            this.pollPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The SDK waiter's poll interval (its default for EC2 is 15 s). */
        public Builder waiterInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("waiterInterval must be > 0, was " + interval);
            }
            this.waiterInterval = interval;
            return this;
        }

        /** How long each detector may wait for one transition (default 10 minutes). */
        public Builder maxWait(Duration maxWait) {
            if (maxWait.isNegative() || maxWait.isZero()) {
                throw new IllegalArgumentException("maxWait must be > 0, was " + maxWait);
            }
            this.maxWait = maxWait;
            return this;
        }

        /** The clock of every timestamp, and of the engine poller. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How the engine poller waits. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Counts the calls the event path makes (e.g. the subscription's ReceiveMessage calls). */
        public Builder eventCalls(LongSupplier calls) {
            this.eventCalls = Objects.requireNonNull(calls, "calls");
            return this;
        }

        /**
         * Counters of the DescribeInstances HTTP attempts of the poller's and the waiter's clients (e.g. an
         * execution interceptor), so SDK retries under throttling count as the calls they are.
         */
        public Builder wireCalls(LongSupplier pollerCalls, LongSupplier waiterCalls) {
            this.pollerWireCalls = Objects.requireNonNull(pollerCalls, "pollerCalls");
            this.waiterWireCalls = Objects.requireNonNull(waiterCalls, "waiterCalls");
            return this;
        }

        /** The true time of a transition (instance id, state), when some source knows it. */
        public Builder transitionTimes(BiFunction<String, String, Optional<Instant>> source) {
            this.transitionTimes = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Hears the engine poller's events, e.g. the interval it scheduled before each poll. */
        public Builder pollListener(RetryListener listener) {
            pollListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The comparator. */
        public PollingComparator build() {
            return new PollingComparator(this);
        }
    }
}
