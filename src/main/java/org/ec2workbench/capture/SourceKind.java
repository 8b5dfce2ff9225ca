package org.ec2workbench.capture;

/** Where an attempt record came from. */
public enum SourceKind {
    /** An SDK client built by the workbench itself (in-process interceptor). */
    WORKBENCH,
    /** A Client-Side Monitoring datagram from another process (AWS CLI, boto3, another SDK). */
    CSM,
    /** The recorder jar inside a user's own Java SDK v2 application (CSM datagrams with its client id). */
    RECORDER,
    /** A CloudTrail log record (offline import). */
    CLOUDTRAIL
}
