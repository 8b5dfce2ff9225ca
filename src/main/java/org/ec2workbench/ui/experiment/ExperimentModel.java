package org.ec2workbench.ui.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.aws.capture.WorkbenchCapture;
import java.time.Duration;
import org.ec2workbench.aws.retry.EngineRetryStrategy;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.backoff.RetryPlan;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.ui.connection.MutationGuard;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The experiment runner's view-model: the spec being edited, the run in progress (progress, cancel), its
 * result, and the resources experiments created (with clean-up). Work runs on the {@code background}
 * executor; results come back through {@code fx}. Free of {@code javafx.scene}.
 */
public final class ExperimentModel {

    /** The source name experiment attempts carry on the timeline. */
    public static final String SOURCE = "workbench experiment";

    private final Supplier<Connection> connection;
    private final AttemptStore session;
    private final String sessionId;
    private final Executor background;
    private final Executor fx;
    private final Clock clock;
    private final BooleanSupplier awsMode;
    private final CreatedResources resources;
    private final AtomicInteger runs = new AtomicInteger();
    private volatile ExperimentRunner runner;
    private MutationGuard guard = MutationGuard.REFUSE;
    private BackoffPolicy cleanUpWait = ResourceCleaner.DEFAULT_WAIT;
    private Consumer<CreatedResource> subscriptionRemover = ResourceCleaner.NO_SUBSCRIPTION_REMOVER;
    private Supplier<List<CreatedResource>> subscriptionLeftovers = List::of;

    // Properties
    private final ObjectProperty<ExperimentAction> action = new SimpleObjectProperty<>(this, "action",
            ExperimentAction.DESCRIBE_INSTANCES_UNFILTERED);
    private final IntegerProperty concurrency = new SimpleIntegerProperty(this, "concurrency", 8);
    private final DoubleProperty rate = new SimpleDoubleProperty(this, "rate", 0);
    private final IntegerProperty count = new SimpleIntegerProperty(this, "count", 200);
    private final ObjectProperty<RetryChoice> retry = new SimpleObjectProperty<>(this, "retry", RetryChoice.all().get(0));
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper sending = new ReadOnlyBooleanWrapper(this, "sending");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<ExperimentResult> result = new ReadOnlyObjectWrapper<>(this, "result");

    /**
     * A model sending to whatever {@code connection} supplies (null while none), recording into
     * {@code session}, tagging created resources with {@code sessionId}. Mutating calls need confirmation
     * while {@code awsMode} says the connection is an AWS account; created resources go to {@code resources}.
     */
    public ExperimentModel(Supplier<Connection> connection, BooleanSupplier awsMode, CreatedResources resources,
            AttemptStore session, String sessionId, Executor background, Executor fx, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.awsMode = Objects.requireNonNull(awsMode, "awsMode");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.session = Objects.requireNonNull(session, "session");
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A model whose AWS mode is "the connection has no endpoint override", with its own resource list. */
    public ExperimentModel(Supplier<Connection> connection, AttemptStore session, String sessionId,
            Executor background, Executor fx, Clock clock) {
        this(connection, () -> connection.get() != null && connection.get().isRealAws(), new CreatedResources(),
                session, sessionId, background, fx, clock);
    }

    /** How clean-up waits for terminations and volumes (the engine's poller intervals). */
    public void setCleanUpWait(BackoffPolicy wait) {
        this.cleanUpWait = Objects.requireNonNull(wait, "wait");
    }

    /** The action sent. */
    public ObjectProperty<ExperimentAction> actionProperty() {
        return action;
    }

    /** Parallel workers. */
    public IntegerProperty concurrencyProperty() {
        return concurrency;
    }

    /** Requests per second, 0 for a burst. */
    public DoubleProperty rateProperty() {
        return rate;
    }

    /** Requests in all. */
    public IntegerProperty countProperty() {
        return count;
    }

    /** How the client retries. */
    public ObjectProperty<RetryChoice> retryProperty() {
        return retry;
    }

    /** Whether a run is in progress. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Whether an experiment is sending (Cancel applies); false during a clean-up, which runs to its end. */
    public ReadOnlyBooleanProperty sendingProperty() {
        return sending.getReadOnlyProperty();
    }

    /** Fraction of the requests (or of the clean-up) finished, 0..1; -1 while the amount is not known yet. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What happened last (result summary, DryRun answer or error). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The last result. */
    public ReadOnlyObjectProperty<ExperimentResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Resources created in this session, with where their clean-up stands. */
    public ObservableList<CreatedResource> created() {
        return resources.items();
    }

    /** The created resources' registry (shared with other pages that create resources). */
    public CreatedResources resources() {
        return resources;
    }

    /** Whether Run can be pressed: not running. */
    public BooleanBinding canRun() {
        return Bindings.createBooleanBinding(() -> !running.get(), running);
    }

    /** Whether Clean up can be pressed: something left to remove and nothing running. */
    public BooleanBinding canCleanUp() {
        return resources.anyRemaining().and(running.not());
    }

    /** Whether the run needs an explicit confirmation: a mutating action in AWS mode. */
    public boolean needsConfirmation() {
        return connection.get() != null && awsMode.getAsBoolean() && action.get().mutating();
    }

    /** The spec from the current fields; throws with a clear message when a field is out of range. */
    public ExperimentSpec spec() {
        return new ExperimentSpec(action.get(), concurrency.get(), rate.get(), count.get(), retry.get());
    }

    // Commands

    /**
     * Installs what Clean up calls for a listed event subscription (the Events page's teardown; it runs on the
     * clean-up's background thread and throws when the subscription could not be removed).
     */
    public void setSubscriptionRemover(Consumer<CreatedResource> remover) {
        this.subscriptionRemover = Objects.requireNonNull(remover, "remover");
    }

    /** Installs what Find leftovers asks for event subscriptions that crashed windows left (a background thread). */
    public void setSubscriptionLeftovers(Supplier<List<CreatedResource>> leftovers) {
        this.subscriptionLeftovers = Objects.requireNonNull(leftovers, "leftovers");
    }

    /** Installs what asks the user before mutating calls in AWS mode (the view's dialogs). */
    public void setGuard(MutationGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /**
     * Runs the experiment in the background. In AWS mode a mutating action first asks the guard, offering a
     * DryRun first; declining sends nothing.
     */
    public void run() {
        if (running.get()) {
            return;
        }
        ExperimentSpec spec;
        try {
            spec = spec();
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        Connection c = connection.get();
        if (c == null) {
            message.set("Not connected yet: the sandbox is starting, or pick an AWS profile on the Connection page.");
            return;
        }
        if (!needsConfirmation()) {
            start(spec, c);
            return;
        }
        String what = spec.count() + " × " + spec.action().actionName() + " to " + c.label();
        guard.ask(new MutationGuard.Prompt("Mutating calls against AWS", "This sends " + what + ". "
                        + "Everything created is tagged " + ExperimentAction.SESSION_TAG + "=" + sessionId
                        + ", listed under Created resources, and removed by Clean up. A DryRun asks EC2 whether the "
                        + "call would be authorized without changing anything.", "Send to AWS",
                List.of(MutationGuard.Choice.DRY_RUN, MutationGuard.Choice.SEND, MutationGuard.Choice.CANCEL)),
                choice -> {
                    switch (choice) {
                        case SEND -> start(spec, c);
                        case CANCEL -> message.set("Cancelled: nothing was sent.");
                        case DRY_RUN -> dryRun(answer -> guard.ask(new MutationGuard.Prompt("DryRun result",
                                        answer + "\n\nSend " + what + " now?", "Send to AWS",
                                        List.of(MutationGuard.Choice.SEND, MutationGuard.Choice.CANCEL)),
                                again -> {
                                    if (again == MutationGuard.Choice.SEND) {
                                        start(spec, c);
                                    } else {
                                        message.set(answer + " Nothing else was sent.");
                                    }
                                }));
                    }
                });
    }

    private void start(ExperimentSpec spec, Connection c) {
        ClientFactory factory = spec.retry().apply(ClientFactory.builder(c)
                .addInterceptor(WorkbenchCapture.interceptor(session, clock, SOURCE))).build();
        ExperimentRunner r = new ExperimentRunner(factory, clock);
        runner = r;
        running.set(true);
        sending.set(true);
        progress.set(0);
        resources.pruneDeleted();
        ExperimentTarget target = new ExperimentTarget(sessionId, runs.incrementAndGet(), resources.remaining()
                .stream().filter(x -> x.kind() == ResourceKind.SECURITY_GROUP).map(CreatedResource::id).findFirst());
        message.set("Sending " + spec.count() + " × " + spec.action().actionName() + " to " + c.label() + "…");
        int total = spec.count();
        background.execute(() -> {
            try {
                ExperimentResult res = r.run(spec, target, n -> fx.execute(() -> progress.set((double) n / total)),
                        made -> fx.execute(() -> resources.put(made)));
                fx.execute(() -> finish(res, null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fx.execute(() -> finish(null, "Interrupted"));
            } catch (RuntimeException e) {
                fx.execute(() -> finish(null, e.getMessage()));
            }
        });
    }

    /** Cancels the run in progress. */
    public void cancel() {
        ExperimentRunner r = runner;
        if (r != null) {
            r.cancel();
        }
    }

    /** Asks EC2 whether one request would be allowed (DryRun), in the background; {@code answer} hears the reply. */
    public void dryRun(Consumer<String> answer) {
        Connection c = connection.get();
        if (c == null) {
            answer.accept("Not connected.");
            return;
        }
        ExperimentAction a = action.get();
        ExperimentTarget target = new ExperimentTarget(sessionId, 0, Optional.empty());
        background.execute(() -> {
            String reply;
            try (Ec2Client ec2 = ClientFactory.builder(c)
                    .addInterceptor(WorkbenchCapture.interceptor(session, clock, SOURCE)).build().ec2()) {
                a.send(ec2, target, 0, true);
                reply = "The DryRun succeeded without a DryRunOperation answer (the endpoint ignored DryRun).";
            } catch (AwsServiceException e) {
                String code = ExperimentRunner.code(e);
                reply = code.equals("DryRunOperation")
                        ? "DryRun: allowed (DryRunOperation) — the real call would be authorized."
                        : "DryRun: " + code + " — " + e.awsErrorDetails().errorMessage();
            } catch (SdkException | IllegalStateException e) {
                reply = "DryRun failed: " + e.getMessage();
            }
            String text = reply;
            fx.execute(() -> {
                message.set(text);
                answer.accept(text);
            });
        });
    }

    /**
     * Removes every resource this session created (and any the session tag finds that the list lost), in
     * dependency order, in the background. Each resource's outcome shows in the list; failures stay listed.
     * In AWS mode the guard confirms first.
     */
    public void cleanUp() {
        Connection c = connection.get();
        if (c == null || running.get()) {
            return;
        }
        if (!awsMode.getAsBoolean()) {
            startCleanUp(c);
            return;
        }
        guard.ask(new MutationGuard.Prompt("Delete resources in AWS", "Terminate and delete "
                        + resources.remaining().size() + " resources tagged " + ExperimentAction.SESSION_TAG + "="
                        + sessionId + " in " + c.label() + ", plus any other resource carrying that tag?", "Delete",
                List.of(MutationGuard.Choice.SEND, MutationGuard.Choice.CANCEL)),
                choice -> {
                    if (choice == MutationGuard.Choice.SEND) {
                        startCleanUp(c);
                    } else {
                        message.set("Clean-up cancelled: nothing was deleted.");
                    }
                });
    }

    /**
     * Lists what earlier sessions created and left behind (found by the session tag's key), so Clean up removes
     * it too. Read-only, in the background.
     */
    public void findLeftovers() {
        Connection c = connection.get();
        if (c == null || running.get()) {
            return;
        }
        running.set(true);
        progress.set(-1);
        message.set("Looking for resources tagged " + ExperimentAction.SESSION_TAG + " by any session…");
        background.execute(() -> {
            String text;
            List<CreatedResource> found = List.of();
            try (Ec2Client ec2 = ClientFactory.builder(c).addInterceptor(WorkbenchCapture.interceptor(session, clock, SOURCE))
                    .build().ec2()) {
                List<CreatedResource> all = new ArrayList<>(
                        new ResourceCleaner(ec2, sessionId, clock, cleanUpWait).discoverEverySession());
                all.addAll(subscriptionLeftovers.get());
                found = all;
                text = found.isEmpty() ? "No resource left by a workbench session."
                        : "Found " + found.size() + (found.size() == 1 ? " resource" : " resources")
                        + " left by workbench sessions; Clean up removes " + (found.size() == 1 ? "it." : "them.");
            } catch (SdkException | java.io.UncheckedIOException e) {
                text = "Could not look for leftovers: " + e.getMessage();
            }
            List<CreatedResource> listed = found;
            String summary = text;
            fx.execute(() -> {
                resources.pruneDeleted();
                listed.stream().filter(r -> resources.items().stream().noneMatch(x -> x.id().equals(r.id())))
                        .forEach(resources::put);
                running.set(false);
                progress.set(0);
                message.set(summary);
            });
        });
    }

    private void startCleanUp(Connection c) {
        resources.pruneDeleted();
        List<CreatedResource> listed = resources.remaining();
        running.set(true);
        progress.set(-1);
        message.set("Looking for everything tagged with the session…");
        // an id created a moment ago may not be visible yet: the client retries NotFound with backoff, as EC2 advises
        BackoffPolicy patient = BackoffPolicy.builder(BackoffPolicy.Kind.FULL_JITTER).base(Duration.ofMillis(500))
                .cap(Duration.ofSeconds(10)).maxAttempts(12).build();
        EngineRetryStrategy retry = EngineRetryStrategy.builder(RetryPlan.builder(patient).clock(clock).build())
                .retryNotYetVisible(true).build();
        background.execute(() -> {
            String summary;
            try (Ec2Client ec2 = ClientFactory.builder(c).retryStrategy(retry)
                    .addInterceptor(WorkbenchCapture.interceptor(session, clock, SOURCE)).build().ec2()) {
                ResourceCleaner cleaner = new ResourceCleaner(ec2, sessionId, clock, cleanUpWait)
                        .removingSubscriptionsWith(subscriptionRemover);
                List<CreatedResource> all = new ArrayList<>(listed);
                try {
                    for (CreatedResource found : cleaner.discover()) {
                        if (all.stream().noneMatch(r -> r.id().equals(found.id()))) {
                            all.add(found);
                        }
                    }
                } catch (SdkException e) {
                    fx.execute(() -> message.set("Could not look for tagged resources (" + e.getMessage()
                            + "); cleaning up the listed ones."));
                }
                int total = all.size();
                int[] settled = {0};
                fx.execute(() -> {
                    resources.putAll(all);
                    progress.set(total == 0 ? 1 : 0);
                    message.set("Cleaning up " + total + " resources…");
                });
                ResourceCleaner.Summary s = cleaner.clean(all, r -> {
                    boolean finished = r.status() != CreatedResource.Status.CLEANING;
                    int n = finished ? ++settled[0] : settled[0];
                    fx.execute(() -> {
                        resources.put(r);
                        progress.set(total == 0 ? 1 : (double) n / total);
                    });
                });
                summary = s.text();
            } catch (SdkException e) {
                summary = "Clean-up stopped: " + e.getMessage() + " (what is left stays listed).";
            }
            String text = summary;
            fx.execute(() -> {
                running.set(false);
                progress.set(1);
                message.set(text);
            });
        });
    }

    private void finish(ExperimentResult res, String error) {
        running.set(false);
        sending.set(false);
        runner = null;
        if (res != null) {
            result.set(res);
            resources.putAll(res.created());
            message.set(res.summary());
            progress.set(res.cancelled() ? progress.get() : 1);
        } else {
            message.set("The experiment stopped: " + error);
        }
    }
}
