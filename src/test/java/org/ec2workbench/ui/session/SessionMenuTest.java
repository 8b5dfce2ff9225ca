package org.ec2workbench.ui.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.ec2workbench.backoff.VirtualClock;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.ui.prefs.InMemoryPreferencesStore;
import org.ec2workbench.ui.prefs.UiPreferences;
import org.ec2workbench.ui.shell.ShellModel;
import org.ec2workbench.ui.shell.ShellView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class SessionMenuTest {

    @TempDir
    static Path dir;

    private final UiPreferences prefs = new UiPreferences(new InMemoryPreferencesStore());
    private final AttemptStore session = new AttemptStore();
    private ShellModel shell;
    private ShellView view;
    private Path saved;

    @Start
    void start(Stage stage) throws Exception {
        AttemptStore other = new AttemptStore();
        other.append(Attempt.builder().service("ec2").action("DescribeRegions").bucket("non-mutating")
                .startMicros(1_700_000_000_000_000L).durationMicros(10_000).httpStatus(200)
                .callId(other.newCallId()).requestId("r-1").source("workbench").build());
        saved = dir.resolve("earlier.jsonl");
        SessionFilesModel model = new SessionFilesModel(prefs, other, new VirtualClock(Instant.EPOCH));
        model.saveAs(saved);
        shell = new ShellModel(prefs);
        view = new ShellView(shell, page -> new Label(page.title()));
        SessionMenu.install(view.fileMenu(), new SessionFilesModel(prefs, session, new VirtualClock(Instant.EPOCH)),
                shell, Runnable::run, view.root(), dir);
        stage.setScene(new Scene(view.root(), 800, 600));
        stage.show();
    }

    @Test
    void fileMenuHasTheSessionItemsAndOpenRecentLoadsIntoTheSession() throws Exception {
        List<String> ids = view.fileMenu().getItems().stream().map(MenuItem::getId).toList();
        assertThat(ids).containsSubsequence("menu-open-session", "menu-open-recent", "menu-save-session",
                "menu-export-csv", "menu-export-har");
        assertThat(view.fileMenu().getItems().stream().map(MenuItem::getText))
                .contains("Open session…", "Save session as…", "Export CSV…", "Export HAR…");

        Menu recent = (Menu) view.fileMenu().getItems().stream()
                .filter(i -> "menu-open-recent".equals(i.getId())).findFirst().orElseThrow();
        assertThat(recent.getItems()).extracting(MenuItem::getText).containsExactly("earlier.jsonl");
        WaitForAsyncUtils.asyncFx(() -> recent.getItems().get(0).fire()).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.size()).isEqualTo(1);
        assertThat(shell.statusMessageProperty().get()).isEqualTo("Opened earlier.jsonl: 1 attempt added to the timeline");

        Files.delete(saved);
        WaitForAsyncUtils.asyncFx(() -> recent.getItems().get(0).fire()).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shell.statusMessageProperty().get()).startsWith("Failed on " + saved);
        assertThat(session.size()).isEqualTo(1);
    }
}
