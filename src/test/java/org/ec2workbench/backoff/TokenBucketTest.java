package org.ec2workbench.backoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final VirtualClock clock = new VirtualClock();

    @Test
    void startsFullAndEmptiesAfterCapacityAcquisitions() {
        TokenBucket bucket = new TokenBucket(clock, 100, 20);
        for (int i = 0; i < 100; i++) {
            assertThat(bucket.tryAcquire(1)).as("acquisition %d", i).isTrue();
        }
        assertThat(bucket.tryAcquire(1)).isFalse();
    }

    @Test
    void refillsAtItsRateUpToCapacity() {
        TokenBucket bucket = new TokenBucket(clock, 5, 2);
        bucket.take(5);
        clock.advance(1_000_000_000L);
        assertThat(bucket.tokens()).isEqualTo(2.0);
        clock.advance(60_000_000_000L);
        assertThat(bucket.tokens()).isEqualTo(5.0);
    }

    @Test
    void fractionalRefillAccumulates() {
        TokenBucket bucket = new TokenBucket(clock, 1, 0.1);
        assertThat(bucket.tryAcquire(1)).isTrue();
        clock.advance(9_000_000_000L);
        assertThat(bucket.tryAcquire(1)).isFalse();
        clock.advance(1_000_000_000L);
        assertThat(bucket.tryAcquire(1)).isTrue();
    }

    @Test
    void nanosUntilTellsWhenTokensReturn() {
        TokenBucket bucket = new TokenBucket(clock, 10, 5);
        bucket.take(10);
        assertThat(bucket.nanosUntil(1)).isEqualTo(200_000_000L);
        assertThat(bucket.nanosUntil(11)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldRejectNonPositiveCapacity() {
        assertThatThrownBy(() -> new TokenBucket(clock, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity must be > 0");
    }
}
