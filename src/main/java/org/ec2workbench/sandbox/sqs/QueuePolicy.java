package org.ec2workbench.sandbox.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A queue's resource policy, evaluated for what the sandbox needs: may a service principal (e.g.
 * {@code events.amazonaws.com}) perform an action on this queue on behalf of a source ARN? Explicit deny
 * beats allow, and no allow means no. Supported conditions: {@code ArnEquals}, {@code ArnLike},
 * {@code StringEquals}, {@code StringLike} on {@code aws:SourceArn} and {@code aws:SourceAccount}; a
 * statement with any other condition never applies (the cautious reading).
 */
public final class QueuePolicy {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> statements;

    private QueuePolicy(List<JsonNode> statements) {
        this.statements = statements;
    }

    /**
     * Parses a policy document.
     *
     * @throws IllegalArgumentException when it is not a JSON object with a Statement
     */
    public static QueuePolicy parse(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the policy is not valid JSON");
        }
        if (root == null || !root.isObject() || !root.has("Statement")) {
            throw new IllegalArgumentException("the policy must be a JSON object with a Statement");
        }
        List<JsonNode> list = new ArrayList<>();
        JsonNode st = root.get("Statement");
        if (st.isArray()) {
            st.forEach(list::add);
        } else if (st.isObject()) {
            list.add(st);
        } else {
            throw new IllegalArgumentException("Statement must be an object or an array");
        }
        for (JsonNode s : list) {
            String effect = s.path("Effect").asText("");
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                throw new IllegalArgumentException("each statement needs Effect Allow or Deny");
            }
        }
        return new QueuePolicy(List.copyOf(list));
    }

    /**
     * Whether {@code servicePrincipal} may perform {@code action} on {@code queueArn} for {@code sourceArn}.
     */
    public boolean allowsService(String servicePrincipal, String action, String queueArn, String sourceArn,
                                 String sourceAccount) {
        boolean allowed = false;
        for (JsonNode s : statements) {
            if (!applies(s, servicePrincipal, action, queueArn, sourceArn, sourceAccount)) {
                continue;
            }
            if (s.path("Effect").asText().equals("Deny")) {
                return false;
            }
            allowed = true;
        }
        return allowed;
    }

    private static boolean applies(JsonNode s, String servicePrincipal, String action, String queueArn,
                                   String sourceArn, String sourceAccount) {
        return principalMatches(s.get("Principal"), servicePrincipal)
                && anyMatches(s.get("Action"), action, true)
                && (!s.has("Resource") || anyMatches(s.get("Resource"), queueArn, false))
                && conditionsHold(s.get("Condition"), sourceArn, sourceAccount);
    }

    private static boolean principalMatches(JsonNode principal, String servicePrincipal) {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return principal.textValue().equals("*");
        }
        JsonNode aws = principal.get("AWS");
        if (aws != null && values(aws).contains("*")) {
            return true;
        }
        JsonNode service = principal.get("Service");
        return service != null && values(service).contains(servicePrincipal);
    }

    private static boolean anyMatches(JsonNode patterns, String value, boolean ignoreCase) {
        if (patterns == null) {
            return false;
        }
        for (String p : values(patterns)) {
            if (globMatches(ignoreCase ? p.toLowerCase(Locale.ROOT) : p,
                    ignoreCase ? value.toLowerCase(Locale.ROOT) : value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditionsHold(JsonNode condition, String sourceArn, String sourceAccount) {
        if (condition == null) {
            return true;
        }
        Iterator<Map.Entry<String, JsonNode>> ops = condition.fields();
        while (ops.hasNext()) {
            Map.Entry<String, JsonNode> op = ops.next();
            if (!List.of("ArnEquals", "StringEquals", "ArnLike", "StringLike").contains(op.getKey())) {
                return false;
            }
            boolean like = op.getKey().endsWith("Like");
            Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields();
            while (keys.hasNext()) {
                Map.Entry<String, JsonNode> key = keys.next();
                String actual = switch (key.getKey().toLowerCase(Locale.ROOT)) {
                    case "aws:sourcearn" -> sourceArn;
                    case "aws:sourceaccount" -> sourceAccount;
                    default -> null;
                };
                if (actual == null) {
                    return false;
                }
                boolean any = false;
                for (String expected : values(key.getValue())) {
                    any |= like ? globMatches(expected, actual) : expected.equals(actual);
                }
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> out.add(v.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    /** IAM-style glob: {@code *} any run, {@code ?} one character. */
    static boolean globMatches(String pattern, String value) {
        int p = 0;
        int v = 0;
        int starP = -1;
        int starV = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starV = v;
            } else if (starP >= 0) {
                p = starP + 1;
                v = ++starV;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
