package org.ec2workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ec2workbench.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void backoffPrintsTheTableAndWritesTheCsv(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("backoff.csv");
        assertThat(run("simulate", "backoff", "--clients", "10..30:10", "--runs", "3", "--seed", "5", "--csv",
                csv.toString())).isZero();
        assertThat(out.toString()).contains("clients").contains("full_jitter calls / ms");
        assertThat(Files.readAllLines(csv)).hasSize(1 + 3 * 5).first().isEqualTo("clients,strategy,calls,completion_ms");
    }

    @Test
    void throttleWritesCsvToStandardOutput() {
        assertThat(run("simulate", "throttle", "--clients", "5", "--calls", "3", "--csv", "-")).isZero();
        assertThat(out.toString()).startsWith("strategy,completion_s,goodput_pct,throttled_attempts,attempts,given_up\n");
    }

    @Test
    void badValuesExitWithTwoAndSayWhy() {
        assertThat(run("simulate", "backoff", "--clients", "ten")).isEqualTo(2);
        assertThat(err.toString()).contains("'ten' is not FROM..TO:STEP");
        assertThat(run("simulate", "throttle", "--refill", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--refill must be > 0");
        assertThat(run("simulate")).isEqualTo(2);
        assertThat(run("simulate", "backoff", "--frobnicate")).isEqualTo(2);
    }
}
