package org.ec2workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.ec2workbench.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LessonCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void listPrintsOneLessonPerLineIdFirst() {
        assertThat(run("lesson", "list")).isZero();
        String[] lines = out.toString().strip().split("\\R");
        assertThat(lines).hasSize(9);
        assertThat(lines[0]).startsWith("describe-after-run ");
        assertThat(lines[8]).startsWith("retry-storm ");
    }

    @Test
    void unknownLessonExitsWithTwoAndListsTheIds() {
        assertThat(run("lesson", "run", "no-such-lesson", "--headless")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown lesson 'no-such-lesson'").contains("describe-after-run");
    }

    @Test
    void badTimeScaleExitsWithTwo() {
        assertThat(run("lesson", "run", "1", "--headless", "--time-scale", "-3")).isEqualTo(2);
        assertThat(err.toString()).contains("time scale must be in (0, 10000]");
    }

    @Test
    void lessonWithoutSubcommandExitsWithTwo() {
        assertThat(run("lesson")).isEqualTo(2);
        assertThat(err.toString()).contains("lesson list");
    }
}
