package org.ec2workbench.sandbox.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ec2workbench.backoff.VirtualClock;
import org.ec2workbench.sandbox.iam.AccessControl.Authenticated;
import org.ec2workbench.sandbox.iam.AccessControl.Decision;
import org.ec2workbench.sandbox.iam.AccessControl.Reason;
import org.ec2workbench.sandbox.iam.AccessControl.Rejected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IamAccessControlTest {

    private static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = PrincipalStore.DEFAULT_ACCOUNT_ID;
    static final String RUN_WITHOUT_VOLUME = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"RunInstances\","
            + "\"Effect\":\"Allow\",\"Action\":\"ec2:RunInstances\",\"Resource\":["
            + "\"arn:aws:ec2:*:*:instance/*\",\"arn:aws:ec2:*::image/*\",\"arn:aws:ec2:*:*:subnet/*\","
            + "\"arn:aws:ec2:*:*:network-interface/*\",\"arn:aws:ec2:*:*:key-pair/*\",\"arn:aws:ec2:*:*:security-group/*\"]}]}";

    private final VirtualClock clock = new VirtualClock(NOW);
    private IamAccessControl access;
    private IamUser dev;

    @BeforeEach
    void setUp() throws IamConfigException {
        access = IamAccessControl.builder().clock(clock).random(new SplittableRandom(7)).build();
        dev = new IamUser("dev", new AccessKey("AKIADEV0000000000001", IamConfigTest.CANARY),
                List.of(PolicyParser.parse(RUN_WITHOUT_VOLUME)));
        access.store().putAll(List.of(dev));
    }

    private static List<String> runInstancesResources() {
        return List.of(Arns.ec2(REGION, ACCOUNT, "instance", "*"), Arns.ec2Image(REGION, "ami-0abcdef1234567890"),
                Arns.ec2(REGION, ACCOUNT, "subnet", "subnet-0123"), Arns.ec2(REGION, ACCOUNT, "network-interface", "*"),
                Arns.ec2(REGION, ACCOUNT, "key-pair", "lesson"), Arns.ec2(REGION, ACCOUNT, "security-group", "sg-0123"),
                Arns.ec2(REGION, ACCOUNT, "volume", "*"));
    }

    @Test
    void authenticatesSdkSignedRequestsAsTheirPrincipal() {
        var request = new SdkSigning("AKIADEV0000000000001", IamConfigTest.CANARY, NOW)
                .sign("POST", "/", Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=DescribeRegions");
        var result = access.authenticate(request);
        assertThat(result).isInstanceOf(Authenticated.class);
        Authenticated ok = (Authenticated) result;
        assertThat(ok.principal()).isEqualTo(dev.principal(ACCOUNT));
        assertThat(ok.service()).isEqualTo("ec2");
        assertThat(ok.region()).isEqualTo(REGION);
    }

    @Test
    void aRotatedSecretInvalidatesSignaturesMadeWithTheOldOne() throws IamConfigException {
        var request = new SdkSigning("AKIADEV0000000000001", IamConfigTest.CANARY, NOW)
                .sign("POST", "/", Map.of(), "Action=DescribeRegions");
        assertThat(access.authenticate(request)).isInstanceOf(Authenticated.class);
        access.store().putAll(List.of(new IamUser("dev", new AccessKey("AKIADEV0000000000001", "rotated-secret-0000000000"),
                dev.policies())));
        assertThat(access.authenticate(request)).isInstanceOf(Rejected.class)
                .extracting(r -> ((Rejected) r).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void theDefaultAdministratorIsAllowedEverything() {
        AccessKey admin = access.store().defaultCredentials();
        var request = new SdkSigning(admin.accessKeyId(), admin.secretAccessKey(), NOW).service("sts", REGION)
                .sign("POST", "/", Map.of(), "Action=GetCallerIdentity&Version=2011-06-15");
        Authenticated ok = (Authenticated) access.authenticate(request);
        assertThat(ok.principal().arn()).isEqualTo("arn:aws:iam::123456789012:user/admin");
        assertThat(access.authorize(ok.principal(), "ec2:RunInstances", runInstancesResources(), Map.of()).allowed()).isTrue();
        assertThat(access.authorize(ok.principal(), "sqs:DeleteQueue", List.of(), Map.of()).allowed()).isTrue();
    }

    @Test
    void rejectsRequestsSignedWithAnotherSecret() {
        var request = new SdkSigning("AKIADEV0000000000001", "not-the-secret-000000", NOW)
                .sign("POST", "/", Map.of(), "Action=DescribeRegions");
        assertThat(access.authenticate(request)).isInstanceOf(Rejected.class)
                .extracting(r -> ((Rejected) r).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void runInstancesWithoutVolumePermissionIsDeniedOnTheVolume() throws Exception {
        Decision denied = access.authorize(dev.principal(ACCOUNT), "ec2:RunInstances", runInstancesResources(),
                Map.of("ec2:Region", List.of(REGION), "ec2:InstanceType", List.of("t3.micro")));
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.encodedMessage()).matches("[A-Za-z0-9_-]{40,}");
        assertThat(denied.encodedMessage()).doesNotContain("volume");

        JsonNode decoded = new ObjectMapper().readTree(access.decodeAuthorizationMessage(denied.encodedMessage()).orElseThrow());
        assertThat(decoded.get("allowed").asBoolean()).isFalse();
        assertThat(decoded.get("explicitDeny").asBoolean()).isFalse();
        assertThat(decoded.at("/matchedStatements/items")).isEmpty();
        assertThat(decoded.at("/failures/items")).isEmpty();
        assertThat(decoded.at("/context/principal/id").asText()).isEqualTo(dev.userId(ACCOUNT));
        assertThat(decoded.at("/context/principal/arn").asText()).isEqualTo("arn:aws:iam::123456789012:user/dev");
        assertThat(decoded.at("/context/action").asText()).isEqualTo("ec2:RunInstances");
        assertThat(decoded.at("/context/resource").asText()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:volume/*");
        assertThat(decoded.at("/context/conditions/items").findValuesAsText("key")).contains("ec2:Region", "ec2:InstanceType",
                "aws:username");
        assertThat(decoded.toString()).doesNotContain(IamConfigTest.CANARY);

        String fixed = RUN_WITHOUT_VOLUME.replace("\"arn:aws:ec2:*:*:instance/*\",",
                "\"arn:aws:ec2:*:*:instance/*\",\"arn:aws:ec2:*:*:volume/*\",");
        access.store().putAll(List.of(new IamUser("dev", dev.accessKey(), List.of(PolicyParser.parse(fixed)))));
        assertThat(access.authorize(dev.principal(ACCOUNT), "ec2:RunInstances", runInstancesResources(), Map.of()))
                .isEqualTo(Decision.allow());
    }

    @Test
    void explicitDenyIsReportedWithItsStatement() throws Exception {
        String deny = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"NoBigInstances\",\"Effect\":\"Deny\",\"Action\":\"ec2:RunInstances\",\"Resource\":\"arn:aws:ec2:*:*:instance/*\","
                + "\"Condition\":{\"StringNotLike\":{\"ec2:InstanceType\":\"t3.*\"}}}]}";
        access.store().putAll(List.of(new IamUser("dev", dev.accessKey(), List.of(PolicyParser.parse(deny)))));
        Decision denied = access.authorize(dev.principal(ACCOUNT), "ec2:RunInstances", runInstancesResources(),
                Map.of("ec2:InstanceType", List.of("m5.large")));
        JsonNode decoded = new ObjectMapper().readTree(access.decodeAuthorizationMessage(denied.encodedMessage()).orElseThrow());
        assertThat(decoded.get("explicitDeny").asBoolean()).isTrue();
        assertThat(decoded.at("/matchedStatements/items/0/statementId").asText()).isEqualTo("NoBigInstances");
        assertThat(decoded.at("/matchedStatements/items/0/effect").asText()).isEqualTo("DENY");
        assertThat(decoded.at("/matchedStatements/items/0/actions/items/0/value").asText()).isEqualTo("ec2:RunInstances");
        assertThat(decoded.at("/context/resource").asText()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:instance/*");
        assertThat(access.authorize(dev.principal(ACCOUNT), "ec2:RunInstances", runInstancesResources(),
                Map.of("ec2:InstanceType", List.of("t3.small"))).allowed()).isTrue();
    }

    @Test
    void messagesAreOpaqueAndTamperProof() {
        Decision denied = access.authorize(dev.principal(ACCOUNT), "ec2:TerminateInstances", List.of(), Map.of());
        String message = denied.encodedMessage();
        char last = message.charAt(message.length() / 2);
        String tampered = message.substring(0, message.length() / 2) + (last == 'A' ? 'B' : 'A')
                + message.substring(message.length() / 2 + 1);
        assertThat(access.decodeAuthorizationMessage(tampered)).isEmpty();
        assertThat(access.decodeAuthorizationMessage("not base64 at all!")).isEmpty();
        assertThat(access.decodeAuthorizationMessage("")).isEmpty();
        assertThat(access.decodeAuthorizationMessage("bm90IGEgbWVzc2FnZQ")).as("shorter than a tag").isEmpty();
        assertThat(access.decodeAuthorizationMessage(message.substring(0, 40))).as("truncated").isEmpty();
        IamAccessControl other = IamAccessControl.builder().clock(clock).random(new SplittableRandom(8)).build();
        assertThat(other.decodeAuthorizationMessage(message)).as("another sandbox's key").isEmpty();
        assertThat(access.decodeAuthorizationMessage(message)).isPresent();
    }

    @Test
    void aRemovedOrUnknownPrincipalIsDenied() {
        Principal ghost = new Principal("ghost", ACCOUNT, Arns.iamUser(ACCOUNT, "ghost"), "AIDAGHOST", "AKIAGHOST00000000001");
        assertThat(access.authorize(ghost, "ec2:DescribeInstances", List.of(), Map.of()).allowed()).isFalse();
    }
}
