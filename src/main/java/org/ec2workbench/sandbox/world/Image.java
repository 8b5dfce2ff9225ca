package org.ec2workbench.sandbox.world;

import java.time.Instant;

/**
 * A public machine image.
 *
 * @param rootDeviceType {@code ebs} or {@code instance-store}
 * @param snapshotId     the root snapshot for EBS images, else null
 */
public record Image(String id, String name, String description, String ownerId, String ownerAlias,
                    String architecture, String platformDetails, String rootDeviceType, String rootDeviceName,
                    String snapshotId, int rootVolumeSize, Instant creationDate, String region) {

    /** The image's ARN (images have no account in their ARN). */
    public String arn() {
        return "arn:aws:ec2:" + region + "::image/" + id;
    }

    /** Whether launching it creates an EBS root volume. */
    public boolean ebsBacked() {
        return "ebs".equals(rootDeviceType);
    }
}
