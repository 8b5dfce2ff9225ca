package org.ec2workbench.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ThrottleSimulationTest {

    private final ThrottleSimulation simulation = new ThrottleSimulation(50, 20, 100, 20);

    private static String csv(List<ThrottleSimulation.Row> rows) {
        StringWriter text = new StringWriter();
        ThrottleSimulation.writeCsv(rows, new PrintWriter(text));
        return text.toString();
    }

    private Map<String, ThrottleSimulation.Row> rows(long seed) {
        return simulation.runAll(ThrottleSimulation.defaultStrategies(), seed).stream()
                .collect(Collectors.toMap(ThrottleSimulation.Row::strategy, Function.identity()));
    }

    @Test
    void strategiesCoverEveryPolicyWithAndWithoutBudgetAndEachLimiterAndTheSdkModes() {
        List<String> names = ThrottleSimulation.defaultStrategies().stream().map(ThrottleSimulation.Strategy::name).toList();
        assertThat(names).contains("none", "fixed", "exponential", "full_jitter+budget", "equal_jitter+adaptive",
                "decorrelated_jitter+budget+adaptive", "ec2_guidance", "sdk_standard", "sdk_legacy",
                "sdk_standard+adaptive", "full_jitter+paced", "decorrelated_jitter+bucket");
        assertThat(names).hasSize(7 * 6 + 3);
    }

    @Test
    void everyCallEitherSucceedsOrIsGivenUp() {
        for (ThrottleSimulation.Row row : rows(1).values()) {
            long successes = row.attempts() - row.throttledAttempts();
            assertThat(successes + row.givenUp()).as(row.strategy()).isEqualTo(50 * 20);
        }
    }

    @Test
    void noStrategyBeatsTheBucket() {
        // 1000 calls from a bucket holding 100 and refilling 20/s cannot finish before 45 s.
        for (ThrottleSimulation.Row row : rows(1).values()) {
            if (row.givenUp() == 0) {
                assertThat(row.completionSeconds()).as(row.strategy()).isGreaterThanOrEqualTo(45);
            }
        }
    }

    @Test
    void theAdaptiveLimiterCutsThrottledAttempts() {
        Map<String, ThrottleSimulation.Row> rows = rows(1);
        assertThat(rows.get("full_jitter+adaptive").throttledAttempts())
                .isLessThan(rows.get("full_jitter").throttledAttempts() / 2);
        assertThat(rows.get("none+adaptive").givenUp()).isLessThan(rows.get("none").givenUp());
    }

    @Test
    void inOneApplicationGoodputPacingKeepsTheRefillRateWhereCubicCollapses() {
        ThrottleSimulation oneApp = new ThrottleSimulation(50, 20, 100, 20, true);
        Map<String, ThrottleSimulation.Row> rows = oneApp.runAll(ThrottleSimulation.defaultStrategies(), 1).stream()
                .collect(Collectors.toMap(ThrottleSimulation.Row::strategy, Function.identity()));
        ThrottleSimulation.Row paced = rows.get("full_jitter+paced");
        ThrottleSimulation.Row cubic = rows.get("full_jitter+adaptive");
        ThrottleSimulation.Row sdk = rows.get("sdk_standard");
        assertThat(paced.givenUp()).isZero();
        assertThat(paced.goodputPct()).isGreaterThanOrEqualTo(95);
        assertThat(cubic.goodputPct()).as("CUBIC cuts once per throttled response").isLessThan(paced.goodputPct() * 0.7);
        assertThat(sdk.throttledAttempts()).isGreaterThanOrEqualTo(3 * paced.throttledAttempts());
        ThrottleSimulation.Row mirrored = rows.get("full_jitter+bucket");
        assertThat(mirrored.givenUp()).isZero();
        assertThat(mirrored.goodputPct()).isGreaterThanOrEqualTo(95);
        assertThat(mirrored.throttledAttempts()).as("at most 5 %% of attempts throttled")
                .isLessThanOrEqualTo(mirrored.attempts() / 20);
    }

    @Test
    void theSdkStandardModeGivesUpAfterThreeAttempts() {
        assertThat(rows(1).get("sdk_standard").givenUp()).isPositive();
    }

    @Test
    void sameSeedGivesByteIdenticalCsv() {
        String first = csv(simulation.runAll(ThrottleSimulation.defaultStrategies(), 9));
        String second = csv(simulation.runAll(ThrottleSimulation.defaultStrategies(), 9));
        assertThat(first).isEqualTo(second);
        assertThat(first).startsWith("strategy,completion_s,goodput_pct,throttled_attempts,attempts,given_up\n");
        assertThat(first.split("\n")).hasSize(1 + ThrottleSimulation.defaultStrategies().size());
        assertThat(first.split("\n")[1]).matches("none,\\d+\\.\\d\\d,\\d+\\.\\d,\\d+,\\d+,\\d+");
    }

    @Test
    void shouldRejectBadParameters() {
        assertThatThrownBy(() -> new ThrottleSimulation(0, 20, 100, 20)).hasMessage("clients must be >= 1, was 0");
        assertThatThrownBy(() -> new ThrottleSimulation(5, 20, 100, 0)).hasMessage("refill must be > 0, was 0.0");
    }
}
