package org.ec2workbench.sandbox.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ec2workbench.sandbox.http.RequestContext;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.ec2workbench.sandbox.http.SandboxResponse;
import org.ec2workbench.sandbox.http.ServiceHandler;
import org.ec2workbench.sandbox.iam.AccessControl;
import org.ec2workbench.sandbox.iam.Principal;

/**
 * Serves {@link SqsService} over both wire protocols SQS speaks: AWS JSON 1.0 ({@code X-Amz-Target:
 * AmazonSQS.<Op>}, what current SDKs send) and the Query protocol ({@code Action=<Op>} form posts with XML
 * replies, what older CLIs and SDKs send). Each action is authorized as {@code sqs:<Op>} on the queue ARN.
 */
public final class SqsHandler implements ServiceHandler {

    private static final String JSON_TYPE = "application/x-amz-json-1.0";
    private static final String XML_TYPE = "text/xml";
    private static final String TARGET_PREFIX = "AmazonSQS.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsService service;
    private final AccessControl accessControl;
    private final String fallbackEndpoint;

    /**
     * @param service          the queues
     * @param accessControl    authorizes each action for the request's principal
     * @param fallbackEndpoint base URL for queue URLs when a request carries no Host header
     */
    public SqsHandler(SqsService service, AccessControl accessControl, String fallbackEndpoint) {
        this.service = service;
        this.accessControl = accessControl;
        this.fallbackEndpoint = fallbackEndpoint;
    }

    @Override
    public String service() {
        return "sqs";
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, RequestContext context) {
        String target = request.header("x-amz-target");
        boolean json = target != null;
        try {
            return json ? handleJson(request, context, target) : handleQuery(request, context);
        } catch (SqsException e) {
            return error(e, json, context.requestId());
        } catch (RuntimeException e) {
            return error(new SqsException("InternalFailure", "InternalFailure", 500, false,
                    "The request processing has failed because of an unknown error, exception or failure."),
                    json, context.requestId());
        }
    }

    private SandboxResponse handleJson(SandboxRequest request, RequestContext context, String target) {
        if (!target.startsWith(TARGET_PREFIX)) {
            throw SqsException.unknownOperation(target, false);
        }
        String operation = target.substring(TARGET_PREFIX.length());
        if (!SqsService.supports(operation)) {
            throw SqsException.unknownOperation(operation, false);
        }
        JsonNode params;
        try {
            params = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
        } catch (java.io.IOException e) {
            throw new SqsException("SerializationException", "SerializationException", 400, true,
                    "The request body is not valid JSON.");
        }
        if (params == null || !params.isObject()) {
            throw new SqsException("SerializationException", "SerializationException", 400, true,
                    "The request body must be a JSON object.");
        }
        ObjectNode result = run(operation, params, request, context);
        return SandboxResponse.text(200, JSON_TYPE, Map.of("x-amzn-RequestId", context.requestId()), write(result));
    }

    private SandboxResponse handleQuery(SandboxRequest request, RequestContext context) {
        Map<String, String> form = new LinkedHashMap<>(parseForm(request.rawQuery()));
        String contentType = request.header("content-type");
        if (contentType == null || contentType.startsWith("application/x-www-form-urlencoded")) {
            form.putAll(parseForm(request.bodyText()));
        }
        String operation = form.get("Action");
        if (operation == null || operation.isEmpty()) {
            throw SqsException.missingParameter("Action");
        }
        if (!SqsService.supports(operation)) {
            throw SqsException.unknownOperation(operation, true);
        }
        ObjectNode params = SqsQueryProtocol.toJson(form);
        if (!params.has("QueueUrl") && SqsService.urlParts(request.path()) != null) {
            params.put("QueueUrl", endpoint(request) + request.path());
        }
        ObjectNode result = run(operation, params, request, context);
        return SandboxResponse.text(200, XML_TYPE, Map.of("x-amzn-RequestId", context.requestId()),
                SqsQueryProtocol.toXml(operation, result, context.requestId()));
    }

    private ObjectNode run(String operation, JsonNode params, SandboxRequest request, RequestContext context) {
        Principal principal = context.principal();
        SqsService.Caller caller = new SqsService.Caller(principal.accountId(), context.region(), endpoint(request),
                principal.userId());
        String resource = service.resourceArn(operation, params, caller);
        AccessControl.Decision decision = accessControl.authorize(principal, "sqs:" + operation, List.of(resource),
                Map.of("aws:RequestedRegion", List.of(context.region())));
        if (!decision.allowed()) {
            throw new SqsException("AccessDenied", "AccessDenied", 403, true,
                    "User: " + principal.arn() + " is not authorized to perform: sqs:" + operation + " on resource: "
                            + resource + " because no identity-based policy allows the sqs:" + operation + " action");
        }
        return service.call(operation, params, caller);
    }

    @Override
    public SandboxResponse rejected(SandboxRequest request, AccessControl.Rejected rejection, String requestId) {
        SqsException e = switch (rejection.reason()) {
            case MISSING_AUTHENTICATION -> new SqsException("MissingAuthenticationToken", "MissingClientTokenId", 403,
                    true, rejection.message());
            case MALFORMED_AUTHORIZATION -> new SqsException("IncompleteSignature", "IncompleteSignature", 403, true,
                    rejection.message());
            case UNKNOWN_ACCESS_KEY -> new SqsException("InvalidClientTokenId", "InvalidClientTokenId", 403, true,
                    rejection.message());
            case SIGNATURE_MISMATCH -> new SqsException("SignatureDoesNotMatch", "SignatureDoesNotMatch", 403, true,
                    rejection.message());
            case EXPIRED -> new SqsException("RequestExpired", "RequestExpired", 403, true, rejection.message());
        };
        return error(e, request.header("x-amz-target") != null, requestId);
    }

    private static SandboxResponse error(SqsException e, boolean json, String requestId) {
        if (json) {
            ObjectNode body = JSON.createObjectNode()
                    .put("__type", "com.amazonaws.sqs#" + e.jsonType())
                    .put("message", e.getMessage());
            return SandboxResponse.text(e.status(), JSON_TYPE, Map.of("x-amzn-RequestId", requestId,
                    "x-amzn-query-error", e.queryCode() + ";" + e.faultType()), write(body));
        }
        return SandboxResponse.text(e.status(), XML_TYPE, Map.of("x-amzn-RequestId", requestId),
                SqsQueryProtocol.errorXml(e, requestId));
    }

    private String endpoint(SandboxRequest request) {
        String host = request.header("host");
        return host == null || host.isBlank() ? fallbackEndpoint : "http://" + host;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Jackson tree always serializes", e);
        }
    }

    /** Decodes {@code a=1&b=2}; malformed escapes become an InvalidParameterValue, as SQS answers. */
    static Map<String, String> parseForm(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(key, value);
            } catch (IllegalArgumentException e) {
                throw SqsException.invalidParameter("The request contains a malformed form parameter.");
            }
        }
        return out;
    }
}
