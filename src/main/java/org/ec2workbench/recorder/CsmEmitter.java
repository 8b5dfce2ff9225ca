package org.ec2workbench.recorder;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link AttemptSink} that sends each attempt and call as a Client-Side Monitoring datagram (the JSON
 * the AWS CLI and botocore send with {@code AWS_CSM_ENABLED=true}): {@code ApiCallAttempt} and
 * {@code ApiCall}, to a UDP host and port (127.0.0.1:31000 by default). Sending is fire-and-forget: a
 * full buffer or a closed port loses the datagram and never disturbs the application.
 */
public final class CsmEmitter implements AttemptSink, AutoCloseable {

    /** CSM's default port. */
    public static final int DEFAULT_PORT = 31000;
    private static final int MAX_MESSAGE = 512;
    private static final int MAX_USER_AGENT = 256;

    private final InetSocketAddress target;
    private final String clientId;
    private final DatagramSocket socket;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    /** An emitter sending to {@code host:port}, naming itself {@code clientId} in every datagram. */
    public CsmEmitter(String host, int port, String clientId) throws SocketException {
        this.target = new InetSocketAddress(host, port);
        this.clientId = clientId == null ? "" : clientId;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** Number of datagrams sent so far. */
    public long sent() {
        return sent.get();
    }

    @Override
    public long beginCall() {
        return calls.incrementAndGet();
    }

    @Override
    public void attempt(ObservedAttempt a) {
        Json json = new Json().field("Version", 1).field("ClientId", clientId).field("Type", "ApiCallAttempt")
                .field("Service", a.service()).field("Api", a.api())
                .field("Timestamp", a.startEpochMicros() / 1_000)
                .field("AttemptLatency", a.latencyMicros() / 1_000)
                .field("Fqdn", a.fqdn()).field("UserAgent", truncate(a.userAgent(), MAX_USER_AGENT))
                .field("AccessKey", Redaction.accessKeyId(a.accessKey())).field("Region", a.region());
        if (a.httpStatus() > 0) {
            json.field("HttpStatusCode", a.httpStatus());
        }
        json.field("XAmznRequestId", a.requestId())
                .field("AwsException", a.errorCode())
                .field("AwsExceptionMessage", truncate(a.errorMessage(), MAX_MESSAGE))
                .field("SdkException", a.sdkException())
                .field("SdkExceptionMessage", truncate(a.sdkExceptionMessage(), MAX_MESSAGE));
        send(json);
    }

    @Override
    public void call(ObservedCall c) {
        Json json = new Json().field("Version", 1).field("ClientId", clientId).field("Type", "ApiCall")
                .field("Service", c.service()).field("Api", c.api())
                .field("Timestamp", c.startEpochMicros() / 1_000)
                .field("AttemptCount", c.attemptCount()).field("Region", c.region())
                .field("UserAgent", truncate(c.userAgent(), MAX_USER_AGENT));
        if (c.finalHttpStatus() > 0) {
            json.field("FinalHttpStatusCode", c.finalHttpStatus());
        }
        json.field("FinalAwsException", c.finalErrorCode())
                .field("FinalAwsExceptionMessage", truncate(c.finalErrorMessage(), MAX_MESSAGE))
                .field("FinalSdkException", c.finalSdkException())
                .field("FinalSdkExceptionMessage", truncate(c.finalSdkExceptionMessage(), MAX_MESSAGE))
                .field("Latency", c.latencyMicros() / 1_000)
                .field("MaxRetriesExceeded", c.maxRetriesExceeded() ? 1 : 0);
        send(json);
    }

    private void send(Json json) {
        byte[] bytes = json.done().getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, target));
            sent.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            // fire-and-forget, like every CSM client
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    @Override
    public void close() {
        socket.close();
    }

    /** A tiny JSON object writer (the recorder carries no JSON library). */
    private static final class Json {
        private final StringBuilder out = new StringBuilder(512).append('{');

        Json field(String name, String value) {
            if (value == null) {
                return this;
            }
            key(name);
            out.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
            return this;
        }

        Json field(String name, long value) {
            key(name);
            out.append(value);
            return this;
        }

        private void key(String name) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(name).append("\":");
        }

        String done() {
            return out.append('}').toString();
        }
    }
}
