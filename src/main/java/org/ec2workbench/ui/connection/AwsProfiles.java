package org.ec2workbench.ui.connection;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;

/**
 * The profiles of the SDK's profile files ({@code ~/.aws/config} and {@code ~/.aws/credentials}, or the
 * files named by {@code AWS_CONFIG_FILE} / {@code AWS_SHARED_CREDENTIALS_FILE}), read by the SDK itself.
 * Only names and regions are read here; keys stay with the SDK's credential provider.
 */
public final class AwsProfiles {

    private final ProfileFile file;

    /** Profiles of {@code file}. */
    public AwsProfiles(ProfileFile file) {
        this.file = file;
    }

    /** The user's default profile files; an unreadable file counts as no profiles. */
    public static AwsProfiles userDefault() {
        try {
            return new AwsProfiles(ProfileFile.defaultProfileFile());
        } catch (RuntimeException e) {
            return new AwsProfiles(ProfileFile.aggregator().build());
        }
    }

    /** Profile names, sorted, "default" first when present. */
    public List<String> names() {
        return file.profiles().keySet().stream()
                .sorted((a, b) -> a.equals("default") ? -1 : b.equals("default") ? 1 : a.compareTo(b))
                .toList();
    }

    /** The region configured for {@code profile}, if any. */
    public Optional<String> region(String profile) {
        return file.profile(profile).flatMap(p -> p.property(ProfileProperty.REGION));
    }

    /** Every region the SDK knows, by id, sorted. */
    public static List<String> regions() {
        return Region.regions().stream().map(Region::id).filter(id -> !id.startsWith("aws-")).sorted().toList();
    }
}
