package org.ec2workbench.sandbox.ec2;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.ec2workbench.sandbox.protocol.ApiException;
import org.ec2workbench.sandbox.protocol.QueryParams;

/** {@code MaxResults} / {@code NextToken} pagination over an already filtered, ordered list. */
final class Pages {

    private Pages() {
    }

    /** One page and the token for the next, or null when this is the last. */
    record Page<T>(List<T> items, String nextToken) {
    }

    /**
     * @param min smallest MaxResults EC2 accepts for this action
     * @param max largest MaxResults EC2 accepts for this action
     */
    static <T> Page<T> page(List<T> all, QueryParams params, String action, int min, int max) {
        String raw = params.get("MaxResults");
        int offset = 0;
        String token = params.get("NextToken");
        if (token != null && !token.isEmpty()) {
            offset = decode(token, action);
        }
        int size = all.size();
        if (raw != null) {
            int maxResults = params.integer("MaxResults", max);
            if (maxResults < min) {
                throw ApiException.client("InvalidParameterValue", "Value ( " + maxResults
                        + " ) for parameter maxResults is invalid. Expecting a value greater than " + min + ".");
            }
            if (maxResults > max) {
                throw ApiException.client("InvalidParameterValue", "Value ( " + maxResults
                        + " ) for parameter maxResults is invalid. Expecting a value less than " + max + ".");
            }
            size = maxResults;
        }
        if (offset > all.size()) {
            offset = all.size();
        }
        int end = (int) Math.min(all.size(), (long) offset + size);
        String next = end < all.size() ? encode(action, end) : null;
        return new Page<>(all.subList(offset, end), next);
    }

    private static String encode(String action, int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("sandbox|" + action + "|" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token, String action) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            if (parts.length == 3 && parts[0].equals("sandbox") && parts[1].equals(action)) {
                int offset = Integer.parseInt(parts[2]);
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw ApiException.client("InvalidPaginationToken", "The specified pagination token is not valid");
    }
}
