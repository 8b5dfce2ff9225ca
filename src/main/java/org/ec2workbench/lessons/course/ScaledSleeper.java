package org.ec2workbench.lessons.course;

import org.ec2workbench.backoff.Sleeper;

/**
 * Sleeps sandbox time: {@code nanos} of sandbox time last {@code nanos / timeScale} on the wall clock, so
 * the engine's policies keep their real-world values (EC2 guidance starts at seconds) while the lesson runs
 * fast.
 */
final class ScaledSleeper implements Sleeper {

    private final Sleeper wall;
    private final double timeScale;

    ScaledSleeper(Sleeper wall, double timeScale) {
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("time scale must be > 0, was " + timeScale);
        }
        this.wall = wall;
        this.timeScale = timeScale;
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        wall.sleep((long) (nanos / timeScale));
    }
}
