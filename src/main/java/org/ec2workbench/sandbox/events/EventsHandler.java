package org.ec2workbench.sandbox.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.ec2workbench.sandbox.http.RequestContext;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.ec2workbench.sandbox.http.SandboxResponse;
import org.ec2workbench.sandbox.http.ServiceHandler;
import org.ec2workbench.sandbox.iam.AccessControl;
import org.ec2workbench.sandbox.iam.Principal;

/**
 * Serves {@link EventsService} over AWS JSON 1.1 ({@code X-Amz-Target: AWSEvents.<Op>}), the protocol of
 * both the CloudWatch Events and the EventBridge clients. Each action is authorized as {@code events:<Op>}.
 */
public final class EventsHandler implements ServiceHandler {

    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "AWSEvents.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventsService service;
    private final AccessControl accessControl;

    /** A handler for {@code service}, authorizing through {@code accessControl}. */
    public EventsHandler(EventsService service, AccessControl accessControl) {
        this.service = service;
        this.accessControl = accessControl;
    }

    @Override
    public String service() {
        return "events";
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, RequestContext context) {
        try {
            return reply(200, dispatch(request, context), context.requestId());
        } catch (EventsException e) {
            return error(e, context.requestId());
        } catch (RuntimeException e) {
            return error(new EventsException("InternalException", 500, "An internal error occurred."),
                    context.requestId());
        }
    }

    private ObjectNode dispatch(SandboxRequest request, RequestContext context) {
        String target = request.header("x-amz-target");
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw new EventsException("UnknownOperationException", 400, "Unknown operation " + target);
        }
        String operation = target.substring(TARGET_PREFIX.length());
        if (!EventsService.supports(operation)) {
            throw new EventsException("UnknownOperationException", 400, "Unknown operation " + operation);
        }
        JsonNode params;
        try {
            params = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
        } catch (IOException e) {
            throw new EventsException("SerializationException", 400, "Start of structure or map found where not expected.");
        }
        if (params == null || !params.isObject()) {
            throw new EventsException("SerializationException", 400, "Start of structure or map found where not expected.");
        }
        Principal principal = context.principal();
        String resource = service.resourceArn(operation, params, context.region(), principal.accountId());
        AccessControl.Decision decision = accessControl.authorize(principal, "events:" + operation, List.of(resource),
                Map.of("aws:RequestedRegion", List.of(context.region())));
        if (!decision.allowed()) {
            throw new EventsException("AccessDeniedException", 400, "User: " + principal.arn()
                    + " is not authorized to perform: events:" + operation + " on resource: " + resource
                    + " because no identity-based policy allows the events:" + operation + " action");
        }
        return service.call(operation, params, context.region(), principal.accountId());
    }

    @Override
    public SandboxResponse rejected(SandboxRequest request, AccessControl.Rejected rejection, String requestId) {
        EventsException e = switch (rejection.reason()) {
            case MISSING_AUTHENTICATION -> new EventsException("MissingAuthenticationTokenException", 400, rejection.message());
            case MALFORMED_AUTHORIZATION -> new EventsException("IncompleteSignatureException", 400, rejection.message());
            case UNKNOWN_ACCESS_KEY -> new EventsException("UnrecognizedClientException", 400, rejection.message());
            case SIGNATURE_MISMATCH, EXPIRED -> new EventsException("InvalidSignatureException", 400, rejection.message());
        };
        return error(e, requestId);
    }

    private static SandboxResponse error(EventsException e, String requestId) {
        ObjectNode body = JSON.createObjectNode().put("__type", e.type()).put("message", e.getMessage());
        return reply(e.status(), body, requestId);
    }

    private static SandboxResponse reply(int status, JsonNode body, String requestId) {
        return SandboxResponse.text(status, CONTENT_TYPE, Map.of("x-amzn-RequestId", requestId), EventsService.write(body));
    }
}
