package org.ec2workbench.sandbox.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IAM's evaluation logic for identity policies: across all of a principal's policies, an explicit deny
 * wins over any allow, an allow wins over the implicit deny that applies when nothing matches.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    /** What the policies say about one action on one resource. */
    public enum Outcome { ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY }

    /**
     * An evaluation.
     *
     * @param outcome the decision
     * @param matched the statements that decided it: the denying ones for an explicit deny, the allowing
     *                ones for an allow, none for an implicit deny
     */
    public record Evaluation(Outcome outcome, List<Statement> matched) {

        public Evaluation {
            matched = List.copyOf(matched);
        }

        /** Whether the action is allowed on the resource. */
        public boolean allowed() {
            return outcome == Outcome.ALLOWED;
        }
    }

    /**
     * Evaluates {@code action} on {@code resource}.
     *
     * @param context condition keys to values; keys are matched case-insensitively
     */
    public static Evaluation evaluate(List<PolicyDocument> policies, String action, String resource,
                                      Map<String, List<String>> context) {
        Map<String, List<String>> normalized = normalize(context);
        List<Statement> allows = new ArrayList<>();
        List<Statement> denies = new ArrayList<>();
        for (PolicyDocument policy : policies) {
            for (Statement statement : policy.statements()) {
                if (statement.coversAction(action) && statement.coversResource(resource)
                        && statement.conditions().stream().allMatch(c -> c.holds(normalized))) {
                    (statement.effect() == Effect.DENY ? denies : allows).add(statement);
                }
            }
        }
        if (!denies.isEmpty()) {
            return new Evaluation(Outcome.EXPLICIT_DENY, denies);
        }
        return allows.isEmpty() ? new Evaluation(Outcome.IMPLICIT_DENY, List.of())
                : new Evaluation(Outcome.ALLOWED, allows);
    }

    /** The context with lower-case keys (values of keys differing only in case are merged). */
    static Map<String, List<String>> normalize(Map<String, List<String>> context) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        context.forEach((k, v) -> out.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        return out;
    }
}
