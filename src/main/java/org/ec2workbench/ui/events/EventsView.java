package org.ec2workbench.ui.events;

import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.geometry.Pos;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Events page: the subscription toggle, the live events table and the events-versus-polling table. */
public final class EventsView {

    private final VBox root = new VBox(10);

    /** A view of {@code model}, showing times in {@code zone}. */
    public EventsView(EventsModel model, ZoneId zone) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        Button subscribe = new Button("Subscribe");
        subscribe.setId("events-subscribe");
        subscribe.textProperty().bind(model.subscribedProperty().map(s -> s ? "Unsubscribe" : "Subscribe"));
        subscribe.disableProperty().bind(model.busyProperty());
        subscribe.setOnAction(e -> model.toggle());
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());

        TableView<EventsModel.EventRow> events = new TableView<>(model.events());
        events.setId("events-table");
        events.setPlaceholder(new Label("No state-change events received yet."));
        events.getColumns().add(column("Time", r -> time.format(r.time())));
        events.getColumns().add(column("Instance", EventsModel.EventRow::instanceId));
        events.getColumns().add(column("State", EventsModel.EventRow::state));
        events.getColumns().add(column("Event id", EventsModel.EventRow::eventId));
        VBox.setVgrow(events, Priority.ALWAYS);

        Button compare = new Button("Compare with polling", new FontIcon(Feather.PLAY));
        compare.setId("events-compare");
        compare.setTooltip(new Tooltip("Launch, stop, start and terminate one instance; time how soon events, the "
                + "engine's poller and the SDK waiter notice each transition"));
        compare.disableProperty().bind(model.comparingProperty());
        compare.setOnAction(e -> model.compare());
        Button cancel = new Button("Cancel", new FontIcon(Feather.SQUARE));
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
        comparison.setPlaceholder(new Label("Launch, stop, start and terminate one instance, detected three ways."));
        comparison.getColumns().add(column("Transition", EventsModel.ComparisonRow::transition));
        comparison.getColumns().add(column("Events", EventsModel.ComparisonRow::eventsLatency));
        comparison.getColumns().add(column("Poller", EventsModel.ComparisonRow::pollerLatency));
        comparison.getColumns().add(column("Poller calls", r -> Integer.toString(r.pollerCalls())));
        comparison.getColumns().add(column("Waiter", EventsModel.ComparisonRow::waiterLatency));
        comparison.getColumns().add(column("Waiter calls", r -> Integer.toString(r.waiterCalls())));
        comparison.setPrefHeight(180);

        Label error = new Label();
        error.setId("events-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        root.setId("events-pane");
        root.setStyle("-fx-padding: 12;");
        root.getChildren().addAll(new HBox(10, subscribe, status), error, events,
                compareRow(compare, cancel, progress, phase), comparison);
    }

    private static Node compareRow(Node... nodes) {
        HBox row = new HBox(10, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static <R> TableColumn<R, String> column(String title, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(150);
        return c;
    }

    /** The pane. */
    public Node root() {
        return root;
    }
}
