package org.ec2workbench.recorderdemo;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A user's own little Java SDK v2 application: it knows nothing about the workbench. Run with the recorder
 * jar on its classpath, its calls show up in the workbench's CSM listener.
 */
public final class RecorderDemoApp {

    private RecorderDemoApp() {
    }

    /** {@code args[0]}: the EC2 endpoint; {@code args[1]}: the secret key to sign with. */
    public static void main(String[] args) {
        BackoffStrategy fixed = BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(50));
        try (Ec2Client ec2 = Ec2Client.builder()
                .endpointOverride(URI.create(args[0]))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIARECORDERDEMO0042", args[1])))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .backoffStrategy(fixed).throttlingBackoffStrategy(fixed).maxAttempts(4)
                        .circuitBreakerEnabled(false).build()))
                .build()) {
            int regions = ec2.describeRegions().regions().size();
            ec2.describeInstances(r -> r.maxResults(5));
            System.out.println("regions " + regions);
        }
    }
}
