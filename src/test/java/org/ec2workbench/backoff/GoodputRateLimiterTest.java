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
        GoodputRateLimiter limiter = GoodputRateLimiter.builder(clock).anchor(1.0).probe(0).reactionSeconds(0.2).build();
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
    void aKnownBucketIsMirroredFromTheFirstSendWithoutWaitingForAThrottle() {
        GoodputRateLimiter limiter = GoodputRateLimiter.builder(clock).knownBucket(100, 20).build();
        clock.advance(5_000 * MS); // building the client took a while: no credit for that
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquireDelayNanos()).as("burst %d", i).isZero();
        }
        assertThat(limiter.acquireDelayNanos()).isEqualTo(50 * MS);
        assertThat(limiter.fillRate()).isEqualTo(20.0);
    }

    @Test
    void anIsolatedThrottleResyncsTheMirrorButRepeatedOnesSwitchToGoodput() {
        GoodputRateLimiter limiter = GoodputRateLimiter.builder(clock).knownBucket(100, 20).build();
        limiter.acquireDelayNanos();
        clock.advance(10_000 * MS);
        limiter.onThrottle();
        assertThat(limiter.fillRate()).as("still the documented rate").isEqualTo(20.0);
        assertThat(limiter.acquireDelayNanos()).as("the mirror was emptied").isEqualTo(50 * MS);
        // Someone else drains the bucket: only 5 successes a second get through, and throttles keep coming.
        for (int i = 0; i < 5; i++) {
            clock.advance(200 * MS);
            limiter.onSuccess();
        }
        limiter.onThrottle();
        assertThat(limiter.fillRate()).isCloseTo(5 * 0.98, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldRejectAnAnchorAboveOne() {
        assertThatThrownBy(() -> GoodputRateLimiter.builder(clock).anchor(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("anchor must be in (0, 1], was 1.5");
    }
}
