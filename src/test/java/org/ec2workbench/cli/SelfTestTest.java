package org.ec2workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.ec2workbench.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SelfTestTest {

    @Test
    void selfTestCallsTheEmbeddedSandboxThroughTheSdkAndExitsZero() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int status = cli.execute("--self-test");

        assertThat(err.toString()).isEmpty();
        assertThat(status).isZero();
        assertThat(out.toString())
                .containsPattern("sandbox: +http://127\\.0\\.0\\.1:\\d+")
                .containsPattern("request id \\S+")
                .containsPattern("result: +\\d+ regions: .*us-east-1")
                .contains("through the backoff engine")
                .contains("self-test passed");
    }

    @Test
    void selfTestIsListedInTheHelp() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("--self-test");
    }
}
