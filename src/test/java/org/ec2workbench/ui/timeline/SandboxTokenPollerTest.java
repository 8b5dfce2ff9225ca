package org.ec2workbench.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.RequestBuckets;
import org.ec2workbench.ec2.BucketCategory;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.ec2workbench.sandbox.throttle.Throttler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** The strip's second series: the embedded sandbox's tokens, polled from a real sandbox after a real burst. */
class SandboxTokenPollerTest {

    @Test
    void afterABurstTheStripsTokenSeriesDropsBelowCapacity() {
        AttemptStore store = new AttemptStore();
        TimelineModel model = new TimelineModel(store);
        model.stripBucketProperty().set(RequestBuckets.NON_MUTATING);
        try (Sandbox sandbox = Sandbox.builder().preset(Preset.LESSON).seed(3).build().start();
             Ec2Client ec2 = client(sandbox);
             SandboxTokenPoller poller = new SandboxTokenPoller(Runnable::run, Clock.systemUTC(), model::recordTokens)) {
            assertThat(poller.poll()).as("no source yet (as for AWS)").isFalse();
            poller.setSource(sandbox::buckets);
            long before = nowMicros();

            int throttled = 0;
            for (int i = 0; i < 40; i++) {
                try {
                    ec2.describeVolumes(r -> r.filters(f -> f.name("status").values("available")));
                } catch (Ec2Exception e) {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
                    throttled++;
                }
            }
            assertThat(throttled).as("the lesson preset's 30-token bucket throttles a burst of 40").isPositive();
            assertThat(poller.poll()).isTrue();

            TokenLevels.Series series = model.tokenSeries(new TimeRange(before, nowMicros() + 1)).orElseThrow();
            assertThat(series.capacity()).isEqualTo(30);
            assertThat(series.latest().lowest()).isEqualTo("DescribeVolumes");
            assertThat(Arrays.stream(series.tokens()).min().orElseThrow()).isLessThan(series.capacity() - 5);
            assertThat(model.tokensShownProperty().get()).isTrue();

            poller.setSource(null);
            long samples = model.tokenSamplesProperty().get();
            assertThat(poller.poll()).as("switched to AWS: nothing asked").isFalse();
            assertThat(model.tokenSamplesProperty().get()).isEqualTo(samples);
        }
    }

    @Test
    void aCategoryShowsItsLowestActionBucketAndResourceBucketsAreLeftOut() {
        Map<String, TokenLevels.Level> levels = SandboxTokenPoller.levels(List.of(
                state("DescribeVolumes", BucketCategory.NON_MUTATING, 100, 70),
                state("DescribeImages", BucketCategory.NON_MUTATING, 100, 12.5),
                state("DescribeInstances (unfiltered)", BucketCategory.UNFILTERED_UNPAGINATED, 50, 40),
                state("RunInstances", BucketCategory.UNCATEGORIZED, 5, 1),
                state("RunInstances (resources)", BucketCategory.RESOURCE, 1000, 990)));

        assertThat(levels).containsOnlyKeys(RequestBuckets.NON_MUTATING, RequestBuckets.UNFILTERED_NON_MUTATING,
                "RunInstances");
        assertThat(levels.get(RequestBuckets.NON_MUTATING)).isEqualTo(new TokenLevels.Level(12.5, 100, "DescribeImages"));
        assertThat(levels.get(RequestBuckets.UNFILTERED_NON_MUTATING).tokens()).isEqualTo(40);
        assertThat(levels.get("RunInstances").capacity()).isEqualTo(5);
    }

    @Test
    void aSeriesHoldsTheSamplesOfTheWindowAndOneEitherSide() {
        TokenLevels levels = new TokenLevels();
        for (int s = 0; s < 10; s++) {
            levels.record(s * 1_000_000L, Map.of("mutating", new TokenLevels.Level(s, 50, "CreateTags")));
        }
        TokenLevels.Series series = levels.series("mutating", 3_500_000, 5_500_000).orElseThrow();
        assertThat(series.timesMicros()).containsExactly(3_000_000L, 4_000_000L, 5_000_000L, 6_000_000L);
        assertThat(series.latest().tokens()).isEqualTo(6);
        assertThat(levels.series("non-mutating", 0, 10_000_000)).isEmpty();
        assertThatThrownBy(() -> new TokenLevels.Level(51, 50, "CreateTags")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Throttler.BucketState state(String name, BucketCategory category, double capacity, double tokens) {
        return new Throttler.BucketState("123456789012", "us-east-1", name, category, capacity, capacity / 10, tokens);
    }

    private static long nowMicros() {
        java.time.Instant now = Clock.systemUTC().instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private static Ec2Client client(Sandbox sandbox) {
        Credentials keys = sandbox.defaultCredentials();
        return ClientFactory.builder(Connection.sandbox(sandbox.endpoint(), "us-east-1", keys.accessKeyId(),
                keys.secretAccessKey())).retryStrategy(
                        software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()).build().ec2();
    }
}
