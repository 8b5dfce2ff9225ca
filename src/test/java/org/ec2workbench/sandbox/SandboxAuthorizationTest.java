package org.ec2workbench.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ec2workbench.sandbox.SandboxTestSupport.assertEc2Error;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ec2workbench.backoff.VirtualClock;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.ec2workbench.sandbox.iam.AccessControl;
import org.ec2workbench.sandbox.iam.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * What the EC2 handler asks the access-control seam (action, every resource ARN, condition keys) and what
 * it does with the answer: DryRun 412 or 403, nothing changed either way. The seam here is a small
 * resource-type deny list standing in for the identity module's policy engine.
 */
class SandboxAuthorizationTest {

    /** One authorize() call as the handler made it. */
    record Asked(String action, List<String> resources, Map<String, List<String>> conditions) {
    }

    /** Scope-only authentication; denies any resource whose ARN contains one of the denied fragments. */
    static final class DenyList implements AccessControl {
        final ScopeOnlyAccessControl scope = new ScopeOnlyAccessControl();
        final List<Asked> asked = new CopyOnWriteArrayList<>();
        volatile Set<String> denied = Set.of();

        @Override
        public Authentication authenticate(SandboxRequest request) {
            return scope.authenticate(request);
        }

        @Override
        public Decision authorize(Principal principal, String action, List<String> resourceArns,
                                  Map<String, List<String>> conditionContext) {
            asked.add(new Asked(action, List.copyOf(resourceArns), Map.copyOf(conditionContext)));
            boolean deny = resourceArns.stream().anyMatch(arn -> denied.stream().anyMatch(arn::contains));
            return deny ? new Decision(false, "opaque-" + action.replace(':', '-')) : Decision.allow();
        }
    }

    private final DenyList access = new DenyList();
    private Sandbox sandbox;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        sandbox = Sandbox.builder().preset(Preset.CALM).clock(new VirtualClock(SandboxTestSupport.ORIGIN))
                .accessControl(access, ScopeOnlyAccessControl.DEFAULT_CREDENTIALS).build().start();
        ec2 = SandboxTestSupport.client(sandbox);
    }

    @AfterEach
    void stop() {
        ec2.close();
        sandbox.close();
    }

    @Test
    void runInstancesIsAuthorizedAgainstEveryResourceItTouches() {
        String ami = SandboxTestSupport.ebsImage(ec2).imageId();
        ec2.createKeyPair(r -> r.keyName("k"));
        access.asked.clear();
        ec2.runInstances(r -> r.imageId(ami).instanceType("t3.small").minCount(1).maxCount(1).keyName("k")
                .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(tag -> tag.key("team").value("a"))));
        Asked run = access.asked.get(0);
        assertThat(run.action()).isEqualTo("ec2:RunInstances");
        assertThat(run.resources()).contains("arn:aws:ec2:us-east-1:123456789012:instance/*",
                "arn:aws:ec2:us-east-1:123456789012:volume/*", "arn:aws:ec2:us-east-1::image/" + ami,
                "arn:aws:ec2:us-east-1:123456789012:network-interface/*",
                "arn:aws:ec2:us-east-1:123456789012:key-pair/k");
        assertThat(run.resources()).anySatisfy(a -> assertThat(a).startsWith("arn:aws:ec2:us-east-1:123456789012:subnet/subnet-"));
        assertThat(run.resources()).anySatisfy(a -> assertThat(a).startsWith("arn:aws:ec2:us-east-1:123456789012:security-group/sg-"));
        assertThat(run.conditions()).containsEntry("ec2:Region", List.of("us-east-1"))
                .containsEntry("ec2:InstanceType", List.of("t3.small"))
                .containsEntry("aws:RequestTag/team", List.of("a"));
    }

    @Test
    void missingVolumePermissionFailsForEbsBackedImagesOnly() {
        access.denied = Set.of(":volume/");
        String ebs = SandboxTestSupport.ebsImage(ec2).imageId();
        assertEc2Error(() -> ec2.runInstances(r -> r.imageId(ebs).minCount(1).maxCount(1)), "UnauthorizedOperation", 403)
                .hasMessageContaining("You are not authorized to perform this operation. Encoded authorization "
                        + "failure message: opaque-ec2-RunInstances");
        assertThat(sandbox.world().instances("123456789012", "us-east-1")).isEmpty();
        String instanceStore = ec2.describeImages(r -> r.filters(f -> f.name("root-device-type")
                .values("instance-store"))).images().get(0).imageId();
        assertThat(ec2.runInstances(r -> r.imageId(instanceStore).instanceType("t3.micro").minCount(1).maxCount(1))
                .instances()).hasSize(1);
    }

    @Test
    void dryRunAnswersWhetherItWouldSucceedAndChangesNothing() {
        String ami = SandboxTestSupport.ebsImage(ec2).imageId();
        assertEc2Error(() -> ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1).dryRun(true)),
                "DryRunOperation", 412).hasMessageContaining("Request would have succeeded, but DryRun flag is set.");
        assertEc2Error(() -> ec2.describeInstances(r -> r.dryRun(true)), "DryRunOperation", 412);
        assertEc2Error(() -> ec2.createSecurityGroup(r -> r.groupName("x").description("x").dryRun(true)),
                "DryRunOperation", 412);
        access.denied = Set.of(":instance/");
        assertEc2Error(() -> ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1).dryRun(true)),
                "UnauthorizedOperation", 403);
        assertThat(sandbox.world().instances("123456789012", "us-east-1")).isEmpty();
        assertThat(ec2.describeSecurityGroups().securityGroups()).hasSize(1);
    }

    @Test
    void terminateIsAuthorizedPerInstanceWithItsTags() {
        String id = SandboxTestSupport.ids(SandboxTestSupport.launch(ec2, 1)).get(0);
        ec2.createTags(r -> r.resources(id).tags(t -> t.key("env").value("prod")));
        access.asked.clear();
        access.denied = Set.of(id);
        assertEc2Error(() -> ec2.terminateInstances(r -> r.instanceIds(id)), "UnauthorizedOperation", 403);
        Asked asked = access.asked.get(0);
        assertThat(asked.resources()).containsExactly("arn:aws:ec2:us-east-1:123456789012:instance/" + id);
        assertThat(asked.conditions()).containsEntry("ec2:ResourceTag/env", List.of("prod"));
        assertThat(sandbox.world().instances("123456789012", "us-east-1").get(0).state().apiName()).isEqualTo("pending");
    }
}
