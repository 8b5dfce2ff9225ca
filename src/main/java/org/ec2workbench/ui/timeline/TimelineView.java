package org.ec2workbench.ui.timeline;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.textfield.CustomTextField;
import org.ec2workbench.capture.ErrorCategory;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Timeline page: toolbar (follow, fit, zoom, lanes, filters, search, strip bucket), the
 * {@link TimelineChart}, its legend, and the details of the selected attempt.
 */
public final class TimelineView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final TimelineModel model;
    private final TimelineChart chart;
    private final BorderPane root = new BorderPane();
    private final VBox details = new VBox();
    private final FlowPane legend = new FlowPane();
    private final ZoneId zone;

    /** The page over {@code model}, with times shown in {@code zone}. */
    public TimelineView(TimelineModel model, ZoneId zone) {
        this.model = Objects.requireNonNull(model, "model");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.chart = new TimelineChart(model);
        chart.setZone(zone);
        createView();
        initListeners();
    }

    /** The page's root node. */
    public BorderPane root() {
        return root;
    }

    /** The chart. */
    public TimelineChart chart() {
        return chart;
    }

    private void createView() {
        root.getStyleClass().add("timeline-page");
        root.getStylesheets().add(TimelineChart.STYLESHEET);
        root.setTop(createToolBar());

        legend.setId("timeline-legend");
        legend.getStyleClass().add("timeline-legend");
        Tooltip mergeRule = new Tooltip(mergeRule());
        for (ErrorCategory c : ErrorCategory.values()) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("swatch", CategoryStyle.styleClass(c));
            Label entry = new Label(CategoryStyle.label(c), swatch);
            entry.setId("legend-" + CategoryStyle.styleClass(c));
            entry.setUserData(c);
            entry.setTooltip(mergeRule);
            legend.getChildren().add(entry);
        }
        Region gap = new Region();
        gap.getStyleClass().addAll("swatch", "swatch-gap");
        legend.getChildren().add(new Label("Backoff wait before a retry", gap));
        Region tokenLine = new Region();
        tokenLine.getStyleClass().addAll("swatch", "swatch-tokens");
        Label tokens = new Label("Sandbox tokens left (strip, own scale)", tokenLine);
        tokens.setId("legend-tokens");
        tokens.setTooltip(new Tooltip("The embedded sandbox's tokens in the strip's bucket, polled once a second; "
                + "for a category, the lowest of its per-action buckets. Not shown for AWS."));
        tokens.visibleProperty().bind(model.tokensShownProperty());
        tokens.managedProperty().bind(tokens.visibleProperty());
        legend.getChildren().add(tokens);

        VBox centre = new VBox(chart, legend);
        VBox.setVgrow(chart, Priority.ALWAYS);

        details.setId("attempt-details");
        details.getStyleClass().add("attempt-details");
        ScrollPane detailsScroll = new ScrollPane(details);
        detailsScroll.setFitToWidth(true);
        detailsScroll.setMinWidth(240);

        SplitPane split = new SplitPane(centre, detailsScroll);
        split.setDividerPositions(0.71);
        SplitPane.setResizableWithParent(detailsScroll, false);
        root.setCenter(split);
        showDetails(null);
    }

    /** The legend's explanation of how attempts sharing a pixel are coloured. */
    static String mergeRule() {
        StringBuilder order = new StringBuilder();
        for (ErrorCategory c : BarRaster.WORST_FIRST) {
            order.append(order.length() == 0 ? "" : " > ").append(CategoryStyle.label(c));
        }
        return "Where several attempts share a pixel of a lane's track, the pixel takes the worst category "
                + "among them, so an error is never hidden by successes around it:\n" + order;
    }

    private Node createToolBar() {
        ToggleButton follow = new ToggleButton("Follow", new FontIcon(Feather.FAST_FORWARD));
        follow.setId("timeline-follow");
        follow.setTooltip(new Tooltip("Keep the newest attempts in view (F)"));
        follow.selectedProperty().bindBidirectional(model.followProperty());
        follow.setOnAction(e -> {
            if (follow.isSelected()) {
                model.startFollowing();
            }
        });

        Button fit = iconButton("timeline-fit", Feather.MAXIMIZE_2, "Fit the whole session (0)", model::fitAll);
        Button zoomIn = iconButton("timeline-zoom-in", Feather.ZOOM_IN, "Zoom in (+, or the mouse wheel)",
                () -> model.zoom(0.5, 0.5));
        Button zoomOut = iconButton("timeline-zoom-out", Feather.ZOOM_OUT, "Zoom out (−)", () -> model.zoom(2, 0.5));

        ChoiceBox<LaneMode> lanes = new ChoiceBox<>();
        lanes.setId("timeline-lanes");
        lanes.getItems().setAll(LaneMode.values());
        lanes.valueProperty().bindBidirectional(model.laneModeProperty());
        lanes.setTooltip(new Tooltip("Group attempts into lanes by action or by source"));

        CheckComboBox<ErrorCategory> categories = new CheckComboBox<>();
        categories.setId("filter-category");
        categories.getItems().setAll(ErrorCategory.values());
        categories.setConverter(new StringConverter<>() {
            @Override
            public String toString(ErrorCategory c) {
                return c == null ? "" : CategoryStyle.label(c);
            }

            @Override
            public ErrorCategory fromString(String s) {
                return null;
            }
        });
        filterBox(categories, "Category", model.filter().categories());
        CheckComboBox<String> actions = new CheckComboBox<>();
        actions.setId("filter-action");
        Bindings.bindContent(actions.getItems(), model.actions());
        filterBox(actions, "Action", model.filter().actions());
        CheckComboBox<String> sources = new CheckComboBox<>();
        sources.setId("filter-source");
        Bindings.bindContent(sources.getItems(), model.sources());
        filterBox(sources, "Source", model.filter().sources());
        CheckComboBox<Integer> statuses = new CheckComboBox<>();
        statuses.setId("filter-status");
        Bindings.bindContent(statuses.getItems(), model.statuses());
        filterBox(statuses, "HTTP status", model.filter().statuses());

        CustomTextField search = new CustomTextField();
        search.setId("timeline-search");
        search.setPromptText("Search action, code, request id…");
        search.setLeft(new FontIcon(Feather.SEARCH));
        search.setPrefColumnCount(16);
        search.textProperty().bindBidirectional(model.filter().textProperty());

        ComboBox<String> bucket = new ComboBox<>(model.buckets());
        bucket.setId("timeline-strip-bucket");
        bucket.setPromptText("Strip bucket");
        bucket.valueProperty().bindBidirectional(model.stripBucketProperty());
        bucket.setTooltip(new Tooltip("The throttling bucket whose calls per second the strip plots"));

        Button clear = new Button("Clear filters", new FontIcon(Feather.X));
        clear.setId("filter-clear");
        clear.setOnAction(e -> {
            categories.getCheckModel().clearChecks();
            actions.getCheckModel().clearChecks();
            sources.getCheckModel().clearChecks();
            statuses.getCheckModel().clearChecks();
            model.filter().clear();
        });

        Label stripLabel = new Label("Throttling strip");
        ToolBar view = new ToolBar(follow, fit, zoomIn, zoomOut, new Separator(Orientation.VERTICAL), lanes,
                new Separator(Orientation.VERTICAL), stripLabel, bucket);
        view.setId("timeline-toolbar");
        FontIcon filterIcon = new FontIcon(Feather.FILTER);
        ToolBar filters = new ToolBar(filterIcon, search, categories, actions, sources, statuses, clear);
        filters.setId("timeline-filters");
        filters.getStyleClass().add("timeline-filters");
        return new VBox(view, filters);
    }

    private static <T> void filterBox(CheckComboBox<T> box, String title, ObservableSet<T> target) {
        // ControlsFX's own "(checked/total)" is only recounted when a check changes, so a list that fills
        // as new actions arrive kept showing "(0/0)"; count from both lists instead.
        ObservableList<T> checkedItems = box.getCheckModel().getCheckedItems();
        box.titleProperty().bind(Bindings.createStringBinding(
                () -> title + " (" + checkedItems.size() + "/" + box.getItems().size() + ")",
                checkedItems, box.getItems()));
        box.setTooltip(new Tooltip("Show only the checked " + title.toLowerCase() + " values (none checked: all)"));
        box.getCheckModel().getCheckedItems().addListener((ListChangeListener<T>) change -> {
            ObservableList<T> checked = box.getCheckModel().getCheckedItems();
            target.retainAll(checked);
            target.addAll(checked.filtered(Objects::nonNull));
        });
    }

    private static Button iconButton(String id, Feather icon, String tooltip, Runnable action) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.setTooltip(new Tooltip(tooltip));
        button.setOnAction(e -> action.run());
        return button;
    }

    private void initListeners() {
        model.detailsProperty().addListener((obs, was, now) -> showDetails(now));
        model.attemptCountProperty().addListener(o -> updateLegendCounts());
    }

    private void updateLegendCounts() {
        for (Node node : legend.getChildren()) {
            if (node instanceof Label label && label.getUserData() instanceof ErrorCategory c) {
                label.setText(CategoryStyle.label(c) + "  " + String.format("%,d", model.index().count(c)));
            }
        }
    }

    private void showDetails(AttemptDetails d) {
        details.getChildren().clear();
        Label title = new Label(d == null ? "Attempt details" : d.action());
        title.getStyleClass().add("title-4");
        title.setId("details-title");
        details.getChildren().add(title);
        if (d == null) {
            Label hint = new Label("Click an attempt on the timeline to see its request id, error, advice and "
                    + "where it sits in its call.");
            hint.setWrapText(true);
            hint.getStyleClass().add("text-muted");
            details.getChildren().add(hint);
            return;
        }
        GridPane grid = new GridPane();
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(0);
        grid.getColumnConstraints().addAll(new ColumnConstraints(), values);
        grid.getStyleClass().add("details-grid");
        grid.setHgap(10);
        grid.setVgap(6);
        int row = 0;
        row = detail(grid, row, "Result", d.errorCode() == null ? "Success" : d.errorCode(), "details-result");
        row = detail(grid, row, "Category", CategoryStyle.label(d.category()), "details-category");
        row = detail(grid, row, "HTTP", d.httpStatus() == 0 ? "no response" : Integer.toString(d.httpStatus()), "details-http");
        row = detail(grid, row, "Call", d.attemptText(), "details-attempt");
        row = detail(grid, row, "Waited before", d.attemptNumber() == 1 ? "— (first attempt)"
                : formatMicros(d.backoffMicros()), "details-backoff");
        row = detail(grid, row, "Duration", formatMicros(d.durationMicros()), "details-duration");
        row = detail(grid, row, "Started", TIME.format(d.start().atZone(zone)), "details-start");
        row = detail(grid, row, "Request id", d.requestId() == null ? "—" : d.requestId(), "details-request-id");
        row = detail(grid, row, "Service", d.service(), "details-service");
        row = detail(grid, row, "Bucket", d.bucket() == null ? "—" : d.bucket(), "details-bucket");
        row = detail(grid, row, "Source", (d.source() == null ? "—" : d.source()) + " (" + d.sourceKind() + ")", "details-source");
        detail(grid, row, "Principal", d.principal() == null ? "—" : d.principal(), "details-principal");
        details.getChildren().add(grid);
        if (d.errorMessage() != null) {
            Label message = new Label(d.errorMessage());
            message.setId("details-message");
            message.setWrapText(true);
            details.getChildren().add(section("Message", message));
        }
        d.advice().ifPresent(advice -> {
            Label text = new Label(advice);
            text.setId("details-advice");
            text.setWrapText(true);
            details.getChildren().add(section("Advice", text));
        });
    }

    private static Node section(String title, Label body) {
        Label heading = new Label(title);
        heading.getStyleClass().add("details-heading");
        VBox box = new VBox(4, heading, body);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    /**
     * One key/value row. Values wrap (a request id breaks at its hyphens, a long source over lines) rather
     * than being clipped, carry their full text as a tooltip, and copy from a context menu.
     */
    private static int detail(GridPane grid, int row, String name, String value, String id) {
        Label key = new Label(name);
        key.getStyleClass().add("details-key");
        key.setMinWidth(Region.USE_PREF_SIZE);
        Label text = new Label(value);
        text.setId(id);
        text.getStyleClass().add("details-value");
        text.setWrapText(true);
        text.setMinWidth(0);
        text.setMaxWidth(Double.MAX_VALUE);
        text.setTooltip(new Tooltip(value));
        MenuItem copy = new MenuItem("Copy " + name.toLowerCase(java.util.Locale.ROOT));
        copy.setOnAction(e -> Clipboard.getSystemClipboard().setContent(java.util.Map.of(DataFormat.PLAIN_TEXT, value)));
        text.setContextMenu(new ContextMenu(copy));
        grid.addRow(row, key, text);
        GridPane.setHgrow(text, Priority.ALWAYS);
        GridPane.setValignment(key, VPos.TOP);
        return row + 1;
    }

    /** "1.234 s", "850 ms", "95 µs". */
    static String formatMicros(long micros) {
        if (micros >= 1_000_000) {
            return String.format("%.3f s", micros / 1e6);
        }
        if (micros >= 1_000) {
            return String.format("%.1f ms", micros / 1e3);
        }
        return micros + " µs";
    }
}
