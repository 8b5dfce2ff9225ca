package org.ec2workbench.aws.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.Classification;
import org.ec2workbench.backoff.RetryController;
import org.ec2workbench.backoff.RetryPlan;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The backoff engine as an AWS SDK v2 {@link RetryStrategy}: SDK clients built with it retry by a
 * {@link RetryPlan} — its policy's delays, its retry budget, its adaptive limiter — and every decision
 * (attempt granted, failure with its classification, retry with the delay chosen, success, giving up)
 * reaches the plan's listeners. The SDK sleeps exactly the delays returned here.
 *
 * <p>Failures are classified by {@link SdkErrorClassifier}; "not yet visible" errors ({@code *.NotFound})
 * are terminal unless {@link Builder#retryNotYetVisible(boolean)} is set. Since the strategy classifies
 * by itself, it does not take the client's default retry conditions ({@link #useClientDefaults()} is
 * false). Thread-safe: one strategy serves every call of a client.
 */
public final class EngineRetryStrategy implements RetryStrategy {

    private final RetryPlan plan;
    private final boolean retryNotYetVisible;
    private final List<Predicate<Throwable>> retryOn;
    private final List<Predicate<Throwable>> throttlingOn;
    private final Function<Throwable, Classification> classifier;

    private EngineRetryStrategy(Builder builder) {
        this.plan = builder.plan;
        this.retryNotYetVisible = builder.retryNotYetVisible;
        this.retryOn = List.copyOf(builder.retryOn);
        this.throttlingOn = List.copyOf(builder.throttlingOn);
        this.classifier = builder.classifier;
    }

    /** A builder retrying by {@code plan}. */
    public static Builder builder(RetryPlan plan) {
        return new Builder(plan);
    }

    /** A strategy retrying by {@code plan}. */
    public static EngineRetryStrategy of(RetryPlan plan) {
        return builder(plan).build();
    }

    /** The plan deciding the retries. */
    public RetryPlan plan() {
        return plan;
    }

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
        RetryController call = plan.newCall();
        long delay = call.firstAttemptDelayNanos();
        call.attemptStarted();
        return AcquireInitialTokenResponse.create(new EngineToken(call, request.scope()), Duration.ofNanos(delay));
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
        EngineToken token = tokenOf(request.token());
        Throwable failure = request.failure();
        Classification classification = classify(failure);
        long suggested = request.suggestedDelay().map(Duration::toNanos).orElse(0L);
        RetryController.Decision decision = token.call.onFailure(classification, failure, suggested);
        if (!decision.retry()) {
            throw new TokenAcquisitionFailedException("not retrying after attempt " + token.call.attempt() + " ("
                    + classification + "): " + decision.reason(), token, failure);
        }
        token.call.attemptStarted();
        return RefreshRetryTokenResponse.create(token, Duration.ofNanos(decision.delayNanos()));
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
        EngineToken token = tokenOf(request.token());
        token.call.onSuccess();
        return RecordSuccessResponse.create(token);
    }

    @Override
    public int maxAttempts() {
        return plan.policy().maxAttempts();
    }

    @Override
    public boolean useClientDefaults() {
        return false;
    }

    @Override
    public Builder toBuilder() {
        Builder builder = new Builder(plan);
        builder.retryNotYetVisible = retryNotYetVisible;
        builder.retryOn.addAll(retryOn);
        builder.throttlingOn.addAll(throttlingOn);
        builder.classifier = classifier;
        return builder;
    }

    /** How this strategy classifies {@code failure}. */
    public Classification classify(Throwable failure) {
        for (Predicate<Throwable> throttling : throttlingOn) {
            if (throttling.test(failure)) {
                return Classification.THROTTLING;
            }
        }
        Classification classification = classifier.apply(failure);
        if (classification == Classification.NOT_YET_VISIBLE && !retryNotYetVisible) {
            classification = Classification.TERMINAL;
        }
        if (classification == Classification.TERMINAL) {
            for (Predicate<Throwable> retry : retryOn) {
                if (retry.test(failure)) {
                    return Classification.RETRYABLE;
                }
            }
        }
        return classification;
    }

    private static EngineToken tokenOf(RetryToken token) {
        if (token instanceof EngineToken engineToken) {
            return engineToken;
        }
        throw new IllegalArgumentException("not a token of EngineRetryStrategy: " + token);
    }

    /** One call's retry state, handed back and forth with the SDK. */
    private static final class EngineToken implements RetryToken {
        private final RetryController call;
        private final String scope;

        private EngineToken(RetryController call, String scope) {
            this.call = call;
            this.scope = scope;
        }

        @Override
        public String toString() {
            return "EngineToken(call " + call.callId() + ", attempt " + call.attempt() + ", scope " + scope + ")";
        }
    }

    /** Configures an {@link EngineRetryStrategy}; the SDK's builder contract, on the engine's terms. */
    public static final class Builder implements RetryStrategy.Builder<Builder, EngineRetryStrategy> {
        private RetryPlan plan;
        private boolean retryNotYetVisible;
        private final List<Predicate<Throwable>> retryOn = new ArrayList<>();
        private final List<Predicate<Throwable>> throttlingOn = new ArrayList<>();
        private Function<Throwable, Classification> classifier = SdkErrorClassifier::classify;

        private Builder(RetryPlan plan) {
            this.plan = Objects.requireNonNull(plan, "plan");
        }

        /** Whether {@code *.NotFound} errors are retried as eventual consistency (default: no). */
        public Builder retryNotYetVisible(boolean retry) {
            this.retryNotYetVisible = retry;
            return this;
        }

        /** Replaces the failure classifier (default {@link SdkErrorClassifier#classify}). */
        public Builder classifier(Function<Throwable, Classification> classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /** Failures matching {@code shouldRetry} are retried even when classified terminal. */
        @Override
        public Builder retryOnException(Predicate<Throwable> shouldRetry) {
            retryOn.add(Objects.requireNonNull(shouldRetry, "shouldRetry"));
            return this;
        }

        /** Replaces the plan's policy with a copy allowing {@code maxAttempts} attempts. */
        @Override
        public Builder maxAttempts(int maxAttempts) {
            this.plan = plan.withPolicy(plan.policy().toBuilder().maxAttempts(maxAttempts).build());
            return this;
        }

        /** Unsupported: the engine's delays come from its {@link BackoffPolicy}. */
        @Override
        public Builder backoffStrategy(BackoffStrategy backoffStrategy) {
            throw new UnsupportedOperationException("EngineRetryStrategy takes its delays from its BackoffPolicy ("
                    + plan.policy() + "); build the RetryPlan with the policy you want");
        }

        /** Unsupported: the engine's delays come from its {@link BackoffPolicy}. */
        @Override
        public Builder throttlingBackoffStrategy(BackoffStrategy backoffStrategy) {
            return backoffStrategy(backoffStrategy);
        }

        /** Failures matching {@code treatAsThrottling} count as throttling. */
        @Override
        public Builder treatAsThrottling(Predicate<Throwable> treatAsThrottling) {
            throttlingOn.add(Objects.requireNonNull(treatAsThrottling, "treatAsThrottling"));
            return this;
        }

        /** The strategy. */
        @Override
        public EngineRetryStrategy build() {
            return new EngineRetryStrategy(this);
        }
    }
}
