package org.ec2workbench.sandbox.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Identity end to end: the real SDK v2 {@code Ec2Client} and {@code StsClient}, built by the app's
 * {@link ClientFactory}, against a real sandbox over HTTP, with users posted to {@code /_sandbox/iam}.
 */
class IdentityEndToEndTest {

    private static final String ACCOUNT = PrincipalStore.DEFAULT_ACCOUNT_ID;
    private static final String DEV_KEY = "AKIADEV0000000000001";
    private static final String ENCODED_PREFIX =
            "You are not authorized to perform this operation. Encoded authorization failure message: ";
    private static final String WITH_VOLUME = IamAccessControlTest.RUN_WITHOUT_VOLUME.replace(
            "\"arn:aws:ec2:*:*:instance/*\",", "\"arn:aws:ec2:*:*:instance/*\",\"arn:aws:ec2:*:*:volume/*\",");

    /** Every reply body any client saw, to search for the canary. */
    private final List<String> replies = new CopyOnWriteArrayList<>();
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logs.add(record.getMessage() + " " + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Sandbox sandbox;
    private Ec2Client admin;
    private StsClient adminSts;
    private String ebsAmi;

    @BeforeEach
    void start() {
        Logger.getLogger("").addHandler(logCapture);
        sandbox = Sandbox.builder().preset(Preset.CALM).seed(5).build().start();
        Credentials keys = sandbox.defaultCredentials();
        admin = factory(keys.accessKeyId(), keys.secretAccessKey()).ec2();
        adminSts = factory(keys.accessKeyId(), keys.secretAccessKey()).sts();
        ebsAmi = admin.describeImages(r -> r.filters(f -> f.name("root-device-type").values("ebs"))).images().get(0).imageId();
    }

    @AfterEach
    void stop() {
        admin.close();
        adminSts.close();
        sandbox.close();
        Logger.getLogger("").removeHandler(logCapture);
    }

    private ClientFactory factory(String key, String secret) {
        return ClientFactory.builder(Connection.sandbox(sandbox.endpoint(), "us-east-1", key, secret))
                .retryStrategy(DefaultRetryStrategy.doNotRetry())
                .addInterceptor(new ReplyRecorder(replies))
                .build();
    }

    private HttpResponse<String> adminEndpoint(String method, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + IamAdminHandler.PATH));
        request = "POST".equals(method) ? request.POST(HttpRequest.BodyPublishers.ofString(body)) : request.GET();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        replies.add(response.body());
        return response;
    }

    private void putDev(String... policies) throws Exception {
        String body = "{\"principals\":[{\"name\":\"dev\",\"accessKeyId\":\"" + DEV_KEY + "\",\"secretAccessKey\":\""
                + IamConfigTest.CANARY + "\",\"policies\":[" + String.join(",", policies) + "]}]}";
        assertThat(adminEndpoint("POST", body).statusCode()).isEqualTo(200);
    }

    private Ec2Client dev() {
        return factory(DEV_KEY, IamConfigTest.CANARY).ec2();
    }

    private static String encodedMessage(Ec2Exception e) {
        String message = e.awsErrorDetails().errorMessage();
        assertThat(message).startsWith(ENCODED_PREFIX);
        return message.substring(ENCODED_PREFIX.length());
    }

    private JsonNode decode(String encoded) throws IOException {
        return new ObjectMapper().readTree(adminSts.decodeAuthorizationMessage(r -> r.encodedMessage(encoded)).decodedMessage());
    }

    @Test
    void missingVolumePermissionFailsAnEbsLaunchUntilItIsAdded() throws Exception {
        putDev(IamAccessControlTest.RUN_WITHOUT_VOLUME);
        try (Ec2Client dev = dev()) {
            Ec2Exception denied = (Ec2Exception) catchThrowable(() -> dev.runInstances(r -> r.imageId(ebsAmi)
                    .instanceType("t3.micro").minCount(1).maxCount(1)));
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            JsonNode decoded = decode(encodedMessage(denied));
            assertThat(decoded.get("allowed").asBoolean()).isFalse();
            assertThat(decoded.get("explicitDeny").asBoolean()).isFalse();
            assertThat(decoded.at("/context/action").asText()).isEqualTo("ec2:RunInstances");
            assertThat(decoded.at("/context/resource").asText()).isEqualTo("arn:aws:ec2:us-east-1:" + ACCOUNT + ":volume/*");
            assertThat(decoded.at("/context/principal/arn").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/dev");
            assertThat(decoded.at("/context/conditions/items").toString()).contains("ec2:InstanceType").contains("t3.micro");
            assertThat(sandbox.world().instances(ACCOUNT, "us-east-1")).isEmpty();

            putDev(WITH_VOLUME);
            assertThat(dev.runInstances(r -> r.imageId(ebsAmi).instanceType("t3.micro").minCount(1).maxCount(1))
                    .instances()).hasSize(1);
            assertThat(sandbox.world().instances(ACCOUNT, "us-east-1")).hasSize(1);
        }
    }

    @Test
    void dryRunAnswersBothWaysAndChangesNothing() throws Exception {
        putDev(IamAccessControlTest.RUN_WITHOUT_VOLUME);
        try (Ec2Client dev = dev()) {
            assertThatThrownBy(() -> dev.runInstances(r -> r.imageId(ebsAmi).minCount(1).maxCount(1).dryRun(true)))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
                    });
            putDev(WITH_VOLUME);
            assertThatThrownBy(() -> dev.runInstances(r -> r.imageId(ebsAmi).minCount(1).maxCount(1).dryRun(true)))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(412);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
                    });
            assertThatThrownBy(() -> dev.describeInstances(r -> r.dryRun(true)))
                    .as("Describe* is not in dev's policy")
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
        assertThat(sandbox.world().instances(ACCOUNT, "us-east-1")).isEmpty();
    }

    @Test
    void explicitDenyWinsAndIsDecodedWithItsStatement() throws Exception {
        putDev("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"KeepProd\",\"Effect\":\"Deny\",\"Action\":\"ec2:TerminateInstances\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"ec2:ResourceTag/env\":\"prod\"}}}]}");
        try (Ec2Client dev = dev()) {
            List<String> ids = dev.runInstances(r -> r.imageId(ebsAmi).instanceType("t3.micro").minCount(2).maxCount(2))
                    .instances().stream().map(i -> i.instanceId()).toList();
            dev.createTags(r -> r.resources(ids.get(0)).tags(t -> t.key("env").value("prod")));
            Ec2Exception denied = (Ec2Exception) catchThrowable(() -> dev.terminateInstances(r -> r.instanceIds(ids.get(0))));
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            JsonNode decoded = decode(encodedMessage(denied));
            assertThat(decoded.get("explicitDeny").asBoolean()).isTrue();
            assertThat(decoded.at("/matchedStatements/items/0/statementId").asText()).isEqualTo("KeepProd");
            assertThat(decoded.at("/context/resource").asText()).isEqualTo(Arns.ec2("us-east-1", ACCOUNT, "instance", ids.get(0)));
            assertThat(dev.terminateInstances(r -> r.instanceIds(ids.get(1))).terminatingInstances()).hasSize(1);
        }
    }

    @Test
    void getCallerIdentityAndDecodePermission() throws Exception {
        putDev(WITH_VOLUME);
        assertThat(adminSts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/admin");
        try (StsClient devSts = factory(DEV_KEY, IamConfigTest.CANARY).sts()) {
            assertThat(devSts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/dev");
            assertThat(devSts.getCallerIdentity().userId()).startsWith("AIDA");
            assertThatThrownBy(() -> devSts.decodeAuthorizationMessage(r -> r.encodedMessage("x")))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    });
        }
        assertThatThrownBy(() -> adminSts.decodeAuthorizationMessage(r -> r.encodedMessage("bm90IGEgbWVzc2FnZQ")))
                .isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAuthorizationMessageException"));
    }

    @Test
    void wrongSecretsUnknownKeysAndTamperedRequestsAreRejected() throws Exception {
        putDev(WITH_VOLUME);
        try (Ec2Client forged = factory(DEV_KEY, IamConfigTest.CANARY + "x").ec2()) {
            assertThatThrownBy(forged::describeRegions).isInstanceOfSatisfying(Ec2Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(401);
                assertThat(e.getMessage()).doesNotContain(IamConfigTest.CANARY);
            });
        }
        try (Ec2Client stranger = factory("AKIASTRANGER00000001", IamConfigTest.CANARY).ec2()) {
            assertThatThrownBy(stranger::describeRegions).isInstanceOfSatisfying(Ec2Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(401);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AuthFailure");
            });
        }
        try (StsClient stranger = factory("AKIASTRANGER00000001", IamConfigTest.CANARY).sts()) {
            assertThatThrownBy(stranger::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            });
        }
        try (StsClient forged = factory(DEV_KEY, IamConfigTest.CANARY + "x").sts()) {
            assertThatThrownBy(forged::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            });
        }
        // signed by the SDK's signer, then changed on the way: the signature no longer matches
        String form = "Action=RunInstances&Version=2016-11-15&ImageId=" + ebsAmi + "&MinCount=1&MaxCount=1";
        SandboxRequest signed = new SdkSigning(DEV_KEY, IamConfigTest.CANARY, Instant.now())
                .authority(sandbox.endpoint()).sign("POST", "/", Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), form);
        assertThat(send(signed, form).statusCode()).isEqualTo(200);
        HttpResponse<String> tampered = send(signed, form.replace("MaxCount=1", "MaxCount=5"));
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(tampered.body()).contains("<Code>AuthFailure</Code>");
        assertThat(sandbox.world().instances(ACCOUNT, "us-east-1")).hasSize(1);
    }

    @Test
    void aPresignedGetCallerIdentityUrlWorksUntilItIsTamperedWith() throws Exception {
        putDev(WITH_VOLUME);
        SandboxRequest presigned = new SdkSigning(DEV_KEY, IamConfigTest.CANARY, Instant.now()).authority(sandbox.endpoint())
                .service("sts", "us-east-1").presigned(java.time.Duration.ofMinutes(1))
                .sign("GET", "/?Action=GetCallerIdentity&Version=2011-06-15", Map.of(), "");
        HttpResponse<String> ok = get("/?" + presigned.rawQuery());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("<Arn>arn:aws:iam::" + ACCOUNT + ":user/dev</Arn>");
        HttpResponse<String> tampered = get("/?" + presigned.rawQuery().replace("X-Amz-Expires=60", "X-Amz-Expires=600"));
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.body()).contains("<Code>SignatureDoesNotMatch</Code>").contains("<Type>Sender</Type>");
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(sandbox.endpoint() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        replies.add(response.body());
        return response;
    }

    @Test
    void theCanarySecretNeverLeaves() throws Exception {
        putDev(IamAccessControlTest.RUN_WITHOUT_VOLUME);
        try (Ec2Client dev = dev(); Ec2Client forged = factory(DEV_KEY, IamConfigTest.CANARY + "x").ec2();
             StsClient devSts = factory(DEV_KEY, IamConfigTest.CANARY).sts()) {
            Ec2Exception denied = (Ec2Exception) catchThrowable(() -> dev.runInstances(r -> r.imageId(ebsAmi).minCount(1).maxCount(1)));
            replies.add(decode(encodedMessage(denied)).toString());
            replies.add(String.valueOf(catchThrowable(forged::describeRegions)));
            replies.add(devSts.getCallerIdentity().toString());
            replies.add(String.valueOf(catchThrowable(() -> devSts.decodeAuthorizationMessage(r -> r.encodedMessage("x")))));
        }
        replies.add(adminEndpoint("GET", "").body());
        replies.add(adminEndpoint("POST", "{\"principals\":[{\"name\":\"bad\",\"accessKeyId\":\"AKIABAD0000000000001\","
                + "\"secretAccessKey\":" + IamConfigTest.CANARY + "}]}").body());
        replies.add(sandbox.stateJson());
        replies.add(sandbox.principals().orElseThrow().users().toString());
        assertThat(replies).hasSizeGreaterThan(8);
        assertThat(String.join("\n", replies)).doesNotContain(IamConfigTest.CANARY);
        assertThat(String.join("\n", logs)).doesNotContain(IamConfigTest.CANARY);
    }

    private HttpResponse<String> send(SandboxRequest signed, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (String header : List.of("authorization", "x-amz-date", "x-amz-content-sha256", "content-type")) {
            Optional.ofNullable(signed.header(header)).ifPresent(v -> request.header(header, v));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        replies.add(response.body());
        return response;
    }

    private static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isNotNull();
        return thrown;
    }

    /** Keeps a copy of every reply body the SDK receives. */
    private static final class ReplyRecorder implements ExecutionInterceptor {
        private final List<String> replies;

        ReplyRecorder(List<String> replies) {
            this.replies = replies;
        }

        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                               ExecutionAttributes attributes) {
            return context.responseBody().map(in -> {
                try (in) {
                    ByteArrayOutputStream copy = new ByteArrayOutputStream();
                    in.transferTo(copy);
                    replies.add(copy.toString(StandardCharsets.UTF_8));
                    return new ByteArrayInputStream(copy.toByteArray());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
