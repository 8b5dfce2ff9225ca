package org.ec2workbench.backoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    @Test
    void sdkStandardDefaultsAllowOneHundredRetriesThenRefuse() {
        RetryBudget budget = RetryBudget.sdkStandard();
        for (int i = 0; i < 100; i++) {
            assertThat(budget.tryAcquire(Classification.RETRYABLE)).isEqualTo(5);
        }
        assertThat(budget.tokens()).isZero();
        assertThat(budget.tryAcquire(Classification.THROTTLING)).isEqualTo(-1);
    }

    @Test
    void timeoutsCostTenAndLegacyThrottlingIsFree() {
        assertThat(RetryBudget.sdkStandard().costOf(Classification.TIMEOUT)).isEqualTo(10);
        RetryBudget legacy = RetryBudget.sdkLegacy();
        assertThat(legacy.tryAcquire(Classification.THROTTLING)).isZero();
        assertThat(legacy.tokens()).isEqualTo(500);
    }

    @Test
    void successRefundsLastRetryCostOrOneButNeverPastCapacity() {
        RetryBudget budget = RetryBudget.sdkStandard();
        budget.recordSuccess(0);
        assertThat(budget.tokens()).isEqualTo(500);
        budget.tryAcquire(Classification.RETRYABLE);
        budget.tryAcquire(Classification.TIMEOUT);
        assertThat(budget.tokens()).isEqualTo(485);
        budget.recordSuccess(10);
        assertThat(budget.tokens()).isEqualTo(495);
        budget.recordSuccess(0);
        assertThat(budget.tokens()).isEqualTo(496);
    }

    @Test
    void shouldRejectNegativeCosts() {
        assertThatThrownBy(() -> RetryBudget.builder().retryCost(-1)).hasMessage("retryCost must be >= 0, was -1");
        assertThatThrownBy(() -> RetryBudget.builder().capacity(0)).hasMessage("capacity must be >= 1, was 0");
    }
}
