package org.ec2workbench.lessons.course;

import java.util.Map;
import org.ec2workbench.lessons.LessonContext;
import org.ec2workbench.lessons.Observation;
import org.ec2workbench.lessons.Verdict;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/** Lesson 3: CreateSecurityGroup → AuthorizeSecurityGroupIngress at once → InvalidGroup.NotFound. */
public final class SecurityGroupNotFoundLesson extends SandboxLesson {

    private String groupId;
    private long createdAt;

    /** A fresh script. */
    public SecurityGroupNotFoundLesson() {
        super();
    }

    @Override
    public void step(int index, LessonContext context) {
        switch (index) {
            case 0 -> {
                groupId = sandbox.ec2().createSecurityGroup(CreateSecurityGroupRequest.builder()
                        .groupName("lesson-web-" + context.settings().sandboxSeed())
                        .description("Lesson 3: a group to open port 22 on").build()).groupId();
                createdAt = sandbox.clock().nanoTime();
                context.observe(Observation.text("groupId", groupId));
            }
            case 1 -> {
                context.observe(Observation.text("authorizeError", errorCodeOf(this::authorize)));
            }
            case 2 -> {
                untilVisible(context, this::describeGroup);
                context.observe(measured(Observation.count("notFoundCount", describeAttempts(true))));
                context.observe(measured(Observation.count("describeCalls", describeAttempts(false))));
                context.observe(measured(Observation.millis("timeToVisible", sandbox.millisSince(createdAt))));
                observeWaits(context, "pollWaits", index);
            }
            case 3 -> {
                visibilityRetrier(context).execute(() -> {
                    authorize();
                    return null;
                });
                context.observe(Observation.text("authorizeResult", "rule added"));
            }
            default -> throw new IllegalArgumentException("no step " + index);
        }
    }

    private void authorize() {
        sandbox.ec2().authorizeSecurityGroupIngress(AuthorizeSecurityGroupIngressRequest.builder()
                .groupId(groupId)
                .ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                        .ipRanges(IpRange.builder().cidrIp("203.0.113.0/24").description("lesson").build()).build())
                .build());
    }

    private SecurityGroup describeGroup() {
        return sandbox.ec2().describeSecurityGroups(DescribeSecurityGroupsRequest.builder().groupIds(groupId).build())
                .securityGroups().get(0);
    }

    private long describeAttempts(boolean notFoundOnly) {
        return sandbox.tally().count(a -> a.action().equals("DescribeSecurityGroups")
                && (!notFoundOnly || a.errorCode().equals("InvalidGroup.NotFound")));
    }

    @Override
    public Verdict verdict(Map<String, Observation> o) {
        String error = o.get("authorizeError").formatted();
        if (!error.equals("InvalidGroup.NotFound")) {
            return Verdict.missing("the immediate AuthorizeSecurityGroupIngress answered " + error
                    + ", not InvalidGroup.NotFound");
        }
        if (!o.containsKey("authorizeResult")) {
            return Verdict.missing("the rule was never added");
        }
        return Verdict.occurred("AuthorizeSecurityGroupIngress answered InvalidGroup.NotFound; the group was visible "
                + o.get("timeToVisible").formatted() + " after its creation and the rule was then added");
    }
}
