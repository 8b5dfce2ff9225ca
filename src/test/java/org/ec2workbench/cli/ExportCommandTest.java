package org.ec2workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.ec2workbench.Main;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.capture.SourceKind;
import org.ec2workbench.capture.session.Exports;
import org.ec2workbench.capture.session.SessionWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExportCommandTest {

    private static final String CANARY_KEY_ID = "AKIAEXPORTCANARY7777";

    @TempDir
    Path dir;

    private Path session() throws Exception {
        AttemptStore store = new AttemptStore();
        int call = store.newCallId();
        store.append(Attempt.builder().service("ec2").action("DescribeInstances").bucket("DescribeInstances")
                .startMicros(1_700_000_000_000_000L).durationMicros(20_000).httpStatus(503)
                .errorCode("RequestLimitExceeded").errorMessage("Request limit exceeded for " + CANARY_KEY_ID)
                .category(ErrorCategory.THROTTLING).callId(call).attemptNumber(1)
                .sourceKind(SourceKind.CSM).source("aws-cli/1.45").build());
        store.append(Attempt.builder().service("ec2").action("DescribeInstances").bucket("DescribeInstances")
                .startMicros(1_700_000_000_500_000L).durationMicros(15_000).httpStatus(200).requestId("r-2")
                .callId(call).attemptNumber(2).backoffMicros(480_000)
                .sourceKind(SourceKind.CSM).source("aws-cli/1.45").build());
        Path file = dir.resolve("s.jsonl");
        SessionWriter.record(store, file, "test", Instant.EPOCH).close();
        return file;
    }

    private int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void harBesideTheSessionWithOneEntryPerAttemptAndNoKeyId() throws Exception {
        Path session = session();
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "export", session.toString(), "--format", "har")).isZero();
        Path har = dir.resolve("s.har");
        assertThat(out.toString()).contains("Exported 2 attempts as HAR to " + har);
        JsonNode log = new ObjectMapper().readTree(har.toFile()).get("log");
        assertThat(log.get("version").asText()).isEqualTo("1.2");
        assertThat(log.get("entries")).hasSize(2);
        assertThat(log.get("entries").get(0).get("response").get("status").asInt()).isEqualTo(503);
        assertThat(Files.readString(har)).doesNotContain(CANARY_KEY_ID);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("s.jsonl", "s.har");
        }
    }

    @Test
    void csvChosenByTheOutExtensionAndCorruptLinesNamedWithTheirLine() throws Exception {
        Path session = session();
        Files.writeString(session, "{not json\n", StandardOpenOption.APPEND);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path csv = dir.resolve("out/attempts.csv");
        assertThat(run(out, err, "export", session.toString(), "--out", csv.toString())).isZero();
        assertThat(err.toString()).contains("Skipped " + session + ":4");
        assertThat(Files.readAllLines(csv)).hasSize(3).first().isEqualTo(Exports.CSV_HEADER);
        assertThat(Files.readString(csv)).doesNotContain(CANARY_KEY_ID);
    }

    @Test
    void aMissingSessionIsAClearErrorAndWritesNothing() {
        StringWriter err = new StringWriter();
        Path missing = dir.resolve("nope.jsonl");
        assertThat(run(new StringWriter(), err, "export", missing.toString(), "--format", "har")).isEqualTo(1);
        assertThat(err.toString()).contains("No such session file: " + missing);
        assertThat(dir.resolve("nope.har")).doesNotExist();
    }
}
