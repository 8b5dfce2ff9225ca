package org.ec2workbench.aws;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Where the SDK clients talk to: the embedded sandbox (an endpoint override and its keys) or real AWS (a
 * profile and a region, no override). The same client code serves both.
 *
 * @param endpoint    the endpoint override, empty for real AWS
 * @param region      the region
 * @param credentials where the keys come from
 * @param label       what the UI shows, e.g. {@code sandbox http://127.0.0.1:4566} or {@code profile dev}
 */
public record Connection(Optional<URI> endpoint, Region region, AwsCredentialsProvider credentials, String label) {

    public Connection {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(label, "label");
    }

    /** A connection to a sandbox (or any local endpoint) with static keys. */
    public static Connection sandbox(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
        return new Connection(Optional.of(endpoint), Region.of(region),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)),
                "sandbox " + endpoint);
    }

    /** A connection to real AWS through a named profile of the SDK's profile files. */
    public static Connection awsProfile(String profile, String region) {
        return new Connection(Optional.empty(), Region.of(region),
                ProfileCredentialsProvider.create(profile), "profile " + profile + " (" + region + ")");
    }

    /** Whether this connection reaches real AWS (where mutating calls cost money). */
    public boolean isRealAws() {
        return endpoint.isEmpty();
    }
}
