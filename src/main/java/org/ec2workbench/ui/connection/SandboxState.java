package org.ec2workbench.ui.connection;

/** Where the embedded sandbox is in its life. */
public enum SandboxState {
    /** Not running. */
    STOPPED,
    /** Starting in the background. */
    STARTING,
    /** Serving. */
    RUNNING,
    /** Could not start (see the model's error). */
    FAILED
}
