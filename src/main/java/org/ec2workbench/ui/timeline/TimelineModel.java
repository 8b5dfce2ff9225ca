package org.ec2workbench.ui.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.IntConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;

/**
 * The timeline's view-model: the session's attempts (an {@link AttemptStore}), which of them are shown
 * (filter, lanes), where the view is (time range, follow mode) and what is selected. The view calls
 * {@link #refresh()} once per frame on the FX thread; everything else is commands. Free of
 * {@code javafx.scene}, so it is tested without a toolkit.
 */
public final class TimelineModel {

    /** In follow mode the newest attempt sits this far from the right edge (fraction of the span). */
    static final double FOLLOW_MARGIN = 0.04;
    /** Span shown when the first attempts arrive: one minute. */
    static final double INITIAL_SPAN = 60_000_000;
    /** How far forward a click looks for later attempts of the same call (µs). */
    private static final long CALL_LOOKAHEAD_MICROS = 30L * 60 * 1_000_000;

    private final AttemptStore store;
    private final AttemptIndex index = new AttemptIndex();
    private final LaneSummary summary = new LaneSummary();
    private final TokenLevels tokenLevels = new TokenLevels();
    private final TimelineFilter filter = new TimelineFilter();
    private Function<String, Optional<String>> advisor = code -> Optional.empty();
    private Function<String, OptionalDouble> refillRates = bucket -> OptionalDouble.empty();
    private AttemptStore.Snapshot snapshot;
    private int[] laneOfId = new int[0];
    private TimelineFilter.Compiled compiled;
    private boolean filterChanged = true;

    // Properties
    private final ObjectProperty<TimeRange> range = new SimpleObjectProperty<>(this, "range",
            new TimeRange(0, INITIAL_SPAN));
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final ObjectProperty<LaneMode> laneMode = new SimpleObjectProperty<>(this, "laneMode", LaneMode.ACTION);
    private final IntegerProperty selected = new SimpleIntegerProperty(this, "selected", -1);
    private final ReadOnlyObjectWrapper<AttemptDetails> details = new ReadOnlyObjectWrapper<>(this, "details");
    private final LongProperty attemptCount = new SimpleLongProperty(this, "attemptCount");
    private final LongProperty throttledCount = new SimpleLongProperty(this, "throttledCount");
    private final ReadOnlyBooleanWrapper tokensShown = new ReadOnlyBooleanWrapper(this, "tokensShown");
    private final LongProperty summaryLevelsReady = new SimpleLongProperty(this, "summaryLevelsReady");
    private final LongProperty tokenSamples = new SimpleLongProperty(this, "tokenSamples");
    private final ObjectProperty<String> stripBucket = new SimpleObjectProperty<>(this, "stripBucket");
    private final ObservableList<String> lanes = FXCollections.observableArrayList();
    private final ObservableList<String> actions = FXCollections.observableArrayList();
    private final ObservableList<String> sources = FXCollections.observableArrayList();
    private final ObservableList<Integer> statuses = FXCollections.observableArrayList();
    private final ObservableList<String> buckets = FXCollections.observableArrayList();

    /** A model over {@code store}. */
    public TimelineModel(AttemptStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.snapshot = store.snapshot();
        for (var dependency : filter.dependencies()) {
            dependency.addListener(o -> filterChanged = true);
        }
        laneMode.addListener(o -> filterChanged = true);
    }

    /** Where advice for an error code comes from (the capture error catalog). */
    public void setAdvisor(Function<String, Optional<String>> advisor) {
        this.advisor = Objects.requireNonNull(advisor, "advisor");
    }

    /** Where a bucket's refill rate (tokens per second) comes from, for the throttling strip. */
    public void setRefillRates(Function<String, OptionalDouble> refillRates) {
        this.refillRates = Objects.requireNonNull(refillRates, "refillRates");
    }

    /** The store shown. */
    public AttemptStore store() {
        return store;
    }

    /** The snapshot of the last {@link #refresh()}. */
    public AttemptStore.Snapshot snapshot() {
        return snapshot;
    }

    /** The session-wide index (names, counts). */
    public AttemptIndex index() {
        return index;
    }

    /** The filter. */
    public TimelineFilter filter() {
        return filter;
    }

    /** The visible time range. */
    public ReadOnlyObjectProperty<TimeRange> rangeProperty() {
        return range;
    }

    /** Whether the view keeps the newest attempts in sight. */
    public BooleanProperty followProperty() {
        return follow;
    }

    /** Lane per action or per source. */
    public ObjectProperty<LaneMode> laneModeProperty() {
        return laneMode;
    }

    /** The selected attempt's index, -1 for none. */
    public IntegerProperty selectedProperty() {
        return selected;
    }

    /** Details of the selected attempt, null for none. */
    public ReadOnlyObjectProperty<AttemptDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** Attempts in the session. */
    public LongProperty attemptCountProperty() {
        return attemptCount;
    }

    /** Throttled attempts in the session. */
    public LongProperty throttledCountProperty() {
        return throttledCount;
    }

    /** Whether sandbox token levels have been recorded (the strip then draws them; the legend lists them). */
    public ReadOnlyBooleanProperty tokensShownProperty() {
        return tokensShown.getReadOnlyProperty();
    }

    /** How many token polls were recorded (changes with each; the chart redraws on it). */
    public LongProperty tokenSamplesProperty() {
        return tokenSamples;
    }

    /** The bucket the throttling strip plots, null for none. */
    public ObjectProperty<String> stripBucketProperty() {
        return stripBucket;
    }

    /** Lane names, top to bottom. */
    public ObservableList<String> lanes() {
        return lanes;
    }

    /** Every action seen, sorted (for the action filter). */
    public ObservableList<String> actions() {
        return actions;
    }

    /** Every source seen, sorted (for the source filter). */
    public ObservableList<String> sources() {
        return sources;
    }

    /** Every HTTP status seen, ascending (for the status filter). */
    public ObservableList<Integer> statuses() {
        return statuses;
    }

    /** Every throttling bucket seen (for the strip). */
    public ObservableList<String> buckets() {
        return buckets;
    }

    // Commands

    /**
     * Takes in what was appended since the last call and applies filter and lane changes; in follow mode
     * moves the view to the newest attempt. Returns whether anything visible may have changed.
     */
    public boolean refresh() {
        AttemptStore.Snapshot next = store.snapshot();
        boolean grew = next.size() != snapshot.size();
        boolean firstData = snapshot.size() == 0 && next.size() > 0;
        snapshot = next;
        boolean newNames = index.update(next);
        summary.update(next);
        if (newNames) {
            updateNameLists();
        }
        boolean relayout = newNames || filterChanged;
        if (relayout) {
            filterChanged = false;
            compiled = filter.compile(index);
            layoutLanes();
        }
        attemptCount.set(index.size());
        throttledCount.set(index.count(ErrorCategory.THROTTLING));
        if (stripBucket.get() == null && !buckets.isEmpty()) {
            stripBucket.set(buckets.get(0));
        }
        if (grew && (follow.get() || firstData)) {
            followNewest(firstData);
        }
        return grew || relayout;
    }

    /** Zooms by {@code factor} (&lt; 1 zooms in) around fraction {@code anchor} of the width; stops following unless anchored at the right edge. */
    public void zoom(double factor, double anchor) {
        if (anchor < 0.99) {
            follow.set(false);
        }
        range.set(range.get().zoom(factor, follow.get() ? 1 - FOLLOW_MARGIN : anchor));
    }

    /** Moves the view by {@code fraction} of its span (positive: later); stops following. */
    public void pan(double fraction) {
        follow.set(false);
        TimeRange r = range.get();
        range.set(r.pan(r.span() * fraction));
    }

    /** Shows {@code [from, to)}; stops following. */
    public void showRange(double from, double to) {
        follow.set(false);
        double span = Math.max(to - from, TimeRange.MIN_SPAN);
        double centre = (from + to) / 2;
        range.set(new TimeRange(centre - span / 2, centre + span / 2));
    }

    /** Shows the whole session; stops following. */
    public void fitAll() {
        if (index.size() == 0) {
            return;
        }
        follow.set(false);
        range.set(TimeRange.covering(index.minStartMicros(), index.maxEndMicros()));
    }

    /** Turns follow mode on and jumps to the newest attempt. */
    public void startFollowing() {
        follow.set(true);
        if (index.size() > 0) {
            followNewest(false);
        }
    }

    /** Selects attempt {@code i} (-1 clears). */
    public void select(int i) {
        if (i < -1 || i >= snapshot.size()) {
            throw new IllegalArgumentException("No attempt " + i + " (the session has " + snapshot.size() + ")");
        }
        selected.set(i);
        details.set(i < 0 ? null : describe(i));
    }

    /**
     * The shown attempt closest to time {@code micros} in {@code lane}, within {@code toleranceMicros}, or
     * -1.
     */
    public int attemptAt(double micros, int lane, double toleranceMicros) {
        return attemptAt(micros, lane, -1, 1, toleranceMicros);
    }

    /**
     * As {@link #attemptAt(double, int, double)}, restricted to the calls drawn in {@code track} of
     * {@code tracks} (by call id); track -1 means any.
     */
    public int attemptAt(double micros, int lane, int track, int tracks, double toleranceMicros) {
        if (lane < 0 || lane >= lanes.size()) {
            return -1;
        }
        int[] best = {-1};
        double[] bestDistance = {Double.MAX_VALUE};
        forEachShown(micros - toleranceMicros, micros + toleranceMicros, i -> {
            if (laneOf(i) != lane || track >= 0 && Math.floorMod(snapshot.callId(i), tracks) != track) {
                return;
            }
            long start = snapshot.startMicros(i);
            long end = start + snapshot.durationMicros(i);
            double distance = micros < start ? start - micros : micros > end ? micros - end : 0;
            if (distance <= toleranceMicros && distance < bestDistance[0]) {
                bestDistance[0] = distance;
                best[0] = i;
            }
        });
        return best[0];
    }

    /** The lane of attempt {@code i}, or -1 when its lane is filtered out. */
    public int laneOf(int i) {
        return laneOfKey(laneMode.get() == LaneMode.ACTION ? snapshot.actionId(i) : snapshot.sourceId(i));
    }

    /** The lane of action id or source id {@code key} (by the lane mode), or -1 when it is filtered out. */
    public int laneOfKey(int key) {
        return key >= 0 && key < laneOfId.length ? laneOfId[key] : -1;
    }

    /** How many lane keys (action ids or source ids, by the lane mode) the session has. */
    public int laneKeyCount() {
        return laneOfId.length;
    }

    /**
     * Builds level-of-detail summary levels on {@code background} instead of the thread that draws, and
     * hands them over on {@code fx} (the thread that calls {@link #refresh()}). Without this they are built
     * inline, the first time a wide view asks for them (a pause of a few hundred ms for 1,000,000 attempts).
     */
    public void buildSummariesOn(Executor background, Executor fx) {
        summary.runBuildsOn(background, fx, () -> summaryLevelsReady.set(summaryLevelsReady.get() + 1));
    }

    /** Counts summary levels handed over by a background build (the chart redraws on it). */
    public LongProperty summaryLevelsReadyProperty() {
        return summaryLevelsReady;
    }

    /** The level-of-detail summary (kept up to date by {@link #refresh()}). */
    LaneSummary summary() {
        return summary;
    }

    /** Whether the summary can stand for the attempts under the current filter and lane mode. */
    public boolean summarisable() {
        return compiled().summarisable(laneMode.get());
    }

    /**
     * An upper bound of the number of attempts a draw of {@code [from, to)} visits, in O(log n): what
     * the view uses to choose between attempts and the summary.
     */
    public int visitBound(double from, double to) {
        AttemptStore.Snapshot s = snapshot;
        long lo = (long) Math.floor(from) - index.maxDurationMicros();
        return Math.max(0, s.upperIndex((long) Math.ceil(to)) - s.lowerIndex(lo));
    }

    /**
     * Calls {@code action} for every attempt that passes the filter and overlaps {@code [from, to)}, in
     * store order. Uses the store's binary search: only the window is visited.
     */
    public void forEachShown(double from, double to, IntConsumer action) {
        forEachShownInLane(from, to, (i, lane) -> action.accept(i));
    }

    /** Receives a shown attempt and its lane. */
    @FunctionalInterface
    public interface ShownVisitor {
        /** Attempt {@code i}, drawn in lane {@code lane}. */
        void shown(int i, int lane);
    }

    /** As {@link #forEachShown(double, double, IntConsumer)}, with each attempt's lane. */
    public void forEachShownInLane(double from, double to, ShownVisitor action) {
        TimelineFilter.Compiled f = compiled();
        long lo = (long) Math.floor(from) - index.maxDurationMicros();
        long hi = (long) Math.ceil(to);
        AttemptStore.Snapshot s = snapshot;
        boolean byAction = laneMode.get() == LaneMode.ACTION;
        int[] lanesOfKeys = laneOfId;
        int end = s.upperIndex(hi);
        for (int i = s.lowerIndex(lo); i < end; i++) {
            long start = s.startMicros(i);
            if (start >= hi || start + s.durationMicros(i) < from) {
                continue;
            }
            int key = byAction ? s.actionId(i) : s.sourceId(i);
            int lane = key < lanesOfKeys.length ? lanesOfKeys[key] : -1;
            if (lane >= 0 && f.test(s, i)) {
                action.shown(i, lane);
            }
        }
    }

    /** The compiled filter of the current frame. */
    public TimelineFilter.Compiled compiled() {
        if (compiled == null || filterChanged) {
            filterChanged = false;
            compiled = filter.compile(index);
            layoutLanes();
        }
        return compiled;
    }

    /**
     * The throttling strip's numbers for the visible range: attempts per second against the selected
     * bucket in bins of {@code binMicros} (a whole number of seconds), the throttled ones among them, and
     * the bucket's refill rate. Reads per-second counts, so the cost is per bin, not per attempt.
     */
    public StripSeries stripSeries(TimeRange r, double binMicros) {
        if (binMicros < 1_000_000 || binMicros % 1_000_000 != 0) {
            throw new IllegalArgumentException("Strip bins are whole seconds, not " + binMicros + " µs");
        }
        String bucket = stripBucket.get();
        double first = Math.floor(r.from() / binMicros) * binMicros;
        int bins = Math.max(1, (int) Math.ceil((r.to() - first) / binMicros));
        double[] calls = new double[bins];
        double[] throttled = new double[bins];
        if (bucket != null) {
            LaneSummary.SecondCounts counts = summary.seconds(bucket, snapshot);
            long binSeconds = (long) (binMicros / 1_000_000);
            long firstSecond = (long) (first / 1_000_000);
            long[] sum = new long[2];
            for (int b = 0; b < bins; b++) {
                sum[0] = 0;
                sum[1] = 0;
                counts.sum(firstSecond + b * binSeconds, firstSecond + (b + 1) * binSeconds, sum);
                calls[b] = (double) sum[0] / binSeconds;
                throttled[b] = (double) sum[1] / binSeconds;
            }
        }
        return new StripSeries(bucket, first, binMicros, calls, throttled,
                bucket == null ? OptionalDouble.empty() : refillRates.apply(bucket));
    }

    /** Records the sandbox's token levels polled at {@code atMicros}, by strip bucket (FX thread). */
    public void recordTokens(long atMicros, Map<String, TokenLevels.Level> levels) {
        tokenLevels.record(atMicros, levels);
        tokensShown.set(!tokenLevels.isEmpty());
        tokenSamples.set(tokenSamples.get() + 1);
    }

    /** The sandbox token levels of the strip's bucket over {@code r}, when any were recorded. */
    public Optional<TokenLevels.Series> tokenSeries(TimeRange r) {
        return tokenLevels.series(stripBucket.get(), r.from(), r.to());
    }

    private void followNewest(boolean firstData) {
        double span = firstData ? INITIAL_SPAN : range.get().span();
        double end = index.maxEndMicros() + span * FOLLOW_MARGIN;
        range.set(TimeRange.ending(end, span));
    }

    private void updateNameLists() {
        actions.setAll(sortedDistinct(index.actionNames()));
        sources.setAll(sortedDistinct(index.sourceNames()));
        statuses.setAll(index.statuses());
        buckets.setAll(index.buckets());
    }

    private static List<String> sortedDistinct(List<String> names) {
        return names.stream().filter(Objects::nonNull).distinct().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    private void layoutLanes() {
        boolean byAction = laneMode.get() == LaneMode.ACTION;
        List<String> names = byAction ? index.actionNames() : index.sourceNames();
        var chosen = byAction ? filter.actions() : filter.sources();
        List<String> shown = new ArrayList<>(sortedDistinct(names));
        if (!chosen.isEmpty()) {
            shown.removeIf(n -> !chosen.contains(n));
        }
        int[] map = new int[names.size()];
        Arrays.fill(map, -1);
        for (int id = 0; id < names.size(); id++) {
            map[id] = names.get(id) == null ? -1 : shown.indexOf(names.get(id));
        }
        laneOfId = map;
        if (!lanes.equals(shown)) {
            lanes.setAll(shown);
        }
    }

    private AttemptDetails describe(int i) {
        AttemptStore.Snapshot s = snapshot;
        int call = s.callId(i);
        int attempts = s.attemptNumber(i);
        long horizon = s.startMicros(i) + CALL_LOOKAHEAD_MICROS;
        int end = s.upperIndex(horizon);
        for (int j = i + 1; j < end; j++) {
            if (s.callId(j) == call && s.actionId(j) == s.actionId(i)) {
                attempts = Math.max(attempts, s.attemptNumber(j));
            }
        }
        String code = s.errorCode(i);
        long start = s.startMicros(i);
        return new AttemptDetails(i, s.service(i), s.action(i), s.bucket(i),
                Instant.ofEpochSecond(start / 1_000_000, (start % 1_000_000) * 1_000),
                s.durationMicros(i), s.httpStatus(i), code, s.errorMessage(i), s.category(i), s.fault(i),
                s.requestId(i), s.attemptNumber(i), attempts, s.backoffMicros(i), s.sourceKind(i), s.source(i),
                s.principal(i), code == null ? Optional.empty() : advisor.apply(code));
    }
}
