package org.ec2workbench.sandbox;

/**
 * An access key pair for the sandbox. {@link #toString()} never shows the secret.
 *
 * @param accessKeyId     the access key id
 * @param secretAccessKey the secret access key
 */
public record Credentials(String accessKeyId, String secretAccessKey) {

    public Credentials {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("access key id and secret must not be blank");
        }
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
    }
}
