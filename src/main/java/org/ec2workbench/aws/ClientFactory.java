package org.ec2workbench.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatchevents.CloudWatchEventsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds every SDK client the app uses, for one {@link Connection}: the same code for the sandbox and for
 * real AWS, with the retry behaviour and the capture interceptors the caller chose.
 */
public final class ClientFactory {

    private final Connection connection;
    private final RetryStrategy retryStrategy;
    private final RetryMode retryMode;
    private final List<ExecutionInterceptor> interceptors;
    private final Duration apiCallAttemptTimeout;

    private ClientFactory(Builder builder) {
        this.connection = builder.connection;
        this.retryStrategy = builder.retryStrategy;
        this.retryMode = builder.retryMode;
        this.interceptors = List.copyOf(builder.interceptors);
        this.apiCallAttemptTimeout = builder.apiCallAttemptTimeout;
    }

    /** A builder for a factory on {@code connection}. */
    public static Builder builder(Connection connection) {
        return new Builder(connection);
    }

    /** The connection the clients talk to. */
    public Connection connection() {
        return connection;
    }

    /** A new EC2 client. */
    public Ec2Client ec2() {
        return configure(Ec2Client.builder()).build();
    }

    /** A new STS client. */
    public StsClient sts() {
        return configure(StsClient.builder()).build();
    }

    /** A new SQS client. */
    public SqsClient sqs() {
        return configure(SqsClient.builder()).build();
    }

    /** A new CloudWatch Events client. */
    public CloudWatchEventsClient events() {
        return configure(CloudWatchEventsClient.builder()).build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.region(connection.region())
                .credentialsProvider(connection.credentials())
                .httpClientBuilder(ApacheHttpClient.builder());
        connection.endpoint().ifPresent(builder::endpointOverride);
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
        if (retryStrategy != null) {
            override.retryStrategy(retryStrategy);
        } else if (retryMode != null) {
            override.retryStrategy(retryMode);
        }
        interceptors.forEach(override::addExecutionInterceptor);
        if (apiCallAttemptTimeout != null) {
            override.apiCallAttemptTimeout(apiCallAttemptTimeout);
        }
        return builder.overrideConfiguration(override.build());
    }

    /** Configures a {@link ClientFactory}. */
    public static final class Builder {
        private final Connection connection;
        private RetryStrategy retryStrategy;
        private RetryMode retryMode;
        private final List<ExecutionInterceptor> interceptors = new ArrayList<>();
        private Duration apiCallAttemptTimeout;

        private Builder(Connection connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
        }

        /** Retries through this strategy (e.g. the backoff engine's adapter); overrides {@link #retryMode}. */
        public Builder retryStrategy(RetryStrategy strategy) {
            this.retryStrategy = strategy;
            return this;
        }

        /** Retries as one of the SDK's own modes (standard, legacy, adaptive). */
        public Builder retryMode(RetryMode mode) {
            this.retryMode = mode;
            return this;
        }

        /** Adds an interceptor (e.g. the capture recorder) to every client. */
        public Builder addInterceptor(ExecutionInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** Bounds each HTTP attempt. */
        public Builder apiCallAttemptTimeout(Duration timeout) {
            this.apiCallAttemptTimeout = timeout;
            return this;
        }

        /** The factory. */
        public ClientFactory build() {
            return new ClientFactory(this);
        }
    }
}
