package org.ec2workbench.ui.shell;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window's content: menu bar, navigation on the left, the current page in the middle and a
 * status bar at the bottom. Pages are built lazily by the page factory and kept once built.
 */
public final class ShellView {

    /** The stylesheet of the shell. */
    public static final String STYLESHEET = ShellView.class.getResource("shell.css").toExternalForm();

    private final ShellModel model;
    private final Function<Page, Node> pageFactory;
    private final Map<Page, Node> pages = new EnumMap<>(Page.class);
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final ToggleGroup navGroup = new ToggleGroup();
    private final ToggleGroup menuGroup = new ToggleGroup();
    private final Menu fileMenu = new Menu("_File");
    private final MenuItem quitItem = new MenuItem("Quit");
    private final MenuItem helpItem = new MenuItem("Keyboard shortcuts");
    private Runnable onQuit = () -> { };
    private Runnable onHelp = () -> { };

    /** A shell over {@code model}, with pages from {@code pageFactory}. */
    public ShellView(ShellModel model, Function<Page, Node> pageFactory) {
        this.model = Objects.requireNonNull(model, "model");
        this.pageFactory = Objects.requireNonNull(pageFactory, "pageFactory");
        createView();
        initListeners();
    }

    /** The root node, for the scene. */
    public BorderPane root() {
        return root;
    }

    /** The File menu, which session features fill. */
    public Menu fileMenu() {
        return fileMenu;
    }

    /** Runs {@code action} on Quit. */
    public void setOnQuit(Runnable action) {
        this.onQuit = Objects.requireNonNull(action);
    }

    /** Runs {@code action} on Help › Keyboard shortcuts (F1). */
    public void setOnHelp(Runnable action) {
        this.onHelp = Objects.requireNonNull(action);
    }

    /** The page node for {@code page}, building it if needed. */
    public Node page(Page page) {
        return pages.computeIfAbsent(page, p -> {
            Node node = pageFactory.apply(p);
            node.setId(p.pageId());
            return node;
        });
    }

    private void createView() {
        root.setId("shell");
        root.getStyleClass().add("shell");
        root.getStylesheets().add(STYLESHEET);
        root.setTop(createMenuBar());
        root.setLeft(createNavigation());
        content.getStyleClass().add("shell-content");
        root.setCenter(content);
        root.setBottom(createStatusBar());
    }

    private MenuBar createMenuBar() {
        quitItem.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quitItem.setOnAction(e -> onQuit.run());
        fileMenu.setId("menu-file");
        fileMenu.getItems().addAll(new SeparatorMenuItem(), quitItem);

        Menu view = new Menu("_View");
        view.setId("menu-view");
        int n = 1;
        for (Page page : Page.values()) {
            RadioMenuItem item = new RadioMenuItem(page.title());
            item.setId("menu-" + page.navId());
            item.setToggleGroup(menuGroup);
            item.setUserData(page);
            item.setAccelerator(new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(n++)),
                    KeyCombination.SHORTCUT_DOWN));
            item.setOnAction(e -> model.show(page));
            view.getItems().add(item);
        }
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setId("menu-dark-theme");
        dark.setGraphic(new FontIcon(Feather.MOON));
        dark.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        dark.setSelected(model.darkThemeProperty().get());
        model.darkThemeProperty().addListener((obs, was, now) -> dark.setSelected(now));
        dark.setOnAction(e -> model.setDarkTheme(dark.isSelected()));
        view.getItems().addAll(new SeparatorMenuItem(), dark);

        Menu help = new Menu("_Help");
        help.setId("menu-help");
        helpItem.setId("menu-shortcuts");
        helpItem.setGraphic(new FontIcon(Feather.HELP_CIRCLE));
        helpItem.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        helpItem.setOnAction(e -> onHelp.run());
        help.getItems().add(helpItem);

        MenuBar bar = new MenuBar(fileMenu, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    private Node createNavigation() {
        VBox nav = new VBox();
        nav.setId("navigation");
        nav.getStyleClass().add("navigation");
        for (Page page : Page.values()) {
            ToggleButton button = new ToggleButton(page.title(), new FontIcon(page.icon()));
            button.setId(page.navId());
            button.getStyleClass().add("nav-button");
            button.setUserData(page);
            button.setToggleGroup(navGroup);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setTooltip(new Tooltip(page.summary()));
            button.setOnAction(e -> {
                if (!button.isSelected()) {
                    button.setSelected(true); // a nav button stays pressed: there is always a page
                }
                model.show(page);
            });
            if (page == Page.CONNECTION) {
                Region spacer = new Region();
                VBox.setVgrow(spacer, Priority.ALWAYS);
                nav.getChildren().addAll(spacer, new Separator(Orientation.HORIZONTAL));
            }
            nav.getChildren().add(button);
        }
        return nav;
    }

    private StatusBar createStatusBar() {
        StatusBar status = new StatusBar();
        status.setId("status-bar");
        status.textProperty().bind(model.statusMessageProperty());
        status.progressProperty().bind(model.progressProperty());

        Label connection = new Label();
        connection.setId("status-connection");
        connection.setGraphic(new FontIcon(Feather.SERVER));
        connection.textProperty().bind(model.connectionProperty());
        connection.setTooltip(new Tooltip("What the workbench's clients talk to"));

        Label endpoint = new Label();
        endpoint.setId("status-endpoint");
        endpoint.setGraphic(new FontIcon(Feather.LINK));
        endpoint.textProperty().bind(model.endpointProperty());
        endpoint.visibleProperty().bind(model.endpointProperty().isNotEmpty());
        endpoint.managedProperty().bind(endpoint.visibleProperty());

        Label counts = new Label();
        counts.setId("status-counts");
        counts.setGraphic(new FontIcon(Feather.ACTIVITY));
        counts.textProperty().bind(Bindings.format("%,d attempts · %,d throttled",
                model.attemptCountProperty(), model.throttledCountProperty()));

        status.getLeftItems().addAll(connection, new Separator(Orientation.VERTICAL), endpoint);
        status.getRightItems().addAll(counts);
        return status;
    }

    private void initListeners() {
        model.pageProperty().addListener((obs, was, now) -> showPage(now));
        showPage(model.pageProperty().get());
    }

    private void showPage(Page page) {
        content.getChildren().setAll(page(page));
        navGroup.getToggles().stream().filter(t -> t.getUserData() == page).findFirst()
                .ifPresent(t -> t.setSelected(true));
        menuGroup.getToggles().stream().filter(t -> t.getUserData() == page).findFirst()
                .ifPresent(t -> t.setSelected(true));
    }
}
