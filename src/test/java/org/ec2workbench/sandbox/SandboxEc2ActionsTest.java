package org.ec2workbench.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ec2workbench.sandbox.SandboxTestSupport.assertEc2Error;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.ec2workbench.backoff.VirtualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AccountAttribute;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeState;

/** Every EC2 action of the sandbox, driven through the real Java SDK v2 client. */
class SandboxEc2ActionsTest {

    private static final VirtualClock CLOCK = new VirtualClock(SandboxTestSupport.ORIGIN);
    private static Sandbox sandbox;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        sandbox = SandboxTestSupport.onVirtualClock(CLOCK, Preset.CALM, null, 42);
        ec2 = SandboxTestSupport.client(sandbox);
    }

    @AfterAll
    static void stop() {
        ec2.close();
        sandbox.close();
    }

    private static void pass(Duration d) {
        CLOCK.advance(d.toNanos());
    }

    @Test
    void catalogShowsDefaultVpcSubnetsImagesRegionsZonesAndAttributes() {
        String vpc = ec2.describeVpcs().vpcs().get(0).vpcId();
        assertThat(ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs())
                .singleElement().satisfies(v -> assertThat(v.cidrBlock()).isEqualTo("172.31.0.0/16"));
        List<Subnet> subnets = ec2.describeSubnets(r -> r.filters(f -> f.name("vpc-id").values(vpc))).subnets();
        assertThat(subnets).hasSize(6).allSatisfy(s -> assertThat(s.defaultForAz()).isTrue());
        assertThat(subnets).extracting(Subnet::availabilityZone).contains("us-east-1a", "us-east-1f");
        assertThat(ec2.describeImages().images()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(ec2.describeImages(r -> r.filters(f -> f.name("root-device-type").values("ebs"))).images())
                .allSatisfy(i -> assertThat(i.rootDeviceTypeAsString()).isEqualTo("ebs"))
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(ec2.describeImages(r -> r.owners("amazon")).images())
                .allSatisfy(i -> assertThat(i.imageOwnerAlias()).isEqualTo("amazon"));
        assertThat(ec2.describeRegions().regions()).extracting(r -> r.regionName()).contains("us-east-1", "eu-west-1");
        assertThat(ec2.describeAvailabilityZones().availabilityZones()).extracting(AvailabilityZone::zoneId)
                .contains("use1-az1");
        assertThat(ec2.describeAccountAttributes().accountAttributes()).extracting(AccountAttribute::attributeName)
                .contains("default-vpc", "max-instances", "supported-platforms");
    }

    @Test
    void instancesRunDescribeStopStartRebootTerminate() {
        RunInstancesResponse run = ec2.runInstances(r -> r.imageId(SandboxTestSupport.ebsImage(ec2).imageId())
                .instanceType("t3.micro").minCount(2).maxCount(2)
                .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(tag("Name", "web")),
                        t -> t.resourceType(ResourceType.VOLUME).tags(tag("Name", "web-root"))));
        List<String> ids = SandboxTestSupport.ids(run);
        assertThat(run.instances()).hasSize(2).allSatisfy(i -> {
            assertThat(i.state().name()).isEqualTo(InstanceStateName.PENDING);
            assertThat(i.instanceId()).matches("i-[0-9a-f]{17}");
            assertThat(i.blockDeviceMappings()).singleElement().satisfies(b -> assertThat(b.ebs().volumeId()).startsWith("vol-"));
            assertThat(i.tags()).containsExactly(tag("Name", "web"));
        });
        pass(Duration.ofMinutes(3));
        DescribeInstancesResponse described = ec2.describeInstances(r -> r.instanceIds(ids));
        assertThat(described.reservations()).singleElement().satisfies(res ->
                assertThat(res.instances()).extracting(i -> i.state().name())
                        .containsOnly(InstanceStateName.RUNNING));
        assertThat(ec2.describeInstances(r -> r.filters(f -> f.name("tag:Name").values("we*"),
                f -> f.name("instance-state-name").values("running"))).reservations()).isNotEmpty();
        assertThat(ec2.describeVolumes(r -> r.filters(f -> f.name("tag:Name").values("web-root"))).volumes())
                .hasSize(2).allSatisfy(v -> assertThat(v.state()).isEqualTo(VolumeState.IN_USE));

        assertThat(ec2.describeInstanceStatus(r -> r.instanceIds(ids)).instanceStatuses())
                .hasSize(2).allSatisfy(s -> assertThat(s.instanceStatus().statusAsString()).isIn("initializing", "ok"));
        ec2.rebootInstances(r -> r.instanceIds(ids.get(0)));

        assertThat(ec2.stopInstances(r -> r.instanceIds(ids.get(0))).stoppingInstances()).singleElement()
                .satisfies(c -> {
                    assertThat(c.previousState().name()).isEqualTo(InstanceStateName.RUNNING);
                    assertThat(c.currentState().name()).isEqualTo(InstanceStateName.STOPPING);
                });
        pass(Duration.ofMinutes(5));
        assertThat(state(ids.get(0))).isEqualTo(InstanceStateName.STOPPED);
        assertThat(ec2.describeInstanceStatus(r -> r.instanceIds(ids.get(0))).instanceStatuses()).isEmpty();
        assertThat(ec2.describeInstanceStatus(r -> r.instanceIds(ids.get(0)).includeAllInstances(true))
                .instanceStatuses()).singleElement().satisfies(s ->
                assertThat(s.instanceState().name()).isEqualTo(InstanceStateName.STOPPED));
        assertThat(ec2.startInstances(r -> r.instanceIds(ids.get(0))).startingInstances()).singleElement()
                .satisfies(c -> assertThat(c.currentState().name()).isEqualTo(InstanceStateName.PENDING));
        pass(Duration.ofMinutes(5));
        assertThat(state(ids.get(0))).isEqualTo(InstanceStateName.RUNNING);

        String console = ec2.getConsoleOutput(r -> r.instanceId(ids.get(1))).output();
        assertThat(new String(Base64.getDecoder().decode(console), StandardCharsets.UTF_8)).contains(ids.get(1));

        assertThat(ec2.terminateInstances(r -> r.instanceIds(ids)).terminatingInstances())
                .allSatisfy(c -> assertThat(c.currentState().name()).isEqualTo(InstanceStateName.SHUTTING_DOWN));
        pass(Duration.ofMinutes(5));
        assertThat(state(ids.get(1))).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(ec2.describeVolumes(r -> r.filters(f -> f.name("tag:Name").values("web-root"))).volumes())
                .as("root volumes are deleted on termination").isEmpty();
        pass(Duration.ofMinutes(61));
        assertThat(ec2.describeInstances(r -> r.filters(f -> f.name("instance-id").values(ids))).reservations())
                .as("terminated instances disappear after an hour").isEmpty();
    }

    private static InstanceStateName state(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).state().name();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    @Test
    void securityGroupsCreateAuthorizeRevokeDescribeDelete() {
        CreateSecurityGroupResponse created = ec2.createSecurityGroup(r -> r.groupName("web-sg")
                .description("web servers"));
        String id = created.groupId();
        assertThat(id).matches("sg-[0-9a-f]{17}");
        IpPermission ssh = IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                .ipRanges(r -> r.cidrIp("10.0.0.0/8")).build();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(ssh));
        assertEc2Error(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(ssh)),
                "InvalidPermission.Duplicate", 400);
        SecurityGroup group = ec2.describeSecurityGroups(r -> r.groupIds(id)).securityGroups().get(0);
        assertThat(group.groupName()).isEqualTo("web-sg");
        assertThat(group.ipPermissions()).singleElement().satisfies(p -> {
            assertThat(p.fromPort()).isEqualTo(22);
            assertThat(p.ipRanges()).singleElement().satisfies(r -> assertThat(r.cidrIp()).isEqualTo("10.0.0.0/8"));
        });
        assertThat(group.ipPermissionsEgress()).singleElement().satisfies(p -> assertThat(p.ipProtocol()).isEqualTo("-1"));
        assertThat(ec2.describeSecurityGroups(r -> r.filters(f -> f.name("group-name").values("web-sg")))
                .securityGroups()).hasSize(1);
        assertThat(ec2.describeSecurityGroups(r -> r.groupNames("default")).securityGroups()).hasSize(1);
        ec2.revokeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(ssh));
        assertThat(ec2.describeSecurityGroups(r -> r.groupIds(id)).securityGroups().get(0).ipPermissions()).isEmpty();
        assertEc2Error(() -> ec2.revokeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(ssh)),
                "InvalidPermission.NotFound", 400);
        assertEc2Error(() -> ec2.createSecurityGroup(r -> r.groupName("web-sg").description("again")),
                "InvalidGroup.Duplicate", 400);

        String ami = SandboxTestSupport.ebsImage(ec2).imageId();
        String instance = ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1).securityGroupIds(id))
                .instances().get(0).instanceId();
        assertEc2Error(() -> ec2.deleteSecurityGroup(r -> r.groupId(id)), "DependencyViolation", 400);
        ec2.terminateInstances(r -> r.instanceIds(instance));
        pass(Duration.ofMinutes(5));
        ec2.deleteSecurityGroup(r -> r.groupId(id));
        assertEc2Error(() -> ec2.describeSecurityGroups(r -> r.groupIds(id)), "InvalidGroup.NotFound", 400);
        String defaultId = ec2.describeSecurityGroups(r -> r.groupNames("default")).securityGroups().get(0).groupId();
        assertEc2Error(() -> ec2.deleteSecurityGroup(r -> r.groupId(defaultId)), "CannotDelete", 400);
    }

    @Test
    void keyPairsCreateDescribeDelete() {
        CreateKeyPairResponse created = ec2.createKeyPair(r -> r.keyName("deploy"));
        assertThat(created.keyMaterial()).startsWith("-----BEGIN RSA PRIVATE KEY-----")
                .endsWith("-----END RSA PRIVATE KEY-----");
        assertThat(created.keyFingerprint()).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
        assertThat(ec2.describeKeyPairs(r -> r.keyNames("deploy")).keyPairs()).singleElement()
                .satisfies(k -> assertThat(k.keyPairId()).isEqualTo(created.keyPairId()));
        assertEc2Error(() -> ec2.createKeyPair(r -> r.keyName("deploy")), "InvalidKeyPair.Duplicate", 400);
        String ami = SandboxTestSupport.ebsImage(ec2).imageId();
        Instance withKey = ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1).keyName("deploy"))
                .instances().get(0);
        assertThat(withKey.keyName()).isEqualTo("deploy");
        ec2.deleteKeyPair(r -> r.keyName("deploy"));
        assertEc2Error(() -> ec2.describeKeyPairs(r -> r.keyNames("deploy")), "InvalidKeyPair.NotFound", 400);
        ec2.deleteKeyPair(r -> r.keyName("deploy"));
        assertEc2Error(() -> ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1).keyName("deploy")),
                "InvalidKeyPair.NotFound", 400);
        ec2.terminateInstances(r -> r.instanceIds(withKey.instanceId()));
    }

    @Test
    void volumesCreateAttachDetachDelete() {
        String ami = SandboxTestSupport.ebsImage(ec2).imageId();
        Instance instance = ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1)
                .placement(p -> p.availabilityZone("us-east-1b"))).instances().get(0);
        CreateVolumeResponse created = ec2.createVolume(r -> r.availabilityZone("us-east-1b").size(20)
                .volumeType("gp3").tagSpecifications(t -> t.resourceType(ResourceType.VOLUME).tags(tag("app", "db"))));
        assertThat(created.stateAsString()).isEqualTo("creating");
        assertEc2Error(() -> ec2.attachVolume(r -> r.volumeId(created.volumeId()).instanceId(instance.instanceId())
                .device("/dev/sdf")), "IncorrectState", 400);
        pass(Duration.ofMinutes(3));
        assertThat(ec2.attachVolume(r -> r.volumeId(created.volumeId()).instanceId(instance.instanceId())
                .device("/dev/sdf")).stateAsString()).isEqualTo("attaching");
        Volume attached = ec2.describeVolumes(r -> r.volumeIds(created.volumeId())).volumes().get(0);
        assertThat(attached.state()).isEqualTo(VolumeState.IN_USE);
        assertThat(attached.attachments()).singleElement().satisfies(a ->
                assertThat(a.instanceId()).isEqualTo(instance.instanceId()));
        assertThat(ec2.describeVolumes(r -> r.filters(f -> f.name("attachment.instance-id")
                .values(instance.instanceId()))).volumes()).hasSize(2);
        assertEc2Error(() -> ec2.deleteVolume(r -> r.volumeId(created.volumeId())), "VolumeInUse", 400);
        ec2.detachVolume(r -> r.volumeId(created.volumeId()));
        ec2.deleteVolume(r -> r.volumeId(created.volumeId()));
        assertEc2Error(() -> ec2.describeVolumes(r -> r.volumeIds(created.volumeId())), "InvalidVolume.NotFound", 400);
        assertEc2Error(() -> ec2.createVolume(r -> r.availabilityZone("us-east-1z").size(1)), "InvalidZone.NotFound", 400);
        ec2.terminateInstances(r -> r.instanceIds(instance.instanceId()));
    }

    @Test
    void tagsCreateDescribeDelete() {
        String id = SandboxTestSupport.ids(SandboxTestSupport.launch(ec2, 1)).get(0);
        ec2.createTags(r -> r.resources(id).tags(tag("env", "test"), tag("team", "blue")));
        List<TagDescription> tags = ec2.describeTags(r -> r.filters(f -> f.name("resource-id").values(id))).tags();
        assertThat(tags).extracting(TagDescription::key).containsExactly("env", "team");
        assertThat(tags).allSatisfy(t -> assertThat(t.resourceTypeAsString()).isEqualTo("instance"));
        ec2.deleteTags(r -> r.resources(id).tags(Tag.builder().key("env").build()));
        assertThat(ec2.describeTags(r -> r.filters(f -> f.name("resource-id").values(id))).tags())
                .extracting(TagDescription::key).containsExactly("team");
        assertEc2Error(() -> ec2.createTags(r -> r.resources("i-0123456789abcdef0").tags(tag("a", "b"))),
                "InvalidInstanceID.NotFound", 400);
        ec2.terminateInstances(r -> r.instanceIds(id));
    }

    @Test
    void paginationWalksEveryInstanceOnce() {
        List<String> ids = SandboxTestSupport.ids(SandboxTestSupport.launch(ec2, 12));
        List<String> seen = ec2.describeInstancesPaginator(r -> r.maxResults(5)
                        .filters(f -> f.name("instance-id").values(ids)))
                .reservations().stream().flatMap(res -> res.instances().stream()).map(Instance::instanceId).toList();
        assertThat(seen).containsExactlyElementsOf(ids);
        DescribeInstancesResponse first = ec2.describeInstances(r -> r.maxResults(5)
                .filters(f -> f.name("instance-id").values(ids)));
        assertThat(first.nextToken()).isNotBlank();
        assertThat(first.reservations().stream().mapToInt(res -> res.instances().size()).sum()).isEqualTo(5);
        assertEc2Error(() -> ec2.describeInstances(r -> r.maxResults(3)), "InvalidParameterValue", 400);
        assertEc2Error(() -> ec2.describeInstances(r -> r.nextToken("garbage")), "InvalidPaginationToken", 400);
        assertThat(ec2.describeInstances(r -> r.filters(f -> f.name("instance-state-name").values("no-such")))
                .reservations()).isEmpty();
        List<Reservation> all = ec2.describeInstances(r -> r.filters(f -> f.name("instance-id").values(ids)))
                .reservations();
        assertThat(all).hasSize(1);
        ec2.terminateInstances(r -> r.instanceIds(ids));
    }
}
