package org.ec2workbench.sandbox.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The identity configuration format, shared by the {@code --iam FILE} option and the sandbox-only
 * {@code /_sandbox/iam} endpoint:
 * <pre>{"principals":[{"name":"dev","accessKeyId":"AKIA…","secretAccessKey":"…","policies":[{…policy…}]}]}</pre>
 */
public final class IamConfig {

    private static final Set<String> TOP_FIELDS = Set.of("principals");
    private static final Set<String> PRINCIPAL_FIELDS = Set.of("name", "accessKeyId", "secretAccessKey", "policies");

    private IamConfig() {
    }

    /** Reads the users of an {@code --iam} file; problems name the file and the JSON path. */
    public static List<IamUser> load(Path file) throws IamConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IamConfigException(file.toString(), "$", "no such file");
        } catch (IOException e) {
            throw new IamConfigException(file.toString(), "$", "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return parse(text, file.toString());
    }

    /**
     * Reads users from JSON text.
     *
     * @param source names the input in error messages (a file name, "request body")
     */
    public static List<IamUser> parse(String json, String source) throws IamConfigException {
        JsonNode root;
        try {
            root = PolicyParser.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw JsonInput.malformed(source, e);
        }
        try {
            return users(root);
        } catch (IamConfigException e) {
            throw e.in(source);
        }
    }

    private static List<IamUser> users(JsonNode root) throws IamConfigException {
        if (root == null || !root.isObject()) {
            throw new IamConfigException(null, "$", "must be a JSON object with a \"principals\" list");
        }
        PolicyParser.rejectUnknownFields(root, "$", TOP_FIELDS);
        JsonNode principals = root.get("principals");
        if (principals == null || !principals.isArray()) {
            throw new IamConfigException(null, "$.principals", "must be a list of principals");
        }
        List<IamUser> users = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < principals.size(); i++) {
            String path = "$.principals[" + i + "]";
            IamUser user = user(principals.get(i), path);
            if (!names.add(user.name())) {
                throw new IamConfigException(null, path + ".name", "duplicate name \"" + user.name() + "\"");
            }
            if (!keys.add(user.accessKey().accessKeyId())) {
                throw new IamConfigException(null, path + ".accessKeyId",
                        "duplicate access key id " + user.accessKey().accessKeyId());
            }
            users.add(user);
        }
        return users;
    }

    private static IamUser user(JsonNode node, String path) throws IamConfigException {
        if (!node.isObject()) {
            throw new IamConfigException(null, path, "a principal must be a JSON object");
        }
        PolicyParser.rejectUnknownFields(node, path, PRINCIPAL_FIELDS);
        String name = requiredText(node, path, "name");
        if (!IamUser.NAME.matcher(name).matches()) {
            throw new IamConfigException(null, path + ".name",
                    "must be 1 to 64 letters, digits or +=,.@_- characters, was \"" + name + "\"");
        }
        String accessKeyId = requiredText(node, path, "accessKeyId");
        if (!IamUser.ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
            throw new IamConfigException(null, path + ".accessKeyId",
                    "must be 16 to 128 upper-case letters or digits, was \"" + accessKeyId + "\"");
        }
        String secret = requiredText(node, path, "secretAccessKey");
        if (secret.length() < 16 || secret.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            // never quote the secret
            throw new IamConfigException(null, path + ".secretAccessKey",
                    "must be at least 16 printable ASCII characters without spaces");
        }
        List<PolicyDocument> policies = new ArrayList<>();
        JsonNode policyNodes = node.get("policies");
        if (policyNodes != null) {
            if (!policyNodes.isArray()) {
                throw new IamConfigException(null, path + ".policies", "must be a list of policy documents");
            }
            for (int j = 0; j < policyNodes.size(); j++) {
                policies.add(PolicyParser.parse(policyNodes.get(j), path + ".policies[" + j + "]"));
            }
        }
        return new IamUser(name, new AccessKey(accessKeyId, secret), policies);
    }

    private static String requiredText(JsonNode node, String path, String field) throws IamConfigException {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IamConfigException(null, path + "." + field, "is required");
        }
        if (!value.isTextual()) {
            throw new IamConfigException(null, path + "." + field, "must be a string");
        }
        return value.asText();
    }

    /**
     * The users as JSON in the same shape, without secrets: {@code accessKeyId} is listed, the secret never
     * is. Each principal also carries its {@code arn} and {@code userId}.
     */
    public static ObjectNode describe(String accountId, List<IamUser> users) {
        ObjectNode root = PolicyParser.MAPPER.createObjectNode();
        root.put("accountId", accountId);
        ArrayNode list = root.putArray("principals");
        for (IamUser user : users) {
            ObjectNode p = list.addObject();
            p.put("name", user.name());
            p.put("arn", Arns.iamUser(accountId, user.name()));
            p.put("userId", user.userId(accountId));
            p.put("accessKeyId", user.accessKey().accessKeyId());
            ArrayNode policies = p.putArray("policies");
            user.policies().forEach(policy -> policies.add(policy.json()));
        }
        return root;
    }
}
