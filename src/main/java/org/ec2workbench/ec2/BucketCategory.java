package org.ec2workbench.ec2;

/** The EC2 request-bucket categories of the throttling documentation, plus the resource buckets. */
public enum BucketCategory {
    /** Describe*, List*, Search*, Get* not listed elsewhere: 100 / 20 per s. */
    NON_MUTATING,
    /** The seven big Describe actions called with no filter and no pagination: 50 / 10 per s. */
    UNFILTERED_UNPAGINATED,
    /** Every other mutating action: 50 / 5 per s. */
    MUTATING,
    /** The documented slow actions (CreateKeyPair, AuthorizeSecurityGroupIngress, ...): 50 / 5 per s. */
    RESOURCE_INTENSIVE,
    /** An action with its own documented bucket (the uncategorized table). */
    UNCATEGORIZED,
    /** A resource bucket, drained by the number of instances an action touches. */
    RESOURCE
}
