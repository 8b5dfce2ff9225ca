package org.ec2workbench.lessons;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A lesson of the course: its texts and, when it is implemented, the code that runs it.
 *
 * @param definition the texts
 * @param script     makes a fresh script per run; empty when the lesson is not implemented yet
 * @param missing    when not implemented: what it still needs (e.g. "the events subscription")
 */
public record Lesson(LessonDefinition definition, Optional<Supplier<LessonScript>> script, String missing) {

    public Lesson {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(missing, "missing");
    }

    /** The lesson's id. */
    public String id() {
        return definition.id();
    }

    /** Whether it can run. */
    public boolean implemented() {
        return script.isPresent();
    }

    /** A new run of this lesson with {@code settings}; nothing starts until its first step. */
    public LessonRun newRun(LessonSettings settings) {
        return newRun(settings, List.of());
    }

    /**
     * A new run whose calls are also recorded by {@code recorders} (e.g. into a capture store, so the
     * lesson's calls appear on a timeline).
     */
    public LessonRun newRun(LessonSettings settings, List<CallRecorder> recorders) {
        Supplier<LessonScript> scripts = script.orElseThrow(() -> new IllegalStateException(
                "lesson " + id() + " is not implemented yet: it needs " + missing));
        return new LessonRun(definition, scripts, settings, recorders);
    }
}
