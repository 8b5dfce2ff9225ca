package org.ec2workbench.ui.backoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.BackoffPolicy.Kind;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.ui.common.PlotData;
import org.junit.jupiter.api.Test;

/** The backoff plots' model, without a toolkit. */
class BackoffModelTest {

    private final AttemptStore store = new AttemptStore();
    private final BackoffModel model = new BackoffModel(store);

    @Test
    void curvesFollowTheEngineEnvelopeAndThePercentilesLieInside() {
        PolicyCurves full = PolicyCurves.compute(BackoffPolicy.defaults(Kind.FULL_JITTER), 6, false, 4_000, 7);
        var envelope = BackoffPolicy.defaults(Kind.FULL_JITTER).envelope(6, false);
        for (int r = 0; r < 6; r++) {
            assertThat(full.min()[r]).isEqualTo(envelope.get(r).min().toNanos() / 1e9);
            assertThat(full.max()[r]).isEqualTo(envelope.get(r).max().toNanos() / 1e9);
            assertThat(full.p5()[r]).isBetween(full.min()[r], full.p50()[r]);
            assertThat(full.p95()[r]).isBetween(full.p50()[r], full.max()[r]);
            // full jitter is uniform on [0, max]: the median sits near the middle
            assertThat(full.p50()[r]).isCloseTo(full.max()[r] / 2, within(full.max()[r] * 0.05));
        }
        assertThat(full.cumP50()[5]).isGreaterThan(full.cumP50()[4]);
    }

    @Test
    void exponentialWithoutJitterHasNoSpread() {
        PolicyCurves exp = PolicyCurves.compute(BackoffPolicy.defaults(Kind.EXPONENTIAL), 4, false, 100, 1);
        assertThat(exp.p5()).containsExactly(exp.p95());
        assertThat(exp.min()).containsExactly(exp.max());
    }

    @Test
    void retriesAreLimitedByMaxAttempts() {
        PolicyCurves sdk = PolicyCurves.compute(BackoffPolicy.sdkStandard(), 10, false, 100, 1);
        assertThat(sdk.retries()).isEqualTo(2);
    }

    @Test
    void sameSeedSameBands() {
        PolicyCurves a = PolicyCurves.compute(BackoffPolicy.defaults(Kind.DECORRELATED_JITTER), 8, false, 500, 42);
        PolicyCurves b = PolicyCurves.compute(BackoffPolicy.defaults(Kind.DECORRELATED_JITTER), 8, false, 500, 42);
        assertThat(a.p50()).containsExactly(b.p50());
    }

    @Test
    void editingAParameterRecomputesAndBadInputKeepsThePolicy() {
        model.editingProperty().set(Kind.FULL_JITTER);
        assertThat(model.setParameter(BackoffPolicy.BASE, "1s")).isTrue();
        assertThat(model.policy(Kind.FULL_JITTER).base().toMillis()).isEqualTo(1000);
        PolicyCurves full = model.curvesProperty().get().stream()
                .filter(c -> c.policy().kind() == Kind.FULL_JITTER).findFirst().orElseThrow();
        assertThat(full.max()[0]).isEqualTo(1.0);

        assertThat(model.setParameter(BackoffPolicy.BASE, "1 fortnight")).isFalse();
        assertThat(model.errorProperty().get()).isNotBlank();
        assertThat(model.policy(Kind.FULL_JITTER).base().toMillis()).isEqualTo(1000);

        assertThat(model.setParameter(BackoffPolicy.BASE, "50s")).isFalse(); // above the 20 s cap
        assertThat(model.errorProperty().get()).contains("cap");

        model.resetEdited();
        assertThat(model.policy(Kind.FULL_JITTER)).isEqualTo(BackoffPolicy.defaults(Kind.FULL_JITTER));
        assertThat(model.errorProperty().get()).isEmpty();
    }

    @Test
    void observedDelaysComeFromTheSessionsRetries() {
        long t0 = 1_700_000_000_000_000L;
        store.append(Attempt.builder().service("ec2").action("DescribeInstances").startMicros(t0).durationMicros(1000)
                .httpStatus(503).errorCode("RequestLimitExceeded").category(ErrorCategory.THROTTLING).callId(1).build());
        store.append(Attempt.builder().service("ec2").action("DescribeInstances").startMicros(t0 + 400_000)
                .durationMicros(1000).httpStatus(200).callId(1).attemptNumber(2).backoffMicros(350_000).build());
        model.refreshObserved();
        assertThat(model.observedProperty().get().points()).containsExactly(new ObservedDelays.Point(1, 0.35));

        PlotData plot = BackoffPlots.delays(model.curvesProperty().get(), model.observedProperty().get(), false);
        assertThat(plot.layers()).anyMatch(l -> l.style() == PlotData.Style.POINTS && l.y()[0] == 0.35);
    }

    @Test
    void shownPoliciesDecideTheCurves() {
        model.shown().clear();
        assertThat(model.curvesProperty().get()).isEmpty();
        model.shown().add(Kind.EC2_GUIDANCE);
        assertThat(model.curvesProperty().get()).extracting(c -> c.policy().kind()).containsExactly(Kind.EC2_GUIDANCE);
    }
}
