package org.ec2workbench.ui.timeline;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Rectangle;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.ui.common.CssPalette;
import org.ec2workbench.ui.common.PulseRedraw;

/**
 * The timeline control: attempts drawn on one {@link Canvas}; lane names, time axis, rubber band and the
 * empty-state message are scene-graph nodes around it. Data arrives from any thread through the store's
 * listener, which only asks {@link PulseRedraw} for a redraw: the canvas is repainted at most once per
 * pulse.
 */
public final class TimelineChart extends Region {

    /** The stylesheet of the timeline. */
    public static final String STYLESHEET = TimelineChart.class.getResource("timeline.css").toExternalForm();

    static final double LANE_LABEL_WIDTH = 170;
    static final double AXIS_HEIGHT = 22;
    static final double LANE_HEIGHT = 26;
    static final double MAX_LANE_HEIGHT = 120;
    static final double STRIP_HEIGHT = 90;
    private static final double DRAG_THRESHOLD = 4;
    /** Builds level-of-detail summaries off the FX thread: one daemon thread for every chart. */
    private static final Executor SUMMARY_BUILDS = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "timeline-summary-builder");
        t.setDaemon(true);
        return t;
    });

    private final TimelineModel model;
    private final Canvas canvas = new Canvas();
    private final Pane laneLabels = new Pane();
    private final Pane axis = new Pane();
    private final CssPalette palette = new CssPalette(paletteClasses());
    private final Rectangle rubberBand = new Rectangle();
    private final Label empty = new Label();
    private final TimelineRenderer renderer = new TimelineRenderer();
    private final PulseRedraw redraw;
    private final List<Label> laneLabelPool = new ArrayList<>();
    private final List<Label> tickLabelPool = new ArrayList<>();
    private ZoneId zone = ZoneId.systemDefault();
    private AutoCloseable storeSubscription;
    private double scrollY;
    private double pressX;
    private double pressY;
    private double lastDragX;
    private boolean dragging;
    private TimeRange pressRange;

    /** A chart showing {@code model}. */
    public TimelineChart(TimelineModel model) {
        this.model = Objects.requireNonNull(model, "model");
        getStyleClass().add("timeline-chart");
        getStylesheets().add(STYLESHEET);
        setFocusTraversable(true);
        canvas.setId("timeline-canvas");
        laneLabels.getStyleClass().add("lane-labels");
        axis.getStyleClass().add("time-axis");
        rubberBand.getStyleClass().add("rubber-band");
        rubberBand.setVisible(false);
        rubberBand.setManaged(false);
        rubberBand.setMouseTransparent(true);
        empty.setId("timeline-empty");
        empty.getStyleClass().add("timeline-empty");
        empty.setWrapText(true);
        empty.setAlignment(Pos.CENTER);
        empty.setMouseTransparent(true);
        empty.setText("No attempts yet. Every HTTP attempt made by the workbench, by an experiment or by "
                + "another tool with client-side monitoring on appears here as it happens.");
        getChildren().addAll(laneLabels, canvas, axis, rubberBand, empty, palette);
        redraw = new PulseRedraw(this, this::redrawNow);

        model.rangeProperty().addListener(o -> redraw.request());
        model.selectedProperty().addListener(o -> redraw.request());
        model.stripBucketProperty().addListener(o -> redraw.request());
        model.tokenSamplesProperty().addListener(o -> redraw.request());
        model.buildSummariesOn(SUMMARY_BUILDS, Platform::runLater);
        model.summaryLevelsReadyProperty().addListener(o -> redraw.request());
        model.laneModeProperty().addListener(o -> redraw.request());
        for (var dependency : model.filter().dependencies()) {
            dependency.addListener(o -> redraw.request());
        }
        sceneProperty().addListener((obs, was, now) -> {
            if (now == null) {
                unsubscribe();
            } else if (storeSubscription == null) {
                storeSubscription = model.store().addListener((from, to) -> redraw.request());
            }
        });
        initMouse();
        initKeys();
    }

    /** The model shown. */
    public TimelineModel model() {
        return model;
    }

    /** The redraw scheduler (tests count its redraws). */
    public PulseRedraw redraw() {
        return redraw;
    }

    /** The zone for axis labels (default: the system's). */
    public void setZone(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        redraw.request();
    }

    /** The current geometry of the canvas. */
    public TimelineLayout layoutNow() {
        int lanes = Math.max(1, model.lanes().size());
        double fill = Math.floor((canvas.getHeight() - STRIP_HEIGHT) / lanes);
        double laneHeight = Math.max(LANE_HEIGHT, Math.min(MAX_LANE_HEIGHT, fill));
        return new TimelineLayout(canvas.getWidth(), canvas.getHeight(), laneHeight, STRIP_HEIGHT, scrollY);
    }

    /** Attempts (or summary cells) visited by the last draw. */
    public long lastDrawnItems() {
        return renderer.lastItems();
    }

    /** The sandbox token series the last draw put in the throttling strip, or null. */
    TokenLevels.Series lastDrawnTokens() {
        return renderer.lastTokens();
    }

    /** Whether the last draw read the level-of-detail summary instead of the attempts. */
    public boolean lastDrawFromSummary() {
        return renderer.lastFromSummary();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double cw = Math.max(1, w - LANE_LABEL_WIDTH);
        double ch = Math.max(1, h - AXIS_HEIGHT);
        laneLabels.resizeRelocate(0, 0, LANE_LABEL_WIDTH, ch);
        if (canvas.getWidth() != cw || canvas.getHeight() != ch) {
            canvas.setWidth(cw);
            canvas.setHeight(ch);
            redraw.request();
        }
        canvas.relocate(LANE_LABEL_WIDTH, 0);
        axis.resizeRelocate(LANE_LABEL_WIDTH, ch, cw, AXIS_HEIGHT);
        empty.resizeRelocate(LANE_LABEL_WIDTH + 40, 20, Math.max(1, cw - 80), Math.max(1, ch - STRIP_HEIGHT - 40));
    }

    @Override
    protected double computePrefWidth(double height) {
        return 900;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 500;
    }

    /** Paints now (FX thread): refreshes the model, then canvas, lane names and axis. */
    void redrawNow() {
        model.refresh();
        TimelineLayout layout = clampScroll(layoutNow());
        TimeRange range = model.rangeProperty().get();
        List<TimeTicks.Tick> ticks = TimeTicks.ticks(range, layout.width(), 110, zone);
        renderer.draw(canvas.getGraphicsContext2D(), model, layout, colors(), ticks);
        updateLaneLabels(layout);
        updateAxis(ticks);
        empty.setVisible(model.snapshot().size() == 0);
    }

    private TimelineLayout clampScroll(TimelineLayout layout) {
        double max = Math.max(0, model.lanes().size() * layout.laneHeight() - layout.lanesBottom());
        if (scrollY > max || scrollY < 0) {
            scrollY = Math.max(0, Math.min(max, scrollY));
            return layoutNow();
        }
        return layout;
    }

    private void updateLaneLabels(TimelineLayout layout) {
        List<String> lanes = model.lanes();
        int shown = 0;
        for (int lane = 0; lane < lanes.size(); lane++) {
            double top = layout.laneTop(lane);
            if (top + layout.laneHeight() <= 0 || top >= layout.lanesBottom()) {
                continue;
            }
            Label label = pooled(laneLabelPool, laneLabels, shown++, "lane-label");
            label.setText(lanes.get(lane));
            label.resizeRelocate(0, top, LANE_LABEL_WIDTH - 8, Math.min(layout.laneHeight(), 30));
        }
        if (layout.stripHeight() > 0) {
            Label strip = pooled(laneLabelPool, laneLabels, shown++, "lane-label");
            strip.setText("Throttling strip");
            strip.resizeRelocate(0, layout.stripTop(), LANE_LABEL_WIDTH - 8, LANE_HEIGHT);
        }
        hideFrom(laneLabelPool, shown);
    }

    private void updateAxis(List<TimeTicks.Tick> ticks) {
        int shown = 0;
        for (TimeTicks.Tick tick : ticks) {
            Label label = pooled(tickLabelPool, axis, shown++, "tick-label");
            label.setText(tick.label());
            label.autosize();
            label.relocate(Math.max(0, tick.x() - label.getWidth() / 2), 3);
        }
        hideFrom(tickLabelPool, shown);
    }

    private static Label pooled(List<Label> pool, Pane parent, int i, String styleClass) {
        if (i == pool.size()) {
            Label label = new Label();
            label.getStyleClass().add(styleClass);
            label.setManaged(false);
            pool.add(label);
            parent.getChildren().add(label);
        }
        Label label = pool.get(i);
        label.setVisible(true);
        return label;
    }

    private static void hideFrom(List<Label> pool, int from) {
        for (int i = from; i < pool.size(); i++) {
            pool.get(i).setVisible(false);
        }
    }

    private TimelineRenderer.Colors colors() {
        Paint[] categories = new Paint[ErrorCategory.values().length];
        for (ErrorCategory c : ErrorCategory.values()) {
            categories[c.ordinal()] = paletteColor(CategoryStyle.styleClass(c));
        }
        return new TimelineRenderer.Colors(paletteColor("timeline-background"), paletteColor("timeline-lane-alt"),
                paletteColor("timeline-grid"), paletteColor("timeline-text"), paletteColor("timeline-gap"),
                paletteColor("timeline-selection"), paletteColor("timeline-strip"),
                paletteColor("timeline-strip-throttled"), paletteColor("timeline-refill"), paletteColor("timeline-tokens"),
                categories);
    }

    private Paint paletteColor(String styleClass) {
        return palette.color(styleClass);
    }

    private static List<String> paletteClasses() {
        List<String> classes = new ArrayList<>(List.of("timeline-background", "timeline-lane-alt", "timeline-grid",
                "timeline-text", "timeline-gap", "timeline-selection", "timeline-strip", "timeline-strip-throttled",
                "timeline-refill", "timeline-tokens"));
        for (ErrorCategory c : ErrorCategory.values()) {
            classes.add(CategoryStyle.styleClass(c));
        }
        return classes;
    }

    private void initMouse() {
        canvas.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.isShortcutDown() || e.isShiftDown() && e.getDeltaX() == 0) {
                scrollY -= e.getDeltaY();
            } else if (e.getDeltaY() != 0) {
                model.zoom(Math.pow(0.85, e.getDeltaY() / 40), e.getX() / canvas.getWidth());
            }
            redraw.request();
            e.consume();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            pressX = e.getX();
            pressY = e.getY();
            lastDragX = e.getX();
            dragging = false;
            pressRange = model.rangeProperty().get();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (!dragging && Math.abs(e.getX() - pressX) + Math.abs(e.getY() - pressY) < DRAG_THRESHOLD) {
                return;
            }
            dragging = true;
            if (e.isShiftDown() || e.getButton() == MouseButton.SECONDARY) {
                double x0 = Math.min(pressX, e.getX());
                rubberBand.setX(LANE_LABEL_WIDTH + x0);
                rubberBand.setY(0);
                rubberBand.setWidth(Math.abs(e.getX() - pressX));
                rubberBand.setHeight(canvas.getHeight());
                rubberBand.setVisible(true);
            } else {
                canvas.setCursor(Cursor.CLOSED_HAND);
                model.pan(-(e.getX() - lastDragX) / canvas.getWidth());
                lastDragX = e.getX();
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            canvas.setCursor(Cursor.DEFAULT);
            if (rubberBand.isVisible()) {
                rubberBand.setVisible(false);
                double x0 = Math.min(pressX, e.getX());
                double x1 = Math.max(pressX, e.getX());
                if (x1 - x0 >= DRAG_THRESHOLD) {
                    double w = canvas.getWidth();
                    model.showRange(pressRange.toMicros(x0, w), pressRange.toMicros(x1, w));
                }
            } else if (!dragging && e.getButton() == MouseButton.PRIMARY) {
                selectAt(e.getX(), e.getY());
            }
            dragging = false;
        });
    }

    /** Selects the attempt under canvas point (x, y), or clears the selection. */
    public void selectAt(double x, double y) {
        TimelineLayout layout = layoutNow();
        int lane = layout.laneAt(y, model.lanes().size());
        TimeRange range = model.rangeProperty().get();
        double tolerance = 4 * range.span() / Math.max(1, layout.width());
        int hit = lane < 0 ? -1 : model.attemptAt(range.toMicros(x, layout.width()), lane,
                layout.trackAt(y, lane), layout.tracks(), tolerance);
        model.select(hit);
    }

    private void initKeys() {
        setOnKeyPressed(e -> {
            KeyCode code = e.getCode();
            boolean handled = true;
            switch (code) {
                case F -> model.startFollowing();
                case PLUS, ADD, EQUALS -> model.zoom(0.5, 0.5);
                case MINUS, SUBTRACT -> model.zoom(2, 0.5);
                case LEFT -> model.pan(-0.1);
                case RIGHT -> model.pan(0.1);
                case DIGIT0, NUMPAD0 -> model.fitAll();
                case ESCAPE -> model.select(-1);
                default -> handled = false;
            }
            if (handled) {
                e.consume();
            }
        });
    }

    private void unsubscribe() {
        if (storeSubscription != null) {
            try {
                storeSubscription.close();
            } catch (Exception ignored) {
                // removing a listener from a list cannot fail in a way worth reporting
            }
            storeSubscription = null;
        }
    }
}
