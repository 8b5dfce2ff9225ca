package org.ec2workbench.aws.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.ec2workbench.backoff.BackoffPolicy;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * The engine's SDK curves against the SDK's own backoff strategies with the constants of its standard and
 * legacy modes: every SDK delay lies inside the engine's exact envelope, and the SDK's draws reach both
 * ends of it. (SDK attempt n is the attempt about to start, so engine retry n−1.)
 */
class SdkCurveParityTest {

    private static void assertSameEnvelope(BackoffStrategy sdk, BackoffPolicy policy, boolean throttling) {
        List<BackoffPolicy.Bounds> envelope = policy.envelope(12, throttling);
        for (int retry = 1; retry <= 12; retry++) {
            Duration min = envelope.get(retry - 1).min();
            Duration max = envelope.get(retry - 1).max();
            Duration lowest = Duration.ofDays(1);
            Duration highest = Duration.ZERO;
            for (int sample = 0; sample < 3_000; sample++) {
                Duration delay = sdk.computeDelay(retry + 1);
                assertThat(delay).as("%s retry %d", policy.id(), retry).isBetween(min, max);
                lowest = delay.compareTo(lowest) < 0 ? delay : lowest;
                highest = delay.compareTo(highest) > 0 ? delay : highest;
            }
            // The SDK draws whole milliseconds below the ceiling; the engine's bounds are the continuous ends.
            Duration slack = max.minus(min).dividedBy(50).plusMillis(1);
            assertThat(lowest).isLessThanOrEqualTo(min.plus(slack));
            assertThat(highest).isGreaterThanOrEqualTo(max.minus(slack));
        }
    }

    @Test
    void standardModeCurvesMatch() {
        assertSameEnvelope(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(20)),
                BackoffPolicy.sdkStandard(), false);
        assertSameEnvelope(BackoffStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(20)),
                BackoffPolicy.sdkStandard(), true);
    }

    @Test
    void legacyModeCurvesMatch() {
        assertSameEnvelope(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(20)),
                BackoffPolicy.sdkLegacy(), false);
        assertSameEnvelope(BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(500), Duration.ofSeconds(20)),
                BackoffPolicy.sdkLegacy(), true);
    }
}
