package org.ec2workbench.capture.csm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One Client-Side Monitoring datagram, parsed and checked: an {@code ApiCallAttempt} (one HTTP attempt) or
 * an {@code ApiCall} (the summary a client sends when a call ends). Field names are those botocore and the
 * SDKs send; optional fields are {@code null} or -1 when absent. The access key is redacted on parsing and
 * never kept in clear.
 *
 * @param type          attempt or call
 * @param clientId      the {@code ClientId} ({@code AWS_CSM_CLIENT_ID}), "" when unset
 * @param service       the {@code Service}, e.g. {@code EC2}
 * @param api           the {@code Api}, e.g. {@code DescribeInstances}
 * @param timestampMs   the {@code Timestamp}: attempt start (attempt) or call start (call), epoch ms
 * @param latencyMs     {@code AttemptLatency} (attempt) or {@code Latency} (call), -1 when absent
 * @param httpStatus    {@code HttpStatusCode} / {@code FinalHttpStatusCode}, 0 when absent
 * @param awsException  {@code AwsException} / {@code FinalAwsException}
 * @param awsMessage    {@code AwsExceptionMessage} / {@code FinalAwsExceptionMessage}
 * @param sdkException  {@code SdkException} / {@code FinalSdkException}
 * @param sdkMessage    {@code SdkExceptionMessage} / {@code FinalSdkExceptionMessage}
 * @param requestId     {@code XAmznRequestId} (or {@code XAmzRequestId})
 * @param userAgent     {@code UserAgent}
 * @param accessKey     {@code AccessKey}, redacted
 * @param region        {@code Region}
 * @param fqdn          {@code Fqdn}
 * @param attemptCount  {@code AttemptCount} (call), -1 for attempts
 * @param maxRetriesExceeded {@code MaxRetriesExceeded} (call)
 */
public record CsmDatagram(Type type, String clientId, String service, String api, long timestampMs, long latencyMs,
        int httpStatus, String awsException, String awsMessage, String sdkException, String sdkMessage,
        String requestId, String userAgent, String accessKey, String region, String fqdn, int attemptCount,
        boolean maxRetriesExceeded) {

    /** The two datagram types. */
    public enum Type {
        /** One HTTP attempt. */
        ATTEMPT,
        /** The end of a call. */
        CALL
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Larger datagrams are not CSM (clients cap theirs well below this). */
    public static final int MAX_BYTES = 16 * 1024;

    public CsmDatagram {
        Objects.requireNonNull(type, "type");
    }

    /** A datagram that is not valid CSM; the message says what is wrong. */
    public static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    /** Parses {@code length} bytes of UTF-8 JSON. */
    public static CsmDatagram parse(byte[] data, int length) throws MalformedException {
        if (length > MAX_BYTES) {
            throw new MalformedException("datagram of " + length + " bytes exceeds " + MAX_BYTES);
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(data, 0, length, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new MalformedException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedException("not a JSON object");
        }
        String typeName = requiredText(root, "Type");
        Type type = switch (typeName) {
            case "ApiCallAttempt" -> Type.ATTEMPT;
            case "ApiCall" -> Type.CALL;
            default -> throw new MalformedException("unknown Type '" + typeName + "'");
        };
        boolean call = type == Type.CALL;
        String requestId = text(root, "XAmznRequestId");
        if (requestId == null) {
            requestId = text(root, "XAmzRequestId");
        }
        int attemptCount = call ? (int) number(root, "AttemptCount", 1, 10_000, true) : -1;
        return new CsmDatagram(type, textOr(root, "ClientId", ""), requiredText(root, "Service"),
                requiredText(root, "Api"), number(root, "Timestamp", 0, Long.MAX_VALUE / 1_000, true),
                number(root, call ? "Latency" : "AttemptLatency", 0, 86_400_000, false),
                (int) Math.max(0, number(root, call ? "FinalHttpStatusCode" : "HttpStatusCode", 100, 999, false)),
                text(root, call ? "FinalAwsException" : "AwsException"),
                text(root, call ? "FinalAwsExceptionMessage" : "AwsExceptionMessage"),
                text(root, call ? "FinalSdkException" : "SdkException"),
                text(root, call ? "FinalSdkExceptionMessage" : "SdkExceptionMessage"),
                requestId, text(root, "UserAgent"),
                org.ec2workbench.recorder.Redaction.accessKeyId(text(root, "AccessKey")),
                text(root, "Region"), text(root, "Fqdn"), attemptCount,
                call && number(root, "MaxRetriesExceeded", 0, 1, false) == 1);
    }

    private static String requiredText(JsonNode root, String field) throws MalformedException {
        String value = text(root, field);
        if (value == null || value.isBlank()) {
            throw new MalformedException("missing " + field);
        }
        return value;
    }

    private static String textOr(JsonNode root, String field, String fallback) throws MalformedException {
        String value = text(root, field);
        return value == null ? fallback : value;
    }

    private static String text(JsonNode root, String field) throws MalformedException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new MalformedException(field + " is not a string");
        }
        return node.asText();
    }

    private static long number(JsonNode root, String field, long min, long max, boolean required)
            throws MalformedException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new MalformedException("missing " + field);
            }
            return -1;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new MalformedException(field + " is not an integer");
        }
        long v = node.asLong();
        if (v < min || v > max) {
            throw new MalformedException(field + " " + v + " is out of range " + min + ".." + max);
        }
        return v;
    }
}
