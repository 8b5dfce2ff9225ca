package org.ec2workbench.sandbox.events;

/** Where a rule's matched events go: the sandbox's SQS, reached by target ARN. */
@FunctionalInterface
public interface EventTarget {

    /** What became of one delivery. */
    enum Outcome { DELIVERED, NO_SUCH_TARGET, DENIED_BY_POLICY, UNSUPPORTED_TARGET }

    /**
     * Delivers {@code body} to {@code targetArn} as the service principal {@code events.amazonaws.com} on
     * behalf of the rule {@code ruleArn} (which the target's resource policy must allow).
     */
    Outcome deliver(String targetArn, String ruleArn, String accountId, String body);
}
