package org.ec2workbench.ui.backoff;

import java.util.List;
import org.ec2workbench.ui.common.PlotData;

/** Turns the backoff model's curves into plot data. Pure: no toolkit needed. */
public final class BackoffPlots {

    /** The colour index of the session's observed delays. */
    public static final int OBSERVED_SERIES = 7;

    private BackoffPlots() {
    }

    /** Delay per retry: envelope band, p5–p95 band, dashed min/max, median line, and observed points. */
    public static PlotData delays(List<PolicyCurves> curves, ObservedDelays observed, boolean logY) {
        PlotData.Builder b = PlotData.builder("Delay before retry n", "retry n (1 = before the 2nd attempt)", "seconds")
                .logY(logY);
        for (PolicyCurves c : curves) {
            int series = c.policy().kind().ordinal();
            double[] x = retries(c.retries());
            b.band(series, 0.10, x, c.min(), c.max());
            b.band(series, 0.25, x, c.p5(), c.p95());
            b.dashed(series, x, c.min());
            b.dashed(series, x, c.max());
            b.line(series, x, c.p50());
        }
        if (!observed.points().isEmpty()) {
            int maxRetry = curves.stream().mapToInt(PolicyCurves::retries).max().orElse(Integer.MAX_VALUE);
            List<ObservedDelays.Point> shown = observed.points().stream().filter(p -> p.retry() <= maxRetry).toList();
            double[] x = new double[shown.size()];
            double[] y = new double[shown.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = spread(shown.get(i).retry(), i);
                y[i] = shown.get(i).seconds();
            }
            b.points(OBSERVED_SERIES, 0.55, x, y);
        }
        return b.build();
    }

    /** Cumulative wait up to retry n: envelope band, p5–p95 band and median. */
    public static PlotData cumulative(List<PolicyCurves> curves, boolean logY) {
        PlotData.Builder b = PlotData.builder("Cumulative wait up to retry n", "retry n", "seconds").logY(logY);
        for (PolicyCurves c : curves) {
            int series = c.policy().kind().ordinal();
            double[] x = retries(c.retries());
            b.band(series, 0.10, x, c.cumMin(), c.cumMax());
            b.band(series, 0.25, x, c.cumP5(), c.cumP95());
            b.line(series, x, c.cumP50());
        }
        return b.build();
    }

    /**
     * Where the {@code i}th observed point of retry {@code retry} is drawn: spread sideways a little
     * (deterministically, within ±0.125) so equal delays stay distinguishable.
     */
    public static double spread(int retry, int i) {
        return retry + ((i * 37) % 21 - 10) / 80.0;
    }

    private static double[] retries(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }
}
