package org.ec2workbench.backoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.ec2workbench.backoff.BackoffPolicy.Kind;
import org.junit.jupiter.api.Test;

class DelayDistributionTest {

    @Test
    void fullJitterPercentilesSitAtTheirShareOfTheCeiling() {
        List<DelayDistribution.Band> bands = DelayDistribution.sample(BackoffPolicy.defaults(Kind.FULL_JITTER), 4,
                20_000, new SplittableRandom(11), false);
        DelayDistribution.Band fourth = bands.get(3);
        // Retry 4's ceiling is 800 ms; uniform delays put p5/p50/p95 near 40, 400 and 760 ms.
        assertThat(fourth.p5().toMillis()).isBetween(30L, 50L);
        assertThat(fourth.p50().toMillis()).isBetween(385L, 415L);
        assertThat(fourth.p95().toMillis()).isBetween(750L, 770L);
        assertThat(fourth.cumulativeP50()).isGreaterThan(fourth.p50());
    }

    @Test
    void bandsLieInsideTheExactEnvelope() {
        for (BackoffPolicy policy : BackoffPolicy.catalog()) {
            List<BackoffPolicy.Bounds> envelope = policy.envelope(8, true);
            List<DelayDistribution.Band> bands = DelayDistribution.sample(policy, 8, 500, new SplittableRandom(2), true);
            for (int i = 0; i < 8; i++) {
                Duration min = envelope.get(i).min();
                Duration max = envelope.get(i).max();
                assertThat(bands.get(i).p5()).isBetween(min, max);
                assertThat(bands.get(i).p95()).isBetween(min, max);
            }
        }
    }
}
