package org.ec2workbench.ui.events;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
import org.ec2workbench.ui.connection.MutationGuard;
import org.ec2workbench.ui.experiment.CreatedResource;
import org.ec2workbench.ui.experiment.CreatedResources;
import org.ec2workbench.ui.experiment.ExperimentAction;
import org.ec2workbench.ui.experiment.ExperimentTarget;
import org.ec2workbench.ui.experiment.ResourceKind;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatchevents.CloudWatchEventsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
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

    /**
     * One transition of the comparison, as the table shows it: what was done ("stop → stopped"), to which
     * instance, and how soon each detector saw it, with the DescribeInstances calls the poller and the waiter spent.
     */
    public record ComparisonRow(String transition, String instanceId, String eventsLatency, String pollerLatency,
                                int pollerCalls, String waiterLatency, int waiterCalls) {

        static ComparisonRow of(int index, PollingComparator.Transition t) {
            PollingComparator.Detection ev = t.of(PollingComparator.Detector.EVENTS);
            PollingComparator.Detection poll = t.of(PollingComparator.Detector.POLLER);
            PollingComparator.Detection wait = t.of(PollingComparator.Detector.WAITER);
            String what = index + 1 < LifecycleComparison.STEPS.size() ? LifecycleComparison.STEPS.get(index + 1)
                    : "→ " + t.targetState();
            return new ComparisonRow(what, t.instanceId(), latency(ev), latency(poll), poll.describeCalls(),
                    latency(wait), wait.describeCalls());
        }

        private static String latency(PollingComparator.Detection d) {
            if (!d.detected() || d.latency() == null) {
                return d.note() == null || d.note().isBlank() ? "not detected" : d.note();
            }
            long ms = d.latency().toMillis();
            return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
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
    private final StringProperty phase = new SimpleStringProperty(this, "phase", "");
    private BooleanSupplier awsMode = () -> false;
    private CreatedResources resources = new CreatedResources();
    private MutationGuard guard = MutationGuard.REFUSE;
    private Active active;
    /** The subscription as listed among the created resources (FX thread). */
    private CreatedResource listedSubscription;
    private List<ExecutionInterceptor> capture = List.of();
    private Thread comparingThread;
    private boolean cancelRequested;

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

    /**
     * Starts a subscription to the state changes of every instance of the connected account. In AWS mode it
     * asks first: it creates an SQS queue and an EventBridge rule (no DryRun exists for those services).
     */
    public void subscribe() {
        if (busy.get() || subscribed.get()) {
            return;
        }
        Connection c = connectionOrExplain();
        if (c == null) {
            return;
        }
        if (!awsMode.getAsBoolean()) {
            startSubscription(c);
            return;
        }
        guard.ask(new MutationGuard.Prompt("Create an event subscription in AWS", "Subscribing creates an SQS queue "
                        + "and an EventBridge rule with a target in " + c.label() + " (removed when you unsubscribe or "
                        + "close the window). SQS and EventBridge have no DryRun.", "Subscribe",
                List.of(MutationGuard.Choice.SEND, MutationGuard.Choice.CANCEL)), choice -> {
                    if (choice == MutationGuard.Choice.SEND) {
                        startSubscription(c);
                    } else {
                        status.set("Not subscribed: cancelled, nothing was sent.");
                    }
                });
    }

    private void startSubscription(Connection c) {
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
                    listedSubscription = listed(StateChangeSubscription.resourceName(ownSession()));
                    resources.put(listedSubscription);
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
        ClientFactory.Builder builder = ClientFactory.builder(c);
        capture.forEach(builder::addInterceptor);
        ClientFactory clients = builder.build();
        CloudWatchEventsClient ev = clients.events();
        SqsClient sqs = clients.sqs();
        try {
            StateChangeSubscription sub = StateChangeSubscription.builder(ev, sqs, ownSession())
                    .ledger(ledger).connection(connectionKey(c))
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
                fx.execute(() -> {
                    status.set("Not subscribed.");
                    unlistSubscription("unsubscribed");
                });
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

    private String ownSession() {
        return "ui-" + sessionId;
    }

    /** Which endpoint and region a ledger entry belongs to. */
    private static String connectionKey(Connection c) {
        return c.endpoint().map(Object::toString).orElse(c.region().id());
    }

    /**
     * The subscriptions that other (crashed) windows left on the current connection, by the ledger, as
     * entries for the created-resources list (id: the rule name). Any thread; reads the ledger file.
     */
    public List<CreatedResource> leftoverSubscriptions() {
        Connection c = connection.get();
        if (c == null) {
            return List.of();
        }
        return ledger.leftovers(connectionKey(c), ownSession()).stream().map(e -> listed(e.ruleName())).toList();
    }

    /** A subscription as the created-resources list shows it: by its rule's name (its queue has the same). */
    private static CreatedResource listed(String ruleName) {
        return CreatedResource.created(ResourceKind.EVENT_SUBSCRIPTION, ruleName, "rule, target and queue");
    }

    /**
     * Removes the subscription listed as {@code entry} (its rule, target and queue) on the calling thread: what
     * the Experiment page's Clean up calls. This page's current subscription is torn down as by Unsubscribe; a
     * leftover of a crashed window (see {@link #leftoverSubscriptions()}) is removed through the ledger. Throws
     * when the teardown failed.
     */
    public void removeSubscription(CreatedResource entry) {
        if (!entry.id().equals(StateChangeSubscription.resourceName(ownSession()))) {
            removeLeftover(entry);
            return;
        }
        Active a = takeActive();
        if (a == null) {
            if (ledger.entries().stream().anyMatch(e -> e.sessionId().equals(ownSession()))) {
                throw new IllegalStateException("Unsubscribe is removing it or could not; the next Subscribe removes it");
            }
            return; // already unsubscribed
        }
        fx.execute(() -> busy.set(true));
        try {
            a.close();
        } finally {
            fx.execute(() -> {
                busy.set(false);
                subscribed.set(false);
                status.set("Not subscribed: removed by Clean up.");
                listedSubscription = null;
            });
        }
    }

    private void removeLeftover(CreatedResource entry) {
        Connection c = connection.get();
        if (c == null) {
            throw new IllegalStateException("no connection");
        }
        Optional<SubscriptionLedger.Entry> leftover = ledger.leftovers(connectionKey(c), ownSession()).stream()
                .filter(e -> e.ruleName().equals(entry.id())).findFirst();
        if (leftover.isEmpty()) {
            return; // gone from the ledger: a Subscribe in the meantime removed it
        }
        ClientFactory.Builder builder = ClientFactory.builder(c);
        capture.forEach(builder::addInterceptor);
        ClientFactory clients = builder.build();
        try (CloudWatchEventsClient ev = clients.events(); SqsClient sqs = clients.sqs()) {
            StateChangeSubscription remover = StateChangeSubscription.builder(ev, sqs, ownSession())
                    .ledger(ledger).connection(connectionKey(c)).build();
            try {
                remover.removeLeftover(leftover.get());
            } finally {
                remover.close(); // never started: only stops its idle thread
            }
        }
    }

    private void unlistSubscription(String how) {
        if (listedSubscription != null) {
            resources.put(listedSubscription.with(CreatedResource.Status.DELETED, how));
            listedSubscription = null;
        }
    }

    /**
     * In AWS mode ({@code awsMode}), subscribing and comparing ask {@code guard} first, and the comparison's
     * instance and the subscription are listed in {@code resources} until removed. Call before use, on the FX thread.
     */
    public void guardAwsMode(BooleanSupplier awsMode, MutationGuard guard, CreatedResources resources) {
        this.awsMode = Objects.requireNonNull(awsMode, "awsMode");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    /** Adds {@code interceptors} (say, the timeline's capture) to every client the page uses. FX thread, before use. */
    public void captureCalls(List<ExecutionInterceptor> interceptors) {
        this.capture = List.copyOf(interceptors);
    }

    /**
     * Runs launch, stop, start and terminate, detected by events, a poller and the SDK waiter, in the background,
     * with progress by steps done of {@link LifecycleComparison#STEPS}. In AWS mode it asks first (the instance
     * is real and billed), offering a DryRun of the launch.
     */
    public void compare() {
        if (comparing.get()) {
            return;
        }
        Connection c = connectionOrExplain();
        if (c == null) {
            return;
        }
        if (!awsMode.getAsBoolean()) {
            startCompare(c);
            return;
        }
        String text = "The comparison launches one t3.micro instance in " + c.label() + ", stops, starts and "
                + "terminates it, and creates an SQS queue and an EventBridge rule that it removes at the end. The "
                + "instance is tagged " + ExperimentAction.SESSION_TAG + "=" + sessionId + ".";
        guard.ask(new MutationGuard.Prompt("Launch an instance in AWS", text, "Run the comparison",
                List.of(MutationGuard.Choice.DRY_RUN, MutationGuard.Choice.SEND, MutationGuard.Choice.CANCEL)), choice -> {
                    switch (choice) {
                        case SEND -> startCompare(c);
                        case CANCEL -> status.set("Comparison cancelled: nothing was sent.");
                        case DRY_RUN -> dryRunLaunch(c, answer -> guard.ask(new MutationGuard.Prompt("DryRun result",
                                        answer + "\n\nRun the comparison now?", "Run the comparison",
                                        List.of(MutationGuard.Choice.SEND, MutationGuard.Choice.CANCEL)), again -> {
                                    if (again == MutationGuard.Choice.SEND) {
                                        startCompare(c);
                                    } else {
                                        status.set(answer + " Nothing else was sent.");
                                    }
                                }));
                    }
                });
    }

    private void dryRunLaunch(Connection c, Consumer<String> answer) {
        background.execute(() -> {
            String reply;
            ClientFactory.Builder builder = ClientFactory.builder(c);
            capture.forEach(builder::addInterceptor);
            try (Ec2Client ec2 = builder.build().ec2()) {
                ExperimentAction.RUN_INSTANCES.send(ec2, new ExperimentTarget(sessionId, 0, Optional.empty()), 0, true);
                reply = "The DryRun succeeded without a DryRunOperation answer (the endpoint ignored DryRun).";
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
                reply = "DryRunOperation".equals(code) ? "DryRun: allowed (DryRunOperation) — the launch would be authorized."
                        : "DryRun: " + code + " — " + e.awsErrorDetails().errorMessage();
            } catch (SdkException | IllegalStateException e) {
                reply = "DryRun failed: " + message(e);
            }
            String text = reply;
            fx.execute(() -> answer.accept(text));
        });
    }

    private void startCompare(Connection c) {
        comparing.set(true);
        progress.set(0);
        phase.set("Starting…");
        error.set("");
        comparison.clear();
        double scale = Math.max(1, timeScale.getAsDouble());
        int total = LifecycleComparison.STEPS.size();
        LifecycleComparison.Observer observer = new LifecycleComparison.Observer() {
            @Override
            public void step(int index, String description) {
                fx.execute(() -> {
                    progress.set((double) index / total);
                    phase.set("Step " + (index + 1) + " of " + total + ": " + description);
                });
            }

            @Override
            public void launched(String instanceId) {
                fx.execute(() -> resources.put(CreatedResource.created(ResourceKind.INSTANCE, instanceId, "")));
            }

            @Override
            public void measured(int index, PollingComparator.Transition t) {
                ComparisonRow row = ComparisonRow.of(index, t);
                fx.execute(() -> comparison.add(row));
            }

            @Override
            public void event(StateChangeEvent e) {
                fx.execute(() -> add(e));
            }

            @Override
            public List<ExecutionInterceptor> interceptors() {
                return capture;
            }

            @Override
            public void terminated(String instanceId) {
                fx.execute(() -> resources.put(CreatedResource.created(ResourceKind.INSTANCE, instanceId, "")
                        .with(CreatedResource.Status.DELETED, "terminated by the events comparison")));
            }
        };
        background.execute(() -> {
            synchronized (this) {
                comparingThread = Thread.currentThread();
                if (cancelRequested) {
                    comparingThread.interrupt();
                }
            }
            String outcome;
            try {
                LifecycleComparison.run(c, "cmp-" + sessionId, ledger,
                        LifecycleComparison.Settings.scaled(scale), (id, state) -> Optional.empty(),
                        Map.of(ExperimentAction.SESSION_TAG, sessionId), observer);
                outcome = "Done: 4 transitions, each detected three ways.";
            } catch (CancellationException e) {
                outcome = "C" + e.getMessage().substring(1) + "; the instance was terminated and the queue and rule removed.";
            } catch (RuntimeException e) {
                boolean cancelled = cancelRequestedOrInterrupted();
                outcome = cancelled ? "Cancelled; the instance, if launched, was terminated." : "Failed.";
                if (!cancelled) {
                    fx.execute(() -> error.set("Comparison failed: " + message(e)));
                }
            } finally {
                synchronized (this) {
                    comparingThread = null;
                    cancelRequested = false;
                    Thread.interrupted(); // a late cancel must not hit the pool's next task
                }
            }
            String text = outcome;
            fx.execute(() -> {
                comparing.set(false);
                progress.set(0);
                phase.set(text);
            });
        });
    }

    private synchronized boolean cancelRequestedOrInterrupted() {
        return cancelRequested || Thread.currentThread().isInterrupted();
    }

    /** Stops a running comparison: the instance is terminated and the subscription removed. */
    public synchronized void cancelCompare() {
        if (!comparing.get()) {
            return;
        }
        cancelRequested = true;
        phase.set("Cancelling: terminating the instance and removing the queue and rule…");
        if (comparingThread != null) {
            comparingThread.interrupt();
        }
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

    /** The comparison's progress: the fraction of its steps done, 0 when none runs. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** Which step of the comparison runs ("Step 2 of 5: launch → running"), or how the last one ended. */
    public StringProperty phaseProperty() {
        return phase;
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
