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

    /** Height of one track: a lane is split into tracks so that concurrent calls do not hide each other. */
    public static final double TRACK_HEIGHT = 9;

    /**
     * Tracks per lane (calls are spread over them by call id): as many as fit, rounded down to a divisor
     * of {@link LaneSummary#RESIDUES} so that the level-of-detail summary folds onto them exactly.
     */
    public int tracks() {
        int fit = Math.max(1, (int) ((laneHeight - 4) / TRACK_HEIGHT));
        int tracks = Math.min(fit, LaneSummary.RESIDUES);
        while (LaneSummary.RESIDUES % tracks != 0) {
            tracks--;
        }
        return tracks;
    }

    /** The track of a call. */
    public int trackOf(int callId) {
        return Math.floorMod(callId, tracks());
    }

    /** Top y of {@code track} in a lane whose top is {@code laneTop}. */
    public double trackTop(double laneTop, int track) {
        return laneTop + 2 + track * ((laneHeight - 4) / tracks());
    }

    /** Height of a track's bar. */
    public double barHeight() {
        return Math.max(2, (laneHeight - 4) / tracks() - 2);
    }

    /** The track under y in lane {@code lane}. */
    public int trackAt(double y, int lane) {
        double inLane = y - laneTop(lane) - 2;
        int track = (int) Math.floor(inLane / ((laneHeight - 4) / tracks()));
        return Math.max(0, Math.min(tracks() - 1, track));
    }

    /** The strip's top y. */
    public double stripTop() {
        return lanesBottom();
    }
}
