package org.ec2workbench.sandbox.world;

import java.util.List;
import org.ec2workbench.backoff.Clock;

/** The read-only face of the sandbox world, for the UI, the events service and tests. */
public interface WorldView {

    /** Sandbox time (scaled by the time scale). */
    Clock clock();

    /** A consistent picture of every instance and every propagation still under way. */
    WorldSnapshot snapshot();

    /** Instances of an account in a Region, in launch order, regardless of replica visibility. */
    List<Instance> instances(String account, String region);

    /** Adds a listener told of every instance transition from now on. */
    void addStateChangeListener(StateChangeListener listener);

    /** Removes a listener. */
    void removeStateChangeListener(StateChangeListener listener);
}
