package org.ec2workbench.sandbox.world;

import java.util.Arrays;

/**
 * When a new resource becomes visible on each replica of the API's read path. A request lands on one
 * replica, so a resource can be visible to one call and unknown to the next until every replica has it.
 */
public final class Visibility {

    /** Visible everywhere from the start (default VPC, AMIs, ...). */
    public static final Visibility ALWAYS = new Visibility(new long[] {Long.MIN_VALUE});

    private final long[] visibleAtNanos;

    /** Visibility with one time (world nanos) per replica. */
    public Visibility(long[] visibleAtNanos) {
        if (visibleAtNanos.length == 0) {
            throw new IllegalArgumentException("at least one replica");
        }
        this.visibleAtNanos = visibleAtNanos.clone();
    }

    /** Whether replica {@code replica} knows the resource at world time {@code now}. */
    public boolean visibleTo(int replica, long now) {
        return now >= visibleAtNanos[Math.floorMod(replica, visibleAtNanos.length)];
    }

    /** World time from which every replica knows it. */
    public long settledAtNanos() {
        return Arrays.stream(visibleAtNanos).max().orElseThrow();
    }

    /** World time from which the first replica knows it. */
    public long firstVisibleAtNanos() {
        return Arrays.stream(visibleAtNanos).min().orElseThrow();
    }
}
