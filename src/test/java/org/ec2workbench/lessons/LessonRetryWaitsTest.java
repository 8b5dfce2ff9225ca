package org.ec2workbench.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ec2workbench.backoff.BackoffPolicy;
import org.junit.jupiter.api.Test;

/** The engine's retry waits recorded per run, headless against the lessons' real sandboxes. */
class LessonRetryWaitsTest {

    @Test
    void burstLessonRecordsEveryWaitOfBothStrategiesWithinItsPolicysEnvelope() {
        List<RetryWait> waits = waitsOf("describe-burst");

        assertThat(waits).extracting(RetryWait::strategy).containsOnly("Full jitter", "Full jitter + adaptive limiter")
                .contains("Full jitter", "Full jitter + adaptive limiter");
        assertThat(waits).extracting(RetryWait::step).as("the two retrying steps").containsOnly(1, 2);
        assertWithinEnvelope(waits);
    }

    @Test
    void sameSeedsGiveTheSameWaits() {
        List<RetryWait> first = waitsOf("describe-burst");
        List<RetryWait> second = waitsOf("describe-burst");

        assertThat(first).isNotEmpty();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void retryStormRecordsTheLockstepAndTheJitteredWaits() {
        List<RetryWait> waits = waitsOf("retry-storm");

        assertThat(waits).extracting(RetryWait::strategy)
                .contains("Exponential (no jitter)", "Full jitter + retry budget + adaptive limiter");
        assertWithinEnvelope(waits);
    }

    @Test
    void pollingLessonRecordsOneIntervalPerNotFoundOfThePoller() {
        try (LessonRun run = Lessons.find("describe-after-run").orElseThrow().newRun(LessonSettings.defaults())) {
            LessonRun.Result result = run.runAll();
            List<RetryWait> waits = run.retryWaits();
            // notFoundCount includes the Describe sent at once, before the poller started.
            int notFound = (int) Math.round(number(result, "notFoundCount")) - 1;

            assertThat(waits).hasSize(notFound);
            assertThat(waits).extracting(RetryWait::strategy).containsOnly("EC2 guidance, polling");
            assertThat(waits).extracting(RetryWait::retry).containsExactly(
                    java.util.stream.IntStream.rangeClosed(1, notFound).boxed().toArray(Integer[]::new));
            assertWithinEnvelope(waits);
        }
    }

    @Test
    void lessonWhoseCallsNeverRetryRecordsNoWaits() {
        assertThat(waitsOf("filtered-vs-unfiltered")).isEmpty();
    }

    @Test
    void resetForgetsTheWaitsOfTheRunBefore() {
        try (LessonRun run = Lessons.find("describe-after-run").orElseThrow().newRun(LessonSettings.defaults())) {
            run.runAll();
            assertThat(run.retryWaits()).isNotEmpty();
            run.reset();
            assertThat(run.retryWaits()).isEmpty();
        }
    }

    private static double number(LessonRun.Result result, String name) {
        return result.observations().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow().number();
    }

    private static List<RetryWait> waitsOf(String id) {
        try (LessonRun run = Lessons.find(id).orElseThrow().newRun(LessonSettings.defaults())) {
            LessonRun.Result result = run.runAll();
            assertThat(result.verdict().occurred()).as(result.verdict().summary()).isTrue();
            return run.retryWaits();
        }
    }

    private static void assertWithinEnvelope(List<RetryWait> waits) {
        assertThat(waits).isNotEmpty();
        for (RetryWait w : waits) {
            BackoffPolicy.Bounds bounds = w.policy().envelope(w.retry(), w.throttling()).get(w.retry() - 1);
            assertThat(w.backoff()).as("wait %s of %s", w.retry(), w.strategy())
                    .isBetween(bounds.min(), bounds.max());
        }
    }
}
