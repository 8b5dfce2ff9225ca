package org.ec2workbench.sandbox.events;

/** An event pattern that EventBridge would reject; the message is the reason AWS gives after "Reason: ". */
public final class InvalidEventPatternException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A rejection with its reason. */
    public InvalidEventPatternException(String reason) {
        super(reason);
    }
}
