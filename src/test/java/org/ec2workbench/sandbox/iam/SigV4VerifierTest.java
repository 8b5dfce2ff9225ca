package org.ec2workbench.sandbox.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ec2workbench.backoff.VirtualClock;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.ec2workbench.sandbox.iam.AccessControl.Reason;
import org.ec2workbench.sandbox.iam.SigV4Verifier.Failed;
import org.ec2workbench.sandbox.iam.SigV4Verifier.Result;
import org.ec2workbench.sandbox.iam.SigV4Verifier.Verified;
import org.junit.jupiter.api.Test;

class SigV4VerifierTest {

    private static final String KEY = "AKIATESTKEY000000001";
    private static final String SECRET = "test/secret/KEY+with/odd=chars0123456789";
    private static final Instant SIGNED_AT = Instant.parse("2026-11-22T03:00:00Z");
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static final String RUN = "Action=RunInstances&Version=2016-11-15&ImageId=ami-0abc&MinCount=1&MaxCount=1";

    private final VirtualClock clock = new VirtualClock(SIGNED_AT);
    private final Map<String, String> secrets = new LinkedHashMap<>(Map.of(KEY, SECRET));
    private final SigV4Verifier verifier = new SigV4Verifier(clock, k -> Optional.ofNullable(secrets.get(k)));
    private final SdkSigning sdk = new SdkSigning(KEY, SECRET, SIGNED_AT);

    private SandboxRequest signedPost(String body) {
        return sdk.sign("POST", "/", Map.of("Content-Type", FORM), body);
    }

    private static Reason reason(Result result) {
        assertThat(result).isInstanceOf(Failed.class);
        return ((Failed) result).rejection().reason();
    }

    @Test
    void acceptsTheSdksHeaderSignatureAndNamesScope() {
        Result result = verifier.verify(signedPost(RUN));
        assertThat(result).isEqualTo(new Verified(KEY, "ec2", "us-east-1"));
    }

    @Test
    void acceptsSdkSignaturesOverAwkwardPathsAndQueries() {
        SandboxRequest request = sdk.service("sqs", "eu-west-1").sign("GET",
                "/123456789012/my%20queue.fifo/?Action=SendMessage&MessageBody=a%20b%2Bc%2F%3D%26%C3%A9~&Empty=&Z=1&A=2",
                Map.of("X-Custom", "  spaced    value  "), "");
        assertThat(verifier.verify(request)).isEqualTo(new Verified(KEY, "sqs", "eu-west-1"));
    }

    @Test
    void rejectsATamperedBody() {
        SandboxRequest tampered = SdkSigning.withBody(signedPost(RUN), RUN.replace("MaxCount=1", "MaxCount=9"));
        assertThat(reason(verifier.verify(tampered))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsATamperedSignedHeaderButIgnoresUnsignedOnes() {
        SandboxRequest signed = signedPost(RUN);
        assertThat(reason(verifier.verify(SdkSigning.withHeader(signed, "content-type", "text/plain"))))
                .isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(reason(verifier.verify(SdkSigning.withHeader(signed, "host", "127.0.0.1:4567"))))
                .isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(verifier.verify(SdkSigning.withHeader(signed, "user-agent", "added-after-signing")))
                .isInstanceOf(Verified.class);
    }

    @Test
    void rejectsATamperedQuery() {
        SandboxRequest signed = sdk.sign("GET", "/?Action=DescribeInstances&Version=2016-11-15", Map.of(), "");
        assertThat(verifier.verify(signed)).isInstanceOf(Verified.class);
        SandboxRequest tampered = SdkSigning.withQuery(signed, "Action=TerminateInstances&Version=2016-11-15");
        assertThat(reason(verifier.verify(tampered))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsAWrongSecret() {
        SandboxRequest forged = new SdkSigning(KEY, SECRET + "x", SIGNED_AT).sign("POST", "/", Map.of("Content-Type", FORM), RUN);
        Result result = verifier.verify(forged);
        assertThat(reason(result)).isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(((Failed) result).rejection().message()).contains("signature we calculated does not match")
                .doesNotContain(SECRET);
    }

    @Test
    void rejectsAnUnknownKey() {
        SandboxRequest request = new SdkSigning("AKIANOSUCHKEY0000001", SECRET, SIGNED_AT).sign("POST", "/",
                Map.of("Content-Type", FORM), RUN);
        Result result = verifier.verify(request);
        assertThat(reason(result)).isEqualTo(Reason.UNKNOWN_ACCESS_KEY);
        assertThat(((Failed) result).rejection().service()).isEqualTo("ec2");
    }

    @Test
    void allowsFifteenMinutesOfSkewEitherWay() {
        SandboxRequest request = signedPost(RUN);
        clock.advance(Duration.ofMinutes(14).toNanos());
        assertThat(verifier.verify(request)).isInstanceOf(Verified.class);
        clock.advance(Duration.ofMinutes(2).toNanos());
        Result late = verifier.verify(request);
        assertThat(reason(late)).isEqualTo(Reason.EXPIRED);
        assertThat(((Failed) late).rejection().message()).startsWith("Signature expired: 20261122T030000Z");

        VirtualClock early = new VirtualClock(SIGNED_AT.minus(Duration.ofMinutes(16)));
        SigV4Verifier fromThePast = new SigV4Verifier(early, k -> Optional.ofNullable(secrets.get(k)));
        assertThat(reason(fromThePast.verify(request))).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void acceptsTheSdksPresignedUrlUntilItExpires() {
        SandboxRequest presigned = sdk.service("sts", "us-east-1").presigned(Duration.ofMinutes(60))
                .sign("GET", "/?Action=GetCallerIdentity&Version=2011-06-15", Map.of(), "");
        assertThat(presigned.header("authorization")).isNull();
        assertThat(presigned.rawQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=3600");
        assertThat(verifier.verify(presigned)).isEqualTo(new Verified(KEY, "sts", "us-east-1"));
        clock.advance(Duration.ofMinutes(59).toNanos());
        assertThat(verifier.verify(presigned)).isInstanceOf(Verified.class);
        clock.advance(Duration.ofMinutes(2).toNanos());
        assertThat(reason(verifier.verify(presigned))).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void rejectsATamperedPresignedUrl() {
        SandboxRequest presigned = sdk.service("sts", "us-east-1").presigned(Duration.ofMinutes(5))
                .sign("GET", "/?Action=GetCallerIdentity&Version=2011-06-15", Map.of(), "");
        SandboxRequest tampered = SdkSigning.withQuery(presigned,
                presigned.rawQuery().replace("GetCallerIdentity", "DecodeAuthorizationMessage"));
        assertThat(reason(verifier.verify(tampered))).isEqualTo(Reason.SIGNATURE_MISMATCH);
        SandboxRequest longer = SdkSigning.withQuery(presigned,
                presigned.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=3000"));
        assertThat(reason(verifier.verify(longer))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void acceptsUnsignedPayloadOnlyWhenTheSignerDeclaredIt() {
        SandboxRequest unsigned = sdk.unsignedPayload().sign("POST", "/", Map.of("Content-Type", FORM), RUN);
        assertThat(unsigned.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(verifier.verify(unsigned)).isInstanceOf(Verified.class);
        // the declared hash is signed: switching it to a real hash breaks the signature
        SandboxRequest switched = SdkSigning.withHeader(unsigned, "x-amz-content-sha256",
                SigV4Verifier.sha256Hex(RUN.getBytes(StandardCharsets.UTF_8)));
        assertThat(reason(verifier.verify(switched))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void aDeclaredPayloadHashMustMatchTheBody() {
        String hash = SigV4Verifier.sha256Hex(RUN.getBytes(StandardCharsets.UTF_8));
        SandboxRequest signed = sdk.sign("POST", "/", Map.of("Content-Type", FORM, "x-amz-content-sha256", hash), RUN);
        assertThat(verifier.verify(signed)).isInstanceOf(Verified.class);
        Result tampered = verifier.verify(SdkSigning.withBody(signed, RUN + "&DryRun=true"));
        assertThat(reason(tampered)).isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(((Failed) tampered).rejection().message()).contains("x-amz-content-sha256");
    }

    @Test
    void namesMissingAndMalformedAuthentication() {
        SandboxRequest bare = new SandboxRequest("POST", "/", "", Map.of("host", List.of("127.0.0.1:4566")),
                RUN.getBytes(StandardCharsets.UTF_8));
        assertThat(reason(verifier.verify(bare))).isEqualTo(Reason.MISSING_AUTHENTICATION);

        SandboxRequest v2 = SdkSigning.withHeader(bare, "authorization", "AWS AKIATESTKEY000000001:abc=");
        assertThat(reason(verifier.verify(v2))).isEqualTo(Reason.MALFORMED_AUTHORIZATION);

        SandboxRequest noSignature = SdkSigning.withHeader(SdkSigning.withHeader(bare, "x-amz-date", "20261122T030000Z"),
                "authorization", "AWS4-HMAC-SHA256 Credential=" + KEY + "/20261122/us-east-1/ec2/aws4_request, "
                        + "SignedHeaders=host;x-amz-date");
        Result result = verifier.verify(noSignature);
        assertThat(reason(result)).isEqualTo(Reason.MALFORMED_AUTHORIZATION);
        assertThat(((Failed) result).rejection().message()).contains("'Signature' parameter");
        assertThat(((Failed) result).rejection().service()).isEqualTo("ec2");

        SandboxRequest badEscape = SdkSigning.withQuery(signedPost(RUN), "Action=%ZZ");
        assertThat(reason(verifier.verify(badEscape))).isEqualTo(Reason.MALFORMED_AUTHORIZATION);

        SandboxRequest hostNotSigned = SdkSigning.withHeader(SdkSigning.withHeader(bare, "x-amz-date", "20261122T030000Z"),
                "authorization", "AWS4-HMAC-SHA256 Credential=" + KEY + "/20261122/us-east-1/ec2/aws4_request, "
                        + "SignedHeaders=x-amz-date, Signature=" + "0".repeat(64));
        assertThat(reason(verifier.verify(hostNotSigned))).isEqualTo(Reason.MALFORMED_AUTHORIZATION);
    }

    @Test
    void scopeDateMustMatchTheRequestDate() {
        SandboxRequest signed = signedPost(RUN);
        String moved = signed.header("authorization").replace("/20261122/", "/20261121/");
        assertThat(reason(verifier.verify(SdkSigning.withHeader(signed, "authorization", moved))))
                .isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void verifiesRequestsSignedByBotocore() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("botocore-signed-requests.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        String key = fixture.get("accessKeyId").asText();
        secrets.put(key, fixture.get("secretAccessKey").asText());
        assertThat(fixture.get("requests")).hasSize(3);
        for (JsonNode r : fixture.get("requests")) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            r.get("headers").fields().forEachRemaining(
                    h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), List.of(h.getValue().asText())));
            SandboxRequest request = new SandboxRequest(r.get("method").asText(), r.get("path").asText(),
                    r.get("rawQuery").asText(), headers, r.get("body").asText().getBytes(StandardCharsets.UTF_8));
            String date = request.header("x-amz-date") != null ? request.header("x-amz-date")
                    : request.rawQuery().replaceAll(".*X-Amz-Date=([0-9TZ]+).*", "$1");
            Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                    .parse(date, Instant::from);
            SigV4Verifier atThatTime = new SigV4Verifier(new VirtualClock(signedAt.plusSeconds(30)),
                    k -> Optional.ofNullable(secrets.get(k)));
            assertThat(atThatTime.verify(request)).as(r.get("name").asText()).isInstanceOf(Verified.class);

            SandboxRequest tampered = new SandboxRequest(request.method(), request.path() + "x", request.rawQuery(),
                    request.headers(), request.body());
            assertThat(reason(atThatTime.verify(tampered))).as(r.get("name").asText())
                    .isEqualTo(Reason.SIGNATURE_MISMATCH);
        }
    }

    @Test
    void mutatedRequestsAreRefusedWithoutEverThrowing() {
        SandboxRequest header = signedPost(RUN);
        SandboxRequest presigned = sdk.service("sts", "us-east-1").presigned(Duration.ofMinutes(5))
                .sign("GET", "/?Action=GetCallerIdentity&Version=2011-06-15", Map.of(), "");
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        String alphabet = "AZaz09%/=&;,: -_.~\u00e9\u0000+*?";
        int verified = 0;
        for (int i = 0; i < 5_000; i++) {
            boolean useHeader = random.nextBoolean();
            SandboxRequest base = useHeader ? header : presigned;
            String target = useHeader ? base.header("authorization") : base.rawQuery();
            StringBuilder mutated = new StringBuilder(target);
            for (int m = 1 + random.nextInt(3); m > 0 && !mutated.isEmpty(); m--) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0 -> mutated.deleteCharAt(at);
                    case 1 -> mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            SandboxRequest request = useHeader ? SdkSigning.withHeader(base, "authorization", mutated.toString())
                    : SdkSigning.withQuery(base, mutated.toString());
            Result result = verifier.verify(request);
            if (result instanceof Verified) {
                verified++;
            } else {
                assertThat(((Failed) result).rejection().message()).isNotBlank().doesNotContain(SECRET);
            }
        }
        // a mutation may be harmless (e.g. whitespace around a comma), never a forged signature
        assertThat(verified).isLessThan(250);
    }

    @Test
    void canonicalUriEncodesTheRawPathAgainAndDropsDotSegments() {
        assertThat(SigV4Verifier.canonicalUri("")).isEqualTo("/");
        assertThat(SigV4Verifier.canonicalUri("/a/./b/../c/")).isEqualTo("/a/c/");
        assertThat(SigV4Verifier.canonicalUri("/my%20queue")).isEqualTo("/my%2520queue");
        assertThat(SigV4Verifier.canonicalQuery(new ArrayList<>(List.of(new String[] {"b", "x y"},
                new String[] {"a", "2"}, new String[] {"a", "1"})))).isEqualTo("a=1&a=2&b=x%20y");
    }
}
