package org.ec2workbench.backoff;

/** Waits; injected so a virtual clock can make waiting instantaneous. */
@FunctionalInterface
public interface Sleeper {

    /** Blocks for {@code nanos} of this sleeper's time (no-op when {@code nanos <= 0}). */
    void sleep(long nanos) throws InterruptedException;
}
