package org.ec2workbench.ui.experiment;

import atlantafx.base.theme.Styles;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.ec2workbench.ui.connection.DialogMutationGuard;
import org.ec2workbench.ui.connection.NumberSpinners;
import org.ec2workbench.ui.timeline.TimelineChart;
import org.ec2workbench.ui.timeline.TimelineModel;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Experiment page: the load to send, run / cancel / DryRun, progress, and the live timeline below. */
public final class ExperimentView {

    private final ExperimentModel model;
    private final BorderPane root = new BorderPane();

    /** The page over {@code model}, with a live chart of {@code timeline}. */
    public ExperimentView(ExperimentModel model, TimelineModel timeline) {
        this.model = Objects.requireNonNull(model, "model");
        root.getStyleClass().add("experiment-page");
        root.getStylesheets().add(ExperimentView.class.getResource("experiment.css").toExternalForm());
        root.setTop(createForm());
        model.setGuard(new DialogMutationGuard(() -> root.getScene() == null ? null : root.getScene().getWindow()));
        TimelineChart chart = new TimelineChart(timeline);
        chart.setId("experiment-timeline");
        BorderPane.setMargin(chart, new Insets(8, 0, 0, 0));
        root.setCenter(chart);
    }

    /** The page's root node. */
    public BorderPane root() {
        return root;
    }

    private Node createForm() {
        ComboBox<ExperimentAction> action = new ComboBox<>();
        action.setId("experiment-action");
        action.getItems().setAll(ExperimentAction.values());
        action.valueProperty().bindBidirectional(model.actionProperty());
        ComboBox<RetryChoice> retry = new ComboBox<>();
        retry.setId("experiment-retry");
        retry.getItems().setAll(RetryChoice.all());
        retry.valueProperty().bindBidirectional(model.retryProperty());
        Spinner<Integer> concurrency = new Spinner<>(1, 64, model.concurrencyProperty().get());
        concurrency.setId("experiment-concurrency");
        concurrency.setEditable(true);
        NumberSpinners.bind(concurrency, model.concurrencyProperty(), Number::intValue);
        Spinner<Double> rate = new Spinner<>(0, 1000, model.rateProperty().get(), 5);
        rate.setId("experiment-rate");
        rate.setEditable(true);
        rate.setTooltip(new Tooltip("Requests started per second; 0 sends a burst as fast as the workers go"));
        NumberSpinners.bind(rate, model.rateProperty(), Number::doubleValue);
        Spinner<Integer> count = new Spinner<>(1, 10_000, model.countProperty().get(), 50);
        count.setId("experiment-count");
        count.setEditable(true);
        NumberSpinners.bind(count, model.countProperty(), Number::intValue);

        Button run = new Button("Run", new FontIcon(Feather.PLAY));
        run.setId("experiment-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.setTooltip(new Tooltip("Send the load (Ctrl+Enter)"));
        run.disableProperty().bind(model.canRun().not());
        run.setOnAction(e -> model.run());
        Button cancel = new Button("Cancel", new FontIcon(Feather.X));
        cancel.setId("experiment-cancel");
        cancel.setTooltip(new Tooltip("Stop sending (Escape)"));
        cancel.disableProperty().bind(model.sendingProperty().not());
        cancel.setOnAction(e -> model.cancel());
        Button dryRun = new Button("DryRun one", new FontIcon(Feather.SHIELD));
        dryRun.setId("experiment-dry-run");
        dryRun.setTooltip(new Tooltip("Ask EC2 whether one request would be authorized, changing nothing"));
        dryRun.disableProperty().bind(model.runningProperty());
        dryRun.setOnAction(e -> model.dryRun(answer -> { }));

        ProgressBar progress = new ProgressBar();
        progress.setId("experiment-progress");
        progress.progressProperty().bind(model.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setPrefWidth(640);
        Label message = new Label();
        message.setId("experiment-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        ListView<CreatedResource> created = new ListView<>(model.created());
        created.setId("experiment-created");
        created.setPrefHeight(150);
        created.setPlaceholder(new Label("Nothing created"));
        created.setCellFactory(list -> new CreatedCell());
        Button cleanUp = new Button("Clean up", new FontIcon(Feather.TRASH_2));
        cleanUp.setId("experiment-clean-up");
        cleanUp.setTooltip(new Tooltip("Terminate the instances (and wait), then delete the groups, volumes and key "
                + "pairs this session created"));
        cleanUp.disableProperty().bind(model.canCleanUp().not());
        cleanUp.setOnAction(e -> model.cleanUp());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Action"), action, new Label("Workers"), concurrency);
        grid.addRow(1, new Label("Retries"), retry, new Label("Rate /s"), rate);
        grid.addRow(2, new Label("Requests"), count);
        grid.getChildren().stream().filter(n -> n instanceof Label)
                .forEach(n -> ((Label) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));
        action.setMaxWidth(420);
        HBox buttons = new HBox(8, run, cancel, dryRun);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(10, grid, buttons, progress, message);
        HBox.setHgrow(left, Priority.ALWAYS);
        Label createdTitle = new Label("Created resources");
        createdTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Label createdHint = new Label("Tagged " + ExperimentAction.SESSION_TAG + " = this session");
        createdHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Button leftovers = new Button("Find leftovers", new FontIcon(Feather.SEARCH));
        leftovers.setId("experiment-find-leftovers");
        leftovers.setTooltip(new Tooltip("List what earlier sessions created and left behind (anything tagged "
                + ExperimentAction.SESSION_TAG + "), so Clean up removes it too"));
        leftovers.disableProperty().bind(model.runningProperty());
        leftovers.setOnAction(e -> model.findLeftovers());
        HBox createdButtons = new HBox(8, cleanUp, leftovers);
        VBox right = new VBox(6, createdTitle, createdHint, created, createdButtons);
        right.setPrefWidth(420);
        HBox form = new HBox(24, left, right);
        form.getStyleClass().add("experiment-form");

        root.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), () -> {
                    if (root.getParent() != null && !run.isDisabled()) {
                        model.run();
                    }
                });
            }
        });
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && model.sendingProperty().get()) {
                model.cancel();
                e.consume();
            }
        });
        return form;
    }

    /** A created resource: its kind and id, and its clean-up status coloured (failed in red, deleted muted). */
    private static final class CreatedCell extends ListCell<CreatedResource> {
        @Override
        protected void updateItem(CreatedResource item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("resource-failed", "resource-deleted");
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(item.toString());
            setWrapText(true);
            setPrefWidth(0); // wrap inside the list instead of scrolling sideways
            setTooltip(item.detail().isEmpty() ? null : new Tooltip(item.detail()));
            if (item.status() == CreatedResource.Status.FAILED) {
                getStyleClass().add("resource-failed");
            } else if (item.status() == CreatedResource.Status.DELETED) {
                getStyleClass().add("resource-deleted");
            }
        }
    }
}
