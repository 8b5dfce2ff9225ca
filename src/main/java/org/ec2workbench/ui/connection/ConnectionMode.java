package org.ec2workbench.ui.connection;

/** What the workbench's clients talk to. */
public enum ConnectionMode {
    /** The embedded sandbox on 127.0.0.1 (the default). */
    SANDBOX,
    /** Real AWS through a profile of the SDK's profile files. */
    AWS
}
