package org.ec2workbench.ui.experiment;

import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** What an experiment sends, one SDK call per request. */
public enum ExperimentAction {
    DESCRIBE_INSTANCES_FILTERED("DescribeInstances (filtered: non-mutating bucket)", false),
    DESCRIBE_INSTANCES_UNFILTERED("DescribeInstances (unfiltered: the smaller bucket)", false),
    DESCRIBE_VOLUMES("DescribeVolumes (filtered)", false),
    DESCRIBE_SECURITY_GROUPS("DescribeSecurityGroups (filtered)", false),
    DESCRIBE_IMAGES("DescribeImages (own images)", false),
    CREATE_SECURITY_GROUP("CreateSecurityGroup (creates resources; tagged, cleaned up)", true);

    /** The tag key put on everything an experiment creates. */
    public static final String SESSION_TAG = "ec2-workbench:session";

    private final String label;
    private final boolean mutating;

    ExperimentAction(String label, boolean mutating) {
        this.label = label;
        this.mutating = mutating;
    }

    /** Whether the action changes the account (confirmation and DryRun first in AWS mode). */
    public boolean mutating() {
        return mutating;
    }

    /** The EC2 action sent, e.g. {@code DescribeInstances}. */
    public String actionName() {
        return label.substring(0, label.indexOf(' '));
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * Sends request {@code n} of an experiment; returns the id of a created resource, if any.
     *
     * @param dryRun only ask whether it would be allowed (EC2 answers DryRunOperation or UnauthorizedOperation)
     */
    public Optional<String> send(Ec2Client ec2, int n, String session, boolean dryRun) {
        Filter running = Filter.builder().name("instance-state-name").values("pending", "running").build();
        switch (this) {
            case DESCRIBE_INSTANCES_FILTERED -> ec2.describeInstances(r -> r.filters(running).dryRun(dryRun));
            case DESCRIBE_INSTANCES_UNFILTERED -> ec2.describeInstances(r -> r.dryRun(dryRun));
            case DESCRIBE_VOLUMES -> ec2.describeVolumes(r -> r.filters(
                    Filter.builder().name("status").values("available", "in-use").build()).dryRun(dryRun));
            case DESCRIBE_SECURITY_GROUPS -> ec2.describeSecurityGroups(r -> r.filters(
                    Filter.builder().name("group-name").values("*").build()).dryRun(dryRun));
            case DESCRIBE_IMAGES -> ec2.describeImages(r -> r.owners("self").dryRun(dryRun));
            case CREATE_SECURITY_GROUP -> {
                String id = ec2.createSecurityGroup(r -> r.groupName("ec2wb-" + session + "-" + n)
                        .description("EC2 API Workbench experiment " + session)
                        .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP)
                                .tags(Tag.builder().key(SESSION_TAG).value(session).build()).build())
                        .dryRun(dryRun)).groupId();
                return Optional.ofNullable(id);
            }
        }
        return Optional.empty();
    }
}
