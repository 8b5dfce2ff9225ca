package org.ec2workbench.sandbox.world;

import java.time.Instant;
import java.util.List;

/**
 * The world at one moment.
 *
 * @param time         sandbox time
 * @param timeScale    how many times faster than the wall clock the world runs
 * @param instances    every instance known, terminated ones included until they disappear
 * @param propagations resources some replica does not know yet
 */
public record WorldSnapshot(Instant time, double timeScale, List<Instance> instances,
                            List<Propagation> propagations) {

    /**
     * A new resource still propagating.
     *
     * @param replicasVisible how many replicas know it now
     */
    public record Propagation(String resourceId, String account, String region, int replicasVisible, int replicas,
                              Instant settlesAt) {
    }
}
