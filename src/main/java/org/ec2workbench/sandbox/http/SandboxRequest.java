package org.ec2workbench.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the sandbox's services see it: transport-independent, already size-capped.
 *
 * @param method  HTTP method, upper case
 * @param path    the raw (still percent-encoded) path, e.g. {@code /}
 * @param rawQuery the raw query string without '?', or empty
 * @param headers header values by lower-case name, in arrival order
 * @param body    the request body (empty array when none)
 */
public record SandboxRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                             byte[] body) {

    /** The first value of a header (name in any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
