package org.ec2workbench.sandbox.sqs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One queue's state. Guarded by its own monitor, which long polls also wait on. */
final class SqsQueue {

    final String accountId;
    final String region;
    final String name;
    final String arn;
    final long createdEpochSeconds;
    long lastModifiedEpochSeconds;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    final List<Message> messages = new ArrayList<>();
    QueuePolicy policy;
    Long lastPurgeNanos;
    boolean deleted;

    SqsQueue(String accountId, String region, String name, long createdEpochSeconds) {
        this.accountId = accountId;
        this.region = region;
        this.name = name;
        this.arn = "arn:aws:sqs:" + region + ":" + accountId + ":" + name;
        this.createdEpochSeconds = createdEpochSeconds;
        this.lastModifiedEpochSeconds = createdEpochSeconds;
    }

    int intAttribute(String name) {
        return Integer.parseInt(attributes.get(name));
    }

    /** One stored message. */
    static final class Message {
        final String id;
        final String body;
        final String md5OfBody;
        final ObjectNode messageAttributes;
        final String md5OfMessageAttributes;
        final String senderId;
        final long sentEpochMillis;
        final long sentNanos;
        long visibleAtNanos;
        int receiveCount;
        long firstReceiveEpochMillis;
        String receiptHandle;

        Message(String id, String body, String md5OfBody, ObjectNode messageAttributes, String md5OfMessageAttributes,
                String senderId, long sentEpochMillis, long sentNanos, long visibleAtNanos) {
            this.id = id;
            this.body = body;
            this.md5OfBody = md5OfBody;
            this.messageAttributes = messageAttributes;
            this.md5OfMessageAttributes = md5OfMessageAttributes;
            this.senderId = senderId;
            this.sentEpochMillis = sentEpochMillis;
            this.sentNanos = sentNanos;
            this.visibleAtNanos = visibleAtNanos;
        }
    }
}
