package org.ec2workbench.aws.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** The workbench's own client against the real embedded sandbox: its throttling lands in the store. */
class SandboxCaptureTest {

    @Test
    void aBurstAgainstTheSandboxIsRecordedAttemptByAttempt() {
        AttemptStore store = new AttemptStore();
        try (Sandbox sandbox = Sandbox.builder().preset(Preset.LESSON).seed(7).build().start()) {
            Credentials keys = sandbox.defaultCredentials();
            try (Ec2Client ec2 = ClientFactory.builder(Connection.sandbox(sandbox.endpoint(), "us-east-1",
                            keys.accessKeyId(), keys.secretAccessKey()))
                    .retryStrategy(DefaultRetryStrategy.doNotRetry())
                    .addInterceptor(WorkbenchCapture.interceptor(store, Clock.system()))
                    .build().ec2()) {
                int calls = 0;
                int throttled = 0;
                while (throttled < 3 && calls < 200) {
                    calls++;
                    try {
                        ec2.describeInstances();
                    } catch (Ec2Exception e) {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
                        throttled++;
                    }
                }
                assertThat(throttled).isEqualTo(3);
                List<Attempt> attempts = WorkbenchCaptureTest.all(store);
                assertThat(attempts).hasSize(calls);
                assertThat(attempts).extracting(Attempt::bucket).containsOnly("unfiltered-non-mutating");
                assertThat(attempts).extracting(Attempt::requestId).doesNotContainNull().doesNotHaveDuplicates();
                assertThat(attempts).filteredOn(a -> a.category() == ErrorCategory.THROTTLING).hasSize(3)
                        .allSatisfy(a -> {
                            assertThat(a.httpStatus()).isEqualTo(503);
                            assertThat(a.errorCode()).isEqualTo("RequestLimitExceeded");
                        });
                assertThat(attempts).extracting(Attempt::principal)
                        .containsOnly(org.ec2workbench.recorder.Redaction.accessKeyId(keys.accessKeyId()));
            }
        }
    }
}
