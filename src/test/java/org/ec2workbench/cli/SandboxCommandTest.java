package org.ec2workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ec2workbench.Main;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

class SandboxCommandTest {

    @Test
    void printsEndpointAndExportsServesTheSdkAndStopsCleanly() throws Exception {
        StringWriter out = new StringWriter();
        CountDownLatch stop = new CountDownLatch(1);
        CommandLine cli = new CommandLine(new SandboxCommand(stop)).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("--port", "0",
                "--preset", "calm", "--time-scale", "50", "--seed", "3"));
        Matcher m = null;
        for (int i = 0; i < 200; i++) {
            m = Pattern.compile("export AWS_ENDPOINT_URL=(http://127\\.0\\.0\\.1:(\\d+)) AWS_ACCESS_KEY_ID=(\\S+) "
                    + "AWS_SECRET_ACCESS_KEY=(\\S+) AWS_REGION=us-east-1").matcher(out.toString());
            if (m.find()) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(m.find(0)).as(out.toString()).isTrue();
        assertThat(out.toString()).startsWith(m.group(1) + System.lineSeparator());
        int port = Integer.parseInt(m.group(2));
        try (Ec2Client ec2 = ClientFactory.builder(Connection.sandbox(URI.create(m.group(1)), "us-east-1",
                m.group(3), m.group(4))).retryStrategy(DefaultRetryStrategy.doNotRetry()).build().ec2()) {
            assertThat(ec2.describeRegions().regions()).isNotEmpty();
        }
        stop.countDown();
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void badOptionsExitWithTwo() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("sandbox", "--preset", "wild")).isEqualTo(2);
        assertThat(err.toString()).contains("--preset");
        assertThat(cli.execute("sandbox", "--port", "70000")).isEqualTo(2);
        assertThat(cli.execute("sandbox", "--time-scale", "0")).isEqualTo(2);
        assertThat(cli.execute("sandbox", "--no-iam", "--iam", "users.json")).isEqualTo(2);
    }
}
