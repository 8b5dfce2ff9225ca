package org.ec2workbench.sandbox.world;

import java.time.Instant;

/**
 * One instance state transition.
 *
 * @param instanceId the instance
 * @param previous   the state before, or null when the instance was just launched
 * @param current    the state after
 * @param time       sandbox time of the transition
 * @param region     the instance's Region
 * @param account    the owning account id
 */
public record StateChange(String instanceId, InstanceState previous, InstanceState current, Instant time,
                          String region, String account) {
}
