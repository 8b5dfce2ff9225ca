package org.ec2workbench.ui.timeline;

/**
 * Where things go on the timeline canvas: lanes stacked from the top, each {@code laneHeight} high, then
 * the throttling strip at the bottom. Pure geometry, so hit tests are testable without a toolkit.
 *
 * @param width       canvas width, px
 * @param height      canvas height, px
 * @param laneHeight  height of one lane, px
 * @param stripHeight height of the throttling strip at the bottom (0 when hidden), px
 * @param scrollY     how far the lanes are scrolled up, px
 */
public record TimelineLayout(double width, double height, double laneHeight, double stripHeight, double scrollY) {

    /** Bottom of the lane area. */
    public double lanesBottom() {
        return Math.max(0, height - stripHeight);
    }

    /** Top y of lane {@code lane}. */
    public double laneTop(int lane) {
        return lane * laneHeight - scrollY;
    }

    /** The lane under y, or -1 (strip, or past the last of {@code laneCount} lanes). */
    public int laneAt(double y, int laneCount) {
        if (y < 0 || y >= lanesBottom()) {
            return -1;
        }
        int lane = (int) Math.floor((y + scrollY) / laneHeight);
        return lane >= 0 && lane < laneCount ? lane : -1;
    }

    /** The strip's top y. */
    public double stripTop() {
        return lanesBottom();
    }
}
