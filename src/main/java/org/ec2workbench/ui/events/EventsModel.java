package org.ec2workbench.ui.events;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.events.LifecycleComparison;
import org.ec2workbench.events.PollingComparator;
import org.ec2workbench.events.StateChangeEvent;
import org.ec2workbench.events.StateChangeSubscription;
import org.ec2workbench.events.SubscriptionLedger;
import software.amazon.awssdk.services.cloudwatchevents.CloudWatchEventsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The Events page's state, free of {@code javafx.scene}: a subscription to the instance state-change events of
 * the connected account, the events received (each event id once), and the events-versus-polling comparison.
 * All AWS work runs on {@code background}; properties change only through {@code fx}.
 */
public final class EventsModel implements AutoCloseable {

    /** One received event, as the table shows it. */
    public record EventRow(Instant time, String instanceId, String state, String eventId) {
    }

    /** One transition of the comparison, as the table shows it. */
    public record ComparisonRow(String transition, String eventsLatency, String pollerLatency, int pollerCalls,
                                String waiterLatency, int waiterCalls) {

        static ComparisonRow of(PollingComparator.Transition t) {
            PollingComparator.Detection ev = t.of(PollingComparator.Detector.EVENTS);
            PollingComparator.Detection poll = t.of(PollingComparator.Detector.POLLER);
            PollingComparator.Detection wait = t.of(PollingComparator.Detector.WAITER);
            return new ComparisonRow(t.instanceId() + " → " + t.targetState(), latency(ev), latency(poll),
                    poll.describeCalls(), latency(wait), wait.describeCalls());
        }

        private static String latency(PollingComparator.Detection d) {
            if (!d.detected() || d.latency() == null) {
                return d.note() == null || d.note().isBlank() ? "not detected" : d.note();
            }
            return d.latency().toMillis() + " ms";
        }
    }

    private final Supplier<Connection> connection;
    private final DoubleSupplier timeScale;
    private final SubscriptionLedger ledger;
    private final Executor background;
    private final Executor fx;
    private final String sessionId;
    private final ObservableList<EventRow> events = FXCollections.observableArrayList();
    private final ObservableList<ComparisonRow> comparison = FXCollections.observableArrayList();
    private final Set<String> seenIds = new HashSet<>();
    private final BooleanProperty subscribed = new SimpleBooleanProperty(this, "subscribed");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty comparing = new SimpleBooleanProperty(this, "comparing");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty status = new SimpleStringProperty(this, "status", "Not subscribed.");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private Active active;

    private record Active(StateChangeSubscription subscription, CloudWatchEventsClient events, SqsClient sqs) {
        void close() {
            try {
                subscription.close();
            } finally {
                events.close();
                sqs.close();
            }
        }
    }

    /**
     * @param connection the current connection (may supply {@code null} while none is ready)
     * @param timeScale  how much faster than real time the connected sandbox runs (1 for AWS)
     * @param ledger     where subscriptions are recorded, so a crashed session's resources get removed
     * @param sessionId  names this window's resources ({@code [A-Za-z0-9_-]}, at most 40 characters)
     * @param background runs the AWS calls
     * @param fx         runs property changes (the FX thread in the app)
     */
    public EventsModel(Supplier<Connection> connection, DoubleSupplier timeScale, Path ledger, String sessionId,
                       Executor background, Executor fx) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.timeScale = Objects.requireNonNull(timeScale, "timeScale");
        this.ledger = new SubscriptionLedger(Objects.requireNonNull(ledger, "ledger"));
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /** Subscribes if not subscribed, else unsubscribes. */
    public void toggle() {
        if (subscribed.get()) {
            unsubscribe();
        } else {
            subscribe();
        }
    }

    /** Starts a subscription to the state changes of every instance of the connected account. */
    public void subscribe() {
        if (busy.get() || subscribed.get()) {
            return;
        }
        Connection c = connectionOrExplain();
        if (c == null) {
            return;
        }
        busy.set(true);
        error.set("");
        status.set("Creating the queue, rule and target…");
        background.execute(() -> {
            try {
                Active a = open(c);
                fx.execute(() -> {
                    busy.set(false);
                    synchronized (this) {
                        active = a;
                    }
                    subscribed.set(true);
                    status.set("Subscribed: rule " + a.subscription().ruleArn());
                });
            } catch (RuntimeException e) {
                fx.execute(() -> {
                    busy.set(false);
                    status.set("Not subscribed.");
                    error.set("Could not subscribe: " + message(e));
                });
            }
        });
    }

    private Active open(Connection c) {
        ClientFactory clients = ClientFactory.builder(c).build();
        CloudWatchEventsClient ev = clients.events();
        SqsClient sqs = clients.sqs();
        try {
            StateChangeSubscription sub = StateChangeSubscription.builder(ev, sqs, "ui-" + sessionId)
                    .ledger(ledger).connection(c.endpoint().map(Object::toString).orElse(c.region().id()))
                    .listener(e -> fx.execute(() -> add(e)))
                    .errorListener(t -> fx.execute(() -> error.set("Receiving events: " + message(t))))
                    .build().start();
            return new Active(sub, ev, sqs);
        } catch (RuntimeException e) {
            ev.close();
            sqs.close();
            throw e;
        }
    }

    private void add(StateChangeEvent e) {
        if (seenIds.add(e.id())) {
            events.add(new EventRow(e.time(), e.instanceId(), e.state(), e.id()));
        }
    }

    /** Tears the subscription down (rule, target, queue, ledger entry) in the background. */
    public void unsubscribe() {
        Active a = takeActive();
        if (a == null) {
            return;
        }
        busy.set(true);
        status.set("Removing the queue, rule and target…");
        background.execute(() -> {
            try {
                a.close();
                fx.execute(() -> status.set("Not subscribed."));
            } catch (RuntimeException e) {
                fx.execute(() -> error.set("Teardown failed: " + message(e)));
            } finally {
                fx.execute(() -> {
                    busy.set(false);
                    subscribed.set(false);
                });
            }
        });
    }

    /** Runs launch, stop, start and terminate, detected by events, a poller and the SDK waiter, in the background. */
    public void compare() {
        if (comparing.get()) {
            return;
        }
        Connection c = connectionOrExplain();
        if (c == null) {
            return;
        }
        comparing.set(true);
        progress.set(-1);
        error.set("");
        comparison.clear();
        double scale = Math.max(1, timeScale.getAsDouble());
        background.execute(() -> {
            try {
                List<PollingComparator.Transition> result = LifecycleComparison.run(c, "cmp-" + sessionId, ledger,
                        LifecycleComparison.Settings.scaled(scale), (id, state) -> Optional.empty());
                List<ComparisonRow> rows = result.stream().map(ComparisonRow::of).toList();
                fx.execute(() -> comparison.setAll(rows));
            } catch (RuntimeException e) {
                fx.execute(() -> error.set("Comparison failed: " + message(e)));
            } finally {
                fx.execute(() -> {
                    comparing.set(false);
                    progress.set(0);
                });
            }
        });
    }

    private Connection connectionOrExplain() {
        Connection c = connection.get();
        if (c == null) {
            error.set("No connection yet: start the sandbox or choose an AWS profile on the Connection page.");
        }
        return c;
    }

    private synchronized Active takeActive() {
        Active a = active;
        active = null;
        return a;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Tears down synchronously (app exit). Safe from any thread. */
    @Override
    public void close() {
        Active a = takeActive();
        if (a != null) {
            a.close();
        }
    }

    /** The received events, each event id once, in arrival order. */
    public ObservableList<EventRow> events() {
        return events;
    }

    /** The last comparison's transitions. */
    public ObservableList<ComparisonRow> comparison() {
        return comparison;
    }

    /** Whether a subscription is active. */
    public ReadOnlyBooleanProperty subscribedProperty() {
        return subscribed;
    }

    /** Whether a subscribe or unsubscribe is in progress. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** Whether a comparison runs. */
    public ReadOnlyBooleanProperty comparingProperty() {
        return comparing;
    }

    /** The comparison's progress: -1 while it runs (indeterminate), else 0. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** What the subscription does now. */
    public StringProperty statusProperty() {
        return status;
    }

    /** The last error, empty when none. */
    public StringProperty errorProperty() {
        return error;
    }

}
