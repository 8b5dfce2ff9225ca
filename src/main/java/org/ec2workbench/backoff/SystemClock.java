package org.ec2workbench.backoff;

import java.time.Instant;

/** The real clock and a real sleep: what the app uses outside tests and simulations. */
public final class SystemClock implements Clock, Sleeper {

    /** The one system clock. */
    public static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }
}
