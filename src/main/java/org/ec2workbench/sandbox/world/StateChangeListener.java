package org.ec2workbench.sandbox.world;

/**
 * Told of every instance transition, in order, on one dedicated delivery thread (never a request thread).
 * A listener that throws is logged and skipped; it cannot break the world.
 */
@FunctionalInterface
public interface StateChangeListener {

    /** Called once per transition. */
    void onStateChange(StateChange change);
}
