package org.ec2workbench.backoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoodputRateLimiterTest {

    private static final long MS = 1_000_000L;
    private final VirtualClock clock = new VirtualClock();

    @Test
    void letsEverythingThroughUntilTheFirstThrottle() {
        GoodputRateLimiter limiter = GoodputRateLimiter.withDefaults(clock);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.acquireDelayNanos()).isZero();
        }
        assertThat(limiter.enabled()).isFalse();
    }

    @Test
    void pacesAtTheGoodputMeasuredSinceTheLastCut() {
        GoodputRateLimiter limiter = GoodputRateLimiter.builder(clock).anchor(1.0).probe(0).build();
        limiter.onThrottle();
        // The server grants 20 successes over the next second.
        for (int i = 0; i < 20; i++) {
            clock.advance(50 * MS);
            limiter.onSuccess();
        }
        limiter.onThrottle();
        assertThat(limiter.fillRate()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aClusterOfThrottlesWithinTheReactionTimeCutsOnce() {
        GoodputRateLimiter limiter = GoodputRateLimiter.builder(clock).anchor(1.0).probe(0).build();
        limiter.onThrottle();
        for (int i = 0; i < 10; i++) {
            clock.advance(100 * MS);
            limiter.onSuccess();
        }
        limiter.onThrottle();
        double afterFirstCut = limiter.fillRate();
        for (int i = 0; i < 50; i++) {
            clock.advance(MS);
            limiter.onThrottle();
        }
        assertThat(limiter.fillRate()).isEqualTo(afterFirstCut);
    }

    @Test
    void spacesReservationsAtItsRate() {
        GoodputRateLimiter limiter = GoodputRateLimiter.builder(clock).anchor(1.0).probe(0).build();
        limiter.onThrottle();
        for (int i = 0; i < 10; i++) {
            clock.advance(100 * MS);
            limiter.onSuccess();
        }
        limiter.onThrottle();
        assertThat(limiter.fillRate()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(limiter.acquireDelayNanos()).isEqualTo(100 * MS);
        assertThat(limiter.acquireDelayNanos()).isEqualTo(200 * MS);
    }

    @Test
    void probesUpwardBetweenThrottles() {
        GoodputRateLimiter limiter = GoodputRateLimiter.builder(clock).anchor(1.0).probe(0.01).build();
        limiter.onThrottle();
        for (int i = 0; i < 10; i++) {
            clock.advance(100 * MS);
            limiter.onSuccess();
        }
        limiter.onThrottle();
        clock.advance(10_000 * MS);
        limiter.onSuccess();
        assertThat(limiter.fillRate()).isCloseTo(10 * Math.exp(0.1), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void shouldRejectAnAnchorAboveOne() {
        assertThatThrownBy(() -> GoodputRateLimiter.builder(clock).anchor(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("anchor must be in (0, 1], was 1.5");
    }
}
