package org.ec2workbench.backoff;

/** A call that {@link RetryExecutor} gave up on; the cause is the last attempt's failure, if it threw. */
public final class RetryFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient GiveUpReason reason;
    private final int attempts;
    private final transient Classification lastClassification;
    private final transient Object lastResult;

    /** A call given up for {@code reason} after {@code attempts} attempts. */
    public RetryFailedException(GiveUpReason reason, int attempts, Classification lastClassification,
            Throwable lastFailure, Object lastResult) {
        super("gave up after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + ": "
                + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + (lastClassification == null ? "" : " (last attempt: " + lastClassification.name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ') + (lastFailure == null ? "" : ", " + lastFailure) + ")"),
                lastFailure);
        this.reason = reason;
        this.attempts = attempts;
        this.lastClassification = lastClassification;
        this.lastResult = lastResult;
    }

    /** Why the executor stopped. */
    public GiveUpReason reason() {
        return reason;
    }

    /** Attempts made. */
    public int attempts() {
        return attempts;
    }

    /** How the last attempt was classified. */
    public Classification lastClassification() {
        return lastClassification;
    }

    /** What the last attempt returned, if it returned (a result classified as a failure). */
    public Object lastResult() {
        return lastResult;
    }
}
