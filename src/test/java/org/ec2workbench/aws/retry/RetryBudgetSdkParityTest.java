package org.ec2workbench.aws.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.Classification;
import org.ec2workbench.backoff.RetryBudget;
import org.ec2workbench.backoff.RetryPlan;
import org.ec2workbench.backoff.VirtualClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The engine's retry budget (through its SDK adapter) against the SDK's standard strategy: the same
 * random sequence of calls, failures and successes must be refused at exactly the same points.
 */
class RetryBudgetSdkParityTest {

    private static final class Throttled extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static final class Broken extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** Whether {@code strategy} lets the call holding {@code token} retry; returns the new token or null. */
    private static RetryToken refresh(RetryStrategy strategy, RetryToken token, RuntimeException failure) {
        try {
            return strategy.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(failure).build())
                    .token();
        } catch (TokenAcquisitionFailedException e) {
            return null;
        }
    }

    @Test
    void refusesRetriesAtTheSamePointsAsTheSdkStandardQuota() {
        for (long seed = 1; seed <= 10; seed++) {
            RetryStrategy sdk = DefaultRetryStrategy.standardStrategyBuilder()
                    .backoffStrategy(BackoffStrategy.retryImmediately())
                    .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                    .retryOnException(failure -> true)
                    .treatAsThrottling(Throttled.class::isInstance)
                    .build();
            RetryPlan plan = RetryPlan.builder(BackoffPolicy.sdkStandard()).clock(new VirtualClock())
                    .budget(RetryBudget.sdkStandard()).build();
            RetryStrategy engine = EngineRetryStrategy.builder(plan)
                    .classifier(failure -> failure instanceof Throttled ? Classification.THROTTLING : Classification.RETRYABLE)
                    .build();
            SplittableRandom random = new SplittableRandom(seed);
            int refusals = 0;
            for (int call = 0; call < 600; call++) {
                AcquireInitialTokenRequest scope = AcquireInitialTokenRequest.create("parity");
                RetryToken sdkToken = sdk.acquireInitialToken(scope).token();
                RetryToken engineToken = engine.acquireInitialToken(scope).token();
                int failures = random.nextInt(10) < 7 ? random.nextInt(1, 4) : 0;
                boolean gaveUp = false;
                for (int failure = 0; failure < failures && !gaveUp; failure++) {
                    Supplier<RuntimeException> error = random.nextBoolean() ? Throttled::new : Broken::new;
                    RuntimeException thrown = error.get();
                    sdkToken = refresh(sdk, sdkToken, thrown);
                    engineToken = refresh(engine, engineToken, thrown);
                    assertThat(engineToken == null).as("seed %d call %d failure %d", seed, call, failure)
                            .isEqualTo(sdkToken == null);
                    gaveUp = sdkToken == null;
                    // The third failure hits maxAttempts; earlier refusals can only be the empty quota.
                    refusals += gaveUp && failure < 2 ? 1 : 0;
                }
                if (!gaveUp) {
                    sdk.recordSuccess(RecordSuccessRequest.create(sdkToken));
                    engine.recordSuccess(RecordSuccessRequest.create(engineToken));
                }
            }
            assertThat(refusals).as("quota refusals in seed %d", seed).isGreaterThan(10);
        }
    }
}
