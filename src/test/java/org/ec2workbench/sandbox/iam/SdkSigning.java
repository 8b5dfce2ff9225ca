package org.ec2workbench.sandbox.iam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ec2workbench.sandbox.http.SandboxRequest;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Signs requests with the AWS SDK's own SigV4 signer and turns them into what the sandbox receives. */
final class SdkSigning {

    private final String accessKeyId;
    private final String secret;
    private final Instant at;
    private String service = "ec2";
    private String region = "us-east-1";
    private Duration presignFor;
    private boolean payloadSigning = true;
    private String authority = "127.0.0.1:4566";

    SdkSigning(String accessKeyId, String secret, Instant at) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.at = at;
    }

    SdkSigning service(String service, String region) {
        this.service = service;
        this.region = region;
        return this;
    }

    /** Signs for this host and port instead of 127.0.0.1:4566. */
    SdkSigning authority(URI endpoint) {
        this.authority = endpoint.getHost() + ":" + endpoint.getPort();
        return this;
    }

    SdkSigning presigned(Duration expires) {
        this.presignFor = expires;
        return this;
    }

    SdkSigning unsignedPayload() {
        this.payloadSigning = false;
        return this;
    }

    /** Signs a request to {@code http://127.0.0.1:4566} (or the authority) + {@code pathAndQuery} with {@code body}. */
    SandboxRequest sign(String method, String pathAndQuery, Map<String, String> headers, String body) {
        // the SDK signs payloads over plain HTTP whatever it is told; UNSIGNED-PAYLOAD needs https
        URI uri = URI.create((payloadSigning ? "http" : "https") + "://" + authority + pathAndQuery);
        SdkHttpRequest.Builder http = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(http::putHeader);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                    .request(http.build())
                    .payload(ContentStreamProvider.fromByteArray(bytes))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, java.time.Clock.fixed(at, ZoneOffset.UTC));
            if (presignFor != null) {
                r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, presignFor);
            }
            if (!payloadSigning) {
                r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false);
            }
        });
        return toSandbox(signed.request(), readAll(signed));
    }

    private static byte[] readAll(SignedRequest signed) {
        if (signed.payload().isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = signed.payload().get().newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What an HTTP server receives for this SDK request: lower-case header names, raw path and query. */
    static SandboxRequest toSandbox(SdkHttpRequest request, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
        if (!headers.containsKey("host")) {
            headers.put("host", List.of(request.host() + ":" + request.port()));
        }
        return new SandboxRequest(request.method().name(), request.encodedPath().isEmpty() ? "/" : request.encodedPath(),
                request.encodedQueryParameters().orElse(""), headers, body);
    }

    /** A copy with one header replaced (or added). */
    static SandboxRequest withHeader(SandboxRequest r, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.put(name, List.of(value));
        return new SandboxRequest(r.method(), r.path(), r.rawQuery(), headers, r.body());
    }

    static SandboxRequest withBody(SandboxRequest r, String body) {
        return new SandboxRequest(r.method(), r.path(), r.rawQuery(), r.headers(), body.getBytes(StandardCharsets.UTF_8));
    }

    static SandboxRequest withQuery(SandboxRequest r, String rawQuery) {
        return new SandboxRequest(r.method(), r.path(), rawQuery, r.headers(), r.body());
    }
}
