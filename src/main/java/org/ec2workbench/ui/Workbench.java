package org.ec2workbench.ui;

import java.time.ZoneId;
import java.util.Objects;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCatalog;
import org.ec2workbench.ui.backoff.BackoffModel;
import org.ec2workbench.ui.backoff.BackoffView;
import org.ec2workbench.ui.common.PulseRedraw;
import org.ec2workbench.ui.timeline.TimelineModel;
import org.ec2workbench.ui.timeline.TimelineView;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ec2workbench.ui.prefs.PreferencesStore;
import org.ec2workbench.ui.prefs.UiPreferences;
import org.ec2workbench.ui.shell.HelpWindow;
import org.ec2workbench.ui.shell.Page;
import org.ec2workbench.ui.shell.PlaceholderPane;
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

    /** A workbench whose preferences live in {@code store}. Call on the FX thread. */
    public Workbench(PreferencesStore store) {
        this.preferences = new UiPreferences(Objects.requireNonNull(store, "store"));
        this.shellModel = new ShellModel(preferences);
        this.shellView = new ShellView(shellModel, this::createPage);
        timelineModel.setAdvisor(code -> ErrorCatalog.ec2().lookup(code).map(ErrorCatalog.Entry::advice));
        shellModel.attemptCountProperty().bind(timelineModel.attemptCountProperty());
        shellModel.throttledCountProperty().bind(timelineModel.throttledCountProperty());
        statusRefresh = new PulseRedraw(shellView.root(), timelineModel::refresh);
        session.addListener((from, to) -> statusRefresh.request());
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

    /** Remembers the window and stops background work. */
    public void close(Stage stage) {
        WindowState.remember(stage, preferences);
        try {
            preferences.flush();
        } catch (RuntimeException e) {
            shellModel.statusMessageProperty().set("Could not save preferences: " + e.getMessage());
        }
    }

    private Node createPage(Page page) {
        return switch (page) {
            case TIMELINE -> new TimelineView(timelineModel, ZoneId.systemDefault()).root();
            case BACKOFF -> new BackoffView(new BackoffModel(session), new PlaceholderPane(page,
                    "The contention simulator's charts (calls and completion time against the number of clients, "
                            + "per strategy) appear here once the engine's simulator is part of the build.")).root();
            case EXPERIMENT -> new PlaceholderPane(page,
                    "Send a load (action, concurrency, rate, count, retry policy) to the connected endpoint; "
                            + "its attempts land on the timeline as they happen.");
            case EVENTS -> new PlaceholderPane(page,
                    "Instance state-change events delivered through CloudWatch Events and SQS, next to what "
                            + "polling DescribeInstances costs to detect the same transitions.");
            case LESSONS -> new PlaceholderPane(page,
                    "Guided lessons on throttling, eventual consistency and authorization errors, each run "
                            + "against the sandbox and narrated from what actually happened.");
            case CONNECTION -> new PlaceholderPane(page,
                    "The embedded sandbox (endpoint, export line, preset, time scale) or an AWS profile and "
                            + "region, and the client-side monitoring listener.");
        };
    }
}
