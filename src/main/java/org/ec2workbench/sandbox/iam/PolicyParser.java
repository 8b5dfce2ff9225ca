package org.ec2workbench.sandbox.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads IAM identity policies from JSON, validating them as IAM does and naming the JSON path of the
 * first problem.
 */
public final class PolicyParser {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS =
            Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]+:[A-Za-z0-9*?]+");

    private PolicyParser() {
    }

    /** Parses a policy document given as JSON text. */
    public static PolicyDocument parse(String json) throws IamConfigException {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw JsonInput.malformed(null, e);
        }
        return parse(node, "$");
    }

    /** Parses the policy document at {@code path} of a larger JSON input. */
    public static PolicyDocument parse(JsonNode node, String path) throws IamConfigException {
        if (node == null || !node.isObject()) {
            throw new IamConfigException(null, path, "a policy document must be a JSON object");
        }
        rejectUnknownFields(node, path, DOCUMENT_FIELDS);
        String version = "2008-10-17";
        JsonNode versionNode = node.get("Version");
        if (versionNode != null) {
            if (!versionNode.isTextual() || !VERSIONS.contains(versionNode.asText())) {
                throw new IamConfigException(null, path + ".Version",
                        "must be \"2012-10-17\" or \"2008-10-17\", was " + versionNode);
            }
            version = versionNode.asText();
        }
        JsonNode statementNode = node.get("Statement");
        if (statementNode == null) {
            throw new IamConfigException(null, path + ".Statement", "is required");
        }
        List<Statement> statements = new ArrayList<>();
        if (statementNode.isArray()) {
            if (statementNode.isEmpty()) {
                throw new IamConfigException(null, path + ".Statement", "must not be empty");
            }
            for (int i = 0; i < statementNode.size(); i++) {
                statements.add(statement(statementNode.get(i), path + ".Statement[" + i + "]"));
            }
        } else {
            statements.add(statement(statementNode, path + ".Statement"));
        }
        return new PolicyDocument(version, statements, node);
    }

    private static Statement statement(JsonNode node, String path) throws IamConfigException {
        if (!node.isObject()) {
            throw new IamConfigException(null, path, "a statement must be a JSON object");
        }
        if (node.has("Principal") || node.has("NotPrincipal")) {
            throw new IamConfigException(null, path + (node.has("Principal") ? ".Principal" : ".NotPrincipal"),
                    "an identity policy must not specify a principal");
        }
        rejectUnknownFields(node, path, STATEMENT_FIELDS);
        String sid = null;
        if (node.has("Sid")) {
            if (!node.get("Sid").isTextual()) {
                throw new IamConfigException(null, path + ".Sid", "must be a string");
            }
            sid = node.get("Sid").asText();
        }
        JsonNode effectNode = node.get("Effect");
        if (effectNode == null) {
            throw new IamConfigException(null, path + ".Effect", "is required");
        }
        Effect effect;
        if ("Allow".equals(effectNode.asText(null))) {
            effect = Effect.ALLOW;
        } else if ("Deny".equals(effectNode.asText(null))) {
            effect = Effect.DENY;
        } else {
            throw new IamConfigException(null, path + ".Effect", "must be \"Allow\" or \"Deny\", was " + effectNode);
        }
        boolean notAction = exactlyOne(node, path, "Action", "NotAction");
        String actionField = notAction ? "NotAction" : "Action";
        List<String> actions = strings(node.get(actionField), path + "." + actionField);
        for (int i = 0; i < actions.size(); i++) {
            String action = actions.get(i);
            if (!"*".equals(action) && !ACTION.matcher(action).matches()) {
                throw new IamConfigException(null, indexed(node.get(actionField), path + "." + actionField, i),
                        "an action must be \"*\" or \"service:Action\" (wildcards * and ? allowed), was \""
                                + action + "\"");
            }
        }
        boolean notResource = exactlyOne(node, path, "Resource", "NotResource");
        String resourceField = notResource ? "NotResource" : "Resource";
        List<String> resources = strings(node.get(resourceField), path + "." + resourceField);
        for (int i = 0; i < resources.size(); i++) {
            String resource = resources.get(i);
            if (!"*".equals(resource) && !resource.startsWith("arn:")) {
                throw new IamConfigException(null, indexed(node.get(resourceField), path + "." + resourceField, i),
                        "a resource must be in ARN format or \"*\", was \"" + resource + "\"");
            }
        }
        List<Condition> conditions = node.has("Condition")
                ? conditions(node.get("Condition"), path + ".Condition") : List.of();
        return new Statement(sid, effect, actions, notAction, resources, notResource, conditions);
    }

    private static List<Condition> conditions(JsonNode node, String path) throws IamConfigException {
        if (!node.isObject()) {
            throw new IamConfigException(null, path, "must be an object of condition operators");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = node.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            String opPath = path + "." + op.getKey();
            if (!Condition.isSupported(op.getKey())) {
                throw new IamConfigException(null, opPath, "unsupported condition operator \"" + op.getKey()
                        + "\" (supported: String*, Arn*, Bool, Numeric*, Null, with IfExists, ForAnyValue:,"
                        + " ForAllValues:)");
            }
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                throw new IamConfigException(null, opPath, "must be an object of condition keys to values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (!key.getKey().contains(":")) {
                    throw new IamConfigException(null, opPath + "." + key.getKey(),
                            "a condition key must be prefixed by its service, e.g. ec2:Region");
                }
                List<String> values = strings(key.getValue(), opPath + "." + key.getKey());
                conditions.add(new Condition(op.getKey(), key.getKey(), values));
            }
        }
        return conditions;
    }

    private static boolean exactlyOne(JsonNode node, String path, String field, String notField)
            throws IamConfigException {
        boolean has = node.has(field);
        boolean hasNot = node.has(notField);
        if (has == hasNot) {
            throw new IamConfigException(null, path, has
                    ? "must not have both " + field + " and " + notField
                    : "must have " + field + " or " + notField);
        }
        return hasNot;
    }

    /** A string, or a non-empty array of strings (numbers and booleans are read as their text). */
    private static List<String> strings(JsonNode node, String path) throws IamConfigException {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw new IamConfigException(null, path, "must not be an empty list");
            }
            for (int i = 0; i < node.size(); i++) {
                out.add(scalar(node.get(i), path + "[" + i + "]"));
            }
        } else {
            out.add(scalar(node, path));
        }
        return out;
    }

    private static String scalar(JsonNode node, String path) throws IamConfigException {
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        throw new IamConfigException(null, path, "must be a string or a list of strings");
    }

    private static String indexed(JsonNode node, String path, int i) {
        return node.isArray() ? path + "[" + i + "]" : path;
    }

    static void rejectUnknownFields(JsonNode node, String path, Set<String> known) throws IamConfigException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IamConfigException(null, path + "." + name,
                        "unknown field (expected one of " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }
}
