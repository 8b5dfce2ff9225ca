package org.ec2workbench.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    @Test
    void zoomKeepsTheAnchorInPlace() {
        TimeRange r = new TimeRange(1_000_000, 2_000_000);
        TimeRange zoomed = r.zoom(0.5, 0.25);
        assertThat(zoomed.span()).isEqualTo(500_000);
        assertThat(zoomed.toMicros(0.25 * 800, 800)).isCloseTo(r.toMicros(0.25 * 800, 800), within(1e-6));
    }

    @Test
    void zoomIsClampedToTheAllowedSpans() {
        TimeRange r = new TimeRange(0, 1_000);
        assertThat(r.zoom(1e-9, 0.5).span()).isEqualTo(TimeRange.MIN_SPAN);
        assertThat(r.zoom(1e20, 0.5).span()).isEqualTo(TimeRange.MAX_SPAN);
    }

    @Test
    void pixelAndTimeConvertBothWays() {
        TimeRange r = new TimeRange(TestAttempts.T0, TestAttempts.T0 + 10_000_000);
        assertThat(r.toX(TestAttempts.T0 + 5_000_000, 1000)).isCloseTo(500, within(1e-6));
        assertThat(r.toMicros(250, 1000)).isCloseTo(TestAttempts.T0 + 2_500_000, within(1.0));
    }

    @Test
    void rejectsEmptyOrInvertedRanges() {
        assertThatThrownBy(() -> new TimeRange(5, 5)).hasMessageContaining("from < to");
        assertThatThrownBy(() -> new TimeRange(0, 10).zoom(-1, 0.5)).hasMessageContaining("positive");
    }

    @Test
    void ticksAreNiceAndFarEnoughApart() {
        TimeRange tenSeconds = new TimeRange(TestAttempts.T0, TestAttempts.T0 + 10_000_000);
        List<TimeTicks.Tick> ticks = TimeTicks.ticks(tenSeconds, 1000, 100, ZoneOffset.UTC);
        assertThat(TimeTicks.step(tenSeconds, 1000, 100)).isEqualTo(1_000_000);
        assertThat(ticks).hasSize(10);
        assertThat(ticks.get(0).micros() % 1_000_000).isZero();
        assertThat(ticks.get(0).label()).isEqualTo("22:13:20");

        TimeRange fiftyMillis = new TimeRange(TestAttempts.T0, TestAttempts.T0 + 50_000);
        assertThat(TimeTicks.ticks(fiftyMillis, 1000, 100, ZoneOffset.UTC).get(1).label()).isEqualTo("22:13:20.005");
    }
}
