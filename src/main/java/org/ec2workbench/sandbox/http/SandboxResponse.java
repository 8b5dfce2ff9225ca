package org.ec2workbench.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP reply from a sandbox service.
 *
 * @param status      HTTP status code
 * @param contentType the Content-Type header value
 * @param headers     further headers (e.g. {@code x-amzn-RequestId})
 * @param body        the body bytes
 */
public record SandboxResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    /** A reply with a UTF-8 text body. */
    public static SandboxResponse text(int status, String contentType, Map<String, String> headers, String body) {
        return new SandboxResponse(status, contentType, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
