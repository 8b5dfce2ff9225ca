package org.ec2workbench.backoff;

import java.time.Instant;

/**
 * The source of time for everything that waits, measures or timestamps. Injected everywhere so the same
 * code runs on the wall clock in the app and on {@link VirtualClock} in tests and simulations.
 */
public interface Clock {

    /** Monotonic time in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /** Wall-clock time, for timestamps shown to people or written to files. */
    Instant instant();

    /** The system clock. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
