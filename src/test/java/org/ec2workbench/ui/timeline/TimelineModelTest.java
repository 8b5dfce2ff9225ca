package org.ec2workbench.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ec2workbench.ui.timeline.TestAttempts.T0;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The timeline's view-model, without a toolkit. */
class TimelineModelTest {

    private AttemptStore store;
    private TimelineModel model;

    @BeforeEach
    void setUp() {
        store = new AttemptStore();
        model = new TimelineModel(store);
        // a call throttled twice, then through: 0 ms, +100 ms backoff, +250 ms backoff
        store.append(TestAttempts.throttled("DescribeInstances", T0, 10_000, 7, 1, 0));
        store.append(TestAttempts.throttled("DescribeInstances", T0 + 110_000, 10_000, 7, 2, 100_000));
        store.append(TestAttempts.retryOk("DescribeInstances", T0 + 370_000, 30_000, 7, 3, 250_000));
        store.append(TestAttempts.ok("RunInstances", T0 + 50_000, 400_000, 8));
        store.append(TestAttempts.notFound(T0 + 500_000, 9));
        model.refresh();
    }

    @Test
    void oneLanePerActionSortedWithCountsAndNames() {
        assertThat(model.lanes()).containsExactly("DescribeInstances", "RunInstances");
        assertThat(model.attemptCountProperty().get()).isEqualTo(5);
        assertThat(model.throttledCountProperty().get()).isEqualTo(2);
        assertThat(model.statuses()).containsExactly(200, 400, 503);
        assertThat(model.sources()).containsExactly("aws-cli/2.15", "boto3", "workbench");
        assertThat(model.buckets()).containsExactly("non-mutating");
    }

    @Test
    void laneModeSourceGroupsBySource() {
        model.laneModeProperty().set(LaneMode.SOURCE);
        model.refresh();
        assertThat(model.lanes()).containsExactly("aws-cli/2.15", "boto3", "workbench");
        assertThat(model.laneOf(3)).isEqualTo(0);
    }

    @Test
    void firstDataSetsAOneMinuteWindowEndingAtTheNewest() {
        TimeRange r = model.rangeProperty().get();
        assertThat(r.span()).isEqualTo(TimelineModel.INITIAL_SPAN);
        assertThat(r.to()).isGreaterThan(T0 + 520_000);
        assertThat(r.from()).isLessThan(T0);
    }

    @Test
    void followModeTracksNewAttemptsUntilTheUserPans() {
        store.append(TestAttempts.ok("DescribeVpcs", T0 + 600_000_000, 1_000, 10));
        model.refresh();
        assertThat(model.rangeProperty().get().to()).isGreaterThan(T0 + 600_000_000);

        model.pan(-0.5);
        assertThat(model.followProperty().get()).isFalse();
        TimeRange panned = model.rangeProperty().get();
        store.append(TestAttempts.ok("DescribeVpcs", T0 + 900_000_000, 1_000, 11));
        model.refresh();
        assertThat(model.rangeProperty().get()).isEqualTo(panned);

        model.startFollowing();
        assertThat(model.rangeProperty().get().to()).isGreaterThan(T0 + 900_000_000);
    }

    @Test
    void filtersRestrictByCategoryActionStatusAndText() {
        assertThat(shown()).containsExactly(0, 1, 2, 3, 4);
        model.filter().categories().add(ErrorCategory.THROTTLING);
        model.refresh();
        assertThat(shown()).containsExactly(0, 1);

        model.filter().clear();
        model.filter().actions().add("RunInstances");
        model.refresh();
        assertThat(shown()).containsExactly(3);
        assertThat(model.lanes()).containsExactly("RunInstances");

        model.filter().clear();
        model.filter().statuses().add(400);
        model.refresh();
        assertThat(shown()).containsExactly(4);

        model.filter().clear();
        model.filter().textProperty().set("notfound");
        model.refresh();
        assertThat(shown()).containsExactly(4);
        model.filter().textProperty().set(TestAttempts.requestId(7, 2).toUpperCase());
        model.refresh();
        assertThat(shown()).containsExactly(1);
    }

    @Test
    void clickingFindsTheNearestAttemptInTheLane() {
        assertThat(model.attemptAt(T0 + 115_000, 0, 1_000)).isEqualTo(1);
        assertThat(model.attemptAt(T0 + 200_000, 1, 1_000)).isEqualTo(3);
        assertThat(model.attemptAt(T0 + 60_000, 0, 1_000)).isEqualTo(-1); // inside the backoff gap
        assertThat(model.attemptAt(T0 + 60_000, 0, 60_000)).isIn(0, 1);
        assertThat(model.attemptAt(T0, 5, 1_000)).isEqualTo(-1);
    }

    @Test
    void detailsSayAttemptNOfMTheDelayBeforeItAndTheAdvice() {
        model.setAdvisor(code -> code.equals("RequestLimitExceeded")
                ? Optional.of("Back off with jitter.") : Optional.empty());
        model.select(1);
        AttemptDetails d = model.detailsProperty().get();
        assertThat(d.attemptText()).isEqualTo("attempt 2 of 3");
        assertThat(d.backoffMicros()).isEqualTo(100_000);
        assertThat(d.errorCode()).isEqualTo("RequestLimitExceeded");
        assertThat(d.requestId()).isEqualTo(TestAttempts.requestId(7, 2));
        assertThat(d.advice()).contains("Back off with jitter.");

        model.select(3);
        assertThat(model.detailsProperty().get().advice()).isEmpty();
        model.select(-1);
        assertThat(model.detailsProperty().get()).isNull();
    }

    @Test
    void stripCountsCallsPerSecondAgainstTheRefill() {
        model.setRefillRates(b -> b.equals("non-mutating") ? OptionalDouble.of(20) : OptionalDouble.empty());
        StripSeries series = model.stripSeries(new TimeRange(T0, T0 + 2_000_000), 1_000_000);
        assertThat(series.bucket()).isEqualTo("non-mutating");
        assertThat(series.callsPerSecond()[0]).isEqualTo(5);
        assertThat(series.throttledPerSecond()[0]).isEqualTo(2);
        assertThat(series.refillPerSecond()).hasValue(20);
        assertThat(series.peak()).isEqualTo(20);
    }

    @Test
    void stripBinsOfSeveralSecondsAverageAndTakeLateAppendsIn() {
        StripSeries before = model.stripSeries(new TimeRange(T0, T0 + 4_000_000), 2_000_000);
        assertThat(before.callsPerSecond()[0]).isEqualTo(2.5);
        store.append(TestAttempts.throttled("DescribeInstances", T0 + 2_500_000, 10_000, 11, 1, 0));
        store.append(TestAttempts.ok("DescribeInstances", T0 + 900_000, 10_000, 12)); // late, out of order
        model.refresh();
        StripSeries after = model.stripSeries(new TimeRange(T0, T0 + 4_000_000), 2_000_000);
        assertThat(after.callsPerSecond()).containsExactly(3, 0.5);
        assertThat(after.throttledPerSecond()).containsExactly(1, 0.5);
        assertThatThrownBy(() -> model.stripSeries(new TimeRange(T0, T0 + 4_000_000), 1_500_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
    }

    @Test
    void onlyTheVisibleWindowIsVisited() {
        AttemptStore big = new AttemptStore();
        for (int i = 0; i < 100_000; i++) {
            big.append(TestAttempts.ok("DescribeInstances", T0 + i * 1_000L, 500, i));
        }
        TimelineModel m = new TimelineModel(big);
        m.refresh();
        m.showRange(T0 + 50_000_000, T0 + 50_100_000);
        List<Integer> visited = new ArrayList<>();
        m.forEachShown(m.rangeProperty().get().from(), m.rangeProperty().get().to(), visited::add);
        assertThat(visited).hasSizeBetween(99, 102).allMatch(i -> i >= 49_990 && i <= 50_110);
    }

    private List<Integer> shown() {
        List<Integer> shown = new ArrayList<>();
        model.forEachShown(T0 - 1_000_000, T0 + 10_000_000, shown::add);
        return shown;
    }
}
