package org.ec2workbench.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.ec2workbench.sandbox.iam.AccessControl;
import org.ec2workbench.sandbox.iam.Principal;

/**
 * The no-IAM mode: reads the SigV4 credential scope (service and Region) from the Authorization header or a
 * presigned query, but verifies no signature, maps every access key to one administrator and allows every
 * action. For running the sandbox without the identity module; never a security boundary.
 */
public final class ScopeOnlyAccessControl implements AccessControl {

    /** The account every request belongs to in this mode. */
    public static final String ACCOUNT = "123456789012";
    /** Keys printed for the user in this mode (any key is accepted). */
    public static final Credentials DEFAULT_CREDENTIALS =
            new Credentials("AKIASANDBOXADMIN0001", "sandbox-no-iam-secret-key-0000000000000001");

    private static final Pattern DATE = Pattern.compile("\\d{8}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9]{16,128}");

    @Override
    public Authentication authenticate(SandboxRequest request) {
        String credential = null;
        String authorization = request.header("authorization");
        if (authorization != null) {
            if (!authorization.startsWith("AWS4-HMAC-SHA256 ")) {
                return malformed("Authorization header requires the AWS4-HMAC-SHA256 algorithm.");
            }
            int at = authorization.indexOf("Credential=");
            if (at < 0) {
                return malformed("Authorization header requires 'Credential' parameter.");
            }
            int end = authorization.indexOf(',', at);
            credential = authorization.substring(at + "Credential=".length(), end < 0 ? authorization.length() : end)
                    .trim();
        } else {
            for (String pair : request.rawQuery().split("&")) {
                if (pair.startsWith("X-Amz-Credential=")) {
                    try {
                        credential = URLDecoder.decode(pair.substring("X-Amz-Credential=".length()),
                                StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        return malformed("X-Amz-Credential is not properly encoded.");
                    }
                }
            }
        }
        if (credential == null) {
            return new Rejected(Reason.MISSING_AUTHENTICATION, null,
                    "The request must contain either a valid (registered) AWS access key ID or X.509 certificate.");
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || !KEY.matcher(scope[0]).matches() || !DATE.matcher(scope[1]).matches()
                || !REGION.matcher(scope[2]).matches() || !SERVICE.matcher(scope[3]).matches()
                || !scope[4].equals("aws4_request")) {
            return malformed("Credential should be scoped to a valid region, service and date.");
        }
        Principal admin = new Principal("admin", ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":user/admin",
                "AIDASANDBOXADMIN00001", scope[0]);
        return new Authenticated(admin, scope[3], scope[2]);
    }

    private static Rejected malformed(String message) {
        return new Rejected(Reason.MALFORMED_AUTHORIZATION, null, message);
    }

    @Override
    public Decision authorize(Principal principal, String action, List<String> resourceArns,
                              Map<String, List<String>> conditionContext) {
        return Decision.allow();
    }
}
