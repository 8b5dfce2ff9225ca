package org.ec2workbench.ui.experiment;

import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.KeyType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/** What an experiment sends, one SDK call per request. */
public enum ExperimentAction {
    DESCRIBE_INSTANCES_FILTERED("DescribeInstances (filtered: non-mutating bucket)", null),
    DESCRIBE_INSTANCES_UNFILTERED("DescribeInstances (unfiltered: the smaller bucket)", null),
    DESCRIBE_VOLUMES("DescribeVolumes (filtered)", null),
    DESCRIBE_SECURITY_GROUPS("DescribeSecurityGroups (filtered)", null),
    DESCRIBE_IMAGES("DescribeImages (own images)", null),
    CREATE_SECURITY_GROUP("CreateSecurityGroup (creates groups; tagged, cleaned up)", ResourceKind.SECURITY_GROUP),
    RUN_INSTANCES("RunInstances (launches one t3.micro each; tagged, cleaned up)", ResourceKind.INSTANCE),
    CREATE_VOLUME("CreateVolume (1 GiB gp3 each; tagged, cleaned up)", ResourceKind.VOLUME),
    CREATE_KEY_PAIR("CreateKeyPair (private key discarded; tagged, cleaned up)", ResourceKind.KEY_PAIR);

    /** The tag key put on everything the workbench creates; its value is the session id. */
    public static final String SESSION_TAG = "ec2-workbench:session";

    private final String label;
    private final ResourceKind creates;

    ExperimentAction(String label, ResourceKind creates) {
        this.label = label;
        this.creates = creates;
    }

    /** Whether the action changes the account (confirmation and DryRun first in AWS mode). */
    public boolean mutating() {
        return creates != null;
    }

    /** What each request creates, if anything. */
    public Optional<ResourceKind> creates() {
        return Optional.ofNullable(creates);
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
     * Sends request {@code n} of an experiment; returns what it created, if anything. Everything created is
     * tagged at creation (TagSpecifications) with {@link #SESSION_TAG} = the session id.
     *
     * @param dryRun only ask whether it would be allowed (EC2 answers DryRunOperation or UnauthorizedOperation)
     */
    public Optional<CreatedResource> send(Ec2Client ec2, ExperimentTarget target, int n, boolean dryRun) {
        Filter running = Filter.builder().name("instance-state-name").values("pending", "running").build();
        String name = "ec2wb-" + target.sessionId() + "-" + target.run() + "-" + n;
        switch (this) {
            case DESCRIBE_INSTANCES_FILTERED -> ec2.describeInstances(r -> r.filters(running).dryRun(dryRun));
            case DESCRIBE_INSTANCES_UNFILTERED -> ec2.describeInstances(r -> r.dryRun(dryRun));
            case DESCRIBE_VOLUMES -> ec2.describeVolumes(r -> r.filters(
                    Filter.builder().name("status").values("available", "in-use").build()).dryRun(dryRun));
            case DESCRIBE_SECURITY_GROUPS -> ec2.describeSecurityGroups(r -> r.filters(
                    Filter.builder().name("group-name").values("*").build()).dryRun(dryRun));
            case DESCRIBE_IMAGES -> ec2.describeImages(r -> r.owners("self").dryRun(dryRun));
            case CREATE_SECURITY_GROUP -> {
                String id = ec2.createSecurityGroup(r -> r.groupName(name)
                        .description("EC2 API Workbench experiment " + target.sessionId())
                        .tagSpecifications(tags(ResourceType.SECURITY_GROUP, target)).dryRun(dryRun)).groupId();
                return Optional.of(CreatedResource.created(ResourceKind.SECURITY_GROUP, id, name));
            }
            case RUN_INSTANCES -> {
                String image = target.imageId(ec2);
                String id = ec2.runInstances(r -> {
                    r.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1).dryRun(dryRun)
                            .tagSpecifications(tags(ResourceType.INSTANCE, target));
                    target.securityGroupId().ifPresent(r::securityGroupIds);
                }).instances().get(0).instanceId();
                return Optional.of(CreatedResource.created(ResourceKind.INSTANCE, id, ""));
            }
            case CREATE_VOLUME -> {
                String zone = target.zone(ec2);
                String id = ec2.createVolume(r -> r.availabilityZone(zone).size(1).volumeType(VolumeType.GP3)
                        .tagSpecifications(tags(ResourceType.VOLUME, target)).dryRun(dryRun)).volumeId();
                return Optional.of(CreatedResource.created(ResourceKind.VOLUME, id, ""));
            }
            case CREATE_KEY_PAIR -> {
                // The private key is in the reply; it is never kept, shown or written anywhere.
                String id = ec2.createKeyPair(r -> r.keyName(name).keyType(KeyType.RSA)
                        .tagSpecifications(tags(ResourceType.KEY_PAIR, target)).dryRun(dryRun)).keyPairId();
                return Optional.of(CreatedResource.created(ResourceKind.KEY_PAIR, id, name));
            }
        }
        return Optional.empty();
    }

    private static TagSpecification tags(ResourceType type, ExperimentTarget target) {
        return TagSpecification.builder().resourceType(type)
                .tags(Tag.builder().key(SESSION_TAG).value(target.sessionId()).build()).build();
    }
}
