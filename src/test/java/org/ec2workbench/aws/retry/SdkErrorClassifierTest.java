package org.ec2workbench.aws.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.ec2workbench.backoff.Classification;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

class SdkErrorClassifierTest {

    private static Ec2Exception ec2(int status, String code) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @Test
    void requestLimitExceededIsThrottling() {
        assertThat(SdkErrorClassifier.classify(ec2(503, "RequestLimitExceeded"))).isEqualTo(Classification.THROTTLING);
        assertThat(SdkErrorClassifier.classify(ec2(429, "Whatever"))).isEqualTo(Classification.THROTTLING);
    }

    @Test
    void notFoundRightAfterACreateIsNotYetVisible() {
        assertThat(SdkErrorClassifier.classify(ec2(400, "InvalidInstanceID.NotFound")))
                .isEqualTo(Classification.NOT_YET_VISIBLE);
        assertThat(SdkErrorClassifier.classify(ec2(400, "InvalidGroup.NotFound"))).isEqualTo(Classification.NOT_YET_VISIBLE);
    }

    @Test
    void serverErrorsAndNetworkFailuresAreRetryable() {
        assertThat(SdkErrorClassifier.classify(ec2(500, "InternalError"))).isEqualTo(Classification.RETRYABLE);
        assertThat(SdkErrorClassifier.classify(ec2(503, "Unavailable"))).isEqualTo(Classification.RETRYABLE);
        assertThat(SdkErrorClassifier.classify(SdkClientException.create("reset", new IOException("reset"))))
                .isEqualTo(Classification.RETRYABLE);
        assertThat(SdkErrorClassifier.classify(ApiCallAttemptTimeoutException.create(1000))).isEqualTo(Classification.TIMEOUT);
    }

    @Test
    void validationAndAuthorizationAreTerminal() {
        assertThat(SdkErrorClassifier.classify(ec2(400, "InvalidParameterValue"))).isEqualTo(Classification.TERMINAL);
        assertThat(SdkErrorClassifier.classify(ec2(403, "UnauthorizedOperation"))).isEqualTo(Classification.TERMINAL);
        assertThat(SdkErrorClassifier.classify(new IllegalStateException())).isEqualTo(Classification.TERMINAL);
    }
}
