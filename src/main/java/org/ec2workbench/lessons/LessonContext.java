package org.ec2workbench.lessons;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.backoff.RetryEvent;
import org.ec2workbench.backoff.RetryListener;
import org.ec2workbench.backoff.RetryPlan;
import org.ec2workbench.backoff.Sleeper;

/**
 * What a {@link LessonScript} step works with: the environment, the seeded random numbers for the engine,
 * the clock, and the place to put observations, notes and the engine's retry waits. One per run; only the
 * retry listeners it hands out may be called from other threads (the clients a step starts).
 */
public final class LessonContext {

    private final LessonSettings settings;
    private final double timeScale;
    private final LessonEnvironment environment;
    private final RandomGenerator random;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, Observation> observations = new LinkedHashMap<>();
    private final Consumer<String> notes;
    private final List<RetryWait> retryWaits = Collections.synchronizedList(new ArrayList<>());
    private volatile int step;

    LessonContext(LessonSettings settings, double timeScale, LessonEnvironment environment, Clock clock,
                  Sleeper sleeper, Consumer<String> notes) {
        this.settings = settings;
        this.timeScale = timeScale;
        this.environment = environment;
        this.random = new Random(settings.engineSeed());
        this.clock = clock;
        this.sleeper = sleeper;
        this.notes = notes;
    }

    /** The seeds and time scale of this run. */
    public LessonSettings settings() {
        return settings;
    }

    /** The sandbox time scale in effect. */
    public double timeScale() {
        return timeScale;
    }

    /** The environment the lesson opened. */
    public LessonEnvironment environment() {
        return environment;
    }

    /** The environment as the type the script opened. */
    public <E extends LessonEnvironment> E environment(Class<E> type) {
        return type.cast(environment);
    }

    /** The engine's random numbers, seeded with {@link LessonSettings#engineSeed()}. */
    public RandomGenerator random() {
        return random;
    }

    /** The wall clock the lesson measures with. */
    public Clock clock() {
        return clock;
    }

    /** How the lesson waits. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** Records a measured value; a later value of the same name replaces the earlier one. */
    public void observe(Observation observation) {
        observations.put(observation.name(), Objects.requireNonNull(observation, "observation"));
    }

    /** A value observed earlier in this run. */
    public Optional<Observation> observation(String name) {
        return Optional.ofNullable(observations.get(name));
    }

    /** One line of what just happened (a call and its outcome), shown live and printed headless. */
    public void note(String line) {
        notes.accept(line);
    }

    /**
     * A listener that records every wait the engine schedules (its {@link RetryEvent.RetryScheduled} events)
     * as a {@link RetryWait} of the step running at the time, named {@code strategy}. Add it to the
     * {@link RetryPlan} or {@code Poller} that retries with {@code policy}.
     */
    public RetryListener retryWaits(String strategy, BackoffPolicy policy) {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(policy, "policy");
        return event -> {
            if (event instanceof RetryEvent.RetryScheduled scheduled) {
                retryWaits.add(new RetryWait(step, strategy, policy, scheduled.throttling(), scheduled.attempt() - 1,
                        scheduled.backoff(), scheduled.limiterWait()));
            }
        };
    }

    /** Records the waits of {@code plan} (see {@link #retryWaits(String, BackoffPolicy)}) and returns it. */
    public RetryPlan recordRetries(RetryPlan plan, String strategy) {
        plan.addListener(retryWaits(strategy, plan.policy()));
        return plan;
    }

    /** The waits the engine scheduled so far in this run, in the order it scheduled them. */
    public List<RetryWait> retryWaits() {
        synchronized (retryWaits) {
            return List.copyOf(retryWaits);
        }
    }

    /** The step running now, from 0. */
    void startStep(int index) {
        step = index;
    }

    Map<String, Observation> observations() {
        return Collections.unmodifiableMap(observations);
    }
}
