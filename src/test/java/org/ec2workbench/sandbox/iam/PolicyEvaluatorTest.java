package org.ec2workbench.sandbox.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.ec2workbench.sandbox.iam.PolicyEvaluator.Outcome;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private static final String INSTANCE = "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0";
    private static final String VOLUME = "arn:aws:ec2:us-east-1:123456789012:volume/vol-0123456789abcdef0";

    private static PolicyDocument policy(String json) throws IamConfigException {
        return PolicyParser.parse(json);
    }

    private static Outcome eval(String action, String resource, Map<String, List<String>> context, String... policies)
            throws IamConfigException {
        List<PolicyDocument> docs = new java.util.ArrayList<>();
        for (String p : policies) {
            docs.add(policy(p));
        }
        return PolicyEvaluator.evaluate(docs, action, resource, context).outcome();
    }

    private static Outcome eval(String action, String resource, String... policies) throws IamConfigException {
        return eval(action, resource, Map.of(), policies);
    }

    @Test
    void actionsMatchCaseInsensitivelyWithWildcards() throws IamConfigException {
        String p = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"ec2:describe*\",\"ec2:?unInstances\"],\"Resource\":\"*\"}}";
        assertThat(eval("ec2:DescribeInstances", "*", p)).isEqualTo(Outcome.ALLOWED);
        assertThat(eval("EC2:RunInstances", INSTANCE, p)).isEqualTo(Outcome.ALLOWED);
        assertThat(eval("ec2:TerminateInstances", INSTANCE, p)).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(eval("ec2:XRunInstances", INSTANCE, p)).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void explicitDenyBeatsAllowAcrossPolicies() throws IamConfigException {
        String allowAll = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
        String denyTerminate = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoTerminate\",\"Effect\":\"Deny\","
                + "\"Action\":\"ec2:TerminateInstances\",\"Resource\":\"arn:aws:ec2:*:*:instance/*\"}]}";
        assertThat(eval("ec2:TerminateInstances", INSTANCE, allowAll, denyTerminate)).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(eval("ec2:StopInstances", INSTANCE, allowAll, denyTerminate)).isEqualTo(Outcome.ALLOWED);
        assertThat(eval("ec2:TerminateInstances", INSTANCE)).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void resourceWildcardsStayInsideTheirArnSegment() throws IamConfigException {
        String p = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"arn:aws:ec2:us-*:*:instance/*\"}}";
        assertThat(eval("ec2:StartInstances", INSTANCE, p)).isEqualTo(Outcome.ALLOWED);
        assertThat(eval("ec2:StartInstances", VOLUME, p)).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(eval("ec2:StartInstances", INSTANCE.replace("us-east-1", "eu-west-1"), p))
                .isEqualTo(Outcome.IMPLICIT_DENY);
        // an action without resource-level permissions is authorized against "*", which a specific ARN never covers
        assertThat(eval("ec2:DescribeInstances", "*", p)).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void notActionAndNotResourceInvertTheMatch() throws IamConfigException {
        String p = "{\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"ec2:Terminate*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"ec2:*\",\"NotResource\":\"arn:aws:ec2:*:*:instance/*\"}]}";
        assertThat(eval("ec2:StartInstances", INSTANCE, p)).isEqualTo(Outcome.ALLOWED);
        assertThat(eval("ec2:TerminateInstances", INSTANCE, p)).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(eval("ec2:AttachVolume", VOLUME, p)).isEqualTo(Outcome.EXPLICIT_DENY);
    }

    @Test
    void stringConditionsCompareTheRequestContext() throws IamConfigException {
        String p = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ec2:RunInstances\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"ec2:Region\":\"us-east-1\"},"
                + "\"StringLike\":{\"ec2:InstanceType\":[\"t3.*\",\"t2.micro\"]}}}}";
        Map<String, List<String>> ok = Map.of("ec2:Region", List.of("us-east-1"), "EC2:InstanceType", List.of("t3.large"));
        assertThat(eval("ec2:RunInstances", INSTANCE, ok, p)).isEqualTo(Outcome.ALLOWED);
        Map<String, List<String>> big = Map.of("ec2:Region", List.of("us-east-1"), "ec2:InstanceType", List.of("m5.24xlarge"));
        assertThat(eval("ec2:RunInstances", INSTANCE, big, p)).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(eval("ec2:RunInstances", INSTANCE, Map.of("ec2:Region", List.of("us-east-1")), p))
                .as("a missing key fails a positive operator").isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void negatedAndIfExistsOperatorsPassWhenTheKeyIsAbsent() throws IamConfigException {
        String deny = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"ec2:RunInstances\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringNotEquals\":{\"aws:RequestTag/team\":\"blue\"}}}]}";
        assertThat(eval("ec2:RunInstances", INSTANCE, Map.of(), deny)).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(eval("ec2:RunInstances", INSTANCE, Map.of("aws:RequestTag/team", List.of("blue")), deny))
                .isEqualTo(Outcome.ALLOWED);
        String ifExists = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEqualsIfExists\":{\"ec2:ResourceTag/env\":\"dev\"}}}}";
        assertThat(eval("ec2:StopInstances", INSTANCE, Map.of(), ifExists)).isEqualTo(Outcome.ALLOWED);
        assertThat(eval("ec2:StopInstances", INSTANCE, Map.of("ec2:ResourceTag/env", List.of("prod")), ifExists))
                .isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void setQualifiersBoolArnNullAndNumericOperators() throws IamConfigException {
        String anyValue = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ec2:CreateTags\",\"Resource\":\"*\","
                + "\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"env\",\"team\"]}}}}";
        assertThat(eval("ec2:CreateTags", INSTANCE, Map.of("aws:TagKeys", List.of("env")), anyValue)).isEqualTo(Outcome.ALLOWED);
        assertThat(eval("ec2:CreateTags", INSTANCE, Map.of("aws:TagKeys", List.of("env", "owner")), anyValue))
                .isEqualTo(Outcome.IMPLICIT_DENY);
        String forAny = anyValue.replace("ForAllValues", "ForAnyValue");
        assertThat(eval("ec2:CreateTags", INSTANCE, Map.of("aws:TagKeys", List.of("env", "owner")), forAny))
                .isEqualTo(Outcome.ALLOWED);
        assertThat(eval("ec2:CreateTags", INSTANCE, Map.of(), forAny)).isEqualTo(Outcome.IMPLICIT_DENY);

        String bool = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":false},\"Null\":{\"aws:RequestTag/owner\":\"false\"},"
                + "\"NumericLessThanEquals\":{\"ec2:VolumeSize\":\"100\"},"
                + "\"ArnLike\":{\"ec2:InstanceProfile\":\"arn:aws:iam::*:instance-profile/app-*\"}}}}";
        Map<String, List<String>> context = Map.of("aws:SecureTransport", List.of("FALSE"),
                "aws:RequestTag/owner", List.of("ana"), "ec2:VolumeSize", List.of("80"),
                "ec2:InstanceProfile", List.of("arn:aws:iam::123456789012:instance-profile/app-web"));
        assertThat(eval("ec2:RunInstances", INSTANCE, context, bool)).isEqualTo(Outcome.ALLOWED);
        Map<String, List<String>> tooBig = new java.util.HashMap<>(context);
        tooBig.put("ec2:VolumeSize", List.of("500"));
        assertThat(eval("ec2:RunInstances", INSTANCE, tooBig, bool)).isEqualTo(Outcome.IMPLICIT_DENY);
        Map<String, List<String>> notANumber = new java.util.HashMap<>(context);
        notANumber.put("ec2:VolumeSize", List.of("big"));
        assertThat(eval("ec2:RunInstances", INSTANCE, notANumber, bool)).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void eventsAndSqsActionsAreEvaluatedAgainstTheirArns() throws IamConfigException {
        String p = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"events:PutRule\",\"events:PutTargets\"],"
                + "\"Resource\":\"" + Arns.eventsRule("us-east-1", "123456789012", "session-*") + "\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"sqs:*\",\"Resource\":\"arn:aws:sqs:us-east-1:123456789012:session-?\"}]}";
        assertThat(eval("events:PutRule", Arns.eventsRule("us-east-1", "123456789012", "session-42"), p))
                .isEqualTo(Outcome.ALLOWED);
        assertThat(eval("events:DeleteRule", Arns.eventsRule("us-east-1", "123456789012", "session-42"), p))
                .isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(eval("sqs:ReceiveMessage", Arns.sqsQueue("us-east-1", "123456789012", "session-7"), p))
                .isEqualTo(Outcome.ALLOWED);
        assertThat(eval("sqs:ReceiveMessage", Arns.sqsQueue("us-east-1", "123456789012", "session-77"), p))
                .isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(eval("sqs:ReceiveMessage", Arns.sqsQueue("us-east-1", "999999999999", "session-7"), p))
                .isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void wildcardMatcherHandlesBacktracking() {
        assertThat(Wildcards.matches("a*b*c", "aXbYbZc", false)).isTrue();
        assertThat(Wildcards.matches("a*b?c", "abbc", false)).isTrue();
        assertThat(Wildcards.matches("a*b?c", "abc", false)).isFalse();
        assertThat(Wildcards.matches("", "", false)).isTrue();
        assertThat(Wildcards.matches("**", "", false)).isTrue();
        assertThat(Wildcards.matches("EC2:Run*", "ec2:runinstances", true)).isTrue();
        assertThat(Wildcards.matches("EC2:Run*", "ec2:runinstances", false)).isFalse();
    }
}
