package org.ec2workbench.aws.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.ec2workbench.backoff.AdaptiveRateLimiter;
import org.ec2workbench.backoff.VirtualClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.internal.ratelimiter.RateLimiterTokenBucket;
import software.amazon.awssdk.retries.internal.ratelimiter.RateLimiterTokenBucketStore;
import software.amazon.awssdk.retries.internal.ratelimiter.RateLimiterUpdateResponse;

/**
 * The engine's CUBIC limiter against the SDK's own adaptive-mode token bucket: the same random sequence
 * of sends, throttles and successes on the same virtual clock must give the same rates and waits.
 */
class AdaptiveRateLimiterSdkParityTest {

    @Test
    void matchesTheSdkAdaptiveBucketStepForStep() {
        for (long seed = 1; seed <= 20; seed++) {
            VirtualClock clock = new VirtualClock();
            clock.advance(1_000_000_000L * seed);
            RateLimiterTokenBucket sdk = RateLimiterTokenBucketStore.builder().clock(() -> clock.nanoTime() / 1e9).build()
                    .tokenBucketForScope("parity");
            AdaptiveRateLimiter engine = AdaptiveRateLimiter.sdkDefaults(clock);
            SplittableRandom random = new SplittableRandom(seed);
            for (int step = 0; step < 2_000; step++) {
                clock.advance(random.nextLong(1_000_000L, 200_000_000L));
                int action = random.nextInt(10);
                if (action < 4) {
                    long sdkWait = sdk.tryAcquire().delay().toNanos();
                    long engineWait = engine.acquireDelayNanos();
                    assertThat((double) engineWait).as("seed %d step %d wait", seed, step)
                            .isCloseTo(sdkWait, within(2_000.0));
                } else {
                    RateLimiterUpdateResponse update = action < 5 ? sdk.updateRateAfterThrottling() : sdk.updateRateAfterSuccess();
                    if (action < 5) {
                        engine.onThrottle();
                    } else {
                        engine.onSuccess();
                    }
                    assertThat(engine.fillRate()).as("seed %d step %d fill rate", seed, step)
                            .isCloseTo(update.fillRate(), within(1e-9));
                    assertThat(engine.measuredRate()).as("seed %d step %d measured rate", seed, step)
                            .isCloseTo(update.measuredTxRate(), within(1e-9));
                }
            }
        }
    }
}
