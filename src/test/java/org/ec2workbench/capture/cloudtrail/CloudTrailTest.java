package org.ec2workbench.capture.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.ec2workbench.Main;
import org.ec2workbench.capture.AttemptClassifier;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCatalog;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.capture.RequestBuckets;
import org.ec2workbench.capture.SourceKind;
import org.ec2workbench.capture.TestClasspath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CloudTrailTest {

    private static final Path SAMPLES = Path.of("/work/shared/data/cloudtrail-samples");

    @TempDir
    Path dir;

    static String record(String time, String action, String errorCode, String principal, String agent, String params) {
        return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"" + principal
                + "\",\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\"},\"eventTime\":\"" + time
                + "\",\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"" + action
                + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.7\",\"userAgent\":\"" + agent + "\""
                + (errorCode == null ? "" : ",\"errorCode\":\"" + errorCode + "\",\"errorMessage\":\"Request limit exceeded.\"")
                + ",\"requestParameters\":" + params + ",\"responseElements\":null,\"requestID\":\"5b2d6f2e-0000-4000-8000-000000000001\""
                + ",\"eventID\":\"e\",\"readOnly\":true,\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"123456789012\"}";
    }

    /** A burst: 25 unfiltered DescribeInstances in one second from one script, 10 of them throttled. */
    private void writeBurstLogs() throws IOException {
        Path day = Files.createDirectories(dir.resolve("AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/22"));
        StringBuilder records = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 25; i++) {
            records.append(i == 0 ? "" : ",").append(record("2026-11-22T03:00:01Z", "DescribeInstances",
                    i >= 15 ? "Client.RequestLimitExceeded" : null, "arn:aws:iam::123456789012:user/script",
                    "Boto3/1.35.0 Python/3.12", "{\"filterSet\":{},\"instancesSet\":{}}"));
        }
        records.append("]}");
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(day.resolve("a.json.gz"))),
                StandardCharsets.UTF_8)) {
            w.write(records.toString());
        }
        Files.writeString(day.resolve("b.json"), "[" + record("2026-11-22T03:00:02Z", "DescribeInstances", null,
                "arn:aws:iam::123456789012:user/console", "console.amazonaws.com",
                "{\"filterSet\":{\"items\":[{\"name\":\"instance-state-name\"}]}}") + ","
                + record("2026-11-22T03:00:03Z", "RunInstances", "Client.UnauthorizedOperation",
                        "arn:aws:iam::123456789012:user/console", "console.amazonaws.com", "{}") + "]");
        Files.writeString(day.resolve("broken.json"), "{\"Records\":[" + record("2026-11-22T03:00:04Z",
                "TerminateInstances", null, "x", "y", "{}") + ",{\"eventName\":");
        Files.writeString(day.resolve("notes.txt"), "not a log");
    }

    @Test
    void burstsAreComparedWithTheBucketAndBlamedOnWhoCausedThem() throws Exception {
        writeBurstLogs();
        CloudTrailReport report = new CloudTrailReport(ErrorCatalog.ec2(), RequestBuckets.ec2());
        CloudTrailReader.Summary summary = CloudTrailReader.read(List.of(dir), report);
        assertThat(summary.files()).isEqualTo(3);
        assertThat(summary.problems()).hasSize(1);
        assertThat(summary.problems().get(0).file().getFileName().toString()).isEqualTo("broken.json");
        assertThat(report.ec2Events()).isEqualTo(28); // the broken file's complete record still counts

        CloudTrailReport.ActionRow burst = report.actions().get(0);
        assertThat(burst.action()).isEqualTo("DescribeInstances");
        assertThat(burst.bucket()).isEqualTo("unfiltered-non-mutating");
        assertThat(burst.calls()).isEqualTo(25);
        assertThat(burst.peakPerSecond()).isEqualTo(25);
        assertThat(burst.refillPerSecond()).isEqualTo(10);
        assertThat(burst.peakExceedsRefill()).isTrue();
        assertThat(burst.throttled()).isEqualTo(10);
        assertThat(burst.peakWhere()).isEqualTo("123456789012 us-east-1");
        assertThat(report.actions()).anySatisfy(r -> {
            assertThat(r.action()).isEqualTo("DescribeInstances");
            assertThat(r.bucket()).isEqualTo("non-mutating");
            assertThat(r.calls()).isEqualTo(1);
        });
        assertThat(report.errorCodes()).containsExactly(
                new CloudTrailReport.ErrorRow("Client.RequestLimitExceeded", ErrorCategory.THROTTLING, 10),
                new CloudTrailReport.ErrorRow("Client.UnauthorizedOperation", ErrorCategory.AUTHORIZATION, 1));
        assertThat(report.topPrincipals(1)).containsExactly(
                new CloudTrailReport.WhoRow("arn:aws:iam::123456789012:user/script", 10, 0));
        assertThat(report.topUserAgents(5)).extracting(CloudTrailReport.WhoRow::name)
                .containsExactly("Boto3/1.35.0 Python/3.12", "console.amazonaws.com");
    }

    @Test
    void theCommandPrintsTextAndJson() throws Exception {
        writeBurstLogs();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("cloudtrail", dir.toString(), "--top", "1")).isZero();
        assertThat(out.toString()).contains("3 files, 28 records: 28 EC2 events")
                .containsPattern("DescribeInstances\\s+unfiltered-non-mutating\\s+25\\s+25!\\s+10\\s+50\\s+10\\s+0")
                .contains("Client.RequestLimitExceeded").contains("arn:aws:iam::123456789012:user/script")
                .doesNotContain("user/console");
        assertThat(err.toString()).contains("Skipped ").contains("broken.json");

        StringWriter json = new StringWriter();
        cli = Main.commandLine();
        cli.setOut(new PrintWriter(json));
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("cloudtrail", dir.toString(), "--format", "json")).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toString());
        assertThat(root.get("ec2Events").asInt()).isEqualTo(28);
        assertThat(root.get("actions").get(0).get("peakPerSecond").asInt()).isEqualTo(25);
        assertThat(root.get("actions").get(0).get("peakExceedsRefill").asBoolean()).isTrue();
        assertThat(root.get("topPrincipals")).hasSize(2);
        assertThat(json.toString()).doesNotContain("AKIAIOSFODNN7EXAMPLE");

        cli = Main.commandLine();
        StringWriter missing = new StringWriter();
        cli.setErr(new PrintWriter(missing));
        assertThat(cli.execute("cloudtrail", dir.resolve("nope").toString())).isEqualTo(1);
        assertThat(missing.toString()).contains("No such file or folder");
        assertThat(Main.commandLine().setErr(new PrintWriter(new StringWriter()))
                .execute("cloudtrail", dir.toString(), "--format", "xml")).isEqualTo(2);
    }

    /** The real, anonymised CloudTrail records in the shared samples (see their README for the counts). */
    @Test
    void realSamplesImportAsAttempts() throws Exception {
        assumeTrue(Files.isDirectory(SAMPLES), "shared CloudTrail samples not present");
        AttemptStore store = new AttemptStore();
        CloudTrailAttempts attempts = new CloudTrailAttempts(store, AttemptClassifier.ec2());
        CloudTrailReport report = new CloudTrailReport(ErrorCatalog.ec2(), RequestBuckets.ec2());
        CloudTrailReader.Summary summary = CloudTrailReader.read(List.of(SAMPLES), e -> {
            attempts.accept(e);
            report.accept(e);
        });
        assertThat(summary.files()).isEqualTo(35);
        assertThat(summary.records()).isEqualTo(310);
        assertThat(summary.problems()).isEmpty();
        assertThat(attempts.appended()).isEqualTo(87);
        assertThat(attempts.otherServices()).isEqualTo(223);
        AttemptStore.Snapshot s = store.snapshot();
        assertThat(s.size()).isEqualTo(87);
        long unauthorized = java.util.stream.IntStream.range(0, s.size())
                .filter(i -> s.category(i) == ErrorCategory.AUTHORIZATION).count();
        assertThat(unauthorized).isEqualTo(46);
        int i = java.util.stream.IntStream.range(0, s.size()).filter(k -> "RunInstances".equals(s.action(k)))
                .findFirst().orElseThrow();
        assertThat(s.httpStatus(i)).isEqualTo(403);
        assertThat(s.errorCode(i)).isEqualTo("Client.UnauthorizedOperation");
        assertThat(s.bucket(i)).isEqualTo("RunInstances");
        assertThat(s.sourceKind(i)).isEqualTo(SourceKind.CLOUDTRAIL);
        assertThat(s.principal(i)).startsWith("arn:aws:sts::");
        assertThat(s.errorMessage(i)).contains("Encoded authorization failure message");
        assertThat(report.errorCodes()).containsExactly(
                new CloudTrailReport.ErrorRow("Client.UnauthorizedOperation", ErrorCategory.AUTHORIZATION, 46));
        assertThat(report.actions()).extracting(CloudTrailReport.ActionRow::action)
                .contains("GetPasswordData", "DescribeInstanceAttribute", "RunInstances", "DescribeInstances");
    }

    /** About 70 MB of log in a JVM limited to 32 MB of heap: the import streams. */
    @Test
    void aLogFarLargerThanTheHeapIsStreamed() throws Exception {
        Path big = dir.resolve("big.json.gz");
        long start = Instant.parse("2026-11-22T00:00:00Z").getEpochSecond();
        int records = 100_000;
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(big), 1 << 16);
                Writer w = new OutputStreamWriter(gz, StandardCharsets.UTF_8)) {
            w.write("{\"Records\":[");
            for (int i = 0; i < records; i++) {
                w.write(i == 0 ? "" : ",");
                w.write(record(Instant.ofEpochSecond(start + i / 7).toString(), i % 3 == 0 ? "RunInstances" : "DescribeVolumes",
                        i % 11 == 0 ? "Client.RequestLimitExceeded" : null, "arn:aws:iam::123456789012:user/u" + (i % 17),
                        "agent-" + (i % 5) + " " + "x".repeat(100), "{\"filterSet\":{},\"padding\":\"" + "p".repeat(60) + "\"}"));
            }
            w.write("]}");
        }
        long uncompressed;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(big))) {
            uncompressed = in.transferTo(OutputStream.nullOutputStream());
        }
        assertThat(uncompressed).isGreaterThan(64L << 20);
        Path log = dir.resolve("out.txt");
        Process p = new ProcessBuilder(TestClasspath.java(), "-Xmx32m", "-cp",
                String.join(File.pathSeparator, TestClasspath.entries()), Main.class.getName(), "cloudtrail",
                big.toString(), "--format", "json").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(p.exitValue()).as(output).isZero();
        JsonNode root = new ObjectMapper().readTree(output);
        assertThat(root.get("ec2Events").asLong()).isEqualTo(records);
        assertThat(root.get("actions").get(0).get("action").asText()).isEqualTo("DescribeVolumes");
        assertThat(root.get("actions").get(0).get("peakPerSecond").asInt()).isEqualTo(5);
        assertThat(root.get("errorCodes").get(0).get("count").asLong()).isEqualTo((records + 10) / 11);
    }
}
