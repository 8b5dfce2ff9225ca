package org.ec2workbench.ui;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.ec2workbench.aws.capture.WorkbenchCapture;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.lessons.LessonSettings;
import org.ec2workbench.lessons.Lessons;
import org.ec2workbench.ui.lessons.LessonsPane;
import org.ec2workbench.AppDirs;
import org.ec2workbench.ui.events.EventsModel;
import org.ec2workbench.ui.events.EventsView;
import org.ec2workbench.ui.experiment.CreatedResources;
import org.ec2workbench.ui.experiment.ExperimentModel;
import org.ec2workbench.ui.experiment.ExperimentView;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.ec2workbench.capture.RequestBuckets;
import org.ec2workbench.ui.connection.AwsProfiles;
import org.ec2workbench.ui.connection.ConnectionMode;
import org.ec2workbench.ui.connection.ConnectionModel;
import org.ec2workbench.ui.connection.ConnectionView;
import org.ec2workbench.ui.connection.DialogMutationGuard;
import org.ec2workbench.ui.connection.SandboxState;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCatalog;
import org.ec2workbench.ui.backoff.BackoffModel;
import org.ec2workbench.ui.backoff.BackoffView;
import org.ec2workbench.ui.backoff.ContentionView;
import org.ec2workbench.ui.common.PulseRedraw;
import javafx.beans.InvalidationListener;
import org.ec2workbench.sandbox.throttle.Throttler;
import org.ec2workbench.ui.timeline.SandboxTokenPoller;
import org.ec2workbench.ui.timeline.TimelineModel;
import org.ec2workbench.ui.timeline.TimelineView;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ec2workbench.ui.prefs.PreferencesStore;
import org.ec2workbench.ui.prefs.UiPreferences;
import org.ec2workbench.ui.session.SessionFilesModel;
import org.ec2workbench.ui.session.SessionMenu;
import org.ec2workbench.ui.shell.HelpWindow;
import org.ec2workbench.ui.shell.Page;
import org.ec2workbench.ui.shell.ShellModel;
import org.ec2workbench.ui.shell.ShellView;
import org.ec2workbench.ui.shell.WindowState;
import org.ec2workbench.ui.theme.ThemeManager;

/**
 * The composition root of the GUI: builds the models, services and views of one workbench window from
 * its preferences store. Tests build one with an in-memory store; the app with the user's file.
 */
public final class Workbench {

    private final UiPreferences preferences;
    private final ShellModel shellModel;
    private final ShellView shellView;
    private final AttemptStore session = new AttemptStore();
    private final TimelineModel timelineModel = new TimelineModel(session);
    private final PulseRedraw statusRefresh;
    private final ExecutorService background = Executors.newCachedThreadPool(daemonThreads());
    private final ConnectionModel connection;
    private final ExperimentModel experimentModel;
    private final BackoffModel backoffModel = new BackoffModel(session);
    private LessonsPane lessonsPane;
    private final EventsModel eventsModel;
    private final CreatedResources createdResources = new CreatedResources();
    private final SandboxTokenPoller tokenPoller = new SandboxTokenPoller(Platform::runLater,
            java.time.Clock.systemUTC(), timelineModel::recordTokens);
    private final String sessionId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
            .format(Clock.system().instant());

    /** A workbench whose preferences live in {@code store}. Call on the FX thread. */
    public Workbench(PreferencesStore store) {
        this(store, SessionMenu.FileDialogs.PLATFORM);
    }

    /** As above, asking for session files through {@code fileDialogs} (tests give temp files). */
    public Workbench(PreferencesStore store, SessionMenu.FileDialogs fileDialogs) {
        this.preferences = new UiPreferences(Objects.requireNonNull(store, "store"));
        this.shellModel = new ShellModel(preferences);
        timelineModel.setAdvisor(code -> ErrorCatalog.ec2().lookup(code).map(ErrorCatalog.Entry::advice));
        shellModel.attemptCountProperty().bind(timelineModel.attemptCountProperty());
        shellModel.throttledCountProperty().bind(timelineModel.throttledCountProperty());
        timelineModel.setRefillRates(this::refillRate);

        connection = new ConnectionModel(background, Platform::runLater, session, AwsProfiles.userDefault());
        shellModel.connectionProperty().bind(connection.labelProperty());
        shellModel.endpointProperty().bind(connection.connectionProperty()
                .map(c -> c.endpoint().map(URI::toString).orElse(c.region().id())).orElse(""));
        connection.sandboxStateProperty().addListener((obs, was, now) -> {
            shellModel.progressProperty().set(now == SandboxState.STARTING ? -1 : 0);
            shellModel.statusMessageProperty().set(switch (now) {
                case STARTING -> "Starting the embedded sandbox…";
                case RUNNING -> "Sandbox running at " + connection.endpointProperty().get();
                case FAILED -> "The sandbox did not start: " + connection.sandboxErrorProperty().get();
                case STOPPED -> "";
            });
        });
        // the throttling strip's token series: polled only while connected to the running embedded sandbox
        InvalidationListener tokenSource = o -> tokenPoller.setSource(
                connection.modeProperty().get() == ConnectionMode.SANDBOX
                        && connection.sandboxStateProperty().get() == SandboxState.RUNNING
                        ? connection.sandbox().<java.util.function.Supplier<List<Throttler.BucketState>>>map(
                                sb -> sb::buckets).orElse(null)
                        : null);
        connection.modeProperty().addListener(tokenSource);
        connection.sandboxStateProperty().addListener(tokenSource);
        tokenPoller.start(java.time.Duration.ofSeconds(1));
        experimentModel = new ExperimentModel(() -> connection.connectionProperty().get(), connection::awsMode,
                createdResources, session, sessionId, background, Platform::runLater, Clock.system());
        eventsModel = new EventsModel(() -> connection.connectionProperty().get(),
                () -> connection.sandbox().filter(sb -> connection.modeProperty().get() == ConnectionMode.SANDBOX)
                        .map(org.ec2workbench.sandbox.Sandbox::timeScale).orElse(1.0),
                AppDirs.forCurrentUser().data().resolve("subscriptions.jsonl"), sessionId, background,
                Platform::runLater);
        // last: the shell builds the remembered page at once, from the models above
        this.shellView = new ShellView(shellModel, this::createPage);
        statusRefresh = new PulseRedraw(shellView.root(), timelineModel::refresh);
        eventsModel.guardAwsMode(connection::awsMode, new DialogMutationGuard(() -> shellView.root().getScene() == null
                ? null : shellView.root().getScene().getWindow()), createdResources);
        experimentModel.setSubscriptionRemover(eventsModel::removeSubscription);
        experimentModel.setSubscriptionLeftovers(eventsModel::leftoverSubscriptions);
        eventsModel.captureCalls(List.of(WorkbenchCapture.interceptor(session, Clock.system(), "events page")));
        SessionMenu.install(shellView.fileMenu(), new SessionFilesModel(preferences, session, Clock.system()),
                shellModel, background, shellView.root(), sessionsDir(), fileDialogs);
        session.addListener((from, to) -> statusRefresh.request());
    }

    /** The connection (sandbox or AWS) and the CSM listener. */
    public ConnectionModel connection() {
        return connection;
    }

    /** The experiment runner's model. */
    public ExperimentModel experimentModel() {
        return experimentModel;
    }

    /** The Events page's model. */
    public EventsModel eventsModel() {
        return eventsModel;
    }

    /** The backoff plots' model. */
    public BackoffModel backoffModel() {
        return backoffModel;
    }

    /** Starts what runs in the background at launch: the embedded sandbox. Never blocks the FX thread. */
    public void startServices() {
        connection.useSandbox();
    }

    private java.util.OptionalDouble refillRate(String bucket) {
        RequestBuckets.Bucket b = RequestBuckets.ec2().byName(bucket);
        if (b == null) {
            return java.util.OptionalDouble.empty();
        }
        double scale = connection.sandbox().map(sb -> sb.preset().throttling() ? sb.preset().bucketScale() : 0)
                .filter(x -> connection.modeProperty().get() == ConnectionMode.SANDBOX).orElse(1.0);
        return scale > 0 ? java.util.OptionalDouble.of(b.refillPerSecond() * scale) : java.util.OptionalDouble.empty();
    }

    private static java.nio.file.Path sessionsDir() {
        try {
            return org.ec2workbench.AppDirs.forCurrentUser().sessions();
        } catch (RuntimeException e) {
            return null; // the file chooser then starts where the platform likes
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "workbench-background-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The attempts of the current session. */
    public AttemptStore session() {
        return session;
    }

    /** The timeline's model. */
    public TimelineModel timelineModel() {
        return timelineModel;
    }

    /** The shell's model. */
    public ShellModel shellModel() {
        return shellModel;
    }

    /** The shell's view. */
    public ShellView shellView() {
        return shellView;
    }

    /** Puts the workbench into {@code stage}, restores its bounds and theme, and shows it. */
    public void show(Stage stage) {
        ThemeManager.follow(shellModel.darkThemeProperty());
        Scene scene = new Scene(shellView.root(), 1280, 800);
        stage.setTitle("EC2 API Workbench");
        stage.setScene(scene);
        stage.setMinWidth(800);
        stage.setMinHeight(500);
        WindowState.restore(stage, preferences);
        shellView.setOnHelp(() -> HelpWindow.show(stage));
        shellView.setOnQuit(() -> {
            close(stage);
            stage.close();
        });
        stage.setOnCloseRequest(e -> close(stage));
        stage.show();
    }

    /** The Lessons page; each lesson's calls also land on the session timeline (wall-clock times). */
    private LessonsPane lessonsPane() {
        if (lessonsPane == null) {
            lessonsPane = new LessonsPane(Lessons.all(), LessonSettings.defaults(),
                    List.of(lessonClock -> WorkbenchCapture.interceptor(session, Clock.system(), "lesson")));
        }
        return lessonsPane;
    }

    /** Remembers the window and stops background work. */
    public void close(Stage stage) {
        WindowState.remember(stage, preferences);
        if (lessonsPane != null) {
            lessonsPane.close();
        }
        try {
            eventsModel.close();
        } catch (RuntimeException e) {
            shellModel.statusMessageProperty().set("Could not remove the event subscription: " + e.getMessage());
        }
        tokenPoller.close();
        connection.close();
        background.shutdownNow();
        try {
            preferences.flush();
        } catch (RuntimeException e) {
            shellModel.statusMessageProperty().set("Could not save preferences: " + e.getMessage());
        }
    }

    private Node createPage(Page page) {
        return switch (page) {
            case TIMELINE -> new TimelineView(timelineModel, ZoneId.systemDefault()).root();
            case BACKOFF -> new BackoffView(backoffModel, new ContentionView(background)).root();
            case EXPERIMENT -> new ExperimentView(experimentModel, timelineModel).root();
            case EVENTS -> new EventsView(eventsModel, ZoneId.systemDefault()).root();
            case LESSONS -> lessonsPane();
            case CONNECTION -> new ConnectionView(connection).root();
        };
    }
}
