package org.ec2workbench.ui.experiment;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZoneState;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * What one run's creating requests need besides their number: the session (tag value and name prefix), the
 * run's number (so names never collide across runs), and what a launch or a volume needs, looked up once per
 * run (the newest EBS-backed x86_64 Amazon image, the first available zone) and shared by the run's workers.
 */
public final class ExperimentTarget {

    private final String sessionId;
    private final int run;
    private final Optional<String> securityGroupId;
    private String imageId;
    private String zone;

    /**
     * @param sessionId       tags and names what is created
     * @param run             this run's number within the session
     * @param securityGroupId a group of this session that launched instances join, if any (so clean-up has a
     *                        real dependency to respect)
     */
    public ExperimentTarget(String sessionId, int run, Optional<String> securityGroupId) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.run = run;
        this.securityGroupId = Objects.requireNonNull(securityGroupId, "securityGroupId");
    }

    /** The session id. */
    public String sessionId() {
        return sessionId;
    }

    /** The run's number. */
    public int run() {
        return run;
    }

    /** The group launched instances join, if any. */
    public Optional<String> securityGroupId() {
        return securityGroupId;
    }

    /** The image instances launch from, looked up on first use. */
    public synchronized String imageId(Ec2Client ec2) {
        if (imageId == null) {
            imageId = ec2.describeImages(r -> r.owners("amazon").filters(
                            f -> f.name("root-device-type").values("ebs"), f -> f.name("architecture").values("x86_64"),
                            f -> f.name("state").values("available"))).images().stream()
                    .max(Comparator.comparing(Image::creationDate, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .orElseThrow(() -> new IllegalStateException("No EBS-backed x86_64 Amazon image is available"))
                    .imageId();
        }
        return imageId;
    }

    /** The zone volumes are created in, looked up on first use. */
    public synchronized String zone(Ec2Client ec2) {
        if (zone == null) {
            zone = ec2.describeAvailabilityZones().availabilityZones().stream()
                    .filter(z -> z.state() == AvailabilityZoneState.AVAILABLE).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No availability zone is available"))
                    .zoneName();
        }
        return zone;
    }
}
