package org.ec2workbench.lessons;

import java.util.OptionalDouble;

/**
 * What makes a lesson run reproducible: the sandbox's seed, the seed of the engine's random numbers
 * (jitter), and the sandbox time scale (empty: the lesson's own default, chosen to keep it short).
 *
 * @param sandboxSeed seed of the sandbox world (propagation delays, lifecycle durations, replicas)
 * @param engineSeed  seed of the random numbers the backoff engine draws
 * @param timeScale   how many times faster than the wall clock the sandbox world runs
 */
public record LessonSettings(long sandboxSeed, long engineSeed, OptionalDouble timeScale) {

    /** The seeds lessons use unless told otherwise. */
    public static final long DEFAULT_SANDBOX_SEED = 42;
    /** The engine seed lessons use unless told otherwise. */
    public static final long DEFAULT_ENGINE_SEED = 7;

    public LessonSettings {
        if (timeScale.isPresent() && !(timeScale.getAsDouble() > 0 && timeScale.getAsDouble() <= 10_000)) {
            throw new IllegalArgumentException("time scale must be in (0, 10000], was " + timeScale.getAsDouble());
        }
    }

    /** Default seeds and each lesson's own time scale. */
    public static LessonSettings defaults() {
        return new LessonSettings(DEFAULT_SANDBOX_SEED, DEFAULT_ENGINE_SEED, OptionalDouble.empty());
    }

    /** The time scale to use for a lesson whose default is {@code lessonDefault}. */
    public double timeScaleOr(double lessonDefault) {
        return timeScale.orElse(lessonDefault);
    }
}
