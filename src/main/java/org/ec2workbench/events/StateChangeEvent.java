package org.ec2workbench.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One "EC2 Instance State-change Notification" as delivered by CloudWatch Events / EventBridge.
 *
 * @param id         the event id (the same on every at-least-once redelivery: the deduplication key)
 * @param instanceId the instance
 * @param state      the new state: pending, running, stopping, stopped, shutting-down or terminated
 * @param time       when the transition happened, as the event says (second precision)
 * @param region     the region
 * @param account    the account
 * @param json       the event as received
 */
public record StateChangeEvent(String id, String instanceId, String state, Instant time, String region, String account,
                               String json) {

    /** The {@code detail-type} of these events. */
    public static final String DETAIL_TYPE = "EC2 Instance State-change Notification";
    /** The {@code source} of these events. */
    public static final String SOURCE = "aws.ec2";
    private static final ObjectMapper JSON = new ObjectMapper();

    public StateChangeEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(time, "time");
    }

    /**
     * Parses an SQS message body holding the event.
     *
     * @throws IllegalArgumentException if it is not a well-formed EC2 state-change event
     */
    public static StateChangeEvent parse(String body) {
        JsonNode e;
        try {
            e = JSON.readTree(body);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("not JSON: " + ex.getOriginalMessage());
        }
        if (e == null || !e.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!SOURCE.equals(e.path("source").asText()) || !DETAIL_TYPE.equals(e.path("detail-type").asText())) {
            throw new IllegalArgumentException("not an EC2 state-change notification: source "
                    + e.path("source").asText() + ", detail-type " + e.path("detail-type").asText());
        }
        JsonNode detail = e.path("detail");
        String id = e.path("id").asText("");
        String instanceId = detail.path("instance-id").asText("");
        String state = detail.path("state").asText("");
        if (id.isEmpty() || instanceId.isEmpty() || state.isEmpty()) {
            throw new IllegalArgumentException("the event lacks id, detail.instance-id or detail.state");
        }
        Instant time;
        try {
            time = Instant.parse(e.path("time").asText());
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("bad time: " + e.path("time").asText());
        }
        return new StateChangeEvent(id, instanceId, state, time, e.path("region").asText(), e.path("account").asText(), body);
    }
}
