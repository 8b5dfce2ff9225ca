package org.ec2workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.ec2workbench.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EventsCommandTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void usageErrorsExitWithStatusTwo() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "events")).isEqualTo(2);
        assertThat(err.toString()).contains("events compare");
        assertThat(run(new StringWriter(), "events", "compare", "--time-scale", "0")).isEqualTo(2);
        assertThat(run(new StringWriter(), "events", "compare", "--bogus")).isEqualTo(2);
    }
}
