package org.ec2workbench.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ec2workbench.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Runs every implemented lesson headless against its own embedded sandbox, as CI does. */
class LessonsHeadlessTest {

    static Stream<String> implementedLessons() {
        return Lessons.all().stream().filter(Lesson::implemented).map(Lesson::id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementedLessons")
    void phenomenonOccursAndSeedDecidedObservationsRepeat(String id) {
        Lesson lesson = Lessons.find(id).orElseThrow();
        LessonRun.Result first = run(lesson);
        assertThat(first.verdict().occurred()).as(first.verdict().summary()).isTrue();
        assertThat(first.observations()).extracting(Observation::name)
                .as("every declared observation is measured")
                .containsExactlyInAnyOrderElementsOf(lesson.definition().observations().keySet());
        assertThat(first.conclusion()).doesNotContain(Narration.NOT_MEASURED).doesNotContain("{");

        LessonRun.Result second = run(lesson);
        assertThat(second.verdict().occurred()).as(second.verdict().summary()).isTrue();
        assertThat(seedDecided(second)).as("observations the seeds decide").isEqualTo(seedDecided(first));
    }

    @Test
    void headlessCommandPrintsObservationsAndExitsZeroWhenThePhenomenonOccurs() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("lesson", "run", "1", "--headless")).isZero();
        assertThat(out.toString())
                .contains("lesson 1 describe-after-run")
                .contains("step 3/3 Describe with backoff until visible")
                .contains("DescribeInstances: 400 InvalidInstanceID.NotFound")
                .contains("notFoundCount = ")
                .contains("phenomenon occurred: ");
    }

    @Test
    void resetStartsOverWithTheSameSeeds() {
        Lesson lesson = Lessons.find("describe-after-run").orElseThrow();
        try (LessonRun run = lesson.newRun(LessonSettings.defaults())) {
            run.next();
            run.next();
            Map<String, Observation> before = byName(run.observations());
            run.reset();
            assertThat(run.nextStep()).isZero();
            assertThat(run.observations()).isEmpty();
            run.next();
            run.next();
            assertThat(byName(run.observations()).get("firstDescribeError"))
                    .isEqualTo(before.get("firstDescribeError"));
        }
    }

    private static LessonRun.Result run(Lesson lesson) {
        try (LessonRun run = lesson.newRun(LessonSettings.defaults())) {
            return run.runAll();
        }
    }

    private static Map<String, Observation> seedDecided(LessonRun.Result result) {
        return byName(result.observations().stream().filter(o -> !o.timingBound()).toList());
    }

    private static Map<String, Observation> byName(List<Observation> observations) {
        return observations.stream().collect(Collectors.toMap(Observation::name, Function.identity()));
    }
}
