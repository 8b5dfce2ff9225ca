package org.ec2workbench.sandbox;

import org.ec2workbench.sandbox.world.WorldSettings;

/** How strict the sandbox is: buckets, lags and lifecycles together. */
public enum Preset {
    /** The documented buckets, realistic lags and lifecycle durations. */
    REALISTIC(1.0, true, WorldSettings.realistic()),
    /** Buckets cut to 30 % (a burst of about 30 Describe calls throttles), long visible lags, short lifecycles. */
    LESSON(0.3, true, WorldSettings.lesson()),
    /** No throttling and no propagation lag: for tests and benchmarks that measure something else. */
    CALM(1.0, false, WorldSettings.calm());

    private final double bucketScale;
    private final boolean throttling;
    private final WorldSettings world;

    Preset(double bucketScale, boolean throttling, WorldSettings world) {
        this.bucketScale = bucketScale;
        this.throttling = throttling;
        this.world = world;
    }

    /** Multiplier on every bucket's capacity and refill rate. */
    public double bucketScale() {
        return bucketScale;
    }

    /** Whether requests are throttled at all. */
    public boolean throttling() {
        return throttling;
    }

    /** The world settings of this preset. */
    public WorldSettings worldSettings() {
        return world;
    }
}
