package org.ec2workbench.ui.backoff;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.BackoffPolicy.Kind;
import org.ec2workbench.capture.AttemptStore;

/**
 * The backoff plots' view-model: one editable policy per engine kind, which kinds are plotted, the plot
 * settings, and the curves computed from them; plus the delays observed in the current session. Free of
 * {@code javafx.scene}.
 */
public final class BackoffModel {

    /** Sample paths per policy for the percentile bands. */
    public static final int SAMPLES = 4_000;

    private final AttemptStore session;
    private final Map<Kind, BackoffPolicy> policies = new EnumMap<>(Kind.class);

    // Properties
    private final ObservableSet<Kind> shown = FXCollections.observableSet(Kind.EXPONENTIAL, Kind.FULL_JITTER,
            Kind.SDK_STANDARD);
    private final ObjectProperty<Kind> editing = new SimpleObjectProperty<>(this, "editing", Kind.FULL_JITTER);
    private final IntegerProperty retries = new SimpleIntegerProperty(this, "retries", 8);
    private final BooleanProperty throttling = new SimpleBooleanProperty(this, "throttling", false);
    private final BooleanProperty logScale = new SimpleBooleanProperty(this, "logScale", false);
    private final IntegerProperty seed = new SimpleIntegerProperty(this, "seed", 1);
    private final ReadOnlyObjectWrapper<List<PolicyCurves>> curves = new ReadOnlyObjectWrapper<>(this, "curves", List.of());
    private final ReadOnlyObjectWrapper<ObservedDelays> observed = new ReadOnlyObjectWrapper<>(this, "observed",
            ObservedDelays.none());
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<BackoffPolicy> editedPolicy = new ReadOnlyObjectWrapper<>(this, "editedPolicy");

    /** A model whose observed delays come from {@code session}. */
    public BackoffModel(AttemptStore session) {
        this.session = Objects.requireNonNull(session, "session");
        for (BackoffPolicy p : BackoffPolicy.catalog()) {
            policies.put(p.kind(), p);
        }
        editedPolicy.set(policies.get(editing.get()));
        shown.addListener((javafx.collections.SetChangeListener<Kind>) c -> recompute());
        editing.addListener((obs, was, now) -> {
            editedPolicy.set(policies.get(now));
            error.set("");
        });
        retries.addListener(o -> recompute());
        throttling.addListener(o -> recompute());
        seed.addListener(o -> recompute());
        recompute();
    }

    /** The kinds plotted. */
    public ObservableSet<Kind> shown() {
        return shown;
    }

    /** The kind whose parameters are being edited. */
    public ObjectProperty<Kind> editingProperty() {
        return editing;
    }

    /** The policy being edited, with its current parameters. */
    public ReadOnlyObjectProperty<BackoffPolicy> editedPolicyProperty() {
        return editedPolicy.getReadOnlyProperty();
    }

    /** Retries plotted (1..30). */
    public IntegerProperty retriesProperty() {
        return retries;
    }

    /** Whether the delays after throttling errors are plotted (the SDK curves differ). */
    public BooleanProperty throttlingProperty() {
        return throttling;
    }

    /** Whether the y axis is logarithmic. */
    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    /** Seed of the Monte Carlo paths. */
    public IntegerProperty seedProperty() {
        return seed;
    }

    /** The curves of the shown policies, in kind order. */
    public ReadOnlyObjectProperty<List<PolicyCurves>> curvesProperty() {
        return curves.getReadOnlyProperty();
    }

    /** The delays observed in the session. */
    public ReadOnlyObjectProperty<ObservedDelays> observedProperty() {
        return observed.getReadOnlyProperty();
    }

    /** The last parameter error, empty when the parameters are valid. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The current policy of {@code kind}. */
    public BackoffPolicy policy(Kind kind) {
        return policies.get(kind);
    }

    // Commands

    /**
     * Sets parameter {@code key} of the edited policy from text ("250ms", "2", "unlimited"). An invalid
     * value leaves the policy as it was and puts the engine's message in {@link #errorProperty()}; returns
     * whether it was accepted.
     */
    public boolean setParameter(String key, String text) {
        Kind kind = editing.get();
        try {
            BackoffPolicy updated = policies.get(kind).toBuilder().set(key, text).build();
            policies.put(kind, updated);
            editedPolicy.set(updated);
            error.set("");
            recompute();
            return true;
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return false;
        }
    }

    /** Puts the edited policy back to its defaults. */
    public void resetEdited() {
        Kind kind = editing.get();
        policies.put(kind, BackoffPolicy.defaults(kind));
        editedPolicy.set(policies.get(kind));
        error.set("");
        recompute();
    }

    /** Re-reads the delays observed in the session (newest 5,000 retries). */
    public void refreshObserved() {
        observed.set(ObservedDelays.from(session.snapshot(), 5_000));
    }

    private void recompute() {
        List<PolicyCurves> list = new ArrayList<>();
        int n = Math.max(1, Math.min(30, retries.get()));
        for (Kind kind : Kind.values()) {
            if (shown.contains(kind)) {
                list.add(PolicyCurves.compute(policies.get(kind), n, throttling.get(), SAMPLES, seed.get()));
            }
        }
        curves.set(List.copyOf(list));
    }
}
