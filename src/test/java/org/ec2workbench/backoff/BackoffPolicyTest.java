package org.ec2workbench.backoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.ec2workbench.backoff.BackoffPolicy.Kind;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    @Test
    void catalogListsEveryKindWithItsStableId() {
        assertThat(BackoffPolicy.catalog()).extracting(BackoffPolicy::id).containsExactly("none", "fixed", "exponential",
                "full_jitter", "equal_jitter", "decorrelated_jitter", "sdk_standard", "sdk_legacy", "ec2_guidance");
        assertThat(Kind.of("FULL_JITTER")).isEqualTo(Kind.FULL_JITTER);
    }

    @Test
    void exponentialDoublesFromBaseUpToTheCap() {
        BackoffPolicy policy = BackoffPolicy.builder(Kind.EXPONENTIAL).base(Duration.ofMillis(100))
                .cap(Duration.ofMillis(1000)).build();
        assertThat(policy.delayNanos(1, 0, 0.3, false)).isEqualTo(ms(100));
        assertThat(policy.delayNanos(2, 0, 0.9, false)).isEqualTo(ms(200));
        assertThat(policy.delayNanos(4, 0, 0.5, false)).isEqualTo(ms(800));
        assertThat(policy.delayNanos(5, 0, 0.5, false)).isEqualTo(ms(1000));
        assertThat(policy.delayNanos(5000, 0, 0.5, false)).isEqualTo(ms(1000));
    }

    @Test
    void fullJitterSpansZeroToTheCeiling() {
        BackoffPolicy policy = BackoffPolicy.defaults(Kind.FULL_JITTER);
        assertThat(policy.delayNanos(3, 0, 0, false)).isZero();
        assertThat(policy.delayNanos(3, 0, 1, false)).isEqualTo(ms(400));
        assertThat(policy.delayNanos(3, 0, 0.25, false)).isEqualTo(ms(100));
    }

    @Test
    void equalJitterKeepsAtLeastHalf() {
        BackoffPolicy policy = BackoffPolicy.defaults(Kind.EQUAL_JITTER);
        assertThat(policy.delayNanos(3, 0, 0, false)).isEqualTo(ms(200));
        assertThat(policy.delayNanos(3, 0, 1, false)).isEqualTo(ms(400));
    }

    @Test
    void decorrelatedJitterGrowsFromThePreviousDelay() {
        BackoffPolicy policy = BackoffPolicy.builder(Kind.DECORRELATED_JITTER).base(Duration.ofMillis(5))
                .cap(Duration.ofMillis(2000)).build();
        assertThat(policy.delayNanos(1, 0, 1, false)).isEqualTo(ms(15));
        assertThat(policy.delayNanos(1, 0, 0, false)).isEqualTo(ms(5));
        assertThat(policy.delayNanos(7, ms(100), 1, false)).isEqualTo(ms(300));
        assertThat(policy.delayNanos(7, ms(1000), 1, false)).isEqualTo(ms(2000));
    }

    @Test
    void sdkCurvesUseTheThrottlingBaseAndTheirJitter() {
        BackoffPolicy standard = BackoffPolicy.sdkStandard();
        assertThat(standard.maxAttempts()).isEqualTo(3);
        assertThat(standard.delayNanos(1, 0, 1, false)).isEqualTo(ms(100));
        assertThat(standard.delayNanos(2, 0, 1, true)).isEqualTo(ms(2000));
        assertThat(standard.delayNanos(2, 0, 0, true)).isZero();
        assertThat(standard.delayNanos(10, 0, 1, true)).isEqualTo(ms(20_000));

        BackoffPolicy legacy = BackoffPolicy.sdkLegacy();
        assertThat(legacy.maxAttempts()).isEqualTo(4);
        assertThat(legacy.delayNanos(1, 0, 0, true)).as("equal jitter after throttling").isEqualTo(ms(250));
        assertThat(legacy.delayNanos(1, 0, 1, true)).isEqualTo(ms(500));
        assertThat(legacy.delayNanos(1, 0, 0, false)).as("full jitter otherwise").isZero();
    }

    @Test
    void ec2GuidanceStartsAtTwoSecondsAndCapsAtFiveMinutes() {
        List<BackoffPolicy.Bounds> envelope = BackoffPolicy.defaults(Kind.EC2_GUIDANCE).envelope(12, false);
        assertThat(envelope.get(0).max()).isEqualTo(Duration.ofSeconds(2));
        assertThat(envelope.get(11).max()).isEqualTo(Duration.ofMinutes(5));
        assertThat(envelope.get(11).min()).isEqualTo(Duration.ofMinutes(5).dividedBy(2));
    }

    @Test
    void envelopeBoundsEverySampledPath() {
        for (BackoffPolicy policy : BackoffPolicy.catalog()) {
            for (boolean throttling : new boolean[] {false, true}) {
                List<BackoffPolicy.Bounds> envelope = policy.envelope(15, throttling);
                for (long seed = 0; seed < 50; seed++) {
                    IntervalFunction path = policy.sampler(new SplittableRandom(seed), throttling);
                    Duration total = Duration.ZERO;
                    for (int retry = 1; retry <= 15; retry++) {
                        Duration delay = path.apply(retry);
                        total = total.plus(delay);
                        BackoffPolicy.Bounds bounds = envelope.get(retry - 1);
                        assertThat(delay).as("%s retry %d", policy, retry).isBetween(bounds.min(), bounds.max());
                        assertThat(total).isBetween(bounds.cumulativeMin(), bounds.cumulativeMax());
                    }
                }
            }
        }
    }

    @Test
    void intervalFunctionsExposeTheEnvelopeForPlots() {
        BackoffPolicy policy = BackoffPolicy.defaults(Kind.FULL_JITTER);
        assertThat(policy.upperBound(false).apply(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.lowerBound(false).apply(4)).isEqualTo(Duration.ZERO);
    }

    @Test
    void parametersDescribeThePolicyAndRoundTripThroughTheBuilder() {
        BackoffPolicy policy = BackoffPolicy.builder(Kind.FULL_JITTER).set("base", "250ms").set("cap", "5s")
                .set("maxAttempts", "unlimited").set("maxTotalWait", "1m").build();
        assertThat(policy.parameters()).extracting(BackoffPolicy.Parameter::key)
                .containsExactly("base", "multiplier", "cap", "maxAttempts", "maxTotalWait");
        assertThat(policy.parameters()).extracting(BackoffPolicy.Parameter::text)
                .containsExactly("250ms", "2", "5s", "unlimited", "1m");
        BackoffPolicy.Builder copy = BackoffPolicy.builder(Kind.FULL_JITTER);
        policy.parameters().forEach(p -> copy.set(p.key(), p.text()));
        assertThat(copy.build()).isEqualTo(policy);
        assertThat(BackoffPolicy.sdkStandard().parameters()).extracting(BackoffPolicy.Parameter::key)
                .containsExactly("base", "throttlingBase", "cap", "maxAttempts");
    }

    @Test
    void shouldRejectNonPositiveBase() {
        assertThatThrownBy(() -> BackoffPolicy.builder(Kind.EXPONENTIAL).base(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("base must be > 0, was 0");
        assertThatThrownBy(() -> BackoffPolicy.builder(Kind.FIXED).base(Duration.ofMillis(-5)))
                .hasMessage("base must be > 0, was -5ms");
    }

    @Test
    void shouldRequireBaseNotAboveCap() {
        assertThatThrownBy(() -> BackoffPolicy.builder(Kind.FULL_JITTER).base(Duration.ofSeconds(30)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("base (30s) must be <= cap (20s)");
        assertThatThrownBy(() -> BackoffPolicy.builder(Kind.SDK_STANDARD).cap(Duration.ofMillis(500)).build())
                .hasMessage("throttlingBase (1s) must be <= cap (500ms)");
        assertThat(BackoffPolicy.builder(Kind.FULL_JITTER).base(Duration.ofSeconds(30)).cap(Duration.ofMinutes(1)).build()
                .base()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldRequireGrowingMultiplierAndAtLeastOneAttempt() {
        assertThatThrownBy(() -> BackoffPolicy.builder(Kind.EXPONENTIAL).multiplier(1))
                .hasMessage("multiplier must be > 1, was 1.0");
        assertThatThrownBy(() -> BackoffPolicy.builder(Kind.EXPONENTIAL).maxAttempts(0))
                .hasMessage("maxAttempts must be >= 1, was 0");
        assertThatThrownBy(() -> BackoffPolicy.builder(Kind.EXPONENTIAL).set("maxAttempts", "many"))
                .hasMessage("maxAttempts must be a whole number or 'unlimited', was 'many'");
        assertThatThrownBy(() -> BackoffPolicy.builder(Kind.EXPONENTIAL).set("base", "soon"))
                .hasMessage("'soon' is not a duration (use e.g. 250ms, 1.5s, 5m, 1h or PT2S)");
    }

    @Test
    void shouldRejectParametersThatDoNotApply() {
        assertThatThrownBy(() -> BackoffPolicy.builder(Kind.NONE).cap(Duration.ofSeconds(1)))
                .hasMessage("parameter 'cap' does not apply to policy 'none' (parameters: maxAttempts, maxTotalWait)");
        assertThatThrownBy(() -> BackoffPolicy.builder(Kind.FULL_JITTER).set("throttlingBase", "1s"))
                .hasMessageContaining("does not apply to policy 'full_jitter'");
        assertThatThrownBy(() -> Kind.of("fast"))
                .hasMessageStartingWith("unknown policy 'fast' (expected one of none, fixed, exponential");
    }

    @Test
    void delayRejectsOutOfRangeArguments() {
        BackoffPolicy policy = BackoffPolicy.defaults(Kind.FULL_JITTER);
        assertThatThrownBy(() -> policy.delayNanos(0, 0, 0.5, false)).hasMessage("retry must be >= 1, was 0");
        assertThatThrownBy(() -> policy.delayNanos(1, 0, 1.5, false)).hasMessage("random01 must be in [0, 1], was 1.5");
    }

    @Test
    void parseReadsBackWhatToStringWrites() {
        for (BackoffPolicy policy : BackoffPolicy.catalog()) {
            assertThat(BackoffPolicy.parse(policy.toString())).isEqualTo(policy);
            assertThat(BackoffPolicy.parse(policy.id())).isEqualTo(policy);
        }
        BackoffPolicy custom = BackoffPolicy.parse("full_jitter(base=250ms, cap=5s, maxAttempts=6)");
        assertThat(custom.toString()).isEqualTo("full_jitter(base=250ms, multiplier=2, cap=5s, maxAttempts=6, maxTotalWait=unlimited)");
        assertThatThrownBy(() -> BackoffPolicy.parse("full_jitter(base)")).hasMessage("'base' is not key=value");
        assertThatThrownBy(() -> BackoffPolicy.parse("full_jitter(base=1s")).hasMessageContaining("lacks the closing ')'");
    }
}
