package org.ec2workbench.lessons;

import java.util.Objects;

/**
 * Whether the phenomenon a lesson teaches occurred in this run, and one line saying what was seen.
 *
 * @param occurred whether it occurred
 * @param summary  what was seen, e.g. "3 InvalidInstanceID.NotFound over 4.2 s, then visible"
 */
public record Verdict(boolean occurred, String summary) {

    public Verdict {
        Objects.requireNonNull(summary, "summary");
    }

    /** The phenomenon occurred. */
    public static Verdict occurred(String summary) {
        return new Verdict(true, summary);
    }

    /** The phenomenon did not occur. */
    public static Verdict missing(String summary) {
        return new Verdict(false, summary);
    }
}
