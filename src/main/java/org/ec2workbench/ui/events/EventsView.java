package org.ec2workbench.ui.events;

import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Events page: the subscription toggle and the live events table, then the events-versus-polling
 * comparison with its steps, progress and cancel.
 */
public final class EventsView {

    private final VBox root = new VBox(12);

    /** A view of {@code model}, showing times in {@code zone}. */
    public EventsView(EventsModel model, ZoneId zone) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        Button subscribe = new Button("Subscribe", new FontIcon(Feather.BELL));
        subscribe.setId("events-subscribe");
        subscribe.textProperty().bind(model.subscribedProperty().map(s -> s ? "Unsubscribe" : "Subscribe"));
        subscribe.disableProperty().bind(model.busyProperty());
        subscribe.setOnAction(e -> model.toggle());
        subscribe.setTooltip(new Tooltip("Create (or remove) an SQS queue and an EventBridge rule that delivers every "
                + "instance state change of the account"));
        Label status = new Label();
        status.setId("events-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(model.statusProperty());

        TableView<EventsModel.EventRow> events = new TableView<>(model.events());
        events.setId("events-table");
        Label none = new Label("No state-change events received yet. Subscribe, then launch or stop an instance "
                + "(an experiment, the AWS CLI, or the comparison below).");
        none.setWrapText(true);
        none.setMaxWidth(520);
        events.setPlaceholder(none);
        events.getColumns().add(column("Time", r -> time.format(r.time()), 100));
        events.getColumns().add(column("Instance", EventsModel.EventRow::instanceId, 190));
        events.getColumns().add(column("State", EventsModel.EventRow::state, 130));
        events.getColumns().add(column("Event id", EventsModel.EventRow::eventId, 320));
        events.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(events, Priority.ALWAYS);

        Button compare = new Button("Compare with polling", new FontIcon(Feather.PLAY));
        compare.setId("events-compare");
        compare.getStyleClass().add(Styles.ACCENT);
        compare.setTooltip(new Tooltip("Launch, stop, start and terminate one instance; time how soon events, the "
                + "engine's poller and the SDK waiter notice each transition"));
        compare.disableProperty().bind(model.comparingProperty());
        compare.setOnAction(e -> model.compare());
        Button cancel = new Button("Cancel", new FontIcon(Feather.X));
        cancel.setId("events-compare-cancel");
        cancel.setTooltip(new Tooltip("Stop the comparison; its instance is terminated and its queue and rule removed"));
        cancel.disableProperty().bind(model.comparingProperty().not());
        cancel.setOnAction(e -> model.cancelCompare());
        ProgressBar progress = new ProgressBar();
        progress.setId("events-compare-progress");
        progress.setPrefWidth(220);
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.comparingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label phase = new Label();
        phase.setId("events-compare-phase");
        phase.textProperty().bind(model.phaseProperty());

        TableView<EventsModel.ComparisonRow> comparison = new TableView<>(model.comparison());
        comparison.setId("events-comparison");
        comparison.setPlaceholder(new Label("No comparison yet."));
        comparison.getColumns().add(column("Transition", EventsModel.ComparisonRow::transition, 170));
        comparison.getColumns().add(column("Instance", EventsModel.ComparisonRow::instanceId, 180));
        comparison.getColumns().add(column("Events", EventsModel.ComparisonRow::eventsLatency, 100));
        comparison.getColumns().add(column("Poller", EventsModel.ComparisonRow::pollerLatency, 100));
        comparison.getColumns().add(column("Poller calls", r -> Integer.toString(r.pollerCalls()), 100));
        comparison.getColumns().add(column("SDK waiter", EventsModel.ComparisonRow::waiterLatency, 100));
        comparison.getColumns().add(column("Waiter calls", r -> Integer.toString(r.waiterCalls()), 100));
        comparison.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        comparison.setFixedCellSize(32);
        comparison.setMinHeight(32 * 5 + 16);
        comparison.setPrefHeight(32 * 5 + 16);

        Label error = new Label();
        error.setId("events-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        root.setId("events-pane");
        root.getStyleClass().add("events-page");
        root.getStylesheets().add(EventsView.class.getResource("events.css").toExternalForm());
        root.getChildren().addAll(
                heading("Instance state-change events", Feather.BELL, "Every state change of every instance in the "
                        + "account, delivered by an EventBridge rule to an SQS queue and long-polled; each event once."),
                row(subscribe, status), error, events,
                heading("Events versus polling", Feather.CLOCK, "One instance is launched, stopped, started and "
                        + "terminated; each transition is detected by its event, by the engine's poller (exponential "
                        + "backoff) and by the SDK's waiter (every 15 s), with latency from the transition itself."),
                row(compare, cancel, progress, phase), comparison);
    }

    private static Node heading(String title, Ikon icon, String text) {
        Label heading = new Label(title, new FontIcon(icon));
        heading.getStyleClass().add(Styles.TITLE_4);
        Label description = new Label(text);
        description.setWrapText(true);
        description.getStyleClass().add(Styles.TEXT_MUTED);
        description.setMinHeight(Region.USE_PREF_SIZE); // wrap, never cut to "…"
        return new VBox(4, heading, description);
    }

    private static Node row(Node... nodes) {
        HBox row = new HBox(10, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static <R> TableColumn<R, String> column(String title, Function<R, String> value, double width) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** The pane. */
    public Node root() {
        return root;
    }
}
