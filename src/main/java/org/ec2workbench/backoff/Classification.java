package org.ec2workbench.backoff;

/** What one attempt's outcome means for the retry logic. */
public enum Classification {
    /** The operation succeeded. */
    SUCCESS,
    /** A transient failure worth retrying (5xx, connection reset, …). */
    RETRYABLE,
    /** The service throttled the request (e.g. EC2 {@code RequestLimitExceeded}, HTTP 429). */
    THROTTLING,
    /** The attempt timed out; retried, but costs the retry budget more. */
    TIMEOUT,
    /**
     * The resource is not visible yet (e.g. {@code InvalidInstanceID.NotFound} right after RunInstances):
     * eventual consistency, so wait and ask again.
     */
    NOT_YET_VISIBLE,
    /** A failure that retrying cannot fix (validation, authorization, …). */
    TERMINAL;

    /** Whether a retry could help. */
    public boolean isRetryable() {
        return this == RETRYABLE || this == THROTTLING || this == TIMEOUT || this == NOT_YET_VISIBLE;
    }
}
