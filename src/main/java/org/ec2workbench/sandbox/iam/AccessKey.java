package org.ec2workbench.sandbox.iam;

import java.util.Objects;

/**
 * An access key pair. {@link #toString()} never shows the secret, so the pair can be logged by accident
 * without leaking it.
 *
 * @param accessKeyId     the public id, e.g. {@code AKIAEC2WORKBENCH0001}
 * @param secretAccessKey the secret; never log, print or return it
 */
public record AccessKey(String accessKeyId, String secretAccessKey) {

    public AccessKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
        return "AccessKey[accessKeyId=" + accessKeyId + ", secretAccessKey=(redacted)]";
    }
}
