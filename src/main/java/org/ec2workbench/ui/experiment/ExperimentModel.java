package org.ec2workbench.ui.experiment;

import java.util.List;
import java.util.Objects;
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
import javafx.collections.FXCollections;
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
    private volatile ExperimentRunner runner;

    // Properties
    private final ObjectProperty<ExperimentAction> action = new SimpleObjectProperty<>(this, "action",
            ExperimentAction.DESCRIBE_INSTANCES_UNFILTERED);
    private final IntegerProperty concurrency = new SimpleIntegerProperty(this, "concurrency", 8);
    private final DoubleProperty rate = new SimpleDoubleProperty(this, "rate", 0);
    private final IntegerProperty count = new SimpleIntegerProperty(this, "count", 200);
    private final ObjectProperty<RetryChoice> retry = new SimpleObjectProperty<>(this, "retry", RetryChoice.all().get(0));
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<ExperimentResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ObservableList<String> created = FXCollections.observableArrayList();

    /**
     * A model sending to whatever {@code connection} supplies (null while none), recording into
     * {@code session}, tagging created resources with {@code sessionId}.
     */
    public ExperimentModel(Supplier<Connection> connection, AttemptStore session, String sessionId,
            Executor background, Executor fx, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.session = Objects.requireNonNull(session, "session");
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
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

    /** Fraction of the requests finished, 0..1. */
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

    /** Resources created by experiments and not yet cleaned up. */
    public ObservableList<String> created() {
        return created;
    }

    /** Whether Run can be pressed: connected and not running. */
    public BooleanBinding canRun() {
        return Bindings.createBooleanBinding(() -> !running.get(), running);
    }

    /** Whether the run needs an explicit confirmation: a mutating action against real AWS. */
    public boolean needsConfirmation() {
        Connection c = connection.get();
        return c != null && c.isRealAws() && action.get().mutating();
    }

    /** The spec from the current fields; throws with a clear message when a field is out of range. */
    public ExperimentSpec spec() {
        return new ExperimentSpec(action.get(), concurrency.get(), rate.get(), count.get(), retry.get());
    }

    // Commands

    /** Starts the experiment in the background. The caller confirms first when {@link #needsConfirmation()}. */
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
        ClientFactory factory = spec.retry().apply(ClientFactory.builder(c)
                .addInterceptor(WorkbenchCapture.interceptor(session, clock, SOURCE))).build();
        ExperimentRunner r = new ExperimentRunner(factory, clock);
        runner = r;
        running.set(true);
        progress.set(0);
        message.set("Sending " + spec.count() + " × " + spec.action().actionName() + " to " + c.label() + "…");
        int total = spec.count();
        background.execute(() -> {
            try {
                ExperimentResult res = r.run(spec, sessionId, n -> fx.execute(() -> progress.set((double) n / total)));
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
        background.execute(() -> {
            String reply;
            try (Ec2Client ec2 = ClientFactory.builder(c)
                    .addInterceptor(WorkbenchCapture.interceptor(session, clock, SOURCE)).build().ec2()) {
                a.send(ec2, 0, sessionId, true);
                reply = "The DryRun succeeded without a DryRunOperation answer (the endpoint ignored DryRun).";
            } catch (AwsServiceException e) {
                String code = ExperimentRunner.code(e);
                reply = code.equals("DryRunOperation")
                        ? "DryRun: allowed (DryRunOperation) — the real call would be authorized."
                        : "DryRun: " + code + " — " + e.awsErrorDetails().errorMessage();
            } catch (SdkException e) {
                reply = "DryRun failed: " + e.getMessage();
            }
            String text = reply;
            fx.execute(() -> {
                message.set(text);
                answer.accept(text);
            });
        });
    }

    /** Deletes every resource experiments created, in the background. */
    public void cleanUp() {
        Connection c = connection.get();
        List<String> ids = List.copyOf(created);
        if (c == null || ids.isEmpty()) {
            return;
        }
        running.set(true);
        message.set("Deleting " + ids.size() + " security groups…");
        // a group created a moment ago may not be visible yet: retry NotFound with backoff, as EC2 advises
        BackoffPolicy patient = BackoffPolicy.builder(BackoffPolicy.Kind.FULL_JITTER).base(Duration.ofMillis(500))
                .cap(Duration.ofSeconds(10)).maxAttempts(12).build();
        EngineRetryStrategy retry = EngineRetryStrategy.builder(RetryPlan.builder(patient).clock(clock).build())
                .retryNotYetVisible(true).build();
        background.execute(() -> {
            int deleted = 0;
            StringBuilder problems = new StringBuilder();
            List<String> gone = new java.util.ArrayList<>();
            try (Ec2Client ec2 = ClientFactory.builder(c).retryStrategy(retry)
                    .addInterceptor(WorkbenchCapture.interceptor(session, clock, SOURCE)).build().ec2()) {
                for (String id : ids) {
                    try {
                        ec2.deleteSecurityGroup(r -> r.groupId(id));
                        deleted++;
                        gone.add(id);
                    } catch (AwsServiceException e) {
                        problems.append(' ').append(id).append(": ").append(ExperimentRunner.code(e)).append(';');
                    }
                }
            } catch (SdkException e) {
                problems.append(' ').append(e.getMessage());
            }
            int n = deleted;
            fx.execute(() -> {
                created.removeAll(gone);
                running.set(false);
                message.set("Deleted " + n + " of " + ids.size() + (problems.length() > 0 ? "; failed:" + problems : "."));
            });
        });
    }

    private void finish(ExperimentResult res, String error) {
        running.set(false);
        runner = null;
        if (res != null) {
            result.set(res);
            created.addAll(res.created());
            message.set(res.summary());
            progress.set(res.cancelled() ? progress.get() : 1);
        } else {
            message.set("The experiment stopped: " + error);
        }
    }
}
