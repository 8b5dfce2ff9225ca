package org.ec2workbench.backoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdaptiveRateLimiterTest {

    private static final long MS = 1_000_000L;
    private final VirtualClock clock = new VirtualClock();

    /** Sends at {@code perSecond} for {@code seconds}, all successes. */
    private void send(AdaptiveRateLimiter limiter, int perSecond, int seconds) {
        for (int i = 0; i < perSecond * seconds; i++) {
            clock.advance(1000 * MS / perSecond);
            limiter.onSuccess();
        }
    }

    @Test
    void letsEverythingThroughUntilTheFirstThrottle() {
        AdaptiveRateLimiter limiter = AdaptiveRateLimiter.sdkDefaults(clock);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.acquireDelayNanos()).isZero();
        }
        assertThat(limiter.enabled()).isFalse();
    }

    @Test
    void throttleCutsTheRateToBetaTimesTheMeasuredRate() {
        AdaptiveRateLimiter limiter = AdaptiveRateLimiter.sdkDefaults(clock);
        send(limiter, 20, 5);
        double measured = limiter.measuredRate();
        assertThat(measured).isCloseTo(20, within(1.0));
        limiter.onThrottle();
        assertThat(limiter.enabled()).isTrue();
        assertThat(limiter.lastMaxRate()).isCloseTo(measured, within(1.0));
        assertThat(limiter.fillRate()).isCloseTo(0.7 * limiter.lastMaxRate(), within(1e-9));
    }

    @Test
    void pacesAtTheFillRateOnceEnabled() {
        AdaptiveRateLimiter limiter = AdaptiveRateLimiter.sdkDefaults(clock);
        send(limiter, 20, 5);
        limiter.onThrottle();
        double rate = limiter.fillRate();
        int free = 0;
        while (limiter.acquireDelayNanos() == 0) {
            free++;
        }
        assertThat(free).as("tokens banked before the throttle").isLessThanOrEqualTo((int) Math.ceil(rate));
        long previous = limiter.acquireDelayNanos();
        for (int i = 0; i < 10; i++) {
            long next = limiter.acquireDelayNanos();
            // Each further token reserved at the same instant waits one more refill period.
            assertThat((next - previous) / 1e9).isCloseTo(1 / rate, within(1e-6));
            previous = next;
        }
    }

    @Test
    void successesGrowTheRateBackAlongTheCubicCurve() {
        AdaptiveRateLimiter limiter = AdaptiveRateLimiter.sdkDefaults(clock);
        send(limiter, 20, 5);
        limiter.onThrottle();
        double afterThrottle = limiter.fillRate();
        send(limiter, 14, 2);
        double early = limiter.fillRate();
        send(limiter, 14, 6);
        double later = limiter.fillRate();
        assertThat(early).isGreaterThan(afterThrottle * 0.99);
        assertThat(later).isGreaterThan(early);
    }

    @Test
    void neverPacesBelowTheMinimumRate() {
        AdaptiveRateLimiter limiter = AdaptiveRateLimiter.sdkDefaults(clock);
        for (int i = 0; i < 50; i++) {
            clock.advance(100 * MS);
            limiter.onThrottle();
        }
        assertThat(limiter.fillRate()).isEqualTo(0.5);
    }

    @Test
    void shouldRejectBetaOutsideTheUnitInterval() {
        assertThatThrownBy(() -> AdaptiveRateLimiter.builder(clock).beta(1)).hasMessage("beta must be in (0, 1), was 1.0");
    }

    @Test
    void registryKeepsOneLimiterPerCategory() {
        RateLimiterRegistry registry = RateLimiterRegistry.sdkDefaults(clock);
        assertThat(registry.forCategory("describe")).isSameAs(registry.forCategory("describe"))
                .isNotSameAs(registry.forCategory("mutating"));
        registry.forCategory("describe").onThrottle();
        assertThat(registry.forCategory("mutating").enabled()).isFalse();
    }
}
