package org.ec2workbench.sandbox.sts;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ec2workbench.sandbox.http.RequestContext;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.ec2workbench.sandbox.http.SandboxResponse;
import org.ec2workbench.sandbox.http.ServiceHandler;
import org.ec2workbench.sandbox.iam.AccessControl;
import org.ec2workbench.sandbox.iam.IamAccessControl;
import org.ec2workbench.sandbox.iam.Principal;

/**
 * AWS STS in the sandbox (Query protocol, version 2011-06-15): {@code GetCallerIdentity} for every
 * principal and {@code DecodeAuthorizationMessage} for those allowed {@code sts:DecodeAuthorizationMessage},
 * with STS's own error replies.
 */
public final class StsHandler implements ServiceHandler {

    /** The XML namespace of STS replies. */
    public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    /** The one API version. */
    public static final String VERSION = "2011-06-15";
    /** The longest encoded message STS accepts. */
    public static final int MAX_ENCODED_MESSAGE = 10_240;

    private final IamAccessControl access;

    /** STS over this sandbox's identity. */
    public StsHandler(IamAccessControl access) {
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public String service() {
        return "sts";
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, RequestContext context) {
        try {
            Map<String, String> params = parameters(request);
            String action = params.get("Action");
            if (action == null || action.isEmpty()) {
                return error(400, "MissingAction", "Missing Action", context.requestId());
            }
            String version = params.getOrDefault("Version", VERSION);
            if (!VERSION.equals(version)) {
                return error(400, "InvalidAction", "Could not find operation " + action + " for version " + version,
                        context.requestId());
            }
            return switch (action) {
                case "GetCallerIdentity" -> getCallerIdentity(context);
                case "DecodeAuthorizationMessage" -> decodeAuthorizationMessage(params, context);
                default -> error(400, "InvalidAction", "Could not find operation " + action + " for version " + version,
                        context.requestId());
            };
        } catch (IllegalArgumentException e) {
            return error(400, "MalformedQueryString", "The query string or form body has a broken encoding.",
                    context.requestId());
        } catch (RuntimeException e) {
            return error(500, "InternalFailure", "The request processing has failed because of an unknown error.",
                    context.requestId());
        }
    }

    private SandboxResponse getCallerIdentity(RequestContext context) {
        Principal p = context.principal();
        return ok("GetCallerIdentity", "<UserId>" + escape(p.userId()) + "</UserId><Account>"
                + escape(p.accountId()) + "</Account><Arn>" + escape(p.arn()) + "</Arn>", context.requestId());
    }

    private SandboxResponse decodeAuthorizationMessage(Map<String, String> params, RequestContext context) {
        Principal p = context.principal();
        String encoded = params.get("EncodedMessage");
        if (encoded == null || encoded.isEmpty()) {
            return error(400, "MissingParameter", "The request must contain the parameter EncodedMessage",
                    context.requestId());
        }
        if (encoded.length() > MAX_ENCODED_MESSAGE) {
            return error(400, "ValidationError", "1 validation error detected: Value at 'encodedMessage' failed to"
                    + " satisfy constraint: Member must have length less than or equal to " + MAX_ENCODED_MESSAGE,
                    context.requestId());
        }
        AccessControl.Decision decision = access.authorize(p, "sts:DecodeAuthorizationMessage", List.of("*"),
                Map.of("aws:RequestedRegion", List.of(context.region())));
        if (!decision.allowed()) {
            return error(403, "AccessDenied", "User: " + p.arn()
                    + " is not authorized to perform: sts:DecodeAuthorizationMessage because no identity-based policy"
                    + " allows the sts:DecodeAuthorizationMessage action", context.requestId());
        }
        Optional<String> decoded = access.decodeAuthorizationMessage(encoded);
        if (decoded.isEmpty()) {
            return error(400, "InvalidAuthorizationMessageException",
                    "The encoded message is not a valid authorization message of this account.", context.requestId());
        }
        return ok("DecodeAuthorizationMessage", "<DecodedMessage>" + escape(decoded.get()) + "</DecodedMessage>",
                context.requestId());
    }

    @Override
    public SandboxResponse rejected(SandboxRequest request, AccessControl.Rejected rejection, String requestId) {
        return switch (rejection.reason()) {
            case MISSING_AUTHENTICATION -> error(403, "MissingAuthenticationToken",
                    "Request is missing Authentication Token", requestId);
            case MALFORMED_AUTHORIZATION -> error(400, "IncompleteSignature", rejection.message(), requestId);
            case UNKNOWN_ACCESS_KEY -> error(403, "InvalidClientTokenId",
                    "The security token included in the request is invalid.", requestId);
            case SIGNATURE_MISMATCH, EXPIRED -> error(403, "SignatureDoesNotMatch", rejection.message(), requestId);
        };
    }

    private static SandboxResponse ok(String action, String resultXml, String requestId) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action + "Response xmlns=\"" + NAMESPACE + "\"><"
                + action + "Result>" + resultXml + "</" + action + "Result><ResponseMetadata><RequestId>"
                + escape(requestId) + "</RequestId></ResponseMetadata></" + action + "Response>";
        return SandboxResponse.text(200, "text/xml", Map.of("x-amzn-RequestId", requestId), body);
    }

    /** An error reply in STS's format. */
    static SandboxResponse error(int status, String code, String message, String requestId) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>"
                + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + escape(code) + "</Code><Message>"
                + escape(message) + "</Message></Error><RequestId>" + escape(requestId) + "</RequestId></ErrorResponse>";
        return SandboxResponse.text(status, "text/xml", Map.of("x-amzn-RequestId", requestId), body);
    }

    /** Query-string and form-body parameters (the first value of a name wins). */
    private static Map<String, String> parameters(SandboxRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        addForm(params, request.rawQuery());
        String contentType = request.header("content-type");
        if (contentType == null || contentType.toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")) {
            addForm(params, request.bodyText());
        }
        return params;
    }

    private static void addForm(Map<String, String> params, String form) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? "&#xFFFD;" : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
