package org.ec2workbench.sandbox.iam;

import java.util.List;
import java.util.Map;
import org.ec2workbench.sandbox.http.SandboxRequest;

/**
 * Who sent a request and what they may do: the seam between the sandbox's services and its identity
 * module. Services ask {@link #authenticate} once per request and {@link #authorize} once per action.
 */
public interface AccessControl {

    /** Verifies the request's SigV4 signature (header or presigned query) and names its principal. */
    Authentication authenticate(SandboxRequest request);

    /**
     * Evaluates the principal's policies for {@code action} (e.g. {@code ec2:RunInstances}) against every
     * resource ARN it touches. All resources must be allowed for the decision to allow.
     *
     * @param conditionContext condition keys and values, e.g. {@code ec2:Region -> us-east-1}
     */
    Decision authorize(Principal principal, String action, List<String> resourceArns,
                       Map<String, List<String>> conditionContext);

    /** The result of signature verification. */
    sealed interface Authentication permits Authenticated, Rejected {
    }

    /**
     * A verified request.
     *
     * @param principal who signed it
     * @param service   the service named in the credential scope (ec2, sts, events, sqs)
     * @param region    the region named in the credential scope
     */
    record Authenticated(Principal principal, String service, String region) implements Authentication {
    }

    /**
     * A request that failed verification; each service turns the reason into its own error code.
     *
     * @param reason  why it failed
     * @param service the service named in the credential scope, or null if none could be read
     * @param message a message safe to return to the caller (never contains a secret)
     */
    record Rejected(Reason reason, String service, String message) implements Authentication {
    }

    /** Why authentication failed. */
    enum Reason { MISSING_AUTHENTICATION, MALFORMED_AUTHORIZATION, UNKNOWN_ACCESS_KEY, SIGNATURE_MISMATCH, EXPIRED }

    /**
     * An authorization decision.
     *
     * @param allowed        whether every resource was allowed
     * @param encodedMessage for a denial, the opaque encoded authorization failure message; else null
     */
    record Decision(boolean allowed, String encodedMessage) {

        /** An allow. */
        public static Decision allow() {
            return new Decision(true, null);
        }
    }
}
