package org.ec2workbench.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ec2workbench.Main;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.aws.capture.WorkbenchCapture;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.capture.LocalEc2Endpoint.Reply;
import org.ec2workbench.capture.cloudtrail.CloudTrailAttempts;
import org.ec2workbench.capture.cloudtrail.CloudTrailReader;
import org.ec2workbench.capture.csm.CsmListener;
import org.ec2workbench.capture.session.Exports;
import org.ec2workbench.capture.session.SessionWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Plants a secret key and an access key id everywhere capture takes input from — SDK credentials, CSM
 * datagrams, CloudTrail records, error messages, user agents — and searches every output for them.
 */
class CanaryTest {

    static final String SECRET = "CanarySecretKey/Do+Not+Write/0123456789ab";
    static final String KEY_ID = "AKIACANARYKEY0000001";
    static final String REDACTED = "AKIA************0001";

    @TempDir
    Path dir;

    @Test
    void noOutputEverContainsTheSecretOrTheClearAccessKeyId() throws Exception {
        Map<String, String> outputs = new LinkedHashMap<>();
        AttemptStore store = new AttemptStore();

        // in-process: the workbench's own client signs with the canary keys
        try (LocalEc2Endpoint ec2 = new LocalEc2Endpoint().then(
                Reply.error(403, "UnauthorizedOperation", "User with key " + KEY_ID + " is not authorized"));
                Ec2Client client = ClientFactory.builder(Connection.sandbox(ec2.uri(), "us-east-1", KEY_ID, SECRET))
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .backoffStrategy(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(10)))
                                .maxAttempts(2).build())
                        .addInterceptor(WorkbenchCapture.interceptor(store, Clock.system()))
                        .build().ec2()) {
            try {
                client.describeRegions();
            } catch (RuntimeException expected) {
                // 403 is the point
            }
            client.describeRegions();
        }

        // CSM: another process sends its clear access key id, as botocore does
        String datagram = "{\"Version\":1,\"ClientId\":\"\",\"Type\":\"ApiCallAttempt\",\"Service\":\"EC2\","
                + "\"Api\":\"DescribeInstances\",\"Timestamp\":1700000000000,\"AttemptLatency\":3,"
                + "\"AccessKey\":\"" + KEY_ID + "\",\"UserAgent\":\"tool key=" + KEY_ID + "\",\"HttpStatusCode\":503,"
                + "\"AwsException\":\"RequestLimitExceeded\",\"AwsExceptionMessage\":\"slow down " + KEY_ID + "\"}";
        try (CsmListener listener = CsmListener.start(store, 0)) {
            send(listener.port(), datagram);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (listener.attempts() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }

        // CloudTrail: records carry the key id in userIdentity and, here, in the message
        Path trail = dir.resolve("trail.json");
        Files.writeString(trail, "{\"Records\":[{\"eventTime\":\"2026-11-22T03:00:00Z\",\"eventSource\":\"ec2.amazonaws.com\","
                + "\"eventName\":\"RunInstances\",\"awsRegion\":\"us-east-1\",\"errorCode\":\"Client.UnauthorizedOperation\","
                + "\"errorMessage\":\"key " + KEY_ID + " denied\",\"userAgent\":\"cli " + KEY_ID + "\","
                + "\"userIdentity\":{\"type\":\"IAMUser\",\"accessKeyId\":\"" + KEY_ID + "\"},\"requestID\":\"r-1\"}]}");
        CloudTrailReader.read(List.of(trail), new CloudTrailAttempts(store, AttemptClassifier.ec2()));
        assertThat(store.size()).isEqualTo(4);

        Path session = dir.resolve("session.jsonl");
        SessionWriter.record(store, session, "canary " + KEY_ID, Instant.EPOCH).close();
        outputs.put("session file", Files.readString(session));
        StringWriter csv = new StringWriter();
        Exports.writeCsv(store.snapshot(), csv);
        outputs.put("csv", csv.toString());
        ByteArrayOutputStream har = new ByteArrayOutputStream();
        Exports.writeHar(store.snapshot(), har, "test");
        outputs.put("har", har.toString(StandardCharsets.UTF_8));
        outputs.put("store", all(store));

        for (String format : List.of("text", "json")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            cli.execute("cloudtrail", trail.toString(), "--format", format);
            outputs.put("cloudtrail " + format, out + "\n" + err);
        }

        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = probe.getLocalPort();
        }
        Path recorded = dir.resolve("recorded.jsonl");
        StringWriter recordOut = new StringWriter();
        CommandLine record = Main.commandLine();
        record.setOut(new PrintWriter(recordOut));
        record.setErr(new PrintWriter(recordOut));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> record.execute("record", "--csm-port",
                String.valueOf(port), "--out", recorded.toString(), "--duration", "1"));
        Thread.sleep(300);
        send(port, datagram);
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
        outputs.put("record stdout", recordOut.toString());
        outputs.put("recorded session", Files.readString(recorded));

        assertThat(outputs.get("recorded session")).contains(REDACTED);
        assertThat(outputs.get("session file")).contains(REDACTED);
        outputs.forEach((name, text) -> {
            assertThat(text).as(name).doesNotContain(SECRET).doesNotContain(KEY_ID);
        });
    }

    private static void send(int port, String datagram) throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] b = datagram.getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
        }
    }

    private static String all(AttemptStore store) {
        AttemptStore.Snapshot s = store.snapshot();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.size(); i++) {
            Attempt a = s.attempt(i);
            out.append(a).append(' ').append(a.errorMessage()).append(' ').append(a.source()).append(' ')
                    .append(a.principal()).append('\n');
        }
        return out.toString();
    }
}
