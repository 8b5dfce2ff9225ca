package org.ec2workbench.sandbox.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.sandbox.events.Uuids;

/**
 * The sandbox's SQS: standard queues per account and region, with visibility timeouts, delays, receive
 * counts, retention, purge, policies and bounded long polling, all on an injected {@link Clock}.
 *
 * <p>Operations take and return the AWS JSON 1.0 shapes (as Jackson trees); the Query protocol is
 * translated to and from those shapes by {@link SqsQueryProtocol}, so both protocols share one
 * implementation. Thread-safe.
 */
public final class SqsService implements AutoCloseable {

    /** How long a long poll sleeps between checks for messages whose delay or visibility ran out. */
    private static final long WAIT_SLICE_MILLIS = 50;
    private static final long NANOS = 1_000_000_000L;
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Set<String> SETTABLE = Set.of("DelaySeconds", "MaximumMessageSize",
            "MessageRetentionPeriod", "Policy", "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout",
            "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds",
            "SqsManagedSseEnabled");
    private static final List<String> READ_ONLY = List.of("ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp",
            "LastModifiedTimestamp", "QueueArn");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Who calls and through which endpoint.
     *
     * @param accountId the caller's account
     * @param region    the region of the credential scope
     * @param endpoint  the base URL queue URLs are built on, e.g. {@code http://127.0.0.1:4566}
     * @param senderId  what {@code SenderId} shows for messages this caller sends
     */
    public record Caller(String accountId, String region, String endpoint, String senderId) {
    }

    /** The outcome of a delivery by an AWS service (e.g. an EventBridge rule target). */
    public enum Delivery { DELIVERED, NO_SUCH_QUEUE, DENIED_BY_POLICY }

    private final Clock clock;
    private final RandomGenerator random;
    private final Semaphore longPollPermits;
    private final Map<String, SqsQueue> queues = new ConcurrentHashMap<>();
    private final Map<String, Long> deletedAtNanos = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * A service with no queues.
     *
     * @param clock              drives visibility timeouts, delays, retention and long-poll deadlines
     * @param random             source of message ids and receipt handles (seeded for determinism)
     * @param maxLongPollWaiters how many ReceiveMessage calls may wait at once; further ones answer at once
     *                           with what is there, so long polls can never hold every server thread
     */
    public SqsService(Clock clock, RandomGenerator random, int maxLongPollWaiters) {
        if (maxLongPollWaiters < 0) {
            throw new IllegalArgumentException("maxLongPollWaiters must be >= 0, was " + maxLongPollWaiters);
        }
        this.clock = clock;
        this.random = random;
        this.longPollPermits = new Semaphore(maxLongPollWaiters);
    }

    /** The ARN of a queue. */
    public static String queueArn(String region, String accountId, String name) {
        return "arn:aws:sqs:" + region + ":" + accountId + ":" + name;
    }

    /**
     * Runs one operation.
     *
     * @param operation e.g. {@code SendMessage}
     * @param params    the request in its JSON 1.0 shape
     * @return the result in its JSON 1.0 shape
     * @throws SqsException with the code SQS gives
     */
    public ObjectNode call(String operation, JsonNode params, Caller caller) {
        if (closed) {
            throw new SqsException("ServiceUnavailable", "ServiceUnavailable", 503, false, "Service is shutting down.");
        }
        return switch (operation) {
            case "CreateQueue" -> createQueue(params, caller);
            case "GetQueueUrl" -> getQueueUrl(params, caller);
            case "ListQueues" -> listQueues(params, caller);
            case "GetQueueAttributes" -> getQueueAttributes(params, caller);
            case "SetQueueAttributes" -> setQueueAttributes(params, caller);
            case "SendMessage" -> sendMessage(params, caller);
            case "ReceiveMessage" -> receiveMessage(params, caller);
            case "DeleteMessage" -> deleteMessage(params, caller);
            case "DeleteMessageBatch" -> deleteMessageBatch(params, caller);
            case "ChangeMessageVisibility" -> changeMessageVisibility(params, caller);
            case "PurgeQueue" -> purgeQueue(params, caller);
            case "DeleteQueue" -> deleteQueue(params, caller);
            case "TagQueue" -> tagQueue(params, caller);
            case "UntagQueue" -> untagQueue(params, caller);
            case "ListQueueTags" -> listQueueTags(params, caller);
            default -> throw SqsException.unknownOperation(operation, false);
        };
    }

    /** Whether this service implements {@code operation}. */
    public static boolean supports(String operation) {
        return List.of("CreateQueue", "GetQueueUrl", "ListQueues", "GetQueueAttributes", "SetQueueAttributes",
                "SendMessage", "ReceiveMessage", "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility",
                "PurgeQueue", "DeleteQueue", "TagQueue", "UntagQueue", "ListQueueTags").contains(operation);
    }

    /**
     * The ARN of the queue a request addresses, for authorization, or {@code *} when it addresses none
     * (ListQueues) or the queue cannot be named.
     */
    public String resourceArn(String operation, JsonNode params, Caller caller) {
        if (params.hasNonNull("QueueUrl")) {
            String[] parts = urlParts(params.get("QueueUrl").asText());
            if (parts != null) {
                return queueArn(caller.region(), parts[0], parts[1]);
            }
        } else if (params.hasNonNull("QueueName")) {
            return queueArn(caller.region(), caller.accountId(), params.get("QueueName").asText());
        }
        return "arn:aws:sqs:" + caller.region() + ":" + caller.accountId() + ":*";
    }

    /**
     * Sends {@code body} to the queue {@code queueArn} on behalf of an AWS service, as EventBridge does for
     * a rule target: only if the queue's policy allows {@code servicePrincipal} to {@code sqs:SendMessage}
     * for {@code sourceArn}.
     */
    public Delivery sendFromService(String queueArn, String servicePrincipal, String sourceArn, String sourceAccount,
                                    String body) {
        SqsQueue queue = queues.get(queueArn);
        if (queue == null) {
            return Delivery.NO_SUCH_QUEUE;
        }
        synchronized (queue) {
            if (queue.deleted) {
                return Delivery.NO_SUCH_QUEUE;
            }
            if (queue.policy == null
                    || !queue.policy.allowsService(servicePrincipal, "sqs:SendMessage", queue.arn, sourceArn, sourceAccount)) {
                return Delivery.DENIED_BY_POLICY;
            }
            enqueue(queue, body, null, 0, servicePrincipal);
        }
        return Delivery.DELIVERED;
    }

    /** Wakes every waiting long poll and refuses further calls. */
    @Override
    public void close() {
        closed = true;
        for (SqsQueue q : queues.values()) {
            synchronized (q) {
                q.notifyAll();
            }
        }
    }

    // Queues --------------------------------------------------------------------------------------------

    private ObjectNode createQueue(JsonNode p, Caller c) {
        String name = required(p, "QueueName");
        if (name.endsWith(".fifo")) {
            throw new SqsException("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", 400, true,
                    "FIFO queues are not supported by the sandbox.");
        }
        if (!QUEUE_NAME.matcher(name).matches()) {
            throw SqsException.invalidParameter(
                    "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        Map<String, String> requested = stringMap(p.get("Attributes"));
        Map<String, String> tags = stringMap(p.has("tags") ? p.get("tags") : p.get("Tags"));
        String arn = queueArn(c.region(), c.accountId(), name);
        long now = clock.nanoTime();
        SqsQueue fresh = new SqsQueue(c.accountId(), c.region(), name, clock.instant().getEpochSecond());
        defaults(fresh);
        for (Map.Entry<String, String> a : requested.entrySet()) {
            applyAttribute(fresh, a.getKey(), a.getValue());
        }
        Long deletedAt = deletedAtNanos.get(arn);
        if (deletedAt != null && now - deletedAt < 60 * NANOS && !queues.containsKey(arn)) {
            throw new SqsException("QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently", 400, true,
                    "You must wait 60 seconds after deleting a queue before you can create another with the same name.");
        }
        SqsQueue existing = queues.putIfAbsent(arn, fresh);
        if (existing != null) {
            synchronized (existing) {
                for (Map.Entry<String, String> a : requested.entrySet()) {
                    if (!a.getValue().equals(existing.attributes.get(a.getKey()))) {
                        throw new SqsException("QueueNameExists", "QueueAlreadyExists", 400, true,
                                "A queue already exists with the same name and a different value for attribute "
                                        + a.getKey());
                    }
                }
            }
        } else {
            synchronized (fresh) {
                fresh.tags.putAll(tags);
            }
        }
        return result().put("QueueUrl", url(c, arnOwner(arn), name));
    }

    private static void defaults(SqsQueue q) {
        q.attributes.put("VisibilityTimeout", "30");
        q.attributes.put("MaximumMessageSize", "262144");
        q.attributes.put("MessageRetentionPeriod", "345600");
        q.attributes.put("DelaySeconds", "0");
        q.attributes.put("ReceiveMessageWaitTimeSeconds", "0");
        q.attributes.put("SqsManagedSseEnabled", "true");
    }

    private static String arnOwner(String arn) {
        return arn.split(":")[4];
    }

    private void applyAttribute(SqsQueue q, String name, String value) {
        if (!SETTABLE.contains(name)) {
            throw SqsException.invalidAttributeName(name);
        }
        switch (name) {
            case "DelaySeconds" -> checkRange(name, value, 0, 900);
            case "MaximumMessageSize" -> checkRange(name, value, 1024, 262144);
            case "MessageRetentionPeriod" -> checkRange(name, value, 60, 1209600);
            case "ReceiveMessageWaitTimeSeconds" -> checkRange(name, value, 0, 20);
            case "VisibilityTimeout" -> checkRange(name, value, 0, 43200);
            case "Policy" -> {
                if (value.isEmpty()) {
                    q.policy = null;
                    q.attributes.remove(name);
                    return;
                }
                try {
                    q.policy = QueuePolicy.parse(value);
                } catch (IllegalArgumentException e) {
                    throw SqsException.invalidAttributeValue(name, e.getMessage());
                }
            }
            default -> {
                // accepted and echoed back; the sandbox has no KMS or dead-letter queues to act on them
            }
        }
        q.attributes.put(name, value);
    }

    private static void checkRange(String name, String value, long min, long max) {
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw SqsException.invalidAttributeValue(name, "must be an integer between " + min + " and " + max + ".");
        }
        if (v < min || v > max) {
            throw SqsException.invalidAttributeValue(name, "must be between " + min + " and " + max + ".");
        }
    }

    private ObjectNode getQueueUrl(JsonNode p, Caller c) {
        String name = required(p, "QueueName");
        String owner = p.hasNonNull("QueueOwnerAWSAccountId") ? p.get("QueueOwnerAWSAccountId").asText() : c.accountId();
        SqsQueue q = queues.get(queueArn(c.region(), owner, name));
        if (q == null || q.deleted || !owner.equals(c.accountId())) {
            throw SqsException.nonExistentQueue();
        }
        return result().put("QueueUrl", url(c, owner, name));
    }

    private ObjectNode listQueues(JsonNode p, Caller c) {
        String prefix = p.path("QueueNamePrefix").asText("");
        int max = p.hasNonNull("MaxResults") ? intParam(p, "MaxResults", 1, 1000) : 1000;
        String after = p.hasNonNull("NextToken") ? decodeToken(p.get("NextToken").asText()) : "";
        List<String> names = queues.values().stream()
                .filter(q -> !q.deleted && q.accountId.equals(c.accountId()) && q.region.equals(c.region()))
                .map(q -> q.name)
                .filter(n -> n.startsWith(prefix) && n.compareTo(after) > 0)
                .sorted()
                .toList();
        ObjectNode r = result();
        if (!names.isEmpty()) {
            ArrayNode urls = r.putArray("QueueUrls");
            names.stream().limit(max).forEach(n -> urls.add(url(c, c.accountId(), n)));
        }
        if (p.hasNonNull("MaxResults") && names.size() > max) {
            r.put("NextToken", Base64.getUrlEncoder().encodeToString(names.get(max - 1).getBytes(StandardCharsets.UTF_8)));
        }
        return r;
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SqsException.invalidParameter("Invalid NextToken value.");
        }
    }

    private ObjectNode getQueueAttributes(JsonNode p, Caller c) {
        SqsQueue q = queue(p, c);
        List<String> names = strings(p.get("AttributeNames"));
        ObjectNode r = result();
        synchronized (q) {
            Map<String, String> all = allAttributes(q);
            boolean everything = names.contains("All");
            ObjectNode attrs = JSON.createObjectNode();
            for (String n : names) {
                if (!n.equals("All") && !all.containsKey(n) && !SETTABLE.contains(n) && !READ_ONLY.contains(n)) {
                    throw SqsException.invalidAttributeName(n);
                }
            }
            for (Map.Entry<String, String> a : all.entrySet()) {
                if (everything || names.contains(a.getKey())) {
                    attrs.put(a.getKey(), a.getValue());
                }
            }
            if (!attrs.isEmpty()) {
                r.set("Attributes", attrs);
            }
        }
        return r;
    }

    private Map<String, String> allAttributes(SqsQueue q) {
        expire(q);
        long now = clock.nanoTime();
        int visible = 0;
        int inFlight = 0;
        int delayed = 0;
        for (SqsQueue.Message m : q.messages) {
            if (m.visibleAtNanos <= now) {
                visible++;
            } else if (m.receiveCount == 0) {
                delayed++;
            } else {
                inFlight++;
            }
        }
        Map<String, String> all = new TreeMap<>(q.attributes);
        all.put("ApproximateNumberOfMessages", Integer.toString(visible));
        all.put("ApproximateNumberOfMessagesNotVisible", Integer.toString(inFlight));
        all.put("ApproximateNumberOfMessagesDelayed", Integer.toString(delayed));
        all.put("CreatedTimestamp", Long.toString(q.createdEpochSeconds));
        all.put("LastModifiedTimestamp", Long.toString(q.lastModifiedEpochSeconds));
        all.put("QueueArn", q.arn);
        return all;
    }

    private ObjectNode setQueueAttributes(JsonNode p, Caller c) {
        SqsQueue q = queue(p, c);
        Map<String, String> attrs = stringMap(p.get("Attributes"));
        if (attrs.isEmpty()) {
            throw SqsException.missingParameter("Attributes");
        }
        synchronized (q) {
            for (Map.Entry<String, String> a : attrs.entrySet()) {
                applyAttribute(q, a.getKey(), a.getValue());
            }
            q.lastModifiedEpochSeconds = clock.instant().getEpochSecond();
        }
        return result();
    }

    private ObjectNode purgeQueue(JsonNode p, Caller c) {
        SqsQueue q = queue(p, c);
        synchronized (q) {
            long now = clock.nanoTime();
            if (q.lastPurgeNanos != null && now - q.lastPurgeNanos < 60 * NANOS) {
                throw new SqsException("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", 403, true,
                        "Only one PurgeQueue operation on " + q.name + " is allowed every 60 seconds.");
            }
            q.lastPurgeNanos = now;
            q.messages.clear();
        }
        return result();
    }

    private ObjectNode deleteQueue(JsonNode p, Caller c) {
        SqsQueue q = queue(p, c);
        synchronized (q) {
            q.deleted = true;
            q.messages.clear();
            queues.remove(q.arn, q);
            deletedAtNanos.put(q.arn, clock.nanoTime());
            q.notifyAll();
        }
        return result();
    }

    private ObjectNode tagQueue(JsonNode p, Caller c) {
        SqsQueue q = queue(p, c);
        Map<String, String> tags = stringMap(p.get("Tags"));
        synchronized (q) {
            q.tags.putAll(tags);
        }
        return result();
    }

    private ObjectNode untagQueue(JsonNode p, Caller c) {
        SqsQueue q = queue(p, c);
        synchronized (q) {
            strings(p.get("TagKeys")).forEach(q.tags::remove);
        }
        return result();
    }

    private ObjectNode listQueueTags(JsonNode p, Caller c) {
        SqsQueue q = queue(p, c);
        ObjectNode r = result();
        synchronized (q) {
            if (!q.tags.isEmpty()) {
                ObjectNode tags = r.putObject("Tags");
                q.tags.forEach(tags::put);
            }
        }
        return r;
    }

    // Messages ------------------------------------------------------------------------------------------

    private ObjectNode sendMessage(JsonNode p, Caller c) {
        SqsQueue q = queue(p, c);
        String body = p.hasNonNull("MessageBody") ? p.get("MessageBody").asText() : null;
        if (body == null || body.isEmpty()) {
            throw SqsException.missingParameter("MessageBody");
        }
        checkBody(body);
        ObjectNode attributes = p.get("MessageAttributes") instanceof ObjectNode o && !o.isEmpty() ? o.deepCopy() : null;
        if (attributes != null) {
            checkMessageAttributes(attributes);
        }
        SqsQueue.Message m;
        synchronized (q) {
            int max = q.intAttribute("MaximumMessageSize");
            if (body.getBytes(StandardCharsets.UTF_8).length > max) {
                throw SqsException.invalidParameter(
                        "One or more parameters are invalid. Reason: Message must be shorter than " + max + " bytes.");
            }
            int delay = p.hasNonNull("DelaySeconds") ? intParam(p, "DelaySeconds", 0, 900) : q.intAttribute("DelaySeconds");
            m = enqueue(q, body, attributes, delay, c.senderId());
        }
        ObjectNode r = result().put("MD5OfMessageBody", m.md5OfBody).put("MessageId", m.id);
        if (m.md5OfMessageAttributes != null) {
            r.put("MD5OfMessageAttributes", m.md5OfMessageAttributes);
        }
        return r;
    }

    private SqsQueue.Message enqueue(SqsQueue q, String body, ObjectNode attributes, int delaySeconds, String senderId) {
        long now = clock.nanoTime();
        SqsQueue.Message m = new SqsQueue.Message(Uuids.next(random), body, md5Hex(body.getBytes(StandardCharsets.UTF_8)),
                attributes, attributes == null ? null : md5OfAttributes(attributes), senderId,
                clock.instant().toEpochMilli(), now, now + delaySeconds * NANOS);
        q.messages.add(m);
        q.notifyAll();
        return m;
    }

    private static void checkMessageAttributes(ObjectNode attributes) {
        if (attributes.size() > 10) {
            throw SqsException.invalidParameter("Number of message attributes [" + attributes.size()
                    + "] exceeds the allowed maximum [10].");
        }
        Iterator<Map.Entry<String, JsonNode>> it = attributes.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> a = it.next();
            JsonNode v = a.getValue();
            String type = v.path("DataType").asText("");
            boolean binary = type.startsWith("Binary");
            if (!v.isObject() || !(type.startsWith("String") || type.startsWith("Number") || binary)) {
                throw SqsException.invalidParameter("The message attribute '" + a.getKey()
                        + "' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
            }
            JsonNode value = v.get(binary ? "BinaryValue" : "StringValue");
            if (value == null || !value.isTextual() || value.asText().isEmpty()) {
                throw SqsException.invalidParameter("The message attribute '" + a.getKey() + "' must contain non-empty "
                        + "message attribute value for message attribute type '" + type + "'.");
            }
            if (binary) {
                try {
                    Base64.getDecoder().decode(value.asText());
                } catch (IllegalArgumentException e) {
                    throw SqsException.invalidParameter("The message attribute '" + a.getKey()
                            + "' has an invalid binary value.");
                }
            }
        }
    }

    private static void checkBody(String body) {
        for (int i = 0; i < body.length(); ) {
            int cp = body.codePointAt(i);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!ok) {
                throw new SqsException("InvalidMessageContents", "InvalidMessageContents", 400, true,
                        "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | "
                                + "#xE000 to #xFFFD | #x10000 to #x10FFFF");
            }
            i += Character.charCount(cp);
        }
    }

    private ObjectNode receiveMessage(JsonNode p, Caller c) {
        SqsQueue q = queue(p, c);
        int max = p.hasNonNull("MaxNumberOfMessages") ? intParam(p, "MaxNumberOfMessages", 1, 10) : 1;
        Integer waitParam = p.hasNonNull("WaitTimeSeconds") ? intParam(p, "WaitTimeSeconds", 0, 20) : null;
        Integer visibilityParam = p.hasNonNull("VisibilityTimeout") ? intParam(p, "VisibilityTimeout", 0, 43200) : null;
        List<String> systemNames = new ArrayList<>(strings(p.get("AttributeNames")));
        systemNames.addAll(strings(p.get("MessageSystemAttributeNames")));
        List<String> attributeNames = strings(p.get("MessageAttributeNames"));

        List<SqsQueue.Message> taken;
        synchronized (q) {
            int wait = waitParam != null ? waitParam : q.intAttribute("ReceiveMessageWaitTimeSeconds");
            int visibility = visibilityParam != null ? visibilityParam : q.intAttribute("VisibilityTimeout");
            taken = take(q, max, visibility);
            if (taken.isEmpty() && wait > 0 && longPollPermits.tryAcquire()) {
                try {
                    taken = waitAndTake(q, max, visibility, wait);
                } finally {
                    longPollPermits.release();
                }
            }
        }
        ObjectNode r = result();
        if (!taken.isEmpty()) {
            ArrayNode out = r.putArray("Messages");
            for (SqsQueue.Message m : taken) {
                out.add(render(m, systemNames, attributeNames));
            }
        }
        return r;
    }

    /**
     * Waits on the queue's monitor until messages arrive or {@code waitSeconds} of the service clock pass.
     * The number of slices also bounds the wait in real time, so a stopped or slow clock cannot hold a
     * server thread longer than {@code waitSeconds}.
     */
    private List<SqsQueue.Message> waitAndTake(SqsQueue q, int max, int visibility, int waitSeconds) {
        long deadline = clock.nanoTime() + waitSeconds * NANOS;
        long slices = waitSeconds * 1000L / WAIT_SLICE_MILLIS;
        for (long i = 0; i < slices && !closed; i++) {
            if (q.deleted) {
                throw SqsException.nonExistentQueue();
            }
            long remaining = deadline - clock.nanoTime();
            if (remaining <= 0) {
                break;
            }
            try {
                q.wait(Math.max(1, Math.min(WAIT_SLICE_MILLIS, remaining / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            List<SqsQueue.Message> taken = take(q, max, visibility);
            if (!taken.isEmpty()) {
                return taken;
            }
        }
        return List.of();
    }

    private List<SqsQueue.Message> take(SqsQueue q, int max, int visibility) {
        if (q.deleted) {
            throw SqsException.nonExistentQueue();
        }
        expire(q);
        long now = clock.nanoTime();
        List<SqsQueue.Message> taken = new ArrayList<>();
        for (SqsQueue.Message m : q.messages) {
            if (taken.size() == max) {
                break;
            }
            if (m.visibleAtNanos <= now) {
                m.receiveCount++;
                if (m.receiveCount == 1) {
                    m.firstReceiveEpochMillis = clock.instant().toEpochMilli();
                }
                m.visibleAtNanos = now + visibility * NANOS;
                m.receiptHandle = receiptHandle(q, m);
                taken.add(m);
            }
        }
        return taken;
    }

    private void expire(SqsQueue q) {
        long retention = q.intAttribute("MessageRetentionPeriod") * NANOS;
        long now = clock.nanoTime();
        q.messages.removeIf(m -> now - m.sentNanos >= retention);
    }

    private static ObjectNode render(SqsQueue.Message m, List<String> systemNames, List<String> attributeNames) {
        ObjectNode o = JSON.createObjectNode();
        o.put("MessageId", m.id).put("ReceiptHandle", m.receiptHandle).put("MD5OfBody", m.md5OfBody).put("Body", m.body);
        boolean all = systemNames.contains("All");
        ObjectNode attrs = JSON.createObjectNode();
        Map<String, String> system = new TreeMap<>(Map.of(
                "SenderId", m.senderId,
                "SentTimestamp", Long.toString(m.sentEpochMillis),
                "ApproximateReceiveCount", Integer.toString(m.receiveCount),
                "ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceiveEpochMillis)));
        system.forEach((k, v) -> {
            if (all || systemNames.contains(k)) {
                attrs.put(k, v);
            }
        });
        if (!attrs.isEmpty()) {
            o.set("Attributes", attrs);
        }
        if (m.messageAttributes != null && !attributeNames.isEmpty()) {
            ObjectNode selected = JSON.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> it = m.messageAttributes.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> a = it.next();
                if (wanted(a.getKey(), attributeNames)) {
                    selected.set(a.getKey(), a.getValue());
                }
            }
            if (!selected.isEmpty()) {
                o.set("MessageAttributes", selected);
                o.put("MD5OfMessageAttributes", md5OfAttributes(selected));
            }
        }
        return o;
    }

    private static boolean wanted(String name, List<String> requested) {
        for (String r : requested) {
            if (r.equals("All") || r.equals(".*") || r.equals(name) || (r.endsWith(".*") && name.startsWith(r.substring(0, r.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode deleteMessage(JsonNode p, Caller c) {
        SqsQueue q = queue(p, c);
        String handle = required(p, "ReceiptHandle");
        synchronized (q) {
            delete(q, handle);
        }
        return result();
    }

    private void delete(SqsQueue q, String handle) {
        String messageId = messageIdOf(q, handle);
        // Deleting with an older handle of a message, or deleting twice, succeeds silently as on SQS.
        q.messages.removeIf(m -> m.id.equals(messageId));
    }

    private ObjectNode deleteMessageBatch(JsonNode p, Caller c) {
        SqsQueue q = queue(p, c);
        JsonNode entries = p.get("Entries");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw new SqsException("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", 400, true,
                    "There should be at least one DeleteMessageBatchRequestEntry in the request.");
        }
        if (entries.size() > 10) {
            throw new SqsException("TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                    400, true, "Maximum number of entries per request are 10. You have sent " + entries.size() + ".");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode e : entries) {
            String id = e.path("Id").asText("");
            if (!id.matches("[A-Za-z0-9_-]{1,80}")) {
                throw new SqsException("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId", 400, true,
                        "A batch entry id can only contain alphanumeric characters, hyphens and underscores. "
                                + "It can be at most 80 letters long.");
            }
            if (ids.contains(id)) {
                throw new SqsException("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
                        400, true, "Id " + id + " repeated.");
            }
            ids.add(id);
        }
        ObjectNode r = result();
        ArrayNode ok = JSON.createArrayNode();
        ArrayNode failed = JSON.createArrayNode();
        synchronized (q) {
            for (JsonNode e : entries) {
                String id = e.get("Id").asText();
                try {
                    delete(q, e.path("ReceiptHandle").asText(""));
                    ok.addObject().put("Id", id);
                } catch (SqsException ex) {
                    failed.addObject().put("Id", id).put("SenderFault", true).put("Code", ex.queryCode())
                            .put("Message", ex.getMessage());
                }
            }
        }
        r.set("Successful", ok);
        r.set("Failed", failed);
        return r;
    }

    private ObjectNode changeMessageVisibility(JsonNode p, Caller c) {
        SqsQueue q = queue(p, c);
        String handle = required(p, "ReceiptHandle");
        if (!p.hasNonNull("VisibilityTimeout")) {
            throw SqsException.missingParameter("VisibilityTimeout");
        }
        int timeout = intParam(p, "VisibilityTimeout", 0, 43200);
        synchronized (q) {
            String messageId = messageIdOf(q, handle);
            long now = clock.nanoTime();
            SqsQueue.Message m = q.messages.stream().filter(x -> x.id.equals(messageId)).findFirst().orElse(null);
            if (m == null || m.visibleAtNanos <= now || !handle.equals(m.receiptHandle)) {
                throw new SqsException("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", 400, true,
                        "Value " + handle + " for parameter ReceiptHandle is invalid. Reason: Message does not exist "
                                + "or is not available for visibility timeout change.");
            }
            m.visibleAtNanos = now + timeout * NANOS;
            if (timeout == 0) {
                q.notifyAll();
            }
        }
        return result();
    }

    // Helpers -------------------------------------------------------------------------------------------

    private SqsQueue queue(JsonNode p, Caller c) {
        String url = required(p, "QueueUrl");
        String[] parts = urlParts(url);
        if (parts == null) {
            throw SqsException.nonExistentQueue();
        }
        if (!parts[0].equals(c.accountId())) {
            throw SqsException.nonExistentQueue();
        }
        SqsQueue q = queues.get(queueArn(c.region(), parts[0], parts[1]));
        if (q == null || q.deleted) {
            throw SqsException.nonExistentQueue();
        }
        return q;
    }

    /** {@code [account, name]} from a queue URL {@code scheme://host/ACCOUNT/NAME}, or null. */
    static String[] urlParts(String url) {
        String path = url;
        int scheme = url.indexOf("://");
        if (scheme >= 0) {
            int slash = url.indexOf('/', scheme + 3);
            path = slash < 0 ? "" : url.substring(slash);
        }
        String[] parts = path.replaceAll("^/+", "").split("/");
        if (parts.length != 2 || !parts[0].matches("\\d{12}") || parts[1].isEmpty()) {
            return null;
        }
        return parts;
    }

    private static String url(Caller c, String account, String name) {
        return c.endpoint() + "/" + account + "/" + name;
    }

    private String receiptHandle(SqsQueue q, SqsQueue.Message m) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String raw = q.arn + " " + m.id + " " + HexFormat.of().formatHex(nonce);
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String messageIdOf(SqsQueue q, String handle) {
        String raw;
        try {
            raw = new String(Base64.getDecoder().decode(handle), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SqsException.receiptHandleIsInvalid(handle);
        }
        String[] parts = raw.split(" ");
        if (parts.length != 3 || !parts[0].equals(q.arn)) {
            throw SqsException.receiptHandleIsInvalid(handle);
        }
        return parts[1];
    }

    private static ObjectNode result() {
        return JSON.createObjectNode();
    }

    private static String required(JsonNode p, String name) {
        JsonNode v = p.get(name);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw SqsException.missingParameter(name);
        }
        return v.asText();
    }

    private static int intParam(JsonNode p, String name, int min, int max) {
        JsonNode v = p.get(name);
        long value;
        try {
            value = v.isNumber() ? v.longValue() : Long.parseLong(v.asText().trim());
        } catch (NumberFormatException e) {
            throw SqsException.invalidParameter("Value " + v.asText() + " for parameter " + name
                    + " is invalid. Reason: must be an integer.");
        }
        if (value < min || value > max) {
            String range = min == 0 ? "Must be >= 0 and <= " + max : "Must be between " + min + " and " + max;
            throw SqsException.invalidParameter("Value " + value + " for parameter " + name
                    + " is invalid. Reason: " + range + ", if provided.");
        }
        return (int) value;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    /**
     * SQS's digest of message attributes: for each attribute in name order, the length-prefixed name,
     * length-prefixed data type, a transport byte (1 string, 2 binary) and the length-prefixed value.
     * SDKs recompute it and reject a reply that disagrees.
     */
    static String md5OfAttributes(JsonNode attributes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> names = new ArrayList<>();
        attributes.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        for (String name : names) {
            JsonNode a = attributes.get(name);
            writeLengthPrefixed(out, name.getBytes(StandardCharsets.UTF_8));
            writeLengthPrefixed(out, a.path("DataType").asText("").getBytes(StandardCharsets.UTF_8));
            if (a.hasNonNull("StringValue")) {
                out.write(1);
                writeLengthPrefixed(out, a.get("StringValue").asText().getBytes(StandardCharsets.UTF_8));
            } else if (a.hasNonNull("BinaryValue")) {
                out.write(2);
                writeLengthPrefixed(out, Base64.getDecoder().decode(a.get("BinaryValue").asText()));
            }
        }
        return md5Hex(out.toByteArray());
    }

    private static void writeLengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
