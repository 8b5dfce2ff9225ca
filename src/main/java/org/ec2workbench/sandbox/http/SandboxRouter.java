package org.ec2workbench.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.ec2workbench.sandbox.iam.AccessControl;

/**
 * Routes each request to its service: authenticate, then hand it to the handler of the service named in
 * the SigV4 credential scope. Requests that fail authentication get that service's own rejection (for
 * unsigned requests the service is guessed from {@code X-Amz-Target} or the Query {@code Action}).
 * {@code /_sandbox/state} serves the read-only JSON view of the world.
 */
public final class SandboxRouter implements HttpServer.Handler {

    /** The sandbox-only path of the JSON state view. */
    public static final String STATE_PATH = "/_sandbox/state";

    private static final Set<String> STS_ACTIONS = Set.of("GetCallerIdentity", "DecodeAuthorizationMessage",
            "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "GetAccessKeyInfo",
            "GetFederationToken", "GetSessionToken");
    private static final Set<String> SQS_ACTIONS = Set.of("CreateQueue", "GetQueueUrl", "ListQueues",
            "GetQueueAttributes", "SetQueueAttributes", "SendMessage", "SendMessageBatch", "ReceiveMessage",
            "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility", "ChangeMessageVisibilityBatch",
            "PurgeQueue", "DeleteQueue", "ListQueueTags", "TagQueue", "UntagQueue");

    private final AccessControl accessControl;
    private final Map<String, ServiceHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Function<SandboxRequest, SandboxResponse>> sandboxPaths = new ConcurrentHashMap<>();
    private final ServiceHandler fallback;
    private final ErrorReplier transportErrors;
    private final Supplier<String> requestIds;
    private final Supplier<String> stateJson;

    /** Builds the reply for a request that could not even be parsed as HTTP. */
    @FunctionalInterface
    public interface ErrorReplier {

        /** An error reply in the fallback service's format. */
        SandboxResponse error(int status, String code, String message, String requestId);
    }

    /**
     * @param fallback        the handler (EC2) that answers when no better one is known
     * @param transportErrors replies for malformed HTTP, in the fallback service's format
     * @param requestIds      a fresh request id per call
     * @param stateJson       the JSON state view
     */
    public SandboxRouter(AccessControl accessControl, ServiceHandler fallback, ErrorReplier transportErrors,
                         Supplier<String> requestIds, Supplier<String> stateJson) {
        this.accessControl = accessControl;
        this.fallback = fallback;
        this.transportErrors = transportErrors;
        this.requestIds = requestIds;
        this.stateJson = stateJson;
        register(fallback);
    }

    /** Adds (or replaces) the handler of one service. */
    public void register(ServiceHandler handler) {
        handlers.put(handler.service(), handler);
    }

    /** Serves a sandbox-only path (under {@code /_sandbox/}, no signature needed), e.g. the IAM admin endpoint. */
    public void registerSandboxPath(String path, Function<SandboxRequest, SandboxResponse> handler) {
        if (!path.startsWith("/_sandbox/")) {
            throw new IllegalArgumentException("sandbox paths start with /_sandbox/, not " + path);
        }
        sandboxPaths.put(path, handler);
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        if (request.path().startsWith("/_sandbox/")) {
            return sandboxPath(request);
        }
        String requestId = requestIds.get();
        AccessControl.Authentication auth;
        try {
            auth = accessControl.authenticate(request);
        } catch (RuntimeException e) {
            auth = new AccessControl.Rejected(AccessControl.Reason.MALFORMED_AUTHORIZATION, null,
                    "The request signature could not be read.");
        }
        if (auth instanceof AccessControl.Authenticated ok) {
            ServiceHandler handler = handlers.get(ok.service());
            if (handler == null) {
                return fallback.rejected(request, new AccessControl.Rejected(
                        AccessControl.Reason.SIGNATURE_MISMATCH, ok.service(),
                        "Credential should be scoped to correct service: 'ec2'. "), requestId);
            }
            return handler.handle(request, new RequestContext(ok.principal(), ok.region(), requestId));
        }
        AccessControl.Rejected rejected = (AccessControl.Rejected) auth;
        String service = rejected.service() != null ? rejected.service() : guessService(request);
        ServiceHandler handler = handlers.getOrDefault(service, fallback);
        return handler.rejected(request, rejected, requestId);
    }

    @Override
    public SandboxResponse error(int status, String code, String message) {
        return transportErrors.error(status, code, message, requestIds.get());
    }

    private SandboxResponse sandboxPath(SandboxRequest request) {
        Function<SandboxRequest, SandboxResponse> registered = sandboxPaths.get(request.path());
        if (registered != null) {
            return registered.apply(request);
        }
        if (request.path().equals(STATE_PATH) && (request.method().equals("GET") || request.method().equals("HEAD"))) {
            return new SandboxResponse(200, "application/json", Map.of(),
                    stateJson.get().getBytes(StandardCharsets.UTF_8));
        }
        return SandboxResponse.text(404, "application/json", Map.of(),
                "{\"error\":\"NotFound\",\"message\":\"No such sandbox path; GET " + STATE_PATH + " shows the world.\"}");
    }

    /** The service an unsigned request was most likely meant for. */
    static String guessService(SandboxRequest request) {
        String target = request.header("x-amz-target");
        if (target != null) {
            if (target.startsWith("AWSEvents")) {
                return "events";
            }
            if (target.startsWith("AmazonSQS")) {
                return "sqs";
            }
        }
        String action = findAction(request.rawQuery());
        if (action == null && request.body().length > 0 && request.body().length < 64 * 1024) {
            action = findAction(new String(request.body(), StandardCharsets.ISO_8859_1));
        }
        if (action != null) {
            if (STS_ACTIONS.contains(action)) {
                return "sts";
            }
            if (SQS_ACTIONS.contains(action)) {
                return "sqs";
            }
        }
        return "ec2";
    }

    private static String findAction(String form) {
        if (form == null) {
            return null;
        }
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                return pair.substring("Action=".length());
            }
        }
        return null;
    }
}
