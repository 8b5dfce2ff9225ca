package org.ec2workbench.ui.experiment;

/** The kinds of resource the workbench creates, in the order clean-up removes them. */
public enum ResourceKind {
    /** The Events page's EventBridge rule, its target and its SQS queue: removed first, so delivery stops. */
    EVENT_SUBSCRIPTION("event subscription"),
    /** Terminated first, and waited for: security groups and volumes may depend on them. */
    INSTANCE("instance"),
    /** Deleted once no instance uses them. */
    SECURITY_GROUP("security group"),
    /** Deleted once available (not creating, not attached). */
    VOLUME("volume"),
    /** Deleted last; nothing depends on them. */
    KEY_PAIR("key pair");

    private final String label;

    ResourceKind(String label) {
        this.label = label;
    }

    /** What the list shows, e.g. "security group". */
    public String label() {
        return label;
    }
}
