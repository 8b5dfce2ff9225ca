package org.ec2workbench.ui.timeline;

import java.util.OptionalDouble;

/**
 * Calls per second against one throttling bucket, in equal time bins, for the throttling strip.
 *
 * @param bucket           the bucket, or null when none is chosen
 * @param firstBinMicros   start of the first bin, µs since the epoch
 * @param binMicros        width of a bin, µs
 * @param callsPerSecond   attempts per second drawing from the bucket, per bin
 * @param throttledPerSecond the throttled ones among them, per bin
 * @param refillPerSecond  the bucket's refill rate when known
 */
public record StripSeries(String bucket, double firstBinMicros, double binMicros, double[] callsPerSecond,
        double[] throttledPerSecond, OptionalDouble refillPerSecond) {

    /** The highest rate in the series (or the refill rate when that is higher), at least 1. */
    public double peak() {
        double peak = refillPerSecond.orElse(1);
        for (double v : callsPerSecond) {
            peak = Math.max(peak, v);
        }
        return Math.max(1, peak);
    }
}
