package org.ec2workbench.sandbox.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import org.ec2workbench.backoff.VirtualClock;
import org.ec2workbench.ec2.BucketCatalog;
import org.ec2workbench.ec2.BucketCategory;
import org.ec2workbench.ec2.BucketSpec;
import org.junit.jupiter.api.Test;

class ThrottlerTest {

    private final VirtualClock clock = new VirtualClock();
    private final Throttler throttler = new Throttler(BucketCatalog.standard(), clock, 1, true);

    @Test
    void resourceBucketsDrainByInstanceCountAndRefill() {
        assertThat(throttler.tryResources("a", "us-east-1", "RunInstances", 1000)).isTrue();
        assertThat(throttler.tryResources("a", "us-east-1", "RunInstances", 1)).isFalse();
        clock.advance(1_000_000_000L);
        assertThat(throttler.tryResources("a", "us-east-1", "RunInstances", 2)).isTrue();
        assertThat(throttler.tryResources("a", "us-east-1", "RunInstances", 1)).isFalse();
        throttler.refundResources("a", "us-east-1", "RunInstances", 5);
        assertThat(throttler.tryResources("a", "us-east-1", "RunInstances", 5)).isTrue();
        assertThat(throttler.tryResources("a", "us-east-1", "TerminateInstances", 1000)).isTrue();
        assertThat(throttler.tryResources("a", "us-east-1", "DescribeInstances", 1_000_000)).as("no resource bucket")
                .isTrue();
    }

    @Test
    void bucketsArePerAccountRegionAndAction() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttler.tryRequest("a", "us-east-1", "RunInstances", false)).isTrue();
        }
        assertThat(throttler.tryRequest("a", "us-east-1", "RunInstances", false)).isFalse();
        assertThat(throttler.tryRequest("b", "us-east-1", "RunInstances", false)).isTrue();
        assertThat(throttler.tryRequest("a", "eu-west-1", "RunInstances", false)).isTrue();
        assertThat(throttler.tryRequest("a", "us-east-1", "CreateTags", false)).isTrue();
        assertThat(throttler.snapshot()).extracting(Throttler.BucketState::name)
                .contains("RunInstances", "CreateTags");
    }

    @Test
    void incidentMakesEveryRequestCostMore() {
        throttler.setIncidentFactor(25);
        int ok = 0;
        while (throttler.tryRequest("a", "us-east-1", "DescribeImages", true)) {
            ok++;
        }
        assertThat(ok).isEqualTo(4);
        Throttler calm = new Throttler(BucketCatalog.standard(), clock, 1, false);
        for (int i = 0; i < 10_000; i++) {
            assertThat(calm.tryRequest("a", "us-east-1", "RunInstances", false)).isTrue();
        }
    }
}
