package org.ec2workbench.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.backoff.SystemClock;

/**
 * One run of a lesson: the user advances it step by step (or runs the rest at once); each step's narration
 * is rendered from what this run observed; at the end a {@link Verdict} says whether the phenomenon
 * occurred. {@link #reset()} throws the sandbox away and starts over with the same seeds.
 *
 * <p>Confined to one thread at a time (the UI runs it on a background worker); listeners may be called
 * from the step's thread or from threads the step starts, so they must hand over to their own thread.
 */
public final class LessonRun implements AutoCloseable {

    /** Hears what a run does, as it does it. */
    public interface Listener {
        /** A line of what just happened. */
        default void noted(String line) {
        }

        /** A step finished. */
        default void stepFinished(StepResult result) {
        }
    }

    /**
     * What one step did.
     *
     * @param index        the step, from 0
     * @param narration    the step's narration, rendered with this run's observations
     * @param observations everything observed so far, in order
     * @param failure      why the step failed, or null
     */
    public record StepResult(int index, String narration, List<Observation> observations, String failure) {
    }

    /**
     * The end of a run.
     *
     * @param verdict      whether the phenomenon occurred
     * @param conclusion   the conclusion narration, rendered
     * @param observations everything observed, in order
     */
    public record Result(Verdict verdict, String conclusion, List<Observation> observations) {
    }

    private final LessonDefinition definition;
    private final Supplier<LessonScript> scripts;
    private final LessonSettings settings;
    private final List<CallRecorder> recorders;
    private final Clock clock = SystemClock.INSTANCE;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final List<String> narrations = new ArrayList<>();

    private LessonScript script;
    private LessonEnvironment environment;
    private LessonContext context;
    private int nextStep;
    private String failure;

    LessonRun(LessonDefinition definition, Supplier<LessonScript> scripts, LessonSettings settings,
              List<CallRecorder> recorders) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.scripts = Objects.requireNonNull(scripts, "scripts");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.recorders = List.copyOf(recorders);
        this.script = scripts.get();
    }

    /** Adds a listener. */
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The lesson's texts. */
    public LessonDefinition definition() {
        return definition;
    }

    /** The seeds and time scale. */
    public LessonSettings settings() {
        return settings;
    }

    /** The time scale this run uses. */
    public double timeScale() {
        return settings.timeScaleOr(script.defaultTimeScale());
    }

    /** The index of the step {@link #next()} runs, from 0; equals the step count when finished. */
    public int nextStep() {
        return nextStep;
    }

    /** Whether every step ran, or one failed. */
    public boolean finished() {
        return failure != null || nextStep >= definition.steps().size();
    }

    /** Why a step failed, or null. */
    public String failure() {
        return failure;
    }

    /** The notes so far. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The rendered narration of each step run so far. */
    public List<String> narrations() {
        return List.copyOf(narrations);
    }

    /** Everything observed so far, in order. */
    public List<Observation> observations() {
        return context == null ? List.of() : List.copyOf(context.observations().values());
    }

    /**
     * Every wait the backoff engine scheduled in this run so far (retries and polls of the lesson's
     * strategies), in order; empty for a lesson whose calls never retried.
     */
    public List<RetryWait> retryWaits() {
        return context == null ? List.of() : context.retryWaits();
    }

    /** Runs the next step (starting the sandbox before the first one). */
    public StepResult next() {
        if (finished()) {
            throw new IllegalStateException("lesson " + definition.id() + " has no more steps");
        }
        int index = nextStep;
        try {
            if (environment == null) {
                environment = script.openEnvironment(
                        new LessonEnvironment.Spec(settings, timeScale(), this::note, recorders));
                context = new LessonContext(settings, timeScale(), environment, clock, SystemClock.INSTANCE,
                        this::note);
            }
            context.startStep(index);
            script.step(index, context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "step " + (index + 1) + " was interrupted";
        } catch (Exception | AssertionError e) {
            failure = "step " + (index + 1) + " (" + definition.steps().get(index).title() + ") failed: " + e;
        }
        nextStep = index + 1;
        String narration = failure == null
                ? Narration.render(definition.steps().get(index).narration(), observationMap())
                : failure;
        narrations.add(narration);
        StepResult result = new StepResult(index, narration, observations(), failure);
        listeners.forEach(l -> l.stepFinished(result));
        return result;
    }

    /** Runs the remaining steps and returns the result. */
    public Result runAll() {
        while (!finished()) {
            next();
        }
        return result();
    }

    /** The result; the run must be finished. */
    public Result result() {
        if (!finished()) {
            throw new IllegalStateException("lesson " + definition.id() + " is not finished");
        }
        Map<String, Observation> observed = observationMap();
        Verdict verdict = failure != null ? Verdict.missing(failure) : script.verdict(observed);
        return new Result(verdict, Narration.render(definition.conclusion(), observed), observations());
    }

    /** Stops the sandbox and starts over from the first step with the same seeds. */
    public void reset() {
        close();
        script = scripts.get();
        context = null;
        nextStep = 0;
        failure = null;
        notes.clear();
        narrations.clear();
    }

    /** Stops the sandbox. */
    @Override
    public void close() {
        if (environment != null) {
            environment.close();
            environment = null;
        }
    }

    private Map<String, Observation> observationMap() {
        return context == null ? Map.of() : context.observations();
    }

    private void note(String line) {
        notes.add(line);
        listeners.forEach(l -> l.noted(line));
    }
}
