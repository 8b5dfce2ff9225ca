package org.ec2workbench.ui.session;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.ec2workbench.ui.shell.ShellModel;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Puts Open session…, Open recent, Save session as…, Export CSV… and Export HAR… at the top of the File
 * menu. File work runs as tasks on {@code background}; progress and results (or errors, with the file
 * name) go to the status bar.
 */
public final class SessionMenu {

    /** Asks the user for a file; the app uses the platform's file chooser, tests give paths directly. */
    public interface FileDialogs {
        /** A file to open, or empty when the user cancels. */
        Optional<Path> open(String title, String kind, String pattern, Window owner, Path initialDirectory);

        /** A file to write (suggesting {@code initialName}), or empty when the user cancels. */
        Optional<Path> save(String title, String kind, String pattern, Window owner, Path initialDirectory,
                String initialName);

        /** The platform's file chooser. */
        FileDialogs PLATFORM = new FileDialogs() {
            @Override
            public Optional<Path> open(String title, String kind, String pattern, Window owner, Path dir) {
                return Optional.ofNullable(chooser(title, kind, pattern, dir).showOpenDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> save(String title, String kind, String pattern, Window owner, Path dir, String name) {
                FileChooser chooser = chooser(title, kind, pattern, dir);
                chooser.setInitialFileName(name);
                return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
            }

            private FileChooser chooser(String title, String kind, String pattern, Path dir) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(title);
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
                if (dir != null) {
                    try {
                        Files.createDirectories(dir); // the first save lands in the sessions folder, not wherever
                        chooser.setInitialDirectory(dir.toFile());
                    } catch (java.io.IOException | SecurityException e) {
                        // no sessions folder: the chooser starts where the platform likes
                    }
                }
                return chooser;
            }
        };
    }

    private final SessionFilesModel model;
    private final ShellModel shell;
    private final Executor background;
    private final Node owner;
    private final Path sessionsDir;
    private final FileDialogs dialogs;
    private final Menu recentMenu = new Menu("Open _recent");

    private SessionMenu(SessionFilesModel model, ShellModel shell, Executor background, Node owner, Path sessionsDir,
            FileDialogs dialogs) {
        this.dialogs = dialogs;
        this.model = model;
        this.shell = shell;
        this.background = background;
        this.owner = owner;
        this.sessionsDir = sessionsDir;
    }

    /** Adds the session items to the top of {@code fileMenu}. Call on the FX thread. */
    public static void install(Menu fileMenu, SessionFilesModel model, ShellModel shell, Executor background,
            Node owner, Path sessionsDir) {
        install(fileMenu, model, shell, background, owner, sessionsDir, FileDialogs.PLATFORM);
    }

    /** As above, asking for files through {@code dialogs}. */
    public static void install(Menu fileMenu, SessionFilesModel model, ShellModel shell, Executor background,
            Node owner, Path sessionsDir, FileDialogs dialogs) {
        SessionMenu menu = new SessionMenu(Objects.requireNonNull(model), Objects.requireNonNull(shell),
                Objects.requireNonNull(background), Objects.requireNonNull(owner), sessionsDir,
                Objects.requireNonNull(dialogs));
        fileMenu.getItems().addAll(0, menu.items());
    }

    private List<MenuItem> items() {
        MenuItem open = item("Open session…", "menu-open-session", this::open);
        open.setGraphic(new FontIcon(Feather.FOLDER));
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        recentMenu.setId("menu-open-recent");
        recentMenu.setGraphic(new FontIcon(Feather.CLOCK));
        recentMenu.setOnShowing(e -> fillRecent());
        fillRecent();
        MenuItem save = item("Save session as…", "menu-save-session", this::saveAs);
        save.setGraphic(new FontIcon(Feather.SAVE));
        save.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        MenuItem csv = item("Export CSV…", "menu-export-csv", () -> export("CSV", "*.csv", model::exportCsv));
        MenuItem har = item("Export HAR…", "menu-export-har", () -> export("HAR", "*.har", model::exportHar));
        csv.setGraphic(new FontIcon(Feather.FILE_TEXT));
        har.setGraphic(new FontIcon(Feather.SHARE));
        return List.of(open, recentMenu, new SeparatorMenuItem(), save, csv, har);
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }

    private void fillRecent() {
        List<Path> recent = model.recent();
        recentMenu.getItems().clear();
        for (Path p : recent) {
            recentMenu.getItems().add(item(p.getFileName().toString(), null, () -> openFile(p)));
        }
        if (recent.isEmpty()) {
            MenuItem none = new MenuItem("No recent sessions");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        }
    }

    private String suggestedName(String extension) {
        return "session-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(java.time.ZoneId.systemDefault()).format(model.now()) + "." + extension;
    }

    private Window window() {
        return owner.getScene() == null ? null : owner.getScene().getWindow();
    }

    private void open() {
        dialogs.open("Open session", "Workbench sessions", "*.jsonl", window(), sessionsDir).ifPresent(this::openFile);
    }

    private void openFile(Path file) {
        run("Opening " + file.getFileName() + "…", file, () -> model.read(file), opened -> {
            model.load(opened);
            fillRecent();
            shell.statusMessageProperty().set(opened.summary());
        });
    }

    private void saveAs() {
        Optional<Path> chosen = dialogs.save("Save session as", "Workbench sessions", "*.jsonl", window(), sessionsDir,
                suggestedName("jsonl"));
        if (chosen.isPresent()) {
            Path f = chosen.get();
            Path file = f.getFileName().toString().contains(".") ? f : Path.of(f + ".jsonl");
            run("Saving " + file.getFileName() + "…", file, () -> model.saveAs(file), n -> {
                fillRecent();
                shell.statusMessageProperty().set(String.format("Saved %,d attempts to %s", n, file.getFileName()));
            });
        }
    }

    private interface Writing {
        int write(Path file) throws Exception;
    }

    private void export(String kind, String pattern, Writing writing) {
        Optional<Path> chosen = dialogs.save("Export " + kind, kind + " files", pattern, window(), sessionsDir,
                suggestedName(pattern.substring(pattern.indexOf('.') + 1)));
        if (chosen.isPresent()) {
            Path file = chosen.get();
            run("Exporting " + file.getFileName() + "…", file, () -> writing.write(file), n -> shell
                    .statusMessageProperty().set(String.format("Exported %,d attempts to %s", n, file.getFileName())));
        }
    }

    private <T> void run(String busy, Path file, Callable<T> work, Consumer<T> done) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        shell.statusMessageProperty().set(busy);
        shell.progressProperty().set(-1);
        task.setOnSucceeded(e -> {
            shell.progressProperty().set(0);
            done.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            shell.progressProperty().set(0);
            Throwable t = task.getException();
            shell.statusMessageProperty().set("Failed on " + file + ": "
                    + (t.getMessage() == null ? t.toString() : t.getMessage()));
        });
        background.execute(task);
    }
}
