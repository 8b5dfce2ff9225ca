package org.ec2workbench.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.ec2workbench.backoff.BackoffPolicy.Kind;
import org.junit.jupiter.api.Test;

class BackoffSweepTest {

    private static String csv(List<BackoffSweep.Row> rows) {
        StringWriter text = new StringWriter();
        BackoffSweep.writeCsv(rows, new PrintWriter(text));
        return text.toString();
    }

    @Test
    void atOneHundredClientsExponentialWithoutJitterMakesAtLeastTwiceTheCallsOfFullJitter() {
        BackoffSweep sweep = new BackoffSweep(List.of(100), BackoffSweep.STRATEGIES, 100, 2015);
        double exponential = sweep.cell(100, Kind.EXPONENTIAL).calls();
        double fullJitter = sweep.cell(100, Kind.FULL_JITTER).calls();
        double equalJitter = sweep.cell(100, Kind.EQUAL_JITTER).calls();
        assertThat(exponential).isGreaterThanOrEqualTo(2 * fullJitter);
        assertThat(fullJitter).isLessThanOrEqualTo(equalJitter);
    }

    @Test
    void jitterFinishesSoonerThanExponentialWithoutJitter() {
        BackoffSweep sweep = new BackoffSweep(List.of(50), BackoffSweep.STRATEGIES, 30, 7);
        assertThat(sweep.cell(50, Kind.FULL_JITTER).completionMs())
                .isLessThan(sweep.cell(50, Kind.EXPONENTIAL).completionMs() / 3);
    }

    @Test
    void sameSeedGivesByteIdenticalCsvWhateverTheThreads() {
        List<BackoffSweep.Row> one = new BackoffSweep(List.of(10, 30), BackoffSweep.STRATEGIES, 5, 42).run(1);
        List<BackoffSweep.Row> two = new BackoffSweep(List.of(10, 30), BackoffSweep.STRATEGIES, 5, 42).run(2);
        List<BackoffSweep.Row> other = new BackoffSweep(List.of(10, 30), BackoffSweep.STRATEGIES, 5, 43).run(2);
        assertThat(csv(one)).isEqualTo(csv(two)).isNotEqualTo(csv(other));
    }

    @Test
    void csvHasTheHeaderAndOneRowPerClientCountAndStrategy() {
        String[] lines = csv(new BackoffSweep(List.of(10, 20), BackoffSweep.STRATEGIES, 2, 1).run(2)).split("\n");
        assertThat(lines[0]).isEqualTo("clients,strategy,calls,completion_ms");
        assertThat(lines).hasSize(11);
        assertThat(lines[1]).matches("10,exponential,\\d+\\.\\d,\\d+\\.\\d");
        assertThat(List.of(lines).subList(1, 6)).extracting(line -> line.split(",")[1])
                .containsExactly("exponential", "full_jitter", "equal_jitter", "decorrelated_jitter", "none");
    }

    @Test
    void aLoneClientWritesOnceAfterFourNetworkCrossings() {
        OccSimulation.Result result = new OccSimulation(OccSimulation.brookerPolicy(Kind.NONE)).run(1, 3);
        assertThat(result.calls()).isEqualTo(1);
        assertThat(result.completionMillis()).isBetween(20.0, 60.0);
    }

    @Test
    void withoutBackoffEveryRoundHasOneWinner() {
        // With no backoff all remaining clients contend in every round: n + (n-1) + … + 1 writes at least.
        OccSimulation.Result result = new OccSimulation(OccSimulation.brookerPolicy(Kind.NONE)).run(20, 5);
        assertThat(result.calls()).isGreaterThanOrEqualTo(20);
        assertThat(result.calls()).isLessThanOrEqualTo(20 * 21 / 2);
    }

    @Test
    void shouldRejectEmptyOrBadParameters() {
        assertThatThrownBy(() -> new BackoffSweep(List.of(), BackoffSweep.STRATEGIES, 1, 1))
                .hasMessage("at least one client count is needed");
        assertThatThrownBy(() -> new BackoffSweep(List.of(10), BackoffSweep.STRATEGIES, 0, 1))
                .hasMessage("runs must be >= 1, was 0");
        assertThatThrownBy(() -> OccSimulation.brookerPolicy(Kind.SDK_STANDARD))
                .hasMessage("Brooker's experiment has no 'sdk_standard' strategy");
    }
}
