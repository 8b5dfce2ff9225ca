package org.ec2workbench.backoff;

/**
 * How a policy turns its ceiling {@code v} for an attempt into a delay, given a random number
 * {@code r} in [0, 1]. Every variant is monotonic in {@code r}, so {@code r = 0} and {@code r = 1} give
 * the exact lower and upper envelopes.
 */
public enum Jitter {
    /** {@code v}: every client waits the same. */
    NONE("none"),
    /** {@code r·v}: Brooker's "full jitter", uniform over [0, v]. */
    FULL("full"),
    /** {@code v/2 + r·v/2}: Brooker's "equal jitter", keeps at least half of the backoff. */
    EQUAL("equal"),
    /**
     * {@code min(cap, base + r·(max(base, previous)·multiplier − base))}: Brooker's "decorrelated jitter", which
     * grows from the previous delay instead of from the attempt number.
     */
    DECORRELATED("decorrelated");

    private final String id;

    Jitter(String id) {
        this.id = id;
    }

    /** The lower-case name used in parameter sheets and on the command line. */
    public String id() {
        return id;
    }

    /** The jitter named {@code id} (case-insensitive). */
    public static Jitter of(String id) {
        for (Jitter jitter : values()) {
            if (jitter.id.equalsIgnoreCase(id.trim()) || jitter.name().equalsIgnoreCase(id.trim())) {
                return jitter;
            }
        }
        throw new IllegalArgumentException("unknown jitter '" + id + "' (expected none, full, equal or decorrelated)");
    }
}
