package org.ec2workbench.recorder;

/**
 * One API call (all its attempts) as the {@link AttemptInterceptor} saw it, reported once it ended.
 *
 * @param callNumber          the call's number from {@link AttemptSink#beginCall()}
 * @param service             the service name as the SDK names it
 * @param api                 the operation
 * @param startEpochMicros    when the call started
 * @param latencyMicros       how long the whole call took, backoff included
 * @param attemptCount        number of attempts sent
 * @param finalHttpStatus     the last attempt's status, 0 when none
 * @param finalErrorCode      the last attempt's AWS error code, or null
 * @param finalErrorMessage   its message, or null
 * @param finalSdkException   the client-side exception's class name when the call failed without a response
 * @param finalSdkExceptionMessage its message
 * @param maxRetriesExceeded  whether the call failed after retrying a retryable error
 * @param accessKey           the redacted access key id
 * @param region              the region
 * @param userAgent           the User-Agent header
 */
public record ObservedCall(long callNumber, String service, String api, long startEpochMicros, long latencyMicros,
        int attemptCount, int finalHttpStatus, String finalErrorCode, String finalErrorMessage,
        String finalSdkException, String finalSdkExceptionMessage, boolean maxRetriesExceeded, String accessKey,
        String region, String userAgent) {
}
