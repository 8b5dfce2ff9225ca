package org.ec2workbench.sandbox.world;

import java.time.Instant;

/**
 * A key pair. The private key is returned once by CreateKeyPair and never stored.
 *
 * @param fingerprint SHA-1 of the private key's DER, colon-separated (as EC2 shows for keys it created)
 */
public record KeyPair(long seq, String id, String name, String fingerprint, String keyType, Instant createTime,
                      String ownerId, String region, Visibility visibility) {

    /** The key pair's ARN. */
    public String arn() {
        return "arn:aws:ec2:" + region + ":" + ownerId + ":key-pair/" + name;
    }
}
