package org.ec2workbench.sandbox.http;

import org.ec2workbench.sandbox.iam.Principal;

/**
 * What the server knows about a request before the service handles it.
 *
 * @param principal the authenticated caller
 * @param region    the region from the credential scope
 * @param requestId the unique id this reply must carry
 */
public record RequestContext(Principal principal, String region, String requestId) {
}
