package org.ec2workbench.sandbox.world;

import java.time.Duration;
import java.util.Objects;

/**
 * How the world behaves: lifecycle durations, propagation delays, replicas and limits. Durations are in
 * sandbox time (the time scale speeds them up). Built by presets and the {@code with...} methods; validated.
 *
 * @param pendingMedian        typical pending → running time
 * @param stoppingMedian       typical stopping → stopped time
 * @param shuttingDownMedian   typical shutting-down → terminated time
 * @param volumeCreateMedian   typical creating → available time of a volume
 * @param durationSpread       log-normal sigma of the lifecycle durations (0 = exact)
 * @param propagationMedian    typical delay until a replica sees a new resource (0 = at once)
 * @param propagationSpread    log-normal sigma of the propagation delays
 * @param replicas             number of read replicas a request can land on
 * @param instanceLimit        instances an account may have per Region, recently terminated included
 * @param terminatedCountsFor  how long a terminated instance still counts toward the limit
 * @param terminatedVisibleFor how long a terminated instance stays in Describe results
 */
public record WorldSettings(Duration pendingMedian, Duration stoppingMedian, Duration shuttingDownMedian,
                            Duration volumeCreateMedian, double durationSpread, Duration propagationMedian,
                            double propagationSpread, int replicas, int instanceLimit,
                            Duration terminatedCountsFor, Duration terminatedVisibleFor) {

    public WorldSettings {
        for (Duration d : new Duration[] {pendingMedian, stoppingMedian, shuttingDownMedian, volumeCreateMedian,
                propagationMedian, terminatedCountsFor, terminatedVisibleFor}) {
            Objects.requireNonNull(d, "duration");
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative: " + d);
            }
        }
        if (!(durationSpread >= 0) || !(propagationSpread >= 0)) {
            throw new IllegalArgumentException("spreads must be >= 0");
        }
        if (replicas < 1 || replicas > 16) {
            throw new IllegalArgumentException("replicas must be 1..16, was " + replicas);
        }
        if (instanceLimit < 1) {
            throw new IllegalArgumentException("instanceLimit must be >= 1, was " + instanceLimit);
        }
    }

    /** Documented-looking values: launches take ~20 s, new ids take ~1.5 s to reach every replica. */
    public static WorldSettings realistic() {
        return new WorldSettings(Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(5), 0.3, Duration.ofMillis(1500), 0.8, 3, 20, Duration.ofMinutes(15),
                Duration.ofHours(1));
    }

    /** Short lifecycles and lags long enough to watch. */
    public static WorldSettings lesson() {
        return new WorldSettings(Duration.ofSeconds(6), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(2), 0.2, Duration.ofSeconds(4), 0.5, 3, 5, Duration.ofMinutes(10),
                Duration.ofHours(1));
    }

    /** No propagation lag and a roomy limit; lifecycles as realistic. */
    public static WorldSettings calm() {
        return new WorldSettings(Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(5), 0.3, Duration.ZERO, 0, 1, 100, Duration.ZERO, Duration.ofHours(1));
    }

    /** These settings with another instance limit. */
    public WorldSettings withInstanceLimit(int limit) {
        return new WorldSettings(pendingMedian, stoppingMedian, shuttingDownMedian, volumeCreateMedian,
                durationSpread, propagationMedian, propagationSpread, replicas, limit, terminatedCountsFor,
                terminatedVisibleFor);
    }

    /** These settings with other propagation delays. */
    public WorldSettings withPropagation(Duration median, double spread, int replicaCount) {
        return new WorldSettings(pendingMedian, stoppingMedian, shuttingDownMedian, volumeCreateMedian,
                durationSpread, median, spread, replicaCount, instanceLimit, terminatedCountsFor,
                terminatedVisibleFor);
    }

    /** These settings with other lifecycle medians (pending, stopping and shutting-down). */
    public WorldSettings withLifecycle(Duration pending, Duration stopping, Duration shuttingDown, double spread) {
        return new WorldSettings(pending, stopping, shuttingDown, volumeCreateMedian, spread, propagationMedian,
                propagationSpread, replicas, instanceLimit, terminatedCountsFor, terminatedVisibleFor);
    }

    /** These settings with another time that terminated instances keep counting toward the limit. */
    public WorldSettings withTerminatedCountsFor(Duration duration) {
        return new WorldSettings(pendingMedian, stoppingMedian, shuttingDownMedian, volumeCreateMedian,
                durationSpread, propagationMedian, propagationSpread, replicas, instanceLimit, duration,
                terminatedVisibleFor);
    }
}
