package org.ec2workbench.ui.timeline;

import java.util.Locale;
import java.util.Set;
import javafx.beans.Observable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;

/**
 * Which attempts the timeline shows. Each dimension (category, action, source, HTTP status) restricts only
 * when something is chosen in it; the search text matches action, service, error code, request id, source
 * and principal, case-insensitively. Free of {@code javafx.scene}.
 */
public final class TimelineFilter {

    // Properties
    private final ObservableSet<ErrorCategory> categories = FXCollections.observableSet();
    private final ObservableSet<String> actions = FXCollections.observableSet();
    private final ObservableSet<String> sources = FXCollections.observableSet();
    private final ObservableSet<Integer> statuses = FXCollections.observableSet();
    private final StringProperty text = new SimpleStringProperty(this, "text", "");

    /** Chosen categories; empty means all. */
    public ObservableSet<ErrorCategory> categories() {
        return categories;
    }

    /** Chosen actions; empty means all. */
    public ObservableSet<String> actions() {
        return actions;
    }

    /** Chosen sources (as the timeline names them); empty means all. */
    public ObservableSet<String> sources() {
        return sources;
    }

    /** Chosen HTTP statuses (0: no response); empty means all. */
    public ObservableSet<Integer> statuses() {
        return statuses;
    }

    /** The search text; blank means no search. */
    public StringProperty textProperty() {
        return text;
    }

    /** Everything that, when changed, changes what matches. */
    public Observable[] dependencies() {
        return new Observable[] {categories, actions, sources, statuses, text};
    }

    /** Whether nothing is filtered. */
    public boolean isEmpty() {
        return categories.isEmpty() && actions.isEmpty() && sources.isEmpty() && statuses.isEmpty()
                && normalizedText().isEmpty();
    }

    /** Clears every dimension and the search. */
    public void clear() {
        categories.clear();
        actions.clear();
        sources.clear();
        statuses.clear();
        text.set("");
    }

    /**
     * A matcher over {@code names} (the id → name tables of the current session), built once per frame so
     * that per-attempt checks are array lookups.
     */
    public Compiled compile(AttemptIndex names) {
        return new Compiled(this, names);
    }

    String normalizedText() {
        String t = text.get();
        return t == null ? "" : t.strip().toLowerCase(Locale.ROOT);
    }

    /** A frozen form of the filter for one frame. */
    public static final class Compiled {
        private final boolean[] categoryAllowed;
        private final boolean[] actionAllowed;
        private final boolean[] sourceAllowed;
        private final Set<Integer> statusAllowed;
        private final String text;
        private final boolean everything;

        private Compiled(TimelineFilter f, AttemptIndex names) {
            ErrorCategory[] all = ErrorCategory.values();
            categoryAllowed = new boolean[all.length];
            for (ErrorCategory c : all) {
                categoryAllowed[c.ordinal()] = f.categories.isEmpty() || f.categories.contains(c);
            }
            actionAllowed = allowed(names.actionNames(), f.actions);
            sourceAllowed = allowed(names.sourceNames(), f.sources);
            statusAllowed = f.statuses.isEmpty() ? null : Set.copyOf(f.statuses);
            text = f.normalizedText();
            everything = f.isEmpty();
        }

        private static boolean[] allowed(java.util.List<String> namesById, Set<String> chosen) {
            boolean[] result = new boolean[namesById.size()];
            for (int id = 0; id < result.length; id++) {
                result[id] = chosen.isEmpty() || chosen.contains(namesById.get(id));
            }
            return result;
        }

        /**
         * Whether the level-of-detail summary (kept per lane and category) can stand for the attempts: no
         * status or text filter, and no filter on the dimension that is not the lanes' (a filter on the
         * lanes' own dimension just hides lanes).
         */
        public boolean summarisable(LaneMode laneMode) {
            if (everything) {
                return true;
            }
            boolean[] other = laneMode == LaneMode.ACTION ? sourceAllowed : actionAllowed;
            for (boolean allowed : other) {
                if (!allowed) {
                    return false;
                }
            }
            return statusAllowed == null && text.isEmpty();
        }

        /** The allowed categories as bits (bit = ordinal). */
        public int categoryBits() {
            int bits = 0;
            for (int c = 0; c < categoryAllowed.length; c++) {
                if (categoryAllowed[c]) {
                    bits |= 1 << c;
                }
            }
            return bits;
        }

        /** Whether the filter lets everything through. */
        public boolean everything() {
            return everything;
        }

        /** Whether attempt {@code i} of {@code s} passes. */
        public boolean test(AttemptStore.Snapshot s, int i) {
            if (everything) {
                return true;
            }
            if (!categoryAllowed[s.category(i).ordinal()]) {
                return false;
            }
            int action = s.actionId(i);
            if (action < actionAllowed.length && !actionAllowed[action]) {
                return false;
            }
            int source = s.sourceId(i);
            if (source < sourceAllowed.length && !sourceAllowed[source]) {
                return false;
            }
            if (statusAllowed != null && !statusAllowed.contains(s.httpStatus(i))) {
                return false;
            }
            return text.isEmpty() || matchesText(s, i);
        }

        private boolean matchesText(AttemptStore.Snapshot s, int i) {
            return contains(s.action(i)) || contains(s.service(i)) || contains(s.errorCode(i))
                    || contains(s.source(i)) || contains(s.principal(i)) || contains(s.requestId(i))
                    || contains(s.bucket(i));
        }

        private boolean contains(String value) {
            return value != null && value.toLowerCase(Locale.ROOT).contains(text);
        }
    }
}
