package org.ec2workbench.sandbox.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A parsed, validated IAM identity policy.
 *
 * @param version    the policy language version ({@code 2012-10-17} or {@code 2008-10-17})
 * @param statements its statements, in document order
 * @param json       the document as it was given (for listing it back)
 */
public record PolicyDocument(String version, List<Statement> statements, JsonNode json) {

    public PolicyDocument {
        Objects.requireNonNull(version, "version");
        statements = List.copyOf(statements);
        Objects.requireNonNull(json, "json");
        json = json.deepCopy();
    }

    /** The policy that allows everything: the default administrator's. */
    public static PolicyDocument administratorAccess() {
        try {
            return PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Sid\":\"AdministratorAccess\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        } catch (IamConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public JsonNode json() {
        return json.deepCopy();
    }
}
