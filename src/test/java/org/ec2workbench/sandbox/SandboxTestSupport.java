package org.ec2workbench.sandbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.VirtualClock;
import org.ec2workbench.sandbox.world.WorldSettings;
import org.assertj.core.api.ThrowableAssert;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

/** Shared helpers for the sandbox's integration tests: real SDK clients over real HTTP. */
final class SandboxTestSupport {

    static final Instant ORIGIN = Instant.parse("2025-03-01T12:00:00Z");
    /** Signed-looking header for raw HTTP requests (the no-IAM mode reads only the scope). */
    static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKIASANDBOXADMIN0001/20250301/us-east-1/ec2/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000";

    private SandboxTestSupport() {
    }

    /** A started sandbox on a virtual clock. */
    static Sandbox onVirtualClock(VirtualClock clock, Preset preset, WorldSettings settings, long seed) {
        Sandbox.Builder b = Sandbox.builder().preset(preset).clock(clock).seed(seed);
        if (settings != null) {
            b.worldSettings(settings);
        }
        return b.build().start();
    }

    /**
     * The no-IAM mode, for tests that send raw requests with the fake signature {@link #AUTH}: the scope is
     * read, no signature is checked, everything is allowed.
     */
    static Sandbox.Builder withoutIam(Sandbox.Builder builder) {
        return builder.accessControl(new ScopeOnlyAccessControl(), ScopeOnlyAccessControl.DEFAULT_CREDENTIALS);
    }

    /** An EC2 client for the sandbox that never retries, so each call is exactly one attempt. */
    static Ec2Client client(Sandbox sandbox) {
        Credentials keys = sandbox.defaultCredentials();
        return ClientFactory.builder(Connection.sandbox(sandbox.endpoint(), "us-east-1", keys.accessKeyId(),
                        keys.secretAccessKey()))
                .retryStrategy(DefaultRetryStrategy.doNotRetry())
                .build().ec2();
    }

    /** The first EBS-backed x86_64 image. */
    static Image ebsImage(Ec2Client ec2) {
        return ec2.describeImages(r -> r.filters(f -> f.name("root-device-type").values("ebs"),
                f -> f.name("architecture").values("x86_64"))).images().get(0);
    }

    /** Launches {@code n} t3.micro instances of the first EBS image. */
    static RunInstancesResponse launch(Ec2Client ec2, int n) {
        String ami = ebsImage(ec2).imageId();
        return ec2.runInstances(r -> r.imageId(ami).instanceType("t3.micro").minCount(n).maxCount(n));
    }

    /** Asserts the call fails with this EC2 error code and HTTP status. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertEc2Error(ThrowableAssert.ThrowingCallable call,
                                                                          String code, int status) {
        return assertThatThrownBy(call).isInstanceOf(Ec2Exception.class)
                .satisfies(e -> {
                    Ec2Exception ex = (Ec2Exception) e;
                    org.assertj.core.api.Assertions.assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(code);
                    org.assertj.core.api.Assertions.assertThat(ex.statusCode()).isEqualTo(status);
                });
    }

    /** A raw form POST (for what the SDK would refuse to send). */
    static HttpResponse<String> post(Sandbox sandbox, String form, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Ids of launched instances. */
    static List<String> ids(RunInstancesResponse response) {
        return response.instances().stream().map(software.amazon.awssdk.services.ec2.model.Instance::instanceId)
                .toList();
    }
}
