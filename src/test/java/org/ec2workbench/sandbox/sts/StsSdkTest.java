package org.ec2workbench.sandbox.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.sandbox.http.RequestContext;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.ec2workbench.sandbox.http.SandboxResponse;
import org.ec2workbench.sandbox.iam.AccessControl;
import org.ec2workbench.sandbox.iam.AccessKey;
import org.ec2workbench.sandbox.iam.IamAccessControl;
import org.ec2workbench.sandbox.iam.IamUser;
import org.ec2workbench.sandbox.iam.PolicyParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** The real STS client of the AWS SDK against the STS handler over real HTTP (the JDK's small server). */
class StsSdkTest {

    private static final String DEV_SECRET = "sts-sdk-test-dev-secret-000000";

    private IamAccessControl access;
    private HttpServer server;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        access = IamAccessControl.builder().random(new SplittableRandom(3)).build();
        access.store().putAll(List.of(new IamUser("dev", new AccessKey("AKIADEV0000000000001", DEV_SECRET),
                List.of(PolicyParser.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ec2:Describe*\",\"Resource\":\"*\"}}")))));
        StsHandler sts = new StsHandler(access);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> serve(exchange, sts));
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange, StsHandler sts) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
        URI uri = exchange.getRequestURI();
        SandboxRequest request = new SandboxRequest(exchange.getRequestMethod(), uri.getRawPath(),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(), headers, exchange.getRequestBody().readAllBytes());
        String requestId = UUID.randomUUID().toString();
        AccessControl.Authentication auth = access.authenticate(request);
        SandboxResponse response = auth instanceof AccessControl.Authenticated ok
                ? sts.handle(request, new RequestContext(ok.principal(), ok.region(), requestId))
                : sts.rejected(request, (AccessControl.Rejected) auth, requestId);
        exchange.getResponseHeaders().add("Content-Type", response.contentType());
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    private StsClient client(String key, String secret) {
        return ClientFactory.builder(Connection.sandbox(endpoint, "us-east-1", key, secret))
                .retryMode(RetryMode.STANDARD).build().sts();
    }

    @Test
    void getCallerIdentityThroughTheSdk() {
        try (StsClient sts = client("AKIADEV0000000000001", DEV_SECRET)) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertThat(me.arn()).isEqualTo("arn:aws:iam::123456789012:user/dev");
            assertThat(me.account()).isEqualTo("123456789012");
            assertThat(me.userId()).startsWith("AIDA");
        }
    }

    @Test
    void decodeRoundTripThroughTheSdk() {
        var dev = access.store().byName("dev").orElseThrow().principal("123456789012");
        AccessControl.Decision denied = access.authorize(dev, "ec2:RunInstances",
                List.of("arn:aws:ec2:us-east-1:123456789012:volume/*"), Map.of());
        AccessKey admin = access.store().defaultCredentials();
        try (StsClient sts = client(admin.accessKeyId(), admin.secretAccessKey())) {
            String json = sts.decodeAuthorizationMessage(r -> r.encodedMessage(denied.encodedMessage())).decodedMessage();
            assertThat(json).contains("\"resource\":\"arn:aws:ec2:us-east-1:123456789012:volume/*\"");
        }
        try (StsClient sts = client("AKIADEV0000000000001", DEV_SECRET)) {
            assertThatThrownBy(() -> sts.decodeAuthorizationMessage(r -> r.encodedMessage(denied.encodedMessage())))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    });
        }
    }

    @Test
    void unknownKeysAndWrongSecretsAreRejected() {
        try (StsClient sts = client("AKIANOBODY0000000001", DEV_SECRET)) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            });
        }
        try (StsClient sts = client("AKIADEV0000000000001", DEV_SECRET + "x")) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                assertThat(e.getMessage()).doesNotContain(DEV_SECRET);
            });
        }
    }
}
