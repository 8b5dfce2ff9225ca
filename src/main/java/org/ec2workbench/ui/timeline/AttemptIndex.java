package org.ec2workbench.ui.timeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;

/**
 * What the timeline needs to know about the whole session, kept up to date incrementally as rows arrive:
 * the names behind the store's interned action and source ids, the statuses and buckets seen, counts per
 * category and the longest attempt (so a visible window can include bars that started before it).
 */
public final class AttemptIndex {

    /** The name under which attempts without a source are grouped. */
    public static final String UNKNOWN_SOURCE = "(unknown source)";

    private final List<String> actionNames = new ArrayList<>();
    private final List<String> sourceNames = new ArrayList<>();
    private final SortedSet<Integer> statuses = new TreeSet<>();
    private final SortedSet<String> buckets = new TreeSet<>();
    private final long[] categoryCounts = new long[ErrorCategory.values().length];
    private int indexed;
    private long maxDurationMicros;
    private long maxEndMicros = Long.MIN_VALUE;
    private long minStartMicros = Long.MAX_VALUE;

    /** Takes in the rows of {@code snapshot} not seen yet; returns whether a new name, status or bucket appeared. */
    public boolean update(AttemptStore.Snapshot snapshot) {
        boolean newNames = false;
        int n = snapshot.size();
        for (int i = indexed; i < n; i++) {
            newNames |= remember(actionNames, snapshot.actionId(i), snapshot, i, true);
            newNames |= remember(sourceNames, snapshot.sourceId(i), snapshot, i, false);
            newNames |= statuses.add(snapshot.httpStatus(i));
            String bucket = snapshot.bucket(i);
            if (bucket != null) {
                newNames |= buckets.add(bucket);
            }
            categoryCounts[snapshot.category(i).ordinal()]++;
            long start = snapshot.startMicros(i);
            long duration = snapshot.durationMicros(i);
            maxDurationMicros = Math.max(maxDurationMicros, duration);
            maxEndMicros = Math.max(maxEndMicros, start + duration);
            minStartMicros = Math.min(minStartMicros, start);
        }
        indexed = Math.max(indexed, n);
        return newNames;
    }

    private static boolean remember(List<String> names, int id, AttemptStore.Snapshot s, int i, boolean action) {
        if (id < names.size() && names.get(id) != null) {
            return false;
        }
        while (names.size() <= id) {
            names.add(null);
        }
        String name = action ? s.action(i) : s.source(i);
        names.set(id, name == null ? UNKNOWN_SOURCE : name);
        return true;
    }

    /** Action names by the store's action id (entries for ids not seen yet are {@code null}). */
    public List<String> actionNames() {
        return Collections.unmodifiableList(actionNames);
    }

    /** Source names by the store's source id ({@link #UNKNOWN_SOURCE} for none). */
    public List<String> sourceNames() {
        return Collections.unmodifiableList(sourceNames);
    }

    /** The HTTP statuses seen, ascending. */
    public SortedSet<Integer> statuses() {
        return Collections.unmodifiableSortedSet(statuses);
    }

    /** The throttling buckets seen, by name. */
    public SortedSet<String> buckets() {
        return Collections.unmodifiableSortedSet(buckets);
    }

    /** How many attempts fell into {@code category}. */
    public long count(ErrorCategory category) {
        return categoryCounts[category.ordinal()];
    }

    /** Rows taken in so far. */
    public int size() {
        return indexed;
    }

    /** The longest attempt, µs. */
    public long maxDurationMicros() {
        return maxDurationMicros;
    }

    /** The latest end of any attempt, µs since the epoch ({@link Long#MIN_VALUE} when empty). */
    public long maxEndMicros() {
        return maxEndMicros;
    }

    /** The earliest start of any attempt ({@link Long#MAX_VALUE} when empty). */
    public long minStartMicros() {
        return minStartMicros;
    }
}
