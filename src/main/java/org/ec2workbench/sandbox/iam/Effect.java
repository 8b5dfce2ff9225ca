package org.ec2workbench.sandbox.iam;

/** A statement's effect. */
public enum Effect {
    /** Allows what the statement matches, unless something denies it. */
    ALLOW,
    /** Denies what the statement matches, whatever allows it. */
    DENY
}
