package org.ec2workbench.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * The sandbox's fault knobs. Immutable; build with {@link #builder()}.
 *
 * @param addedLatency          extra delay before every EC2 reply (wall time)
 * @param serverErrorRate       share of EC2 requests answered 500 InternalError or 503 Unavailable (0..1)
 * @param throttlingIncident    an "AWS-triggered throttling" incident: every request costs this many tokens
 *                              (1 = no incident)
 */
public record Faults(Duration addedLatency, double serverErrorRate, double throttlingIncident) {

    /** No faults. */
    public static final Faults NONE = new Faults(Duration.ZERO, 0, 1);

    public Faults {
        Objects.requireNonNull(addedLatency, "addedLatency");
        if (addedLatency.isNegative() || addedLatency.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("addedLatency must be 0..30 s, was " + addedLatency);
        }
        if (!(serverErrorRate >= 0 && serverErrorRate <= 1)) {
            throw new IllegalArgumentException("serverErrorRate must be 0..1, was " + serverErrorRate);
        }
        if (!(throttlingIncident >= 1 && throttlingIncident <= 1000)) {
            throw new IllegalArgumentException("throttlingIncident must be 1..1000, was " + throttlingIncident);
        }
    }

    /** A builder starting from no faults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Faults}; each setter validates when {@link #build()} runs. */
    public static final class Builder {
        private Duration addedLatency = Duration.ZERO;
        private double serverErrorRate;
        private double throttlingIncident = 1;

        private Builder() {
        }

        /** Extra delay before every reply. */
        public Builder addedLatency(Duration latency) {
            this.addedLatency = latency;
            return this;
        }

        /** Share of requests failing with a server error. */
        public Builder serverErrorRate(double rate) {
            this.serverErrorRate = rate;
            return this;
        }

        /** Divides every request bucket by {@code factor} (1 ends the incident). */
        public Builder throttlingIncident(double factor) {
            this.throttlingIncident = factor;
            return this;
        }

        /** The validated knobs. */
        public Faults build() {
            return new Faults(addedLatency, serverErrorRate, throttlingIncident);
        }
    }
}
