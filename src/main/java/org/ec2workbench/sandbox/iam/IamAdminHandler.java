package org.ec2workbench.sandbox.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.ec2workbench.sandbox.http.SandboxResponse;

/**
 * The sandbox-only identity admin endpoint, {@value #PATH}: {@code GET} lists the principals (access key
 * ids, ARNs, policies; never a secret), {@code POST} adds or replaces principals given in the
 * {@code --iam} file format. A refused body gets 400 with the JSON path of the problem and changes nothing.
 * Not an AWS API: the server routes this path before authentication, on the loopback address only.
 */
public final class IamAdminHandler {

    /** Where the server routes this handler. */
    public static final String PATH = "/_sandbox/iam";

    private final PrincipalStore store;

    /** An admin endpoint over {@code store}. */
    public IamAdminHandler(PrincipalStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Answers one request to {@link #PATH}. Never throws. */
    public SandboxResponse handle(SandboxRequest request) {
        try {
            return switch (request.method()) {
                case "GET" -> json(200, IamConfig.describe(store.accountId(), store.users()));
                case "POST" -> post(request);
                default -> error(405, "use GET to list principals or POST to add or replace them");
            };
        } catch (RuntimeException e) {
            return error(500, "internal error (" + e.getClass().getSimpleName() + ")");
        }
    }

    private SandboxResponse post(SandboxRequest request) {
        try {
            List<IamUser> users = IamConfig.parse(request.bodyText(), "request body");
            store.putAll(users);
            return json(200, IamConfig.describe(store.accountId(), store.users()));
        } catch (IamConfigException e) {
            return error(400, e.getMessage());
        }
    }

    private static SandboxResponse error(int status, String message) {
        ObjectNode body = PolicyParser.MAPPER.createObjectNode();
        body.put("error", message);
        return json(status, body);
    }

    private static SandboxResponse json(int status, ObjectNode body) {
        try {
            return new SandboxResponse(status, "application/json", Map.of(),
                    PolicyParser.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
