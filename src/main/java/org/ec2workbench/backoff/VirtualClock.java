package org.ec2workbench.backoff;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when told to. Sleeping on it advances it, so single-threaded code that waits
 * runs instantly with exact, reproducible timings.
 */
public final class VirtualClock implements Clock, Sleeper {

    private final Instant origin;
    private final AtomicLong nanos = new AtomicLong();

    /** A virtual clock whose wall time starts at {@code origin}. */
    public VirtualClock(Instant origin) {
        this.origin = origin;
    }

    /** A virtual clock starting at the epoch. */
    public VirtualClock() {
        this(Instant.EPOCH);
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(nanos.get());
    }

    /** Moves time forward by {@code deltaNanos} (must not be negative). */
    public void advance(long deltaNanos) {
        if (deltaNanos < 0) {
            throw new IllegalArgumentException("time cannot go backwards: " + deltaNanos + " ns");
        }
        nanos.addAndGet(deltaNanos);
    }

    /** Moves time forward to {@code nanoTime} if that is later than now. */
    public void advanceTo(long nanoTime) {
        nanos.accumulateAndGet(nanoTime, Math::max);
    }

    @Override
    public void sleep(long sleepNanos) {
        if (sleepNanos > 0) {
            advance(sleepNanos);
        }
    }
}
