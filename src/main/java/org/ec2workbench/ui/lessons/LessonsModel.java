package org.ec2workbench.ui.lessons;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ec2workbench.lessons.CallRecorder;
import org.ec2workbench.lessons.Lesson;
import org.ec2workbench.lessons.LessonDefinition;
import org.ec2workbench.lessons.LessonRun;
import org.ec2workbench.lessons.LessonSettings;
import org.ec2workbench.lessons.Narration;
import org.ec2workbench.lessons.Observation;
import org.ec2workbench.lessons.RetryWait;

/**
 * The Lessons pane's state and commands, free of scene-graph classes so it tests without a toolkit. Lesson
 * steps run on {@code worker} (they talk to a sandbox and may take seconds); every state change is handed to
 * {@code ui} (the FX thread in the app), so properties only change there.
 */
public final class LessonsModel {

    // Properties
    private final ObservableList<Lesson> lessons = FXCollections.observableArrayList();
    private final ObjectProperty<Lesson> selected = new SimpleObjectProperty<>();
    private final IntegerProperty nextStep = new SimpleIntegerProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty finished = new SimpleBooleanProperty();
    private final ObservableList<String> narrations = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObservableList<Observation> observations = FXCollections.observableArrayList();
    private final ObservableList<RetryWait> retryWaits = FXCollections.observableArrayList();
    private final StringProperty verdict = new SimpleStringProperty("");
    private final BooleanProperty occurred = new SimpleBooleanProperty();
    private final StringProperty feedback = new SimpleStringProperty("");
    private final ObjectProperty<Boolean> answerCorrect = new SimpleObjectProperty<>();
    private final BooleanBinding canAdvance;
    private final BooleanBinding canReset;

    private final Executor worker;
    private final Executor ui;
    private final LessonSettings settings;
    private final Function<Lesson, List<CallRecorder>> recorders;
    private LessonRun run;
    private long generation;

    /** A model over {@code lessons}, running steps on {@code worker} and publishing on {@code ui}. */
    public LessonsModel(List<Lesson> lessons, LessonSettings settings, Executor worker, Executor ui) {
        this(lessons, settings, lesson -> List.of(), worker, ui);
    }

    /**
     * As above; {@code recorders} is asked (on the ui thread) for the call recorders of every new run, i.e.
     * when a lesson is chosen and when it is reset.
     */
    public LessonsModel(List<Lesson> lessons, LessonSettings settings, Function<Lesson, List<CallRecorder>> recorders,
                        Executor worker, Executor ui) {
        this.lessons.setAll(lessons);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.recorders = Objects.requireNonNull(recorders, "recorders");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.ui = Objects.requireNonNull(ui, "ui");
        canAdvance = Bindings.createBooleanBinding(
                () -> selected.get() != null && selected.get().implemented() && !busy.get() && !finished.get(),
                selected, busy, finished);
        canReset = Bindings.createBooleanBinding(() -> selected.get() != null && !busy.get()
                && (nextStep.get() > 0 || finished.get()), selected, busy, nextStep, finished);
    }

    /** The lessons of the course. */
    public ObservableList<Lesson> lessons() {
        return FXCollections.unmodifiableObservableList(lessons);
    }

    /** The lesson shown. */
    public ReadOnlyObjectProperty<Lesson> selectedProperty() {
        return selected;
    }

    /** The index of the step Next runs, from 0. */
    public ReadOnlyIntegerProperty nextStepProperty() {
        return nextStep;
    }

    /** Whether a step (or reset) is running in the background. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** Whether the run has ended (all steps, or a failure). */
    public ReadOnlyBooleanProperty finishedProperty() {
        return finished;
    }

    /** Each finished step's narration, rendered from this run's observations. */
    public ObservableList<String> narrations() {
        return FXCollections.unmodifiableObservableList(narrations);
    }

    /** The calls and outcomes of this run, as they happen. */
    public ObservableList<String> notes() {
        return FXCollections.unmodifiableObservableList(notes);
    }

    /** Everything measured so far. */
    public ObservableList<Observation> observations() {
        return FXCollections.unmodifiableObservableList(observations);
    }

    /** The waits the backoff engine scheduled in this run so far (published after each step). */
    public ObservableList<RetryWait> retryWaits() {
        return FXCollections.unmodifiableObservableList(retryWaits);
    }

    /** The conclusion and verdict once finished; empty before. */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict;
    }

    /** Whether the phenomenon occurred (meaningful once finished). */
    public ReadOnlyBooleanProperty occurredProperty() {
        return occurred;
    }

    /** Feedback on the chosen answer; empty before an answer. */
    public ReadOnlyStringProperty feedbackProperty() {
        return feedback;
    }

    /** Whether the chosen answer was right; null before an answer. */
    public ReadOnlyObjectProperty<Boolean> answerCorrectProperty() {
        return answerCorrect;
    }

    /** Whether Next and Auto-run are possible. */
    public BooleanBinding canAdvanceBinding() {
        return canAdvance;
    }

    /** Whether Reset is possible. */
    public BooleanBinding canResetBinding() {
        return canReset;
    }

    // Commands

    /** Shows {@code lesson} with a fresh run (the previous run's sandbox is stopped in the background). */
    public void select(Lesson lesson) {
        if (lesson == selected.get()) {
            return;
        }
        selected.set(lesson);
        replaceRun();
    }

    /** Selects the lesson with {@code id}, if there is one. */
    public void select(String id) {
        lessons.stream().filter(l -> l.id().equals(id)).findFirst().ifPresent(this::select);
    }

    /** Runs the next step in the background. */
    public void next() {
        if (!canAdvance.get()) {
            return;
        }
        busy.set(true);
        LessonRun current = run;
        long gen = generation;
        worker.execute(() -> {
            current.next();
            publish(current, gen, true);
        });
    }

    /** Runs all remaining steps in the background, publishing after each. */
    public void autoRun() {
        if (!canAdvance.get()) {
            return;
        }
        busy.set(true);
        LessonRun current = run;
        long gen = generation;
        worker.execute(() -> {
            while (!current.finished()) {
                current.next();
                publish(current, gen, current.finished());
            }
        });
    }

    /** Throws this run's sandbox away and starts the lesson over with the same seeds. */
    public void reset() {
        if (!canReset.get()) {
            return;
        }
        replaceRun();
    }

    /** A fresh run of the selected lesson (its sandbox starts at the first step); the old one is closed. */
    private void replaceRun() {
        Lesson lesson = selected.get();
        LessonRun old = run;
        run = lesson != null && lesson.implemented() ? lesson.newRun(settings, recorders.apply(lesson)) : null;
        generation++;
        if (run != null) {
            attach(run, generation);
        }
        clearRunState();
        if (old != null) {
            worker.execute(old::close);
        }
    }

    /**
     * Answers the check question with the answer at {@code index}; feedback quotes this run's numbers, so
     * answering waits until the run has finished.
     */
    public void answer(int index) {
        Lesson lesson = selected.get();
        if (lesson == null || !finished.get()) {
            return;
        }
        List<LessonDefinition.Answer> answers = lesson.definition().check().answers();
        if (index < 0 || index >= answers.size()) {
            throw new IllegalArgumentException("no answer " + index + " (there are " + answers.size() + ")");
        }
        LessonDefinition.Answer chosen = answers.get(index);
        Map<String, Observation> byName = observations.stream()
                .collect(Collectors.toMap(Observation::name, Function.identity(), (a, b) -> b));
        answerCorrect.set(chosen.correct());
        feedback.set((chosen.correct() ? "Correct. " : "Not quite. ") + Narration.render(chosen.feedback(), byName));
    }

    private void attach(LessonRun r, long gen) {
        r.addListener(new LessonRun.Listener() {
            @Override
            public void noted(String line) {
                ui.execute(() -> {
                    if (gen == generation) {
                        notes.add(line);
                    }
                });
            }
        });
    }

    /** Copies the run's state to the properties on the ui thread; {@code done} ends the busy state. */
    private void publish(LessonRun r, long gen, boolean done) {
        List<String> narr = r.narrations();
        List<Observation> obs = r.observations();
        List<RetryWait> waits = r.retryWaits();
        int step = r.nextStep();
        boolean isFinished = r.finished();
        LessonRun.Result result = isFinished ? r.result() : null;
        ui.execute(() -> {
            if (gen != generation) {
                return;
            }
            narrations.setAll(narr);
            observations.setAll(obs);
            if (!waits.equals(retryWaits)) {
                retryWaits.setAll(waits);
            }
            nextStep.set(step);
            finished.set(isFinished);
            if (result != null) {
                occurred.set(result.verdict().occurred());
                verdict.set(result.conclusion() + System.lineSeparator()
                        + (result.verdict().occurred() ? "Phenomenon occurred: " : "Phenomenon did not occur: ")
                        + result.verdict().summary());
            }
            if (done) {
                busy.set(false);
            }
        });
    }

    private void clearRunState() {
        narrations.clear();
        notes.clear();
        observations.clear();
        retryWaits.clear();
        nextStep.set(0);
        finished.set(false);
        occurred.set(false);
        verdict.set("");
        feedback.set("");
        answerCorrect.set(null);
        busy.set(false);
    }

    /** Stops the current run's sandbox (call when the pane goes away). */
    public void close() {
        generation++;
        if (run != null) {
            LessonRun old = run;
            run = null;
            worker.execute(old::close);
        }
    }
}
