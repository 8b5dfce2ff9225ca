package org.ec2workbench.ui.lessons;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.lessons.RetryWait;
import org.ec2workbench.ui.backoff.BackoffPlots;
import org.ec2workbench.ui.common.PlotData;

/**
 * What the lesson's Backoff tab draws: every wait the engine scheduled in this run as a dot (retry number
 * against the wait the policy chose), one colour per strategy, over the exact min–max envelope of each
 * policy used. Pure: no toolkit needed.
 *
 * @param data   the plot
 * @param series the strategies in colour order, for the legend
 */
public record RetryWaitPlot(PlotData data, List<Series> series) {

    /**
     * One strategy of the run.
     *
     * @param strategy its name, as the lesson gave it
     * @param colour   its colour index in the plot palette
     * @param waits    the waits it scheduled, in order
     */
    public record Series(String strategy, int colour, List<RetryWait> waits) {
    }

    /** Palette indices in the order strategies get them: far apart, so two strategies never look alike. */
    private static final int[] COLOURS = {3, 0, 2, 5, 4, 6, 1};

    public RetryWaitPlot {
        series = List.copyOf(series);
    }

    /** The plot of {@code waits} (in the order the engine scheduled them), with a logarithmic y axis if {@code logY}. */
    public static RetryWaitPlot of(List<RetryWait> waits, boolean logY) {
        Map<String, List<RetryWait>> byStrategy = new LinkedHashMap<>();
        waits.forEach(w -> byStrategy.computeIfAbsent(w.strategy(), s -> new ArrayList<>()).add(w));
        List<Series> series = new ArrayList<>();
        byStrategy.forEach((strategy, list) -> series.add(
                new Series(strategy, COLOURS[series.size() % COLOURS.length], List.copyOf(list))));

        PlotData.Builder plot = PlotData.builder("Waits before each retry in this run",
                "retry n (1 = before the 2nd attempt)", "seconds").logY(logY).integerX(true);
        for (Envelope envelope : envelopes(series)) {
            List<BackoffPolicy.Bounds> bounds = envelope.policy().envelope(envelope.retries(), envelope.throttling());
            double[] x = new double[bounds.size()];
            double[] min = new double[x.length];
            double[] max = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
                min[i] = bounds.get(i).min().toNanos() / 1e9;
                max[i] = bounds.get(i).max().toNanos() / 1e9;
            }
            plot.band(envelope.colour(), 0.12, x, min, max);
            plot.dashed(envelope.colour(), x, min);
            plot.dashed(envelope.colour(), x, max);
        }
        for (Series s : series) {
            double[] x = new double[s.waits().size()];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = BackoffPlots.spread(s.waits().get(i).retry(), i);
                y[i] = s.waits().get(i).backoffSeconds();
            }
            plot.points(s.colour(), 0.8, x, y);
        }
        return new RetryWaitPlot(plot.build(), series);
    }

    /** Whether there is nothing to plot (no call retried yet). */
    public boolean isEmpty() {
        return series.isEmpty();
    }

    /** Whether any wait had a rate limiter's wait on top (which the dots do not include). */
    public boolean limited() {
        return series.stream().flatMap(s -> s.waits().stream()).anyMatch(w -> !w.limiterWait().isZero());
    }

    /** A policy's envelope (normal or after throttling), up to the retry it is drawn to, in its colour. */
    private record Envelope(BackoffPolicy policy, boolean throttling, int retries, int colour) {
    }

    /**
     * One envelope per policy and throttling flag, coloured as the first strategy that used it, drawn up to
     * the highest retry it was used for but at least two retries (a band needs two points), never past the
     * policy's last retry.
     */
    private static List<Envelope> envelopes(List<Series> series) {
        record Key(BackoffPolicy policy, boolean throttling) {
        }
        Map<Key, Integer> highestRetry = new LinkedHashMap<>();
        Map<Key, Integer> colour = new LinkedHashMap<>();
        for (Series s : series) {
            for (RetryWait w : s.waits()) {
                Key key = new Key(w.policy(), w.throttling());
                highestRetry.merge(key, w.retry(), Math::max);
                colour.putIfAbsent(key, s.colour());
            }
        }
        List<Envelope> result = new ArrayList<>();
        highestRetry.forEach((key, retry) -> {
            int retries = (int) Math.min(Math.max(2, retry), Math.max(1L, (long) key.policy().maxAttempts() - 1));
            result.add(new Envelope(key.policy(), key.throttling(), retries, colour.get(key)));
        });
        return result;
    }
}
