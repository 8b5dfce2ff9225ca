package org.ec2workbench.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.ec2workbench.ui.Workbench;
import org.ec2workbench.ui.connection.SandboxState;
import org.ec2workbench.ui.experiment.ExperimentResult;
import org.ec2workbench.ui.prefs.InMemoryPreferencesStore;
import org.ec2workbench.ui.session.SessionMenu;
import org.ec2workbench.ui.theme.ThemeManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window, as a user drives it: the real shell with the embedded sandbox and in-memory preferences,
 * every page through the navigation, an experiment burst that shows up on the Timeline page, the session menu
 * on real temp files, the theme, and a clean close.
 */
@ExtendWith(ApplicationExtension.class)
class WholeWindowTest {

    @TempDir
    Path dir;

    private final Deque<Path> chosenFiles = new ArrayDeque<>();
    private Workbench workbench;
    private Stage stage;
    private Set<Thread> threadsBefore;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        threadsBefore = Thread.getAllStackTraces().keySet();
        SessionMenu.FileDialogs dialogs = new SessionMenu.FileDialogs() {
            @Override
            public Optional<Path> open(String title, String kind, String pattern, Window owner, Path initial) {
                return Optional.ofNullable(chosenFiles.poll());
            }

            @Override
            public Optional<Path> save(String title, String kind, String pattern, Window owner, Path initial,
                    String name) {
                return Optional.ofNullable(chosenFiles.poll());
            }
        };
        workbench = new Workbench(new InMemoryPreferencesStore(), dialogs);
        workbench.show(stage);
        workbench.startServices();
    }

    @Test
    void aUserGoesThroughEveryPageRunsABurstUsesTheSessionMenuAndCloses(FxRobot robot) throws Exception {
        try {
            await("the sandbox starts", () -> workbench.connection().sandboxStateProperty().get() == SandboxState.RUNNING);
            URI endpoint = URI.create(workbench.connection().endpointProperty().get());

            for (Page page : Page.values()) {
                robot.clickOn("#" + page.navId());
                WaitForAsyncUtils.waitForFxEvents();
                assertThat(workbench.shellModel().pageProperty().get()).isEqualTo(page);
                Node shown = robot.lookup("#" + page.pageId()).query();
                assertThat(shown.isVisible() && shown.getScene() == stage.getScene()).as(page.title()).isTrue();
            }

            // a small burst from the Experiment page
            robot.clickOn("#nav-experiment");
            Spinner<?> count = robot.lookup("#experiment-count").queryAs(Spinner.class);
            robot.doubleClickOn(count.getEditor()).eraseText(6).write("20").type(javafx.scene.input.KeyCode.ENTER);
            assertThat(workbench.experimentModel().countProperty().get()).isEqualTo(20);
            robot.clickOn("#experiment-run");
            await("the burst finishes", () -> workbench.experimentModel().resultProperty().get() != null
                    && !workbench.experimentModel().runningProperty().get());
            ExperimentResult result = workbench.experimentModel().resultProperty().get();
            assertThat(result.sent()).isEqualTo(20);

            robot.clickOn("#nav-timeline");
            await("the attempts reach the Timeline page", () -> workbench.timelineModel().attemptCountProperty().get() >= 20);
            long attempts = workbench.session().size();
            assertThat(robot.lookup("#page-timeline").query().isVisible()).isTrue();
            assertThat(robot.lookup("#status-counts").queryAs(Label.class).getText())
                    .startsWith(String.format("%,d attempts", attempts));

            // File › Save session as…, Export CSV…, Export HAR…
            Path saved = dir.resolve("burst.jsonl");
            Path csv = dir.resolve("burst.csv");
            Path har = dir.resolve("burst.har");
            chosenFiles.add(saved);
            menu(robot, "File", "Save session as…");
            await("saved", () -> status().startsWith("Saved "));
            assertThat(status()).isEqualTo(String.format("Saved %,d attempts to burst.jsonl", attempts));
            chosenFiles.add(csv);
            menu(robot, "File", "Export CSV…");
            await("CSV exported", () -> status().startsWith("Exported ") && status().endsWith("burst.csv"));
            chosenFiles.add(har);
            menu(robot, "File", "Export HAR…");
            await("HAR exported", () -> status().startsWith("Exported ") && status().endsWith("burst.har"));
            assertThat(Files.readAllLines(csv)).hasSize((int) attempts + 1);
            JsonNode entries = new ObjectMapper().readTree(har.toFile()).path("log").path("entries");
            assertThat(entries.size()).isEqualTo((int) attempts);

            // File › Open recent › burst.jsonl reads what was saved and adds it to the timeline
            robot.clickOn("File").moveTo("Open recent").clickOn("burst.jsonl");
            await("reopened", () -> status().startsWith("Opened burst.jsonl"));
            assertThat(status()).isEqualTo(String.format("Opened burst.jsonl: %,d attempts added to the timeline", attempts));
            assertThat(workbench.session().size()).isEqualTo(2 * attempts);

            // View › Dark theme
            menu(robot, "View", "Dark theme");
            assertThat(workbench.shellModel().darkThemeProperty().get()).isTrue();
            assertThat(Application.getUserAgentStylesheet()).containsIgnoringCase("dark");

            robot.interact(() -> {
                workbench.close(stage);
                stage.close();
            });
            assertThat(workbench.connection().sandbox()).isEmpty();
            assertThatThrownBy(() -> {
                HttpURLConnection http = (HttpURLConnection) endpoint.toURL().openConnection();
                http.setConnectTimeout(2000);
                http.getResponseCode();
            }).as("the sandbox no longer listens").isInstanceOf(IOException.class);
            await("no non-daemon thread outlives the window", () -> leakedThreads().isEmpty());
        } finally {
            robot.interact(() -> ThemeManager.apply(false));
        }
    }

    private String status() {
        return workbench.shellModel().statusMessageProperty().get();
    }

    private static void menu(FxRobot robot, String menu, String item) {
        robot.clickOn(menu).clickOn(item);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Set<String> leakedThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && !threadsBefore.contains(t))
                .map(Thread::getName).collect(Collectors.toSet());
    }

    private static void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get(5, TimeUnit.SECONDS)) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
