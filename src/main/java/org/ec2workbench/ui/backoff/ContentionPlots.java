package org.ec2workbench.ui.backoff;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.ec2workbench.backoff.BackoffPolicy.Kind;
import org.ec2workbench.simulate.BackoffSweep;
import org.ec2workbench.ui.common.PlotData;

/** Plot data for the contention simulator: calls and completion time against the number of clients. */
public final class ContentionPlots {

    private ContentionPlots() {
    }

    /** Mean calls per run against clients, one line per strategy. */
    public static PlotData calls(List<BackoffSweep.Row> rows) {
        return lines("Calls (writes per run)", "contending clients", "calls", rows, BackoffSweep.Row::calls);
    }

    /** Mean completion time against clients, one line per strategy. */
    public static PlotData completion(List<BackoffSweep.Row> rows) {
        return lines("Time until the last client succeeds", "contending clients", "ms", rows,
                BackoffSweep.Row::completionMs);
    }

    private static PlotData lines(String title, String x, String y, List<BackoffSweep.Row> rows,
            ToDoubleFunction<BackoffSweep.Row> value) {
        PlotData.Builder b = PlotData.builder(title, x, y);
        for (Kind kind : BackoffSweep.STRATEGIES) {
            List<BackoffSweep.Row> mine = rows.stream().filter(r -> r.strategy().equals(kind.id())).toList();
            if (mine.isEmpty()) {
                continue;
            }
            double[] xs = mine.stream().mapToDouble(BackoffSweep.Row::clients).toArray();
            double[] ys = mine.stream().mapToDouble(value).toArray();
            b.line(kind.ordinal(), xs, ys);
            b.points(kind.ordinal(), 1, xs, ys);
        }
        return b.build();
    }
}
