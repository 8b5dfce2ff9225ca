package org.ec2workbench.ui.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.lessons.RetryWait;
import org.ec2workbench.ui.common.PlotData;
import org.junit.jupiter.api.Test;

/** The Backoff tab's plot data, without a toolkit. */
class RetryWaitPlotTest {

    private static final BackoffPolicy JITTER = BackoffPolicy.builder(BackoffPolicy.Kind.FULL_JITTER)
            .base(Duration.ofMillis(100)).cap(Duration.ofSeconds(5)).maxAttempts(12).build();

    @Test
    void oneDotLayerPerStrategyAndOneEnvelopePerPolicy() {
        List<RetryWait> waits = List.of(wait("Full jitter", 1, 40), wait("Full jitter", 2, 150),
                wait("Full jitter + adaptive limiter", 1, 70), wait("Full jitter", 3, 390));

        RetryWaitPlot plot = RetryWaitPlot.of(waits, false);

        assertThat(plot.series()).extracting(RetryWaitPlot.Series::strategy)
                .containsExactly("Full jitter", "Full jitter + adaptive limiter");
        assertThat(plot.series().get(0).colour()).isNotEqualTo(plot.series().get(1).colour());
        List<PlotData.Layer> bands = layers(plot, PlotData.Style.BAND);
        assertThat(bands).as("the two strategies share one policy").hasSize(1);
        assertThat(bands.get(0).x()).containsExactly(1, 2, 3);
        assertThat(bands.get(0).y2()).containsExactly(0.1, 0.2, 0.4);
        List<PlotData.Layer> dots = layers(plot, PlotData.Style.POINTS);
        assertThat(dots).hasSize(2);
        assertThat(dots.get(0).y()).containsExactly(0.04, 0.15, 0.39);
        assertThat(dots.get(1).series()).isEqualTo(plot.series().get(1).colour());
        assertThat(plot.data().integerX()).isTrue();
        assertThat(plot.data().logY()).isFalse();
        assertThat(RetryWaitPlot.of(waits, true).data().logY()).isTrue();
    }

    @Test
    void envelopeCoversAtLeastTwoRetriesSoASingleRetryStillShowsABand() {
        RetryWaitPlot plot = RetryWaitPlot.of(List.of(wait("Full jitter", 1, 40)), false);

        assertThat(layers(plot, PlotData.Style.BAND).get(0).x()).containsExactly(1, 2);
    }

    @Test
    void noWaitsMeansNothingToPlot() {
        RetryWaitPlot plot = RetryWaitPlot.of(List.of(), false);

        assertThat(plot.isEmpty()).isTrue();
        assertThat(plot.data().layers()).isEmpty();
    }

    private static RetryWait wait(String strategy, int retry, long millis) {
        return new RetryWait(1, strategy, JITTER, true, retry, Duration.ofMillis(millis), Duration.ZERO);
    }

    private static List<PlotData.Layer> layers(RetryWaitPlot plot, PlotData.Style style) {
        return plot.data().layers().stream().filter(l -> l.style() == style).toList();
    }
}
