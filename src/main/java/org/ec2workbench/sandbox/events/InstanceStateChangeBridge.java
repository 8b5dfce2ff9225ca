package org.ec2workbench.sandbox.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Turns every instance transition of the sandbox's EC2 world into the "EC2 Instance State-change
 * Notification" event AWS puts on the default bus: source {@code aws.ec2}, the instance ARN in
 * {@code resources}, and {@code detail: {"instance-id", "state"}}.
 */
public final class InstanceStateChangeBridge {

    /** The event's {@code detail-type}. */
    public static final String DETAIL_TYPE = "EC2 Instance State-change Notification";
    /** The event's {@code source}. */
    public static final String SOURCE = "aws.ec2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventsService events;

    /** A bridge into {@code events}' default buses. */
    public InstanceStateChangeBridge(EventsService events) {
        this.events = events;
    }

    /**
     * Publishes one transition.
     *
     * @param previousState the state left (not part of the event, as on AWS)
     * @return the event as delivered
     */
    public ObjectNode onTransition(String instanceId, String previousState, String newState, Instant time,
                                   String region, String accountId) {
        ObjectNode detail = JSON.createObjectNode().put("instance-id", instanceId).put("state", newState);
        String arn = "arn:aws:ec2:" + region + ":" + accountId + ":instance/" + instanceId;
        return events.publishServiceEvent(SOURCE, DETAIL_TYPE, List.of(arn), detail, time, region, accountId);
    }
}
