package org.ec2workbench.sandbox.http;

import org.ec2workbench.sandbox.iam.AccessControl;

/**
 * One AWS service served by the sandbox (ec2, sts, events, sqs). The server authenticates each request,
 * routes it by the service in its SigV4 credential scope, and hands it here.
 */
public interface ServiceHandler {

    /** The signing name of the service, as it appears in the credential scope (e.g. {@code ec2}). */
    String service();

    /** Handles one authenticated request. Must never throw: every failure becomes this service's error reply. */
    SandboxResponse handle(SandboxRequest request, RequestContext context);

    /** The reply, in this service's own protocol and codes, to a request that failed authentication. */
    SandboxResponse rejected(SandboxRequest request, AccessControl.Rejected rejection, String requestId);
}
