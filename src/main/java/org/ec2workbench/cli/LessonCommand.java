package org.ec2workbench.cli;

import java.io.PrintWriter;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ec2workbench.lessons.Lesson;
import org.ec2workbench.lessons.LessonDefinition;
import org.ec2workbench.lessons.LessonRun;
import org.ec2workbench.lessons.LessonSettings;
import org.ec2workbench.lessons.Lessons;
import org.ec2workbench.lessons.Observation;
import org.ec2workbench.lessons.RetryWait;
import org.ec2workbench.ui.lessons.LessonsApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lesson list} and {@code lesson run ID [--headless]}: the guided lessons from the command line. */
@Command(name = "lesson",
        description = "Guided lessons on EC2 throttling, consistency and authorization errors.",
        mixinStandardHelpOptions = true,
        subcommands = {LessonCommand.ListLessons.class, LessonCommand.RunLesson.class})
public final class LessonCommand implements Callable<Integer> {

    /** Exit status when the phenomenon a lesson teaches did not occur (or the lesson cannot run). */
    public static final int NOT_OCCURRED = 1;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing command: use 'lesson list' or 'lesson run ID --headless'.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Prints one lesson per line, id first. */
    @Command(name = "list", description = "Print the lessons, one per line, id first.",
            mixinStandardHelpOptions = true)
    static final class ListLessons implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Lesson lesson : Lessons.all()) {
                LessonDefinition d = lesson.definition();
                out.printf("%-26s %d  %s%s%n", d.id(), d.number(), d.title(),
                        lesson.implemented() ? "" : "  [not implemented: needs " + lesson.missing() + "]");
            }
            out.flush();
            return 0;
        }
    }

    /** Runs one lesson, headless or in a window. */
    @Command(name = "run", description = "Run a lesson against a fresh embedded sandbox. With --headless, print "
            + "its observations and exit 1 if the phenomenon it teaches did not occur.",
            mixinStandardHelpOptions = true)
    static final class RunLesson implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "lesson id or number (see 'lesson list')")
        String id;

        @Option(names = "--headless", description = "run without the GUI and print the observations")
        boolean headless;

        @Option(names = "--seed", paramLabel = "S", description = "sandbox seed (default ${DEFAULT-VALUE})")
        long seed = LessonSettings.DEFAULT_SANDBOX_SEED;

        @Option(names = "--engine-seed", paramLabel = "E",
                description = "seed of the backoff engine's random numbers (default ${DEFAULT-VALUE})")
        long engineSeed = LessonSettings.DEFAULT_ENGINE_SEED;

        @Option(names = "--time-scale", paramLabel = "X",
                description = "sandbox time scale (default: the lesson's own, chosen to keep it short)")
        Double timeScale;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Optional<Lesson> found;
            LessonSettings settings;
            try {
                found = Lessons.find(id);
                settings = new LessonSettings(seed, engineSeed,
                        timeScale == null ? OptionalDouble.empty() : OptionalDouble.of(timeScale));
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return 2;
            }
            if (found.isEmpty()) {
                err.println("Unknown lesson '" + id + "'. Lessons: "
                        + Lessons.all().stream().map(Lesson::id).collect(Collectors.joining(", ")));
                return 2;
            }
            Lesson lesson = found.get();
            if (!lesson.implemented()) {
                err.println("Lesson " + lesson.id() + " is not implemented yet: it needs " + lesson.missing() + ".");
                return NOT_OCCURRED;
            }
            if (!headless) {
                LessonsApp.open(lesson.id(), settings);
                return 0;
            }
            return runHeadless(lesson, settings, spec.commandLine().getOut());
        }
    }

    /** One line per retry strategy of the run: how many waits, up to which retry, shortest and longest. */
    private static void printRetryWaits(List<RetryWait> waits, PrintWriter out) {
        if (waits.isEmpty()) {
            out.println("retry waits: none (no call retried)");
            return;
        }
        out.println("retry waits (the policy's choice, sandbox time):");
        Map<String, List<RetryWait>> byStrategy = waits.stream()
                .collect(Collectors.groupingBy(RetryWait::strategy, LinkedHashMap::new, Collectors.toList()));
        byStrategy.forEach((strategy, list) -> {
            DoubleSummaryStatistics seconds = list.stream().mapToDouble(RetryWait::backoffSeconds).summaryStatistics();
            out.printf(Locale.ROOT, "  %s: %d waits, retries 1-%d, %.3f-%.3f s%n", strategy, list.size(),
                    list.stream().mapToInt(RetryWait::retry).max().orElse(0), seconds.getMin(), seconds.getMax());
        });
    }

    /** Runs {@code lesson} to the end, printing as it goes; 0 if the phenomenon occurred, 1 if not. */
    static int runHeadless(Lesson lesson, LessonSettings settings, PrintWriter out) {
        LessonDefinition d = lesson.definition();
        try (LessonRun run = lesson.newRun(settings)) {
            out.printf("lesson %d %s: %s%n", d.number(), d.id(), d.title());
            out.printf("sandbox seed %d, engine seed %d, time scale %s%n", settings.sandboxSeed(),
                    settings.engineSeed(), Double.isInfinite(run.timeScale()) ? "virtual (no waiting)" : run.timeScale());
            out.println("phenomenon: " + d.phenomenon());
            out.flush();
            run.addListener(new LessonRun.Listener() {
                @Override
                public void noted(String line) {
                    synchronized (out) {
                        out.println("    " + line);
                        out.flush();
                    }
                }
            });
            while (!run.finished()) {
                int index = run.nextStep();
                synchronized (out) {
                    out.printf("step %d/%d %s%n", index + 1, d.steps().size(), d.steps().get(index).title());
                    out.flush();
                }
                LessonRun.StepResult step = run.next();
                synchronized (out) {
                    out.println("  " + step.narration());
                    out.flush();
                }
            }
            LessonRun.Result result = run.result();
            List<Observation> observations = result.observations();
            synchronized (out) {
                out.println("observations:");
                observations.forEach(o -> out.println("  " + o.line()));
                printRetryWaits(run.retryWaits(), out);
                out.println("conclusion: " + result.conclusion());
                out.println((result.verdict().occurred() ? "phenomenon occurred: " : "phenomenon DID NOT occur: ")
                        + result.verdict().summary());
                out.flush();
            }
            return result.verdict().occurred() ? 0 : NOT_OCCURRED;
        }
    }
}
