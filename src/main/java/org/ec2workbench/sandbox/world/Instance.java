package org.ec2workbench.sandbox.world;

import java.time.Instant;
import java.util.List;

/**
 * An instance as the world knows it: an immutable value replaced on every change.
 *
 * @param seq                 creation order, for stable listings
 * @param stateReasonCode     e.g. {@code Client.UserInitiatedShutdown}, or null
 * @param transitionReason    the {@code reason} text, e.g. {@code User initiated (2024-01-01 00:00:00 GMT)}
 * @param rootVolumeId        the root EBS volume, or null for instance-store AMIs
 * @param nextTransitionNanos world time of the next automatic transition, or {@link Long#MAX_VALUE}
 * @param stateSinceNanos     world time the current state began
 */
public record Instance(long seq, String id, String reservationId, String ownerId, String region, String zone,
                       String imageId, String instanceType, String keyName, String subnetId, String vpcId,
                       String privateIp, String publicIp, String macAddress, String networkInterfaceId,
                       List<GroupRef> groups, int launchIndex, Instant launchTime, InstanceState state,
                       String stateReasonCode, String stateReasonMessage, String transitionReason,
                       String rootDeviceType, String rootDeviceName, String rootVolumeId, Instant rootAttachTime,
                       String architecture, String clientToken, Visibility visibility, long nextTransitionNanos,
                       long stateSinceNanos) {

    /** A security group reference on an instance. */
    public record GroupRef(String id, String name) {
    }

    /** This instance in {@code newState} from {@code now}, next moving at {@code next}. */
    Instance moved(InstanceState newState, long now, long next, String reasonCode, String reasonMessage,
                   String reason) {
        return new Instance(seq, id, reservationId, ownerId, region, zone, imageId, instanceType, keyName, subnetId,
                vpcId, privateIp, newState == InstanceState.RUNNING || newState == InstanceState.PENDING
                        ? publicIp : null, macAddress, networkInterfaceId, groups, launchIndex, launchTime, newState,
                reasonCode, reasonMessage, reason, rootDeviceType, rootDeviceName, rootVolumeId, rootAttachTime,
                architecture, clientToken, visibility, next, now);
    }

    /** This instance with a public address (restarted instances get a new one). */
    Instance withPublicIp(String ip, Instant newLaunchTime) {
        return new Instance(seq, id, reservationId, ownerId, region, zone, imageId, instanceType, keyName, subnetId,
                vpcId, privateIp, ip, macAddress, networkInterfaceId, groups, launchIndex, newLaunchTime, state,
                stateReasonCode, stateReasonMessage, transitionReason, rootDeviceType, rootDeviceName, rootVolumeId,
                rootAttachTime, architecture, clientToken, visibility, nextTransitionNanos, stateSinceNanos);
    }

    /** The instance's ARN. */
    public String arn() {
        return "arn:aws:ec2:" + region + ":" + ownerId + ":instance/" + id;
    }
}
