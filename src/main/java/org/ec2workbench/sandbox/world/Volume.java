package org.ec2workbench.sandbox.world;

import java.time.Instant;

/**
 * An EBS volume.
 *
 * @param state               creating, available, in-use or deleting
 * @param attachment          its attachment, or null
 * @param nextTransitionNanos world time creating → available, or {@link Long#MAX_VALUE}
 */
public record Volume(long seq, String id, String ownerId, String region, String zone, int size, String volumeType,
                     Integer iops, String snapshotId, boolean encrypted, Instant createTime, String state,
                     Attachment attachment, Visibility visibility, long nextTransitionNanos) {

    /** A volume's attachment to an instance. */
    public record Attachment(String instanceId, String device, String status, Instant attachTime,
                             boolean deleteOnTermination) {
    }

    Volume with(String newState, Attachment newAttachment, long next) {
        return new Volume(seq, id, ownerId, region, zone, size, volumeType, iops, snapshotId, encrypted, createTime,
                newState, newAttachment, visibility, next);
    }

    /** The volume's ARN. */
    public String arn() {
        return "arn:aws:ec2:" + region + ":" + ownerId + ":volume/" + id;
    }
}
