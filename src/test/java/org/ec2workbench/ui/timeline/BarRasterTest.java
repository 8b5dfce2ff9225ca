package org.ec2workbench.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.ec2workbench.capture.ErrorCategory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lanes' rasteriser, pixel by pixel, without a toolkit. */
class BarRasterTest {

    static final int BACKGROUND = 0xffffffff;
    static final int LANE_ALT = 0xfff0f0f0;
    static final int GRID = 0xffcccccc;
    static final int GAP = 0xff808080;

    /** 100 px wide, lanes 40 px high: 4 tracks per lane, track 0's bar on rows 2..8 (middle row 5). */
    private final TimelineLayout layout = new TimelineLayout(100, 120, 40, 0, 0);
    private final BarRaster raster = new BarRaster();

    static BarRaster.Colors colors() {
        int[] categories = new int[ErrorCategory.values().length];
        for (ErrorCategory c : ErrorCategory.values()) {
            categories[c.ordinal()] = 0xff000000 | (c.ordinal() + 1) * 0x0f0a05;
        }
        categories[ErrorCategory.THROTTLING.ordinal()] = 0xffff0000;
        categories[ErrorCategory.NONE.ordinal()] = 0xff00ff00;
        categories[ErrorCategory.CONSISTENCY.ordinal()] = 0xffffaa00;
        return new BarRaster.Colors(BACKGROUND, LANE_ALT, GRID, GAP, categories);
    }

    static int color(ErrorCategory c) {
        return colors().categories()[c.ordinal()];
    }

    @BeforeEach
    void begin() {
        assertThat(layout.tracks()).isEqualTo(4);
        assertThat(layout.barHeight()).isEqualTo(7);
        raster.begin(100, 120, 3, layout.tracks());
    }

    @Test
    void aBarCoversItsColumnsAndItsTrackRowsOnly() {
        raster.markBar(0, 0, 10.0, 20.0, ErrorCategory.NONE);
        raster.paint(layout, colors(), new int[0]);

        for (int x = 10; x < 20; x++) {
            for (int y = 2; y <= 8; y++) {
                assertThat(raster.pixel(x, y)).as("(%d, %d)", x, y).isEqualTo(color(ErrorCategory.NONE));
            }
        }
        assertThat(raster.pixel(9, 5)).isEqualTo(BACKGROUND);
        assertThat(raster.pixel(20, 5)).isEqualTo(BACKGROUND);
        assertThat(raster.pixel(15, 1)).isEqualTo(BACKGROUND);
        assertThat(raster.pixel(15, 9)).isEqualTo(BACKGROUND); // the gap between tracks
        assertThat(raster.pixel(15, 12)).as("track 1").isEqualTo(BACKGROUND);
    }

    @Test
    void aThrottledAttemptIsNotHiddenBySuccessesInTheSamePixel() {
        raster.markBar(0, 0, 30.5, 30.6, ErrorCategory.THROTTLING);
        for (int i = 0; i < 50; i++) {
            raster.markBar(0, 0, 30.0 + i / 100.0, 30.01 + i / 100.0, ErrorCategory.NONE);
            raster.markBar(0, 0, 40.0 + i / 100.0, 40.01 + i / 100.0, ErrorCategory.NONE);
        }
        raster.markBar(0, 0, 40.7, 40.8, ErrorCategory.THROTTLING); // last this time
        raster.markBar(0, 0, 50.1, 50.2, ErrorCategory.NONE);
        raster.markBar(0, 0, 50.3, 50.4, ErrorCategory.CONSISTENCY);
        raster.paint(layout, colors(), new int[0]);

        assertThat(raster.pixel(30, 5)).isEqualTo(color(ErrorCategory.THROTTLING));
        assertThat(raster.pixel(40, 5)).isEqualTo(color(ErrorCategory.THROTTLING));
        assertThat(raster.pixel(50, 5)).isEqualTo(color(ErrorCategory.CONSISTENCY));
    }

    @Test
    void worstCategoryWinsInTheLegendsOrder() {
        for (int r = 1; r < BarRaster.WORST_FIRST.length; r++) {
            assertThat(BarRaster.rank(BarRaster.WORST_FIRST[r - 1])).isGreaterThan(BarRaster.rank(BarRaster.WORST_FIRST[r]));
        }
        assertThat(BarRaster.WORST_FIRST[0]).isEqualTo(ErrorCategory.THROTTLING);
        assertThat(BarRaster.WORST_FIRST[BarRaster.WORST_FIRST.length - 1]).isEqualTo(ErrorCategory.NONE);
    }

    @Test
    void anErrorInOneTrackDoesNotColourAnother() {
        raster.markBar(0, 1, 30.2, 30.3, ErrorCategory.THROTTLING);
        raster.markBar(0, 0, 30.4, 30.5, ErrorCategory.NONE);
        raster.paint(layout, colors(), new int[0]);

        assertThat(raster.pixel(30, 5)).isEqualTo(color(ErrorCategory.NONE));
        assertThat(raster.pixel(30, 14)).as("track 1, rows 11..17").isEqualTo(color(ErrorCategory.THROTTLING));
    }

    @Test
    void aBackoffGapIsALineWithATickAtItsStartUnderTheBars() {
        raster.markBar(0, 0, 38.0, 40.0, ErrorCategory.THROTTLING);
        raster.markGap(0, 0, 40.0, 60.0);
        raster.markBar(0, 0, 60.0, 62.0, ErrorCategory.NONE);
        raster.paint(layout, colors(), new int[0]);

        assertThat(raster.pixel(40, 5)).isEqualTo(GAP);
        assertThat(raster.pixel(40, 2)).as("tick").isEqualTo(GAP);
        assertThat(raster.pixel(50, 5)).isEqualTo(GAP);
        assertThat(raster.pixel(50, 4)).as("a line, one pixel high").isEqualTo(BACKGROUND);
        assertThat(raster.pixel(59, 5)).isEqualTo(GAP);
        assertThat(raster.pixel(60, 5)).isEqualTo(color(ErrorCategory.NONE));
        assertThat(raster.pixel(39, 5)).isEqualTo(color(ErrorCategory.THROTTLING));
    }

    @Test
    void everyOtherLaneIsShadedAndGridLinesRunBehindTheBars() {
        raster.markBar(1, 0, 70.0, 72.0, ErrorCategory.NONE);
        raster.paint(layout, colors(), new int[] {25, 71});

        assertThat(raster.pixel(5, 5)).isEqualTo(BACKGROUND);
        assertThat(raster.pixel(5, 45)).as("lane 1").isEqualTo(LANE_ALT);
        assertThat(raster.pixel(5, 85)).as("lane 2").isEqualTo(BACKGROUND);
        assertThat(raster.pixel(25, 5)).isEqualTo(GRID);
        assertThat(raster.pixel(25, 100)).isEqualTo(GRID);
        assertThat(raster.pixel(71, 45)).as("bar over grid").isEqualTo(color(ErrorCategory.NONE));
    }

    @Test
    void summaryCellsFoldOntoTracksAndHonourTheCategoryBits() {
        int both = 1 << ErrorCategory.NONE.ordinal() | 1 << ErrorCategory.THROTTLING.ordinal();
        raster.markCell(0, 0, 10, both, 0);
        raster.markCell(0, 0, 11, both & ~(1 << ErrorCategory.THROTTLING.ordinal()), 0); // throttling filtered out
        raster.markCell(0, 0, 12, 0, BarRaster.GAP_LINE);
        raster.paint(layout, colors(), new int[0]);

        assertThat(raster.pixel(10, 5)).isEqualTo(color(ErrorCategory.THROTTLING));
        assertThat(raster.pixel(11, 5)).isEqualTo(color(ErrorCategory.NONE));
        assertThat(raster.pixel(12, 5)).isEqualTo(GAP);
    }

    @Test
    void tracksPerLaneDivideTheSummaryResidues() {
        for (double laneHeight = 26; laneHeight <= 200; laneHeight++) {
            int tracks = new TimelineLayout(100, 500, laneHeight, 0, 0).tracks();
            assertThat(LaneSummary.RESIDUES % tracks).as("lane height %s: %d tracks", laneHeight, tracks).isZero();
            assertThat(tracks * TimelineLayout.TRACK_HEIGHT).isLessThanOrEqualTo(Math.max(TimelineLayout.TRACK_HEIGHT, laneHeight - 4));
        }
    }
}
