package org.ec2workbench.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.aws.retry.SdkErrorClassifier;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.Classifier;
import org.ec2workbench.backoff.RetryExecutor;
import org.ec2workbench.backoff.RetryFailedException;
import org.ec2workbench.backoff.RetryPlan;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.ec2.model.Region;

/**
 * {@code ec2-workbench --self-test}: proves an installation works without a display. Starts the embedded
 * sandbox on a free 127.0.0.1 port, makes one real call through the AWS SDK (EC2 DescribeRegions, signed
 * with the sandbox's default keys), prints what came back and which Java runtime ran it, and exits 0; any
 * failure prints why and exits 1. Installers and CI run it against the unpacked launcher.
 */
public final class SelfTest implements Callable<Integer> {

    private static final String REGION = "us-east-1";

    private final PrintWriter out;
    private final PrintWriter err;

    /** A self-test that reports to {@code out} and, on failure, to {@code err}. */
    public SelfTest(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        out.println("EC2 API Workbench " + VersionProvider.version() + " self-test");
        out.println("  runtime:  Java " + System.getProperty("java.version") + " at " + System.getProperty("java.home"));
        out.flush();
        try (Sandbox sandbox = Sandbox.builder().preset(Preset.CALM).port(0).build().start()) {
            Credentials keys = sandbox.defaultCredentials();
            out.println("  sandbox:  " + sandbox.endpoint());
            Connection connection = Connection.sandbox(sandbox.endpoint(), REGION, keys.accessKeyId(),
                    keys.secretAccessKey());
            DescribeRegionsResponse response;
            // through the backoff engine with its default random generator: a runtime image without the
            // module that provides it (jdk.random) fails here instead of in the first experiment
            RetryExecutor engine = RetryExecutor.of(RetryPlan.builder(BackoffPolicy.sdkStandard()).build(),
                    Classifier.ofFailures(SdkErrorClassifier::classify));
            try (Ec2Client ec2 = ClientFactory.builder(connection).build().ec2()) {
                response = engine.execute(ec2::describeRegions);
            }
            List<String> regions = response.regions().stream().map(Region::regionName).toList();
            if (regions.isEmpty()) {
                return fail("DescribeRegions answered with no regions");
            }
            out.println("  call:     EC2 DescribeRegions through the backoff engine and the AWS SDK for Java v2, request id "
                    + response.responseMetadata().requestId());
            out.println("  result:   " + regions.size() + " regions: " + String.join(", ", regions));
            out.println("self-test passed");
            out.flush();
            return 0;
        } catch (SdkException | RetryFailedException | IllegalStateException | IllegalArgumentException
                | java.io.UncheckedIOException e) {
            return fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private int fail(String why) {
        out.flush();
        err.println("self-test FAILED: " + why);
        err.flush();
        return 1;
    }
}
