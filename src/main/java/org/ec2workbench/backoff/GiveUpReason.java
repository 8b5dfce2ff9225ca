package org.ec2workbench.backoff;

/** Why a call stopped retrying. */
public enum GiveUpReason {
    /** The last failure was classified terminal: retrying cannot fix it. */
    TERMINAL_FAILURE,
    /** The policy's attempts were used up. */
    MAX_ATTEMPTS,
    /** The next attempt would have started after the policy's maximum total wait. */
    MAX_TOTAL_WAIT,
    /** The retry budget could not pay for another retry. */
    BUDGET_EXHAUSTED,
    /** The waiting thread was interrupted. */
    INTERRUPTED
}
