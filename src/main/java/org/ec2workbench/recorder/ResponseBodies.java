package org.ec2workbench.recorder;

import java.nio.charset.StandardCharsets;

/**
 * Pulls the error code, error message and request id out of an AWS response body without a full parser:
 * Query-protocol XML ({@code <Code>}, {@code <Message>}, {@code <RequestID>} / {@code <requestId>}) and
 * JSON-protocol bodies ({@code "__type"}, {@code "message"}). Good enough for bodies AWS writes; anything
 * else yields {@code null}s.
 */
public final class ResponseBodies {

    /** What a body says. Fields are {@code null} when absent. */
    public record Facts(String errorCode, String errorMessage, String requestId) {
    }

    private ResponseBodies() {
    }

    /** The facts in {@code body} (UTF-8). */
    public static Facts parse(byte[] body, int length) {
        try {
            return parseText(new String(body, 0, length, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return new Facts(null, null, null);
        }
    }

    private static Facts parseText(String text) {
                String trimmed = text.stripLeading();
        if (trimmed.startsWith("{")) {
            String type = jsonString(text, "__type");
            if (type == null) {
                type = jsonString(text, "code");
            }
            if (type != null && type.indexOf('#') >= 0) {
                type = type.substring(type.lastIndexOf('#') + 1);
            }
            String message = jsonString(text, "message");
            if (message == null) {
                message = jsonString(text, "Message");
            }
            return new Facts(type, message, null);
        }
        String code = xmlElement(text, "Code");
        String message = xmlElement(text, "Message");
        String requestId = xmlElement(text, "RequestID");
        if (requestId == null) {
            requestId = xmlElement(text, "RequestId");
        }
        if (requestId == null) {
            requestId = xmlElement(text, "requestId");
        }
        return new Facts(code, message, requestId);
    }

    private static String xmlElement(String text, String name) {
        String open = "<" + name + ">";
        int start = text.indexOf(open);
        if (start < 0) {
            return null;
        }
        start += open.length();
        int end = text.indexOf("</" + name + ">", start);
        if (end < 0) {
            return null;
        }
        return unescapeXml(text.substring(start, end).trim());
    }

    private static String unescapeXml(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    private static String jsonString(String text, String key) {
        String quoted = "\"" + key + "\"";
        int k = text.indexOf(quoted);
        if (k < 0) {
            return null;
        }
        int i = k + quoted.length();
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == ':' || text.charAt(i) == '\t'
                || text.charAt(i) == '\n' || text.charAt(i) == '\r')) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '"') {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (i++; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'u' -> {
                        if (i + 4 < text.length()) {
                            out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                            i += 4;
                        }
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        return null;
    }
}
