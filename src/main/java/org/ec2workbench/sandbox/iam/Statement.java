package org.ec2workbench.sandbox.iam;

import java.util.List;
import java.util.Objects;

/**
 * One statement of an identity policy.
 *
 * @param sid         the statement id, or null
 * @param effect      allow or deny
 * @param actions     the Action (or NotAction) patterns, e.g. {@code ec2:Describe*}
 * @param notAction   whether {@code actions} came from NotAction
 * @param resources   the Resource (or NotResource) ARN patterns
 * @param notResource whether {@code resources} came from NotResource
 * @param conditions  every condition, all of which must hold
 */
public record Statement(String sid, Effect effect, List<String> actions, boolean notAction, List<String> resources,
                        boolean notResource, List<Condition> conditions) {

    public Statement {
        Objects.requireNonNull(effect, "effect");
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }

    /** Whether this statement covers {@code action} (case-insensitive, with wildcards). */
    public boolean coversAction(String action) {
        boolean listed = actions.stream().anyMatch(p -> "*".equals(p) || Wildcards.matches(p, action, true));
        return listed != notAction;
    }

    /** Whether this statement covers the resource ARN. */
    public boolean coversResource(String arn) {
        boolean listed = resources.stream().anyMatch(p -> Wildcards.arnMatches(p, arn));
        return listed != notResource;
    }
}
