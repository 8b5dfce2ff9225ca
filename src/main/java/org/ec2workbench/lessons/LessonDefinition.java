package org.ec2workbench.lessons;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The texts of one lesson, loaded from its resource file: what it teaches, the steps the user advances,
 * the narration templates filled with this run's observations, and the check question.
 *
 * @param id           short stable id, e.g. {@code describe-after-run}
 * @param number       position in the course, from 1
 * @param title        one line
 * @param goal         what the user will have seen and understood at the end
 * @param phenomenon   the behaviour that must occur for the run to count (printed by the headless run)
 * @param observations the names of the values the lesson measures, each with what it means
 * @param steps        the steps in order
 * @param conclusion   narration template for the end of the run
 * @param check        the check question
 */
public record LessonDefinition(String id, int number, String title, String goal, String phenomenon,
                               Map<String, String> observations, List<Step> steps, String conclusion,
                               CheckQuestion check) {

    public LessonDefinition {
        Objects.requireNonNull(id, "id");
        observations = Map.copyOf(observations);
        steps = List.copyOf(steps);
        Objects.requireNonNull(check, "check");
    }

    /**
     * One step the user advances.
     *
     * @param title     a few words, shown in the step list
     * @param text      what the step does and why, shown before it runs
     * @param narration template rendered after it ran, e.g. "{notFoundCount} NotFound over {timeToVisible}"
     */
    public record Step(String title, String text, String narration) {
    }

    /**
     * A short multiple-choice question with feedback per answer.
     *
     * @param question the question
     * @param answers  the answers in display order; exactly one is correct
     */
    public record CheckQuestion(String question, List<Answer> answers) {

        public CheckQuestion {
            answers = List.copyOf(answers);
        }

        /** The index of the correct answer. */
        public int correctIndex() {
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i).correct()) {
                    return i;
                }
            }
            throw new IllegalStateException("no correct answer");
        }
    }

    /**
     * One answer of a check question.
     *
     * @param text     the answer
     * @param correct  whether it is the right one
     * @param feedback what the user reads after choosing it
     */
    public record Answer(String text, boolean correct, String feedback) {
    }
}
