package org.ec2workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ec2workbench.Main;
import org.ec2workbench.AppDirs;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.capture.TestClasspath;
import org.ec2workbench.capture.session.SessionReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class RecordCommandTest {

    @TempDir
    Path dir;

    private static List<String> cliDatagrams() throws Exception {
        try (InputStream in = RecordCommandTest.class.getResourceAsStream(
                "/org/ec2workbench/capture/csm/aws-cli-v1-datagrams.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private static void send(int port, List<String> datagrams) throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            for (String d : datagrams) {
                byte[] b = d.getBytes(StandardCharsets.UTF_8);
                s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    @Test
    void recordsForADurationIntoTheSessionsDirectory() throws Exception {
        int port = freeUdpPort();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new RecordCommand(Clock.system(),
                AppDirs.resolve(AppDirs.Platform.LINUX, Map.of("XDG_DATA_HOME", dir.toString()), dir)));
        cli.setOut(new PrintWriter(out));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
                () -> cli.execute("--csm-port", String.valueOf(port), "--duration", "1.5"));
        Thread.sleep(400);
        send(port, cliDatagrams());
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
        List<Path> sessions;
        try (var files = Files.list(dir.resolve("ec2-workbench").resolve("sessions"))) {
            sessions = files.toList();
        }
        assertThat(sessions).hasSize(1);
        SessionReader.Loaded loaded = SessionReader.read(sessions.get(0));
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.store().size()).isEqualTo(8);
        assertThat(out.toString()).contains("AWS_CSM_ENABLED=true AWS_CSM_PORT=" + port)
                .contains("Recorded 8 attempts (10 datagrams, 0 malformed and dropped)");
    }

    /**
     * A real process, stopped by a signal (SIGINT is Ctrl-C, SIGTERM what service managers send) right after the
     * datagrams and before the periodic flush: the shutdown flushes and closes the file.
     */
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalFlushesAndClosesTheFile(String signal) throws Exception {
        int port = freeUdpPort();
        Path file = dir.resolve("rec.jsonl");
        Path log = dir.resolve("out.txt");
        Process p = new ProcessBuilder(TestClasspath.java(), "-cp", String.join(File.pathSeparator, TestClasspath.entries()),
                Main.class.getName(), "record", "--csm-port", String.valueOf(port), "--out", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("Press Ctrl-C") && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(50);
        }
        assertThat(Files.readString(log)).contains("Listening for CSM datagrams on udp://127.0.0.1:" + port);
        send(port, cliDatagrams());
        Thread.sleep(150); // let the listener take them, but stop before the periodic flush
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(128 + (signal.equals("INT") ? 2 : 15));
        assertThat(Files.readString(log)).contains("Recorded 8 attempts");
        SessionReader.Loaded loaded = SessionReader.read(file);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.store().size()).isEqualTo(8);
    }

    @Test
    void aBusyPortIsAClearErrorAndABadPortAUsageError() throws Exception {
        try (DatagramSocket busy = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            StringWriter err = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setErr(new PrintWriter(err));
            int status = cli.execute("record", "--csm-port", String.valueOf(busy.getLocalPort()), "--out",
                    dir.resolve("x.jsonl").toString());
            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).contains("Cannot listen on UDP 127.0.0.1:" + busy.getLocalPort());
        }
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("record", "--csm-port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("--csm-port must be 0..65535");
    }
}
