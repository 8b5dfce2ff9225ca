package org.ec2workbench.ui.backoff;

import atlantafx.base.controls.ToggleSwitch;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import javax.imageio.ImageIO;
import org.controlsfx.control.CheckListView;
import org.controlsfx.control.PropertySheet;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.BackoffPolicy.Kind;
import org.ec2workbench.ui.common.Plot;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Backoff page: pick policies and edit their parameters on the left; on the right the delay and
 * cumulative-wait plots with envelopes, percentile bands and the session's observed delays, plus the
 * contention simulator's charts. Plots export as PNG.
 */
public final class BackoffView {

    private final BackoffModel model;
    private final BorderPane root = new BorderPane();
    private final Plot delayPlot = new Plot();
    private final Plot cumulativePlot = new Plot();
    private final VBox plots = new VBox();
    private final FlowPane legend = new FlowPane();
    private final PropertySheet sheet = new PropertySheet();
    private final TabPane tabs = new TabPane();
    private final Label status = new Label();

    /** The page over {@code model}; {@code contention} is the simulator tab's content. */
    public BackoffView(BackoffModel model, Node contention) {
        this.model = Objects.requireNonNull(model, "model");
        createView(contention);
        initListeners();
        redraw();
    }

    /** The page's root node. */
    public BorderPane root() {
        return root;
    }

    /** The node exported as PNG (both plots and their legend). */
    public Node plots() {
        return plots;
    }

    private void createView(Node contention) {
        root.getStyleClass().add("backoff-page");
        root.getStylesheets().addAll(Plot.STYLESHEET, BackoffView.class.getResource("backoff.css").toExternalForm());

        CheckListView<Kind> policies = new CheckListView<>();
        policies.setId("backoff-policies");
        policies.getItems().setAll(Kind.values());
        policies.setPrefHeight(Kind.values().length * 30 + 4);
        for (Kind kind : Kind.values()) {
            if (model.shown().contains(kind)) {
                policies.getCheckModel().check(kind);
            }
        }
        policies.getCheckModel().getCheckedItems().addListener((ListChangeListener<Kind>) c -> {
            List<Kind> checked = new ArrayList<>(policies.getCheckModel().getCheckedItems());
            model.shown().retainAll(checked);
            model.shown().addAll(checked);
        });
        policies.setCellFactory(lv -> new CheckBoxListCell<>(policies::getItemBooleanProperty, kindNames()));

        ChoiceBox<Kind> editing = new ChoiceBox<>();
        editing.setId("backoff-editing");
        editing.getItems().setAll(Kind.values());
        editing.setConverter(kindNames());
        editing.valueProperty().bindBidirectional(model.editingProperty());
        editing.setMaxWidth(Double.MAX_VALUE);

        sheet.setId("backoff-parameters");
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setPrefHeight(230);

        Label error = new Label();
        error.setId("backoff-error");
        error.getStyleClass().add("backoff-error");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Label description = new Label();
        description.setWrapText(true);
        description.getStyleClass().add("text-muted");
        description.textProperty().bind(model.editedPolicyProperty().map(BackoffPolicy::description));

        Button reset = new Button("Reset to defaults");
        reset.setId("backoff-reset");
        reset.setOnAction(e -> model.resetEdited());

        Spinner<Integer> retries = new Spinner<>(1, 30, model.retriesProperty().get());
        retries.setId("backoff-retries");
        retries.setEditable(true);
        retries.valueProperty().addListener((obs, was, now) -> model.retriesProperty().set(now));
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, model.seedProperty().get());
        seed.setId("backoff-seed");
        seed.setEditable(true);
        seed.valueProperty().addListener((obs, was, now) -> model.seedProperty().set(now));
        ToggleSwitch throttling = new ToggleSwitch("After throttling errors");
        throttling.setId("backoff-throttling");
        throttling.selectedProperty().bindBidirectional(model.throttlingProperty());
        ToggleSwitch log = new ToggleSwitch("Logarithmic delay axis");
        log.setId("backoff-log");
        log.selectedProperty().bindBidirectional(model.logScaleProperty());

        GridPane settings = new GridPane();
        settings.setHgap(8);
        settings.setVgap(8);
        settings.addRow(0, new Label("Retries"), retries);
        settings.addRow(1, new Label("Seed"), seed);
        settings.add(throttling, 0, 2, 2, 1);
        settings.add(log, 0, 3, 2, 1);

        Button observed = new Button("Overlay this session's delays", new FontIcon(Feather.ACTIVITY));
        observed.setId("backoff-observed");
        observed.setTooltip(new Tooltip("Plot the backoff waits of the retries captured in this session"));
        observed.setOnAction(e -> {
            model.refreshObserved();
            status.setText(model.observedProperty().get().points().isEmpty()
                    ? "No retries captured in this session yet."
                    : String.format("%,d observed retries plotted.", model.observedProperty().get().points().size()));
        });
        Button export = new Button("Export PNG…", new FontIcon(Feather.IMAGE));
        export.setId("backoff-export");
        export.setOnAction(e -> chooseAndExport());
        status.setId("backoff-status");
        status.setWrapText(true);
        status.getStyleClass().add("text-muted");

        VBox side = new VBox(8, heading("Policies"), policies, heading("Parameters"), editing, description, sheet,
                error, reset, heading("Plot"), settings, observed, export, status);
        side.setPadding(new Insets(10));
        side.setPrefWidth(320);
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        root.setLeft(sideScroll);

        delayPlot.setId("backoff-delay-plot");
        cumulativePlot.setId("backoff-cumulative-plot");
        legend.getStyleClass().add("plot-legend");
        legend.setId("backoff-legend");
        plots.getChildren().addAll(delayPlot, cumulativePlot, legend);
        plots.getStyleClass().add("backoff-plots");
        VBox.setVgrow(delayPlot, Priority.ALWAYS);
        VBox.setVgrow(cumulativePlot, Priority.ALWAYS);

        Tab delays = new Tab("Delays", plots);
        delays.setId("tab-delays");
        Tab contentionTab = new Tab("Contention simulator", contention);
        contentionTab.setId("tab-contention");
        tabs.getTabs().addAll(delays, contentionTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.setCenter(tabs);
        root.sceneProperty().addListener((obs, was, now) -> {
            if (now != null) {
                now.getAccelerators().put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN),
                        () -> {
                            if (root.isVisible() && root.getParent() != null) {
                                chooseAndExport();
                            }
                        });
            }
        });
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("title-4");
        return label;
    }

    private void initListeners() {
        model.curvesProperty().addListener(o -> redraw());
        model.observedProperty().addListener(o -> redraw());
        model.logScaleProperty().addListener(o -> redraw());
        model.editedPolicyProperty().addListener(o -> fillSheet());
        fillSheet();
    }

    private void redraw() {
        delayPlot.setData(BackoffPlots.delays(model.curvesProperty().get(), model.observedProperty().get(),
                model.logScaleProperty().get()));
        cumulativePlot.setData(BackoffPlots.cumulative(model.curvesProperty().get(), model.logScaleProperty().get()));
        legend.getChildren().clear();
        for (PolicyCurves c : model.curvesProperty().get()) {
            legend.getChildren().add(entry(Plot.seriesClass(c.policy().kind().ordinal()), c.policy().name()));
        }
        if (!model.observedProperty().get().points().isEmpty()) {
            legend.getChildren().add(entry(Plot.seriesClass(BackoffPlots.OBSERVED_SERIES), "Observed in this session"));
        }
        legend.getChildren().add(new Label("Line: median · dark band: p5–p95 · light band and dashes: exact min–max"));
    }

    private static Label entry(String styleClass, String text) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll("swatch", styleClass);
        return new Label(text, swatch);
    }

    private void fillSheet() {
        List<PropertySheet.Item> items = new ArrayList<>();
        for (BackoffPolicy.Parameter p : model.editedPolicyProperty().get().parameters()) {
            items.add(new ParameterItem(p));
        }
        sheet.getItems().setAll(items);
    }

    private void chooseAndExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export backoff plots");
        chooser.setInitialFileName("backoff.png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        java.io.File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            try {
                exportPng(file.toPath());
                status.setText("Exported " + file);
            } catch (IOException e) {
                status.setText("Could not export: " + e.getMessage());
            }
        }
    }

    /** Writes the plots as a PNG image to {@code file}. FX thread. */
    public void exportPng(Path file) throws IOException {
        WritableImage image = plots.snapshot(new SnapshotParameters(), null);
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        if (!ImageIO.write(buffered, "png", file.toFile())) {
            throw new IOException("No PNG writer available");
        }
    }

    private static StringConverter<Kind> kindNames() {
        return new StringConverter<>() {
            @Override
            public String toString(Kind kind) {
                return kind == null ? "" : kind.displayName();
            }

            @Override
            public Kind fromString(String s) {
                return null;
            }
        };
    }

    /** A policy parameter in the property sheet, edited as text the engine parses ("250ms", "unlimited"). */
    private final class ParameterItem implements PropertySheet.Item {
        private final BackoffPolicy.Parameter parameter;
        private String text;

        ParameterItem(BackoffPolicy.Parameter parameter) {
            this.parameter = parameter;
            this.text = parameter.text();
        }

        @Override
        public Class<?> getType() {
            return String.class;
        }

        @Override
        public String getCategory() {
            return "Parameters";
        }

        @Override
        public String getName() {
            return parameter.label();
        }

        @Override
        public String getDescription() {
            return parameter.description() + " (e.g. 250ms, 2s, 5m" + (parameter.key().startsWith("max") ? ", unlimited)" : ")");
        }

        @Override
        public Object getValue() {
            return text;
        }

        @Override
        public void setValue(Object value) {
            String now = String.valueOf(value);
            if (!now.equals(text)) {
                text = now;
                model.setParameter(parameter.key(), now);
            }
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.empty();
        }
    }
}
