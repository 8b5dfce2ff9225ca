package org.ec2workbench.sandbox.ec2;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.ec2workbench.sandbox.Faults;
import org.ec2workbench.sandbox.http.RequestContext;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.ec2workbench.sandbox.http.SandboxResponse;
import org.ec2workbench.sandbox.http.ServiceHandler;
import org.ec2workbench.sandbox.iam.AccessControl;
import org.ec2workbench.sandbox.protocol.ApiException;
import org.ec2workbench.sandbox.protocol.QueryParams;
import org.ec2workbench.sandbox.protocol.Xml;
import org.ec2workbench.sandbox.throttle.Throttler;
import org.ec2workbench.sandbox.world.World;

/**
 * The EC2 Query API of the sandbox: parses the form, applies the fault knobs and the request bucket, runs
 * the action against the world (which authorizes it first and ends DryRun requests), and writes the
 * reply or the EC2 error XML.
 */
public final class Ec2Handler implements ServiceHandler {

    /** The XML namespace of EC2 API version 2016-11-15. */
    public static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private static final Logger LOG = Logger.getLogger(Ec2Handler.class.getName());
    private static final String XML = "text/xml;charset=UTF-8";
    private static final Pattern VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** One EC2 action: reads {@link Call#params}, authorizes, acts, writes the reply body. */
    @FunctionalInterface
    interface Action {
        void run(Call call);
    }

    private final World world;
    private final Throttler throttler;
    private final AccessControl accessControl;
    private final Supplier<Faults> faults;
    private final SplittableRandom faultRandom;
    private final Map<String, Action> actions = new HashMap<>();
    private final RenderCache renderCache = new RenderCache();

    /**
     * @param faults the fault knobs, read on every request so they can change while running
     * @param seed   seeds the fault dice
     */
    public Ec2Handler(World world, Throttler throttler, AccessControl accessControl, Supplier<Faults> faults,
                      long seed) {
        this.world = world;
        this.throttler = throttler;
        this.accessControl = accessControl;
        this.faults = faults;
        this.faultRandom = new SplittableRandom(seed * 31 + 7);
        InstanceActions.register(actions);
        SecurityGroupActions.register(actions);
        StorageActions.register(actions);
        CatalogActions.register(actions);
    }

    @Override
    public String service() {
        return "ec2";
    }

    /** The actions this handler implements, sorted. */
    public java.util.SortedSet<String> actionNames() {
        return new java.util.TreeSet<>(actions.keySet());
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, RequestContext context) {
        String requestId = context.requestId();
        try {
            QueryParams params = parse(request);
            String action = params.get("Action");
            if (action == null || action.isEmpty()) {
                throw ApiException.client("MissingAction", "The request must contain the parameter Action");
            }
            Action handler = actions.get(action);
            if (handler == null) {
                throw ApiException.client("InvalidAction",
                        "The action " + action + " is not valid for this web service.");
            }
            String version = params.get("Version");
            if (version == null || version.isEmpty()) {
                throw ApiException.missing("Version");
            }
            if (!VERSION.matcher(version).matches()) {
                throw ApiException.client("NoSuchVersion",
                        "The requested version (" + version + ") of service AmazonEC2 does not exist");
            }
            applyFaults();
            if (!throttler.tryRequest(context.principal().accountId(), context.region(), action,
                    filteredOrPaginated(params))) {
                throw new ApiException(503, "RequestLimitExceeded", "Request limit exceeded.");
            }
            world.advance();
            Xml xml = new Xml(action.startsWith("Describe") ? 32 * 1024 : 2048)
                    .root(action + "Response", NAMESPACE).leaf("requestId", requestId);
            Call call = new Call(action, params, context, world.pickReplica(), world, throttler,
                    renderCache, accessControl, xml);
            handler.run(call);
            if (!call.wasAuthorized()) {
                LOG.severe(() -> action + " finished without authorization");
                throw new ApiException(500, "InternalError", "An internal error has occurred");
            }
            xml.close(action + "Response");
            return new SandboxResponse(200, XML, Map.of("x-amzn-RequestId", requestId),
                    xml.toBytes());
        } catch (ApiException e) {
            return errorReply(e.status(), e.code(), e.getMessage(), requestId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "EC2 request failed", e);
            return errorReply(500, "InternalError", "An internal error has occurred", requestId);
        }
    }

    private static QueryParams parse(SandboxRequest request) {
        String method = request.method();
        if (!method.equals("POST") && !method.equals("GET")) {
            throw new ApiException(405, "UnsupportedHttpVerb",
                    "The HTTP verb " + method + " is not supported by this service.");
        }
        String contentType = request.header("content-type");
        String body = "";
        if (request.body().length > 0) {
            if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT)
                    .startsWith("application/x-www-form-urlencoded")) {
                throw ApiException.client("InvalidParameterValue",
                        "Content-Type " + contentType + " is not supported; send application/x-www-form-urlencoded.");
            }
            body = new String(request.body(), StandardCharsets.ISO_8859_1);
        }
        return QueryParams.parse(request.rawQuery(), body);
    }

    /** Whether the request narrows or pages its result (the larger non-mutating bucket applies). */
    static boolean filteredOrPaginated(QueryParams params) {
        for (String name : params.asMap().keySet()) {
            if (name.startsWith("Filter.") || name.equals("MaxResults") || name.equals("NextToken")
                    || name.startsWith("InstanceId.") || name.startsWith("GroupId.") || name.startsWith("GroupName.")
                    || name.startsWith("VolumeId.")) {
                return true;
            }
        }
        return false;
    }

    private void applyFaults() {
        Faults f = faults.get();
        if (f.addedLatency().toNanos() > 0) {
            try {
                Thread.sleep(f.addedLatency().toMillis(), (int) (f.addedLatency().toNanos() % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (f.serverErrorRate() > 0) {
            double roll;
            boolean unavailable;
            synchronized (faultRandom) {
                roll = faultRandom.nextDouble();
                unavailable = faultRandom.nextBoolean();
            }
            if (roll < f.serverErrorRate()) {
                throw unavailable
                        ? new ApiException(503, "Unavailable", "The service is unavailable. Please try again shortly.")
                        : new ApiException(500, "InternalError", "An internal error has occurred");
            }
        }
    }

    /** The EC2 error document. */
    public static SandboxResponse errorReply(int status, String code, String message, String requestId) {
        Xml xml = new Xml(256);
        xml.open("Response").open("Errors").open("Error").leaf("Code", code).leaf("Message", message)
                .close("Error").close("Errors").leaf("RequestID", requestId).close("Response");
        return new SandboxResponse(status, XML, Map.of("x-amzn-RequestId", requestId),
                xml.toBytes());
    }

    @Override
    public SandboxResponse rejected(SandboxRequest request, AccessControl.Rejected rejection, String requestId) {
        AccessControl.Reason reason = rejection.reason();
        if (reason == null) {
            return errorReply(400, "AuthFailure", rejection.message(), requestId);
        }
        return switch (reason) {
            case MISSING_AUTHENTICATION -> errorReply(401, "MissingAuthenticationToken", rejection.message(), requestId);
            case MALFORMED_AUTHORIZATION -> errorReply(400, "IncompleteSignature", rejection.message(), requestId);
            // EC2 answers an unknown key and a wrong signature alike, without saying which.
            case UNKNOWN_ACCESS_KEY, SIGNATURE_MISMATCH -> errorReply(401, "AuthFailure",
                    "AWS was not able to validate the provided access credentials", requestId);
            case EXPIRED -> errorReply(400, "RequestExpired", rejection.message(), requestId);
        };
    }
}
