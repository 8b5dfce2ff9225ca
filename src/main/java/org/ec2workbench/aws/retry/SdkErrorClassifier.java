package org.ec2workbench.aws.retry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.ec2workbench.backoff.Classification;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Classifies AWS SDK v2 failures for the backoff engine: throttling (EC2's {@code RequestLimitExceeded},
 * {@code Throttling}, HTTP 429, …), not-yet-visible ({@code *.NotFound}, EC2's eventual consistency),
 * attempt timeouts, transient server and network errors, and the rest as terminal.
 */
public final class SdkErrorClassifier {

    /** Error codes that mean "slow down", across EC2 and the other services the workbench calls. */
    public static final Set<String> THROTTLING_CODES = Set.of("RequestLimitExceeded", "Throttling",
            "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
            "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestThrottled",
            "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException", "BandwidthLimitExceeded",
            "RequestLimitExceeded.ResourceBucket");

    /** Error codes of transient server-side failures, worth retrying. */
    public static final Set<String> TRANSIENT_CODES = Set.of("InternalError", "InternalFailure", "ServerInternal",
            "ServiceUnavailable", "Unavailable", "RequestTimeout", "RequestTimeoutException", "IDPCommunicationError");

    private SdkErrorClassifier() {
    }

    /** What {@code failure} means for retrying. */
    public static Classification classify(Throwable failure) {
        if (failure instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if ((code != null && THROTTLING_CODES.contains(code)) || service.statusCode() == 429
                    || service.isThrottlingException()) {
                return Classification.THROTTLING;
            }
            if (code != null && code.endsWith(".NotFound")) {
                return Classification.NOT_YET_VISIBLE;
            }
            if ((code != null && TRANSIENT_CODES.contains(code)) || service.statusCode() >= 500 || service.retryable()) {
                return Classification.RETRYABLE;
            }
            return Classification.TERMINAL;
        }
        if (failure instanceof ApiCallAttemptTimeoutException) {
            return Classification.TIMEOUT;
        }
        if (failure instanceof IOException || failure instanceof UncheckedIOException
                || (failure != null && failure.getCause() instanceof IOException)) {
            return Classification.RETRYABLE;
        }
        if (failure instanceof SdkException sdk && sdk.retryable()) {
            return Classification.RETRYABLE;
        }
        return Classification.TERMINAL;
    }
}
