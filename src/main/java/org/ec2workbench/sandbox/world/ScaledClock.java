package org.ec2workbench.sandbox.world;

import java.time.Instant;
import org.ec2workbench.backoff.Clock;

/**
 * The sandbox world's clock: a base clock running {@code scale} times faster, starting at the base clock's
 * wall time when it was created. Lifecycle durations and propagation delays are in this time.
 */
public final class ScaledClock implements Clock {

    private final Clock base;
    private final double scale;
    private final long startNanos;
    private final Instant origin;

    /** A clock {@code scale} times faster than {@code base}. */
    public ScaledClock(Clock base, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("time scale must be > 0 and finite, was " + scale);
        }
        this.base = base;
        this.scale = scale;
        this.startNanos = base.nanoTime();
        this.origin = base.instant();
    }

    @Override
    public long nanoTime() {
        return (long) ((base.nanoTime() - startNanos) * scale);
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(nanoTime());
    }

    /** The wall instant that corresponds to world time {@code nanos}. */
    public Instant instantAt(long nanos) {
        return origin.plusNanos(nanos);
    }

    /** How many times faster than the base clock this clock runs. */
    public double scale() {
        return scale;
    }
}
