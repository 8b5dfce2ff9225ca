package org.ec2workbench.ui.backoff;

import java.util.ArrayList;
import java.util.List;
import javafx.concurrent.Task;
import org.ec2workbench.backoff.BackoffPolicy.Kind;
import org.ec2workbench.simulate.BackoffSweep;

/** Runs the contention simulator's sweep cell by cell in the background, reporting progress; cancellable. */
public final class SweepTask extends Task<List<BackoffSweep.Row>> {

    private final List<Integer> clients;
    private final int runs;
    private final long seed;

    /** A sweep over {@code clients} × the article's strategies, {@code runs} runs per cell. */
    public SweepTask(List<Integer> clients, int runs, long seed) {
        this.clients = List.copyOf(clients);
        this.runs = runs;
        this.seed = seed;
    }

    @Override
    protected List<BackoffSweep.Row> call() {
        BackoffSweep sweep = new BackoffSweep(clients, BackoffSweep.STRATEGIES, runs, seed);
        int total = clients.size() * BackoffSweep.STRATEGIES.size();
        List<BackoffSweep.Row> rows = new ArrayList<>(total);
        for (int c : clients) {
            for (Kind strategy : BackoffSweep.STRATEGIES) {
                if (isCancelled()) {
                    return List.copyOf(rows);
                }
                rows.add(sweep.cell(c, strategy));
                updateProgress(rows.size(), total);
                updateMessage(String.format("%d of %d cells (%d clients, %s)", rows.size(), total, c, strategy.id()));
            }
        }
        return List.copyOf(rows);
    }
}
