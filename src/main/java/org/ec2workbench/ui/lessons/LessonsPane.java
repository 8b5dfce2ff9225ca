package org.ec2workbench.ui.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.PropertyValueFactory;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.ec2workbench.aws.capture.WorkbenchCapture;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCatalog;
import org.ec2workbench.lessons.CallRecorder;
import org.ec2workbench.lessons.Lesson;
import org.ec2workbench.lessons.LessonDefinition;
import org.ec2workbench.lessons.LessonSettings;
import org.ec2workbench.lessons.Lessons;
import org.ec2workbench.lessons.Observation;
import org.ec2workbench.lessons.RetryWait;
import org.ec2workbench.ui.common.Plot;
import org.ec2workbench.ui.timeline.TimelineChart;
import org.ec2workbench.ui.timeline.TimelineModel;

/**
 * The Lessons pane: the course on the left; on the right the chosen lesson's goal, its steps with Next,
 * Auto-run and Reset, the narration of this run, its timeline, calls, observations and backoff waits, and the
 * check question.
 * Self-contained: the shell hosts it as a node and calls {@link #close()} when the app ends.
 */
public final class LessonsPane extends BorderPane {

    private static final PseudoClass DONE = PseudoClass.getPseudoClass("done");
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass CORRECT = PseudoClass.getPseudoClass("correct");
    private static final PseudoClass WRONG = PseudoClass.getPseudoClass("wrong");

    private final LessonsModel model;
    private final ExecutorService worker;

    private final ListView<Lesson> lessonList = new ListView<>();
    private final Label title = new Label();
    private final Label goal = new Label();
    private final VBox steps = new VBox(4);
    private final Label stepText = new Label();
    private final Button nextButton = new Button("Next step");
    private final Button autoRunButton = new Button("Auto-run");
    private final Button resetButton = new Button("Reset");
    private final Label status = new Label();
    private final ListView<String> narration = new ListView<>();
    private final ListView<String> notes = new ListView<>();
    private final StackPane timelineHolder = new StackPane();
    private TimelineModel currentTimeline;
    private final TableView<Observation> observationTable = new TableView<>();
    private final Plot backoffPlot = new Plot();
    private final FlowPane backoffLegend = new FlowPane();
    private final Label backoffNote = new Label();
    private final CheckBox backoffLog = new CheckBox("Log scale");
    private final VBox backoffChart = new VBox(4, backoffPlot, backoffLegend, backoffNote);
    private final Label backoffEmpty = new Label();
    private final Label verdict = new Label();
    private final Label question = new Label();
    private final VBox answers = new VBox(4);
    private final ToggleGroup answerGroup = new ToggleGroup();
    private final Button checkButton = new Button("Check answer");
    private final Label feedback = new Label();

    /** The pane over the whole course with default seeds. */
    public LessonsPane() {
        this(Lessons.all(), LessonSettings.defaults());
    }

    /** The pane over {@code lessons}, running them with {@code settings}. */
    public LessonsPane(List<Lesson> lessons, LessonSettings settings) {
        this(lessons, settings, List.of());
    }

    /**
     * The pane over {@code lessons}; every run's calls are drawn on the pane's own timeline (in the lesson's
     * time) and also recorded by {@code recorders} (e.g. onto the session timeline of the app).
     */
    public LessonsPane(List<Lesson> lessons, LessonSettings settings, List<CallRecorder> recorders) {
        List<CallRecorder> extra = List.copyOf(recorders);
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lesson-runner");
            t.setDaemon(true);
            return t;
        });
        this.model = new LessonsModel(lessons, settings, lesson -> {
            List<CallRecorder> all = new ArrayList<>(extra);
            all.add(newTimeline(lesson));
            return all;
        }, worker, Platform::runLater);
        getStyleClass().add("lessons-pane");
        getStylesheets().add(Objects.requireNonNull(
                LessonsPane.class.getResource("lessons.css"), "lessons.css").toExternalForm());
        createView();
        initListeners();
        if (!lessons.isEmpty()) {
            lessonList.getSelectionModel().selectFirst();
        }
    }

    /** The model behind the pane. */
    public LessonsModel model() {
        return model;
    }

    /** Shows the lesson with {@code id}. */
    public void select(String id) {
        model.lessons().stream().filter(l -> l.id().equals(id)).findFirst()
                .ifPresent(l -> lessonList.getSelectionModel().select(l));
    }

    /** Stops the running lesson's sandbox and the worker thread. */
    public void close() {
        model.close();
        worker.shutdown();
    }

    /**
     * A fresh timeline for a new run of {@code lesson}: each attempt is a bar (coloured by error category),
     * the attempts of one call joined across their backoff gaps, in the lesson's own time.
     */
    private CallRecorder newTimeline(Lesson lesson) {
        AttemptStore store = new AttemptStore();
        TimelineModel timeline = new TimelineModel(store);
        timeline.setAdvisor(code -> ErrorCatalog.ec2().lookup(code).map(ErrorCatalog.Entry::advice));
        timeline.followProperty().set(true);
        TimelineChart chart = new TimelineChart(timeline);
        chart.setId("lessonTimeline");
        timelineHolder.getChildren().setAll(chart);
        currentTimeline = timeline;
        return lessonClock -> WorkbenchCapture.interceptor(store, lessonClock, "lesson " + lesson.id());
    }

    private void createView() {
        lessonList.setId("lessonList");
        lessonList.setItems(model.lessons());
        lessonList.setCellFactory(list -> new ListCell<>() {
            {
                // whole titles over two lines, instead of a clipped line and a horizontal scroll bar
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(Lesson lesson, boolean empty) {
                super.updateItem(lesson, empty);
                if (empty || lesson == null) {
                    setText(null);
                    setTooltip(null);
                    getStyleClass().remove("not-implemented");
                    return;
                }
                setText(lesson.definition().number() + ". " + lesson.definition().title());
                if (lesson.implemented()) {
                    getStyleClass().remove("not-implemented");
                    setTooltip(new Tooltip(getText()));
                } else {
                    if (!getStyleClass().contains("not-implemented")) {
                        getStyleClass().add("not-implemented");
                    }
                    setTooltip(new Tooltip("Not implemented yet: needs " + lesson.missing()));
                }
            }
        });
        lessonList.setPrefWidth(260);

        title.setId("lessonTitle");
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        goal.setId("lessonGoal");
        goal.getStyleClass().add("lesson-goal");
        goal.setWrapText(true);
        steps.setId("steps");
        steps.getStyleClass().add("lesson-steps");
        stepText.setId("stepText");
        stepText.setWrapText(true);
        stepText.getStyleClass().add("step-text");

        nextButton.setId("nextButton");
        nextButton.setDefaultButton(true);
        nextButton.setTooltip(new Tooltip("Run the next step against the lesson's sandbox"));
        autoRunButton.setId("autoRunButton");
        autoRunButton.setTooltip(new Tooltip("Run all remaining steps"));
        resetButton.setId("resetButton");
        resetButton.setTooltip(new Tooltip("Throw the sandbox away and start over with the same seeds"));
        status.setId("status");
        HBox controls = new HBox(8, nextButton, autoRunButton, resetButton, status);
        controls.getStyleClass().add("lesson-controls");
        controls.setPadding(new Insets(8, 12, 8, 12));

        narration.setId("narration");
        narration.setPlaceholder(new Label("Narration of this run appears here, step by step."));
        narration.setCellFactory(list -> wrappingCell());
        notes.setId("notes");
        notes.setPlaceholder(new Label("Calls made by the lesson appear here as they happen."));
        observationTable.setId("observations");
        observationTable.setPlaceholder(new Label("No observations yet."));
        TableColumn<Observation, String> nameCol = new TableColumn<>("Observation");
        nameCol.setCellValueFactory(new PropertyValueFactory<>("name"));
        TableColumn<Observation, String> valueCol = new TableColumn<>("Value");
        valueCol.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().formatted()));
        TableColumn<Observation, String> kindCol = new TableColumn<>("Reproducible");
        kindCol.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().timingBound() ? "depends on timing" : "same seed, same value"));
        observationTable.getColumns().setAll(List.of(nameCol, valueCol, kindCol));
        observationTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        observationTable.setItems(model.observations());

        verdict.setId("verdict");
        verdict.setWrapText(true);
        verdict.getStyleClass().add("verdict");
        question.setId("question");
        question.setWrapText(true);
        question.getStyleClass().add("check-question");
        checkButton.setId("checkButton");
        feedback.setId("feedback");
        feedback.setWrapText(true);
        feedback.getStyleClass().add("feedback");

        VBox top = new VBox(8, title, goal, steps, stepText);
        top.setPadding(new Insets(12));
        timelineHolder.setMinHeight(120);
        backoffChart.setId("lessonBackoffChart");
        backoffPlot.setId("lessonBackoffPlot");
        backoffLegend.setId("lessonBackoffLegend");
        backoffLegend.getStyleClass().add("plot-legend");
        backoffLog.setId("lessonBackoffLog");
        backoffLog.setTooltip(new Tooltip("Logarithmic seconds: shows short and long waits alike"));
        backoffLog.selectedProperty().addListener((obs, old, log) -> showRetryWaits());
        backoffNote.setId("lessonBackoffNote");
        backoffNote.setWrapText(true);
        backoffNote.setMinWidth(0);
        backoffNote.getStyleClass().add("backoff-note");
        VBox.setVgrow(backoffPlot, Priority.ALWAYS);
        backoffEmpty.setId("lessonBackoffEmpty");
        backoffEmpty.setWrapText(true);
        backoffEmpty.getStyleClass().add("backoff-empty");
        StackPane backoff = new StackPane(backoffChart, backoffEmpty);
        backoff.getStylesheets().add(Plot.STYLESHEET);
        Tab backoffTab = new Tab("Backoff", backoff);
        backoffTab.setId("backoffTab");
        TabPane runTabs = new TabPane(new Tab("Timeline", timelineHolder), new Tab("Calls", notes),
                new Tab("Observations", observationTable), backoffTab);
        runTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane runViews = new SplitPane(narration, runTabs);
        runViews.setOrientation(Orientation.VERTICAL);
        runViews.setDividerPositions(0.22);
        VBox check = new VBox(6, verdict, question, answers, checkButton, feedback);
        check.setPadding(new Insets(12));
        check.getStyleClass().add("check");
        ScrollPane checkScroll = new ScrollPane(check);
        checkScroll.setFitToWidth(true);
        ScrollPane topScroll = new ScrollPane(top);
        topScroll.setFitToWidth(true);
        SplitPane right = new SplitPane(topScroll, runViews, checkScroll);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.24, 0.8);
        VBox.setVgrow(runViews, Priority.ALWAYS);
        // The step controls stay in sight however the sections are sized.
        VBox rightSide = new VBox(controls, right);
        VBox.setVgrow(right, Priority.ALWAYS);
        SplitPane main = new SplitPane(lessonList, rightSide);
        main.setDividerPositions(0.22);
        SplitPane.setResizableWithParent(lessonList, false);
        setCenter(main);
    }

    private void initListeners() {
        lessonList.getSelectionModel().selectedItemProperty().addListener((obs, old, lesson) -> model.select(lesson));
        model.selectedProperty().addListener((obs, old, lesson) -> showLesson(lesson));
        model.nextStepProperty().addListener((obs, old, step) -> {
            showSteps();
            fitTimeline();
            showRetryWaits();
        });
        model.finishedProperty().addListener((obs, old, done) -> {
            showSteps();
            showRetryWaits();
        });
        model.retryWaits().addListener((javafx.collections.ListChangeListener<RetryWait>) c -> showRetryWaits());
        showRetryWaits();
        nextButton.disableProperty().bind(model.canAdvanceBinding().not());
        autoRunButton.disableProperty().bind(model.canAdvanceBinding().not());
        resetButton.disableProperty().bind(model.canResetBinding().not());
        nextButton.setOnAction(e -> model.next());
        autoRunButton.setOnAction(e -> model.autoRun());
        resetButton.setOnAction(e -> model.reset());
        narration.setItems(model.narrations());
        notes.setItems(model.notes());
        model.notes().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!notes.getItems().isEmpty()) {
                notes.scrollTo(notes.getItems().size() - 1);
            }
        });
        status.textProperty().bind(Bindings.when(model.busyProperty()).then("Running…").otherwise(""));
        verdict.textProperty().bind(model.verdictProperty());
        model.occurredProperty().addListener((obs, old, ok) -> {
            verdict.pseudoClassStateChanged(CORRECT, ok);
            verdict.pseudoClassStateChanged(WRONG, !ok);
        });
        feedback.textProperty().bind(model.feedbackProperty());
        model.answerCorrectProperty().addListener((obs, old, ok) -> {
            feedback.pseudoClassStateChanged(CORRECT, Boolean.TRUE.equals(ok));
            feedback.pseudoClassStateChanged(WRONG, Boolean.FALSE.equals(ok));
        });
        checkButton.disableProperty().bind(answerGroup.selectedToggleProperty().isNull()
                .or(model.finishedProperty().not()));
        checkButton.setOnAction(e -> {
            if (answerGroup.getSelectedToggle() != null) {
                model.answer(answerGroup.getToggles().indexOf(answerGroup.getSelectedToggle()));
            }
        });
    }

    /**
     * Plots this run's retry waits against their policies' envelopes, or says why there is nothing to
     * plot.
     */
    private void showRetryWaits() {
        RetryWaitPlot plot = RetryWaitPlot.of(model.retryWaits(), backoffLog.isSelected());
        backoffPlot.setData(plot.data());
        backoffLegend.getChildren().clear();
        for (RetryWaitPlot.Series series : plot.series()) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("swatch", Plot.seriesClass(series.colour()));
            backoffLegend.getChildren().add(new Label(series.strategy() + " (" + series.waits().size()
                    + (series.waits().size() == 1 ? " wait)" : " waits)"), swatch));
        }
        backoffLegend.getChildren().add(backoffLog);
        backoffNote.setText("Dots: the policy's wait before retry n · band: its exact min–max"
                + (plot.limited() ? " · limiter pacing not included" : ""));
        backoffChart.setVisible(!plot.isEmpty());
        backoffEmpty.setVisible(plot.isEmpty());
        backoffEmpty.setText(model.finishedProperty().get()
                ? "This lesson's calls did not retry, so there are no backoff waits to plot."
                : model.nextStepProperty().get() == 0
                ? "Run the lesson to plot the waits its retries and polls chose, against each policy's envelope."
                : "No call has retried yet in this run.");
    }

    /** Shows the whole run so far on the lesson's timeline. */
    private void fitTimeline() {
        if (currentTimeline != null && currentTimeline.store().size() > 0) {
            currentTimeline.refresh();
            currentTimeline.fitAll();
        }
    }

    private void showLesson(Lesson lesson) {
        answers.getChildren().clear();
        answerGroup.getToggles().clear();
        if (lesson == null) {
            title.setText("");
            goal.setText("");
            question.setText("");
            steps.getChildren().clear();
            stepText.setText("");
            return;
        }
        LessonDefinition d = lesson.definition();
        title.setText(d.number() + ". " + d.title());
        goal.setText(lesson.implemented() ? d.goal()
                : d.goal() + "\n\nThis lesson is not implemented yet: it needs " + lesson.missing() + ".");
        question.setText(d.check().question());
        List<LessonDefinition.Answer> list = d.check().answers();
        for (int i = 0; i < list.size(); i++) {
            RadioButton answer = new RadioButton(list.get(i).text());
            answer.setId("answer" + i);
            answer.setWrapText(true);
            answer.setToggleGroup(answerGroup);
            answers.getChildren().add(answer);
        }
        showSteps();
    }

    private void showSteps() {
        Lesson lesson = model.selectedProperty().get();
        steps.getChildren().clear();
        if (lesson == null) {
            return;
        }
        List<LessonDefinition.Step> list = lesson.definition().steps();
        int next = model.nextStepProperty().get();
        for (int i = 0; i < list.size(); i++) {
            Label step = new Label((i + 1) + ". " + list.get(i).title());
            step.getStyleClass().add("lesson-step");
            step.pseudoClassStateChanged(DONE, i < next);
            step.pseudoClassStateChanged(CURRENT, i == next && !model.finishedProperty().get());
            steps.getChildren().add(step);
        }
        stepText.setText(model.finishedProperty().get() || next >= list.size()
                ? "Done. Read the conclusion below and answer the check question."
                : list.get(next).text());
    }

    private static ListCell<String> wrappingCell() {
        return new ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        };
    }
}
