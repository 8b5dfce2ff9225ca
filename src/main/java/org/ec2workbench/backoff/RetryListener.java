package org.ec2workbench.backoff;

/**
 * Observes {@link RetryEvent}s. Called on the thread that runs the call; keep it quick. A listener that
 * throws is logged and ignored: it cannot break the execution.
 */
@FunctionalInterface
public interface RetryListener {

    /** Something happened. */
    void onEvent(RetryEvent event);
}
