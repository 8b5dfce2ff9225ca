package org.ec2workbench.sandbox.sts;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.ec2workbench.sandbox.http.RequestContext;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.ec2workbench.sandbox.http.SandboxResponse;
import org.ec2workbench.sandbox.http.ServiceHandler;
import org.ec2workbench.sandbox.iam.AccessControl;
import org.ec2workbench.sandbox.iam.IamAccessControl;
import org.ec2workbench.sandbox.iam.Principal;
import org.ec2workbench.sandbox.protocol.ApiException;
import org.ec2workbench.sandbox.protocol.QueryParams;
import org.ec2workbench.sandbox.protocol.Xml;

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
            QueryParams params = parameters(request);
            String action = params.get("Action");
            if (action == null || action.isEmpty()) {
                return error(400, "MissingAction", "Missing Action", context.requestId());
            }
            String version = params.get("Version", VERSION);
            return switch (VERSION.equals(version) ? action : "") {
                case "GetCallerIdentity" -> getCallerIdentity(context);
                case "DecodeAuthorizationMessage" -> decodeAuthorizationMessage(params, context);
                default -> error(400, "InvalidAction", "Could not find operation " + action + " for version " + version,
                        context.requestId());
            };
        } catch (ApiException e) {
            return error(e.status(), e.code(), e.getMessage(), context.requestId());
        } catch (RuntimeException e) {
            return error(500, "InternalFailure", "The request processing has failed because of an unknown error.",
                    context.requestId());
        }
    }

    private SandboxResponse getCallerIdentity(RequestContext context) {
        Principal p = context.principal();
        return ok("GetCallerIdentity", context.requestId(), xml -> xml.leaf("UserId", p.userId())
                .leaf("Account", p.accountId()).leaf("Arn", p.arn()));
    }

    private SandboxResponse decodeAuthorizationMessage(QueryParams params, RequestContext context) {
        Principal p = context.principal();
        String encoded = params.required("EncodedMessage");
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
        return ok("DecodeAuthorizationMessage", context.requestId(), xml -> xml.leaf("DecodedMessage", decoded.get()));
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

    private static SandboxResponse ok(String action, String requestId, UnaryOperator<Xml> result) {
        Xml xml = new Xml(512).root(action + "Response", NAMESPACE).open(action + "Result");
        result.apply(xml).close(action + "Result").open("ResponseMetadata").leaf("RequestId", requestId)
                .close("ResponseMetadata").close(action + "Response");
        return SandboxResponse.text(200, "text/xml", Map.of("x-amzn-RequestId", requestId), xml.toString());
    }

    /** An error reply in STS's format. */
    static SandboxResponse error(int status, String code, String message, String requestId) {
        String body = new Xml(256).root("ErrorResponse", NAMESPACE).open("Error")
                .leaf("Type", status >= 500 ? "Receiver" : "Sender").leaf("Code", code).leaf("Message", message)
                .close("Error").leaf("RequestId", requestId).close("ErrorResponse").toString();
        return SandboxResponse.text(status, "text/xml", Map.of("x-amzn-RequestId", requestId), body);
    }

    /** Query-string and form-body parameters (the first value of a name wins). */
    private static QueryParams parameters(SandboxRequest request) {
        String contentType = request.header("content-type");
        boolean form = contentType == null
                || contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        return QueryParams.parse(request.rawQuery(), form ? request.bodyText() : "");
    }
}
