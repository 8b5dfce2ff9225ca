package org.ec2workbench.sandbox.iam;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.ec2workbench.sandbox.iam.AccessControl.Reason;
import org.ec2workbench.sandbox.iam.AccessControl.Rejected;

/**
 * Verifies AWS Signature Version 4 as AWS services do, in both of its forms: the {@code Authorization}
 * header and the presigned query string ({@code X-Amz-Algorithm}, {@code X-Amz-Credential},
 * {@code X-Amz-Date}, {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature}, {@code X-Amz-Expires}). It
 * rebuilds the canonical request from what arrived (URI-encoded path, sorted query, signed headers, payload
 * hash or {@code UNSIGNED-PAYLOAD}), derives the signing key from the secret of the access key named in the
 * credential scope, and compares signatures in constant time. Requests dated more than 15 minutes away from
 * the injected clock are refused. Messages never contain a secret or the expected signature.
 */
public final class SigV4Verifier {

    /** The clock-skew window AWS allows. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    /** The longest X-Amz-Expires AWS accepts (seven days). */
    public static final long MAX_EXPIRES_SECONDS = 604_800;

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String TERMINATOR = "aws4_request";
    private static final String MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern HEX_SIGNATURE = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    });
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    });

    private static final int MAX_CACHED_KEYS = 1024;

    private final Clock clock;
    private final Function<String, Optional<String>> secrets;
    /** Derived signing keys by key id and scope; an entry is used only while the secret is unchanged. */
    private final Map<String, CachedKey> signingKeys = new ConcurrentHashMap<>();

    private record CachedKey(String secret, byte[] key) {
    }

    /**
     * @param clock   the clock requests' dates are checked against
     * @param secrets the secret access key for an access key id, if the key exists
     */
    public SigV4Verifier(Clock clock, Function<String, Optional<String>> secrets) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** The outcome of verification. */
    public sealed interface Result permits Verified, Failed {
    }

    /**
     * A correctly signed request.
     *
     * @param accessKeyId the key that signed it
     * @param service     the service in its credential scope
     * @param region      the region in its credential scope
     */
    public record Verified(String accessKeyId, String service, String region) implements Result {
    }

    /** A request that failed verification, with a reason and a message safe to send back. */
    public record Failed(Rejected rejection) implements Result {
    }

    /** Verifies one request. Never throws for bad input. */
    public Result verify(SandboxRequest request) {
        List<String[]> query;
        try {
            query = parseQuery(request.rawQuery());
        } catch (IllegalArgumentException e) {
            return fail(Reason.MALFORMED_AUTHORIZATION, null, "The query string is not validly percent-encoded.");
        }
        String authorization = request.header("authorization");
        boolean presigned = query.stream().anyMatch(p -> p[0].equals("X-Amz-Algorithm"));
        if (authorization != null && presigned) {
            return fail(Reason.MALFORMED_AUTHORIZATION, null,
                    "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the"
                            + " Authorization header should be specified.");
        }
        if (authorization == null && !presigned) {
            return fail(Reason.MISSING_AUTHENTICATION, null, "Request is missing Authentication Token");
        }
        return presigned ? verifyPresigned(request, query) : verifyHeader(request, query, authorization);
    }

    private Result verifyHeader(SandboxRequest request, List<String[]> query, String authorization) {
        String trimmed = authorization.trim();
        if (!trimmed.startsWith(ALGORITHM + " ")) {
            String algorithm = trimmed.split(" ", 2)[0];
            return fail(Reason.MALFORMED_AUTHORIZATION, null,
                    "Unsupported AWS 'algorithm': '" + printable(algorithm) + "' (only " + ALGORITHM + ")");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : trimmed.substring(ALGORITHM.length() + 1).split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2) {
                parts.put(kv[0].trim(), kv[1].trim());
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String required : List.of("Credential", "Signature", "SignedHeaders")) {
            if (!parts.containsKey(required)) {
                missing.append("Authorization header requires '").append(required).append("' parameter. ");
            }
        }
        String amzDate = request.header("x-amz-date");
        if (amzDate == null && request.header("date") != null) {
            amzDate = fromHttpDate(request.header("date"));
        }
        if (amzDate == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (!missing.isEmpty()) {
            return fail(Reason.MALFORMED_AUTHORIZATION, scopeService(parts.get("Credential")),
                    missing.append("Authorization=").append(ALGORITHM).toString());
        }
        String payloadHash = request.header("x-amz-content-sha256");
        return check(request, query, parts.get("Credential"), amzDate, parts.get("SignedHeaders"),
                parts.get("Signature"), List.of(payloadHash == null ? "" : payloadHash), null);
    }

    private Result verifyPresigned(SandboxRequest request, List<String[]> query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String[] p : query) {
            params.putIfAbsent(p[0], p[1]);
        }
        String service = scopeService(params.get("X-Amz-Credential"));
        if (!ALGORITHM.equals(params.get("X-Amz-Algorithm"))) {
            return fail(Reason.MALFORMED_AUTHORIZATION, service,
                    "X-Amz-Algorithm only supports \"" + ALGORITHM + "\"");
        }
        StringBuilder missing = new StringBuilder();
        for (String required : List.of("X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Signature")) {
            if (!params.containsKey(required)) {
                missing.append("AWS query-string parameters must include '").append(required).append("'. ");
            }
        }
        if (!missing.isEmpty()) {
            return fail(Reason.MALFORMED_AUTHORIZATION, service, missing.toString().trim());
        }
        Long expires = null;
        if (params.containsKey("X-Amz-Expires")) {
            try {
                expires = Long.parseLong(params.get("X-Amz-Expires"));
            } catch (NumberFormatException e) {
                expires = -1L;
            }
            if (expires < 1 || expires > MAX_EXPIRES_SECONDS) {
                return fail(Reason.MALFORMED_AUTHORIZATION, service,
                        "X-Amz-Expires must be a number of seconds from 1 to " + MAX_EXPIRES_SECONDS + ".");
            }
        }
        List<String[]> unsignedQuery = query.stream().filter(p -> !p[0].equals("X-Amz-Signature")).toList();
        String payloadHash = request.header("x-amz-content-sha256");
        // A presigned URL is made before the payload is known: signers hash the (usually empty) body or use
        // UNSIGNED-PAYLOAD, so both are accepted.
        List<String> payloadHashes = payloadHash != null ? List.of(payloadHash) : List.of("", UNSIGNED_PAYLOAD);
        return check(request, unsignedQuery, params.get("X-Amz-Credential"), params.get("X-Amz-Date"),
                params.get("X-Amz-SignedHeaders"), params.get("X-Amz-Signature"), payloadHashes, expires);
    }

    /**
     * The checks common to both forms.
     *
     * @param payloadHashes the payload hashes to try ("" means the SHA-256 of the body)
     * @param expires       X-Amz-Expires seconds for the presigned form, else null
     */
    private Result check(SandboxRequest request, List<String[]> query, String credential, String amzDate,
                         String signedHeaders, String signature, List<String> payloadHashes, Long expires) {
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty() || scope[2].isEmpty() || scope[3].isEmpty()) {
            return fail(Reason.MALFORMED_AUTHORIZATION, null, "Credential should be scoped to a valid Region, "
                    + "not ''. Credential=" + printable(scope[0]) + "/<date>/<region>/<service>/aws4_request");
        }
        String accessKeyId = scope[0];
        String service = scope[3];
        String region = scope[2];
        if (!TERMINATOR.equals(scope[4])) {
            return fail(Reason.MALFORMED_AUTHORIZATION, service,
                    "Credential should be scoped with a valid terminator: 'aws4_request', not '"
                            + printable(scope[4]) + "'.");
        }
        Instant signedAt;
        try {
            signedAt = AMZ_DATE.parse(amzDate, Instant::from);
        } catch (DateTimeParseException e) {
            return fail(Reason.MALFORMED_AUTHORIZATION, service,
                    "Invalid X-Amz-Date '" + printable(amzDate) + "': must be in the form yyyyMMdd'T'HHmmss'Z'.");
        }
        if (!amzDate.startsWith(scope[1]) || scope[1].length() != 8) {
            return fail(Reason.SIGNATURE_MISMATCH, service, "Date in Credential scope does not match YYYYMMDD from"
                    + " ISO-8601 version of date from HTTP: '" + printable(scope[1]) + "' != '"
                    + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        List<String> headerNames = List.of(signedHeaders.split(";", -1));
        if (!headerNames.contains("host")) {
            return fail(Reason.MALFORMED_AUTHORIZATION, service,
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        Optional<String> secret = secrets.apply(accessKeyId);
        if (secret.isEmpty()) {
            return fail(Reason.UNKNOWN_ACCESS_KEY, service, "The security token included in the request is invalid.");
        }
        Instant now = clock.instant();
        if (expires != null) {
            if (now.isAfter(signedAt.plusSeconds(expires))) {
                return fail(Reason.EXPIRED, service, "Request has expired.");
            }
            if (now.isBefore(signedAt.minus(MAX_SKEW))) {
                return fail(Reason.EXPIRED, service, "Request is not yet valid.");
            }
        } else if (now.isAfter(signedAt.plus(MAX_SKEW))) {
            return fail(Reason.EXPIRED, service, "Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        } else if (now.isBefore(signedAt.minus(MAX_SKEW))) {
            return fail(Reason.EXPIRED, service, "Signature not yet current: " + amzDate + " is still later than "
                    + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
        }
        if (!HEX_SIGNATURE.matcher(signature).matches()) {
            return fail(Reason.SIGNATURE_MISMATCH, service, MISMATCH);
        }
        String bodyHash = sha256Hex(request.body());
        byte[] key = cachedSigningKey(accessKeyId, secret.get(), scope[1], region, service);
        String scopeText = String.join("/", scope[1], region, service, TERMINATOR);
        for (String declared : payloadHashes) {
            String payloadHash = declared.isEmpty() ? bodyHash : declared;
            if (payloadHash.startsWith("STREAMING-")) {
                return fail(Reason.MALFORMED_AUTHORIZATION, service,
                        "Streaming (chunked) payload signing is not supported by the sandbox.");
            }
            if (!payloadHash.equals(UNSIGNED_PAYLOAD) && !payloadHash.equals(bodyHash)) {
                return fail(Reason.SIGNATURE_MISMATCH, service,
                        "The provided 'x-amz-content-sha256' header does not match what was computed.");
            }
            String canonical = canonicalRequest(request, query, headerNames, signedHeaders, payloadHash);
            String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scopeText + "\n"
                    + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
            byte[] expected = HEX.formatHex(hmac(key, stringToSign)).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
                return new Verified(accessKeyId, service, region);
            }
        }
        return fail(Reason.SIGNATURE_MISMATCH, service, MISMATCH);
    }

    /** The canonical request, exactly as SigV4 defines it. */
    static String canonicalRequest(SandboxRequest request, List<String[]> query, List<String> headerNames,
                                   String signedHeaders, String payloadHash) {
        StringBuilder out = new StringBuilder();
        out.append(request.method()).append('\n');
        out.append(canonicalUri(request.path())).append('\n');
        out.append(canonicalQuery(query)).append('\n');
        for (String name : headerNames) {
            List<String> values = request.headers().getOrDefault(name, List.of());
            out.append(name).append(':');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendCollapsed(out, values.get(i).trim());
            }
            out.append('\n');
        }
        out.append('\n').append(signedHeaders).append('\n').append(payloadHash);
        return out.toString();
    }

    /** Appends {@code value} with each run of spaces collapsed to one. */
    private static void appendCollapsed(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' || i == 0 || value.charAt(i - 1) != ' ') {
                out.append(c);
            }
        }
    }

    /** The raw path with dot segments removed, each character not unreserved percent-encoded (again). */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        List<String> segments = new ArrayList<>();
        String[] parts = rawPath.split("/", -1);
        for (int i = 1; i < parts.length; i++) {
            String s = parts[i];
            if (s.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                if (i == parts.length - 1) {
                    segments.add("");
                }
            } else if (s.equals(".")) {
                if (i == parts.length - 1) {
                    segments.add("");
                }
            } else {
                segments.add(s);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/').append(uriEncode(segment));
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    static String canonicalQuery(List<String[]> query) {
        List<String[]> encoded = new ArrayList<>();
        for (String[] p : query) {
            encoded.add(new String[] {uriEncode(p[0]), uriEncode(p[1])});
        }
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] p : encoded) {
            out.append(out.isEmpty() ? "" : "&").append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /** Decodes a raw query string into name/value pairs; '+' is a literal plus, as SigV4 signers send it. */
    static List<String[]> parseQuery(String rawQuery) {
        List<String[]> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(new String[] {percentDecode(name), percentDecode(value)});
        }
        return out;
    }

    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("truncated percent escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad percent escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** RFC 3986 encoding as SigV4 wants it: unreserved characters stay, everything else is %XX (upper case). */
    static String uriEncode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private byte[] cachedSigningKey(String accessKeyId, String secret, String date, String region, String service) {
        String id = accessKeyId + "/" + date + "/" + region + "/" + service;
        CachedKey cached = signingKeys.get(id);
        if (cached != null && cached.secret.equals(secret)) {
            return cached.key;
        }
        if (signingKeys.size() >= MAX_CACHED_KEYS) {
            signingKeys.clear();
        }
        byte[] key = signingKey(secret, date, region, service);
        signingKeys.put(id, new CachedKey(secret, key));
        return key;
    }

    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, TERMINATOR);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = MAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    static String sha256Hex(byte[] data) {
        return HEX.formatHex(SHA256.get().digest(data));
    }

    private static String fromHttpDate(String date) {
        try {
            ZonedDateTime parsed = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME);
            return AMZ_DATE.format(parsed.toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String scopeService(String credential) {
        if (credential == null) {
            return null;
        }
        String[] scope = credential.split("/", -1);
        return scope.length == 5 && !scope[3].isEmpty() ? scope[3] : null;
    }

    /** Caller-supplied text echoed in a message, bounded and stripped of control characters. */
    private static String printable(String s) {
        String cleaned = s.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }

    private static Failed fail(Reason reason, String service, String message) {
        return new Failed(new Rejected(reason, service, message));
    }
}
