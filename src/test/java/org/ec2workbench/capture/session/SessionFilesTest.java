package org.ec2workbench.capture.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.capture.Fault;
import org.ec2workbench.capture.SourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFilesTest {

    @TempDir
    Path dir;

    static AttemptStore sample() {
        AttemptStore store = new AttemptStore();
        int call = store.newCallId();
        store.append(Attempt.builder().service("ec2").action("RunInstances").bucket("RunInstances")
                .startMicros(1_700_000_000_000_000L).durationMicros(120_000).httpStatus(503)
                .errorCode("RequestLimitExceeded").errorMessage("Request limit exceeded.")
                .category(ErrorCategory.THROTTLING).fault(Fault.SERVER)
                .requestId("11111111-2222-3333-4444-555555555555").callId(call).attemptNumber(1)
                .sourceKind(SourceKind.CSM).source("aws-cli/2.15, \"quoted\"").principal("AKIA************WXYZ").build());
        store.append(Attempt.builder().service("ec2").action("RunInstances").bucket("RunInstances")
                .startMicros(1_700_000_000_900_000L).durationMicros(80_000).httpStatus(200)
                .requestId("11111111-2222-3333-4444-555555555556").callId(call).attemptNumber(2).backoffMicros(780_000)
                .sourceKind(SourceKind.CSM).source("aws-cli/2.15, \"quoted\"").build());
        store.append(Attempt.builder().service("ec2").action("TerminateInstances").bucket("TerminateInstances")
                .startMicros(1_700_000_001_000_000L).durationMicros(30_000).httpStatus(400)
                .errorCode("InvalidInstanceID.NotFound").errorMessage("The instance ID 'i-1' does not exist\nline two")
                .category(ErrorCategory.CONSISTENCY).callId(store.newCallId())
                .sourceKind(SourceKind.WORKBENCH).source("workbench").principal("arn:aws:iam::123456789012:user/alice")
                .build());
        return store;
    }

    static List<Attempt> all(AttemptStore store) {
        AttemptStore.Snapshot s = store.snapshot();
        return IntStream.range(0, s.size()).mapToObj(s::attempt).toList();
    }

    @Test
    void aSessionRoundTripsThroughItsFile() throws Exception {
        AttemptStore store = sample();
        Path file = SessionFiles.newSessionFile(dir, Instant.parse("2026-11-22T03:15:00Z"));
        assertThat(file.getFileName().toString()).isEqualTo("session-20261122T031500Z.jsonl");
        try (SessionWriter w = SessionWriter.record(store, file, "lesson 5", Instant.parse("2026-11-22T03:15:00Z"))) {
            assertThat(w.written()).isEqualTo(3);
        }
        SessionReader.Loaded loaded = SessionReader.read(file);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.label()).isEqualTo("lesson 5");
        assertThat(loaded.created()).isEqualTo("2026-11-22T03:15:00Z");
        List<Attempt> before = all(store);
        List<Attempt> after = all(loaded.store());
        assertThat(after).hasSize(3);
        for (int i = 0; i < 3; i++) {
            // call ids are re-issued, everything else is kept
            assertThat(after.get(i).toBuilder().callId(before.get(i).callId()).build()).isEqualTo(before.get(i));
        }
        assertThat(after.get(0).callId()).isEqualTo(after.get(1).callId()).isNotEqualTo(after.get(2).callId());
        assertThat(SessionFiles.list(dir)).extracting(SessionFiles.Entry::file).containsExactly(file);
    }

    @Test
    void attemptsReachTheFileWithinASecondWhileTheSessionRuns() throws Exception {
        AttemptStore store = new AttemptStore();
        Path file = dir.resolve("live.jsonl");
        try (SessionWriter w = SessionWriter.record(store, file, "live", Instant.EPOCH)) {
            all(sample()).forEach(store::append);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (Files.readAllLines(file).size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // not closed yet: what a crash now would leave behind
            assertThat(Files.readAllLines(file)).hasSize(4);
            assertThat(SessionReader.read(file).store().size()).isEqualTo(3);
        }
    }

    @Test
    void reopeningAppendsRatherThanOverwriting() throws Exception {
        Path file = dir.resolve("s.jsonl");
        SessionWriter.record(sample(), file, "one", Instant.EPOCH).close();
        SessionWriter.record(sample(), file, "two", Instant.EPOCH).close();
        SessionReader.Loaded loaded = SessionReader.read(file);
        assertThat(loaded.store().size()).isEqualTo(6);
        assertThat(loaded.label()).isEqualTo("one");
    }

    @Test
    void corruptLinesAreReportedWithFileAndLineAndSkipped() throws Exception {
        Path file = dir.resolve("crashed.jsonl");
        SessionWriter.record(sample(), file, "x", Instant.EPOCH).close();
        String good = Files.readAllLines(file).get(1);
        Files.writeString(file, "not json at all\n\n{\"start_us\":1}\n" + good.substring(0, good.length() / 2)
                + "\n" + good.replace("\"THROTTLING\"", "\"PURPLE\"") + "\n[1]\n" + good + "\n",
                StandardOpenOption.APPEND);
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, '\n'}, StandardOpenOption.APPEND);
        SessionReader.Loaded loaded = SessionReader.read(file);
        assertThat(loaded.store().size()).isEqualTo(4);
        assertThat(loaded.problems()).extracting(SessionReader.Problem::line).containsExactly(5L, 7L, 8L, 9L, 10L, 12L);
        assertThat(loaded.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(file));
        assertThat(loaded.problems().get(1).reason()).contains("missing");
        assertThat(loaded.problems().get(0).toString()).startsWith(file + ":5: ");
    }

    @Test
    void csvHasOneQuotedRowPerAttempt() throws Exception {
        StringWriter out = new StringWriter();
        Exports.writeCsv(sample().snapshot(), out);
        String[] rows = out.toString().split("\r\n");
        assertThat(rows[0]).isEqualTo(Exports.CSV_HEADER);
        assertThat(rows).hasSize(1 + 3); // the two-line message stays inside one quoted cell
        assertThat(rows[3]).endsWith(",\"The instance ID 'i-1' does not exist\nline two\"");
        assertThat(rows[1]).startsWith("2023-11-14T22:13:20.000000Z,1700000000000000,120000,ec2,RunInstances,RunInstances,503,RequestLimitExceeded,THROTTLING,SERVER,")
                .contains(",\"aws-cli/2.15, \"\"quoted\"\"\",");
    }

    @Test
    void harIsAValidHar12LogWithOneEntryPerAttempt() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exports.writeHar(sample().snapshot(), out, "0.1.0");
        JsonNode log = new ObjectMapper().readTree(out.toByteArray()).get("log");
        assertThat(log.get("version").asText()).isEqualTo("1.2");
        assertThat(log.get("creator").get("name").asText()).isNotBlank();
        JsonNode entries = log.get("entries");
        assertThat(entries).hasSize(3);
        for (JsonNode e : entries) {
            assertThat(Instant.parse(e.get("startedDateTime").asText())).isNotNull();
            assertThat(e.get("time").isNumber()).isTrue();
            JsonNode req = e.get("request");
            for (String f : List.of("method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize")) {
                assertThat(req.has(f)).as("request." + f).isTrue();
            }
            JsonNode res = e.get("response");
            for (String f : List.of("status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL",
                    "headersSize", "bodySize")) {
                assertThat(res.has(f)).as("response." + f).isTrue();
            }
            assertThat(res.get("content").has("size")).isTrue();
            assertThat(res.get("content").has("mimeType")).isTrue();
            assertThat(e.get("cache").isObject()).isTrue();
            assertThat(e.get("_resourceType").asText()).isEqualTo("fetch");
            for (String f : List.of("send", "wait", "receive")) {
                assertThat(e.get("timings").get(f).isNumber()).isTrue();
            }
        }
        assertThat(entries.get(0).get("response").get("status").asInt()).isEqualTo(503);
        assertThat(entries.get(0).get("response").get("content").get("text").asText()).contains("RequestLimitExceeded");
        assertThat(entries.get(1).get("_backoffMs").asDouble()).isEqualTo(780.0);
        assertThat(entries.get(1).get("request").get("url").asText()).isEqualTo("https://ec2.amazonaws.com/?Action=RunInstances");
        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).contains("11111111-2222-3333-4444-555555555556");
    }
}
