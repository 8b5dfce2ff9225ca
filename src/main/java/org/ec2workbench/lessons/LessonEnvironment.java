package org.ec2workbench.lessons;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.ec2workbench.aws.Connection;

/** What a lesson runs against: a fresh embedded sandbox and the connection to it. Closing stops it. */
public interface LessonEnvironment extends AutoCloseable {

    /**
     * What a run asks of its environment.
     *
     * @param settings     the seeds
     * @param timeScale    the sandbox time scale in effect
     * @param notes        where to note each call the lesson's clients make
     * @param recorders    make interceptors added to every SDK client (e.g. the capture recorder, so the
     *                     lesson's calls show on a timeline)
     */
    record Spec(LessonSettings settings, double timeScale, Consumer<String> notes,
                List<CallRecorder> recorders) {

        public Spec {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(notes, "notes");
            recorders = List.copyOf(recorders);
        }
    }

    /** The connection as the sandbox's default principal. */
    Connection connection();

    /** Stops the sandbox. */
    @Override
    void close();
}
