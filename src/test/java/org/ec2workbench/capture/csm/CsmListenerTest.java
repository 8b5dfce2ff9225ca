package org.ec2workbench.capture.csm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.capture.LocalEc2Endpoint;
import org.ec2workbench.capture.LocalEc2Endpoint.Reply;
import org.ec2workbench.capture.SourceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsmListenerTest {

    private final AttemptStore store = new AttemptStore();
    private CsmListener listener;
    private DatagramSocket sender;

    @BeforeEach
    void start() throws Exception {
        listener = CsmListener.start(store, 0);
        sender = new DatagramSocket();
    }

    @AfterEach
    void stop() {
        listener.close();
        sender.close();
    }

    private void send(String datagram) throws IOException {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        sender.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), listener.port()));
    }

    private void awaitReceived(long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (listener.received() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(listener.received()).isEqualTo(n);
        Thread.sleep(20); // the datagram counted last may still be in the grouper
    }

    private List<Attempt> attempts() {
        AttemptStore.Snapshot s = store.snapshot();
        return IntStream.range(0, s.size()).mapToObj(s::attempt).toList();
    }

    /** Datagrams the AWS CLI v1 sent (AccessKey redacted): a call throttled twice, then one that never connected. */
    @Test
    void realCliDatagramsBecomeTwoCallsWithTheirBackoffs() throws Exception {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("aws-cli-v1-datagrams.jsonl")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        for (String line : lines) {
            send(line);
        }
        awaitReceived(lines.size());
        assertThat(listener.malformed()).isZero();
        assertThat(listener.calls()).isEqualTo(2);

        List<Attempt> attempts = attempts();
        assertThat(attempts).hasSize(8);
        List<Attempt> throttled = attempts.subList(0, 3);
        assertThat(throttled).extracting(Attempt::callId).containsOnly(throttled.get(0).callId());
        assertThat(throttled).extracting(Attempt::attemptNumber).containsExactly(1, 2, 3);
        assertThat(throttled).extracting(Attempt::httpStatus).containsExactly(503, 503, 200);
        assertThat(throttled).extracting(Attempt::category)
                .containsExactly(ErrorCategory.THROTTLING, ErrorCategory.THROTTLING, ErrorCategory.NONE);
        // gaps between one attempt's end and the next one's start, from the datagrams' timestamps
        assertThat(throttled).extracting(Attempt::backoffMicros).containsExactly(0L, 126_000L, 354_000L);
        Attempt first = throttled.get(0);
        assertThat(first.service()).isEqualTo("ec2");
        assertThat(first.action()).isEqualTo("DescribeRegions");
        assertThat(first.bucket()).isEqualTo("non-mutating");
        assertThat(first.startMicros()).isEqualTo(1_795_317_675_125_000L);
        assertThat(first.durationMicros()).isEqualTo(18_000L);
        assertThat(first.requestId()).isEqualTo("30e8ce08-1425-4295-90d8-d8051ba12939");
        assertThat(first.errorMessage()).isEqualTo("Request limit exceeded.");
        assertThat(first.principal()).isEqualTo("AKIA************MPLE");
        assertThat(first.source()).startsWith("aws-cli/1.45.11");
        assertThat(first.sourceKind()).isEqualTo(SourceKind.CSM);

        List<Attempt> unreachable = attempts.subList(3, 8);
        assertThat(unreachable).extracting(Attempt::callId).containsOnly(unreachable.get(0).callId())
                .doesNotContain(first.callId());
        assertThat(unreachable).extracting(Attempt::attemptNumber).containsExactly(1, 2, 3, 4, 5);
        assertThat(unreachable).extracting(Attempt::httpStatus).containsOnly(0);
        assertThat(unreachable).extracting(Attempt::errorCode).containsOnly("EndpointConnectionError");
        assertThat(unreachable).extracting(Attempt::category).containsOnly(ErrorCategory.SERVER);
        assertThat(unreachable.get(1).backoffMicros()).isEqualTo((1_795_317_677_854L - 1_795_317_676_910L) * 1_000);
    }

    /** Datagrams boto3 sent (AccessKey redacted) for a call throttled twice. */
    @Test
    void realBoto3DatagramsBecomeOneCall() throws Exception {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("boto3-datagrams.jsonl")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        for (String line : lines) {
            send(line);
        }
        awaitReceived(lines.size());
        List<Attempt> attempts = attempts();
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(Attempt::callId).containsOnly(attempts.get(0).callId());
        assertThat(attempts).extracting(Attempt::attemptNumber).containsExactly(1, 2, 3);
        assertThat(attempts).extracting(Attempt::category)
                .containsExactly(ErrorCategory.THROTTLING, ErrorCategory.THROTTLING, ErrorCategory.NONE);
        assertThat(attempts.get(1).backoffMicros()).isEqualTo((1_795_320_185_836L - 1_795_320_185_466L - 142) * 1_000);
        assertThat(attempts.get(0).source()).startsWith("Boto3/1.43.11");
        assertThat(listener.calls()).isEqualTo(1);
    }

    @Test
    void malformedDatagramsAreCountedAndDroppedAndTheListenerKeepsWorking() throws Exception {
        String valid = "{\"Version\":1,\"ClientId\":\"\",\"Type\":\"ApiCallAttempt\",\"Service\":\"EC2\","
                + "\"Api\":\"DescribeInstances\",\"Timestamp\":1700000000000,\"AttemptLatency\":5,"
                + "\"HttpStatusCode\":200,\"UserAgent\":\"boto3/1.35\",\"Region\":\"us-east-1\"}";
        List<String> bad = List.of("", "not json", "[1,2,3]", "{\"Type\":\"ApiCallAttempt\"}",
                "{\"Type\":\"Nope\",\"Service\":\"EC2\",\"Api\":\"X\",\"Timestamp\":1}",
                valid.replace("1700000000000", "\"yesterday\""), valid.replace("200", "-7"),
                valid.replace("\"EC2\"", "42"), valid.replace("5,", "1e99,"), valid.substring(0, valid.length() / 2),
                "{\"Type\":\"ApiCall\",\"Service\":\"EC2\",\"Api\":\"X\",\"Timestamp\":1}", "\u0000\u0001\u0002");
        for (String b : bad) {
            send(b);
        }
        sender.send(new DatagramPacket(new byte[20_000], 20_000, InetAddress.getLoopbackAddress(), listener.port()));
        send(valid);
        awaitReceived(bad.size() + 2);
        assertThat(listener.malformed()).isEqualTo(bad.size() + 1);
        assertThat(listener.lastMalformedReason()).isNotBlank();
        assertThat(attempts()).hasSize(1);
        assertThat(attempts().get(0).action()).isEqualTo("DescribeInstances");
        assertThat(attempts().get(0).bucket()).isEqualTo("unfiltered-non-mutating");
    }

    @Test
    void concurrentCallsOfOneClientAreNotMerged() throws Exception {
        String template = "{\"Type\":\"ApiCallAttempt\",\"Service\":\"EC2\",\"Api\":\"RunInstances\",\"Timestamp\":%d,"
                + "\"AttemptLatency\":%d,\"HttpStatusCode\":%d%s,\"UserAgent\":\"app\",\"ClientId\":\"%s\"}";
        String throttled = ",\"AwsException\":\"RequestLimitExceeded\"";
        // two threads of one client: A fails at 1000-1100, B fails at 1050-1150; A retries at 1300, B at 1400
        send(String.format(template, 1000, 100, 503, throttled, "ec2-workbench-recorder"));
        send(String.format(template, 1050, 100, 503, throttled, "ec2-workbench-recorder"));
        send(String.format(template, 1300, 10, 200, "", "ec2-workbench-recorder"));
        send(String.format(template, 1400, 10, 200, "", "ec2-workbench-recorder"));
        // a later, unrelated first attempt after both succeeded is a new call
        send(String.format(template, 1500, 10, 200, "", "ec2-workbench-recorder"));
        awaitReceived(5);
        List<Attempt> a = attempts();
        assertThat(a).extracting(Attempt::attemptNumber).containsExactly(1, 1, 2, 2, 1);
        assertThat(a.get(2).callId()).isEqualTo(a.get(1).callId()); // the latest-ending open call
        assertThat(a.get(3).callId()).isEqualTo(a.get(0).callId());
        assertThat(a.get(2).backoffMicros()).isEqualTo(150_000L);
        assertThat(a.get(3).backoffMicros()).isEqualTo(300_000L);
        assertThat(a).extracting(Attempt::sourceKind).containsOnly(SourceKind.RECORDER);
        assertThat(a.get(0).bucket()).isEqualTo("RunInstances");
    }

    /** The AWS CLI itself (when installed) sending CSM while it retries a throttled call. */
    @Test
    void theAwsCliIsCapturedLive(@TempDir Path dir) throws Exception {
        String aws = findOnPath("aws");
        assumeTrue(aws != null, "AWS CLI not installed");
        String canary = "canarySecret/DoNotLeak+1234567890abcdefXYZ";
        try (LocalEc2Endpoint ec2 = new LocalEc2Endpoint().then(
                Reply.error(503, "RequestLimitExceeded", "Request limit exceeded."),
                Reply.error(503, "RequestLimitExceeded", "Request limit exceeded."))) {
            ProcessBuilder pb = new ProcessBuilder(aws, "ec2", "describe-regions", "--endpoint-url",
                    ec2.uri().toString(), "--output", "json");
            Map<String, String> env = pb.environment();
            env.put("AWS_CSM_ENABLED", "true");
            env.put("AWS_CSM_PORT", String.valueOf(listener.port()));
            env.put("AWS_ACCESS_KEY_ID", "AKIACLITESTKEY000001");
            env.put("AWS_SECRET_ACCESS_KEY", canary);
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            env.put("AWS_CONFIG_FILE", dir.resolve("none").toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
            env.put("AWS_RETRY_MODE", "standard");
            pb.redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
            Process p = pb.start();
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
            awaitReceived(4); // three attempts and the call
            List<Attempt> a = attempts();
            assertThat(a).extracting(Attempt::attemptNumber).containsExactly(1, 2, 3);
            assertThat(a).extracting(Attempt::callId).containsOnly(a.get(0).callId());
            assertThat(a).extracting(Attempt::requestId)
                    .containsExactlyElementsOf(ec2.exchanges().stream().map(LocalEc2Endpoint.Exchange::requestId).toList());
            assertThat(a.get(1).backoffMicros()).isPositive();
            assertThat(a.get(0).principal()).isEqualTo("AKIA************0001");
            assertThat(a.toString()).doesNotContain(canary).doesNotContain("AKIACLITESTKEY000001");
        }
    }

    static String findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }
}
