package org.ec2workbench.capture;

/** Whose fault an error is, as EC2 reports it: client errors are HTTP 4xx, server errors 5xx. */
public enum Fault {
    /** No error. */
    NONE,
    /** The caller's request or situation (HTTP 4xx, and EC2's 503 {@code RequestLimitExceeded}). */
    CLIENT,
    /** The service (HTTP 5xx other than throttling). */
    SERVER
}
