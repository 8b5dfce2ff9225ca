package org.ec2workbench.ui.backoff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.BackoffPolicy.Kind;
import org.ec2workbench.simulate.BackoffSweep;
import org.ec2workbench.ui.common.Plot;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The contention simulator tab: Brooker's optimistic-concurrency experiment swept over the number of
 * clients in virtual time, run as a background {@link SweepTask} with progress and cancel.
 */
public final class ContentionView extends VBox {

    private final Executor background;
    private final Plot calls = new Plot();
    private final Plot completion = new Plot();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label("Press Run to simulate; nothing has been run yet.");
    private final Button run = new Button("Run simulation", new FontIcon(Feather.PLAY));
    private final Button cancel = new Button("Cancel", new FontIcon(Feather.SQUARE));
    private List<BackoffSweep.Row> rows = List.of();
    private SweepTask task;

    /** A tab that runs its sweeps on {@code background}. */
    public ContentionView(Executor background) {
        this.background = Objects.requireNonNull(background, "background");
        getStyleClass().add("contention-view");
        getStylesheets().add(Plot.STYLESHEET);
        setSpacing(8);
        setPadding(new Insets(10));
        Spinner<Integer> from = spinner("contention-from", 1, 500, 10);
        Spinner<Integer> to = spinner("contention-to", 1, 500, 190);
        Spinner<Integer> step = spinner("contention-step", 1, 100, 20);
        Spinner<Integer> runs = spinner("contention-runs", 1, 1000, 20);
        Spinner<Integer> seed = spinner("contention-seed", 0, Integer.MAX_VALUE, 1);
        run.setId("contention-run");
        cancel.setId("contention-cancel");
        cancel.setDisable(true);
        progress.setId("contention-progress");
        progress.setPrefWidth(220);
        status.setId("contention-status");
        run.setOnAction(e -> start(from.getValue(), to.getValue(), step.getValue(), runs.getValue(), seed.getValue()));
        cancel.setOnAction(e -> {
            if (task != null) {
                task.cancel();
            }
        });
        HBox controls = new HBox(8, new Label("Clients"), from, new Label("to"), to, new Label("step"), step,
                new Label("Runs"), runs, new Label("Seed"), seed, run, cancel, progress);
        controls.setAlignment(Pos.CENTER_LEFT);
        calls.setId("contention-calls");
        completion.setId("contention-completion");
        FlowPane legend = new FlowPane();
        legend.getStyleClass().add("plot-legend");
        for (Kind kind : BackoffSweep.STRATEGIES) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("swatch", Plot.seriesClass(kind.ordinal()));
            legend.getChildren().add(new Label(BackoffPolicy.defaults(kind).name(), swatch));
        }
        Label about = new Label("Each client retries a conditional write until it wins, backing off with the "
                + "strategy (base 5 ms, cap 2 s, network N(10 ms, 2 ms)), all in virtual time.");
        about.setWrapText(true);
        about.getStyleClass().add("text-muted");
        HBox plots = new HBox(8, calls, completion);
        HBox.setHgrow(calls, Priority.ALWAYS);
        HBox.setHgrow(completion, Priority.ALWAYS);
        VBox.setVgrow(plots, Priority.ALWAYS);
        getChildren().addAll(controls, about, status, plots, legend);
        show(List.of());
    }

    /** The rows of the last finished sweep. */
    public List<BackoffSweep.Row> rows() {
        return rows;
    }

    /** Starts a sweep; a bad range is explained in the status line. */
    public void start(int from, int to, int step, int runs, long seed) {
        if (from > to) {
            status.setText("The first client count must not exceed the last.");
            return;
        }
        List<Integer> clients = new ArrayList<>();
        for (int c = from; c <= to; c += step) {
            clients.add(c);
        }
        SweepTask t = new SweepTask(clients, runs, seed);
        task = t;
        progress.progressProperty().bind(t.progressProperty());
        status.textProperty().bind(t.messageProperty());
        run.setDisable(true);
        cancel.setDisable(false);
        t.setOnSucceeded(e -> finish(t, t.getValue(), "Done: " + t.getValue().size() + " cells."));
        t.setOnCancelled(e -> finish(t, rows, "Cancelled."));
        t.setOnFailed(e -> finish(t, rows, "The simulation failed: " + t.getException().getMessage()));
        background.execute(t);
    }

    private void finish(SweepTask t, List<BackoffSweep.Row> result, String message) {
        progress.progressProperty().unbind();
        status.textProperty().unbind();
        status.setText(message);
        run.setDisable(false);
        cancel.setDisable(true);
        if (task == t) {
            task = null;
        }
        show(result);
    }

    private void show(List<BackoffSweep.Row> result) {
        rows = List.copyOf(result);
        calls.setData(ContentionPlots.calls(rows));
        completion.setData(ContentionPlots.completion(rows));
    }

    private static Spinner<Integer> spinner(String id, int min, int max, int value) {
        Spinner<Integer> spinner = new Spinner<>(min, max, value);
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(90);
        return spinner;
    }
}
