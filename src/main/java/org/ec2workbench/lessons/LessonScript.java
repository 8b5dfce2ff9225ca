package org.ec2workbench.lessons;

import java.util.Map;

/**
 * The code of one lesson: what each step does against the sandbox, and how to tell from the observations
 * whether the phenomenon occurred. A fresh script is made for every run (and every reset), so it may keep
 * state between its steps.
 */
public interface LessonScript {

    /** The sandbox time scale this lesson runs at unless the user picks one. */
    double defaultTimeScale();

    /** Starts the lesson's environment (a fresh embedded sandbox configured for this lesson). */
    LessonEnvironment openEnvironment(LessonEnvironment.Spec spec) throws Exception;

    /**
     * Runs step {@code index} (from 0), recording what it measured through {@link LessonContext#observe}.
     * The number of steps equals the lesson text's steps.
     */
    void step(int index, LessonContext context) throws Exception;

    /** Whether the phenomenon occurred, judged from everything observed. */
    Verdict verdict(Map<String, Observation> observations);
}
