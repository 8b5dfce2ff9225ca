package org.ec2workbench.backoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.ec2workbench.backoff.BackoffPolicy.Kind;
import org.ec2workbench.backoff.Poller.PollState;
import org.junit.jupiter.api.Test;

class PollerTest {

    private final VirtualClock clock = new VirtualClock();

    private static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private Poller.Builder poller(BackoffPolicy policy) {
        return Poller.builder(policy).clock(clock).random(new SplittableRandom(1))
                .classifier(Classifier.ofFailures(f -> f instanceof NotFound ? Classification.NOT_YET_VISIBLE
                        : Classification.TERMINAL));
    }

    private static BackoffPolicy exponential() {
        return BackoffPolicy.builder(Kind.EXPONENTIAL).base(Duration.ofSeconds(1)).cap(Duration.ofSeconds(8))
                .unlimitedAttempts().build();
    }

    @Test
    void notYetVisibleErrorsKeepItPollingAtIncreasingIntervals() {
        AtomicInteger probes = new AtomicInteger();
        List<Long> probeTimes = new ArrayList<>();
        Poller.Result<String> result = poller(exponential()).build().poll(() -> {
            probeTimes.add(clock.nanoTime());
            int n = probes.incrementAndGet();
            if (n <= 2) {
                throw new NotFound();
            }
            return n < 5 ? "pending" : "running";
        }, state -> state.equals("running") ? PollState.DONE : PollState.CONTINUE);
        assertThat(result.status()).isEqualTo(Poller.Status.SATISFIED);
        assertThat(result.value()).isEqualTo("running");
        assertThat(result.polls()).isEqualTo(5);
        assertThat(probeTimes).containsExactly(0L, 1_000_000_000L, 3_000_000_000L, 7_000_000_000L, 15_000_000_000L);
        assertThat(result.elapsed()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void stopsOnATerminalState() {
        Poller.Result<String> result = poller(exponential()).build().poll(() -> "terminated",
                state -> state.equals("terminated") ? PollState.TERMINAL : PollState.CONTINUE);
        assertThat(result.status()).isEqualTo(Poller.Status.TERMINAL_STATE);
        assertThat(result.polls()).isEqualTo(1);
    }

    @Test
    void stopsOnATerminalError() {
        Poller.Result<String> result = poller(exponential()).build().poll(() -> {
            throw new IllegalArgumentException("malformed id");
        }, state -> PollState.DONE);
        assertThat(result.status()).isEqualTo(Poller.Status.FAILED);
        assertThat(result.lastFailure()).hasMessage("malformed id");
    }

    @Test
    void lastProbeLandsOnTheDeadlineThenTimesOut() {
        List<Long> probeTimes = new ArrayList<>();
        Poller.Result<String> result = poller(exponential()).maxTotalWait(Duration.ofSeconds(10)).build().poll(() -> {
            probeTimes.add(clock.nanoTime());
            return "pending";
        }, state -> PollState.CONTINUE);
        assertThat(result.status()).isEqualTo(Poller.Status.TIMED_OUT);
        assertThat(probeTimes).containsExactly(0L, 1_000_000_000L, 3_000_000_000L, 7_000_000_000L, 10_000_000_000L);
    }

    @Test
    void attemptsOfThePolicyBoundThePolls() {
        BackoffPolicy policy = BackoffPolicy.builder(Kind.FIXED).base(Duration.ofSeconds(15)).maxAttempts(40).build();
        Poller.Result<String> result = poller(policy).build().poll(() -> "pending", state -> PollState.CONTINUE);
        assertThat(result.status()).isEqualTo(Poller.Status.ATTEMPTS_EXHAUSTED);
        assertThat(result.polls()).isEqualTo(40);
        assertThat(result.elapsed()).isEqualTo(Duration.ofSeconds(15 * 39));
    }
}
