package org.ec2workbench.recorder;

/**
 * One HTTP attempt as the {@link AttemptInterceptor} saw it. Times in microseconds; optional fields are
 * {@code null} when unknown. {@code accessKey} is always redacted.
 *
 * @param callNumber          the call's number from {@link AttemptSink#beginCall()}
 * @param attemptNumber       1 for the first attempt
 * @param service             the service name as the SDK names it, e.g. {@code Ec2}
 * @param signingName         the SigV4 signing name from the credential scope, e.g. {@code ec2}, or null
 * @param api                 the operation, e.g. {@code DescribeInstances}
 * @param startEpochMicros    when the attempt was sent
 * @param latencyMicros       until the response headers (or the failure) arrived
 * @param backoffMicros       time since the previous attempt of the call ended (0 for the first)
 * @param httpStatus          0 when no response arrived
 * @param errorCode           the AWS error code from the response
 * @param errorMessage        the AWS error message
 * @param sdkException        the client-side exception's class name when no response arrived
 * @param sdkExceptionMessage its message
 * @param requestId           the AWS request id
 * @param accessKey           the redacted access key id that signed the request
 * @param region              the signing region
 * @param userAgent           the User-Agent header
 * @param fqdn                the endpoint host (and port)
 * @param filteredOrPaginated whether the request had Filters, MaxResults or NextToken (null: unknown)
 */
public record ObservedAttempt(long callNumber, int attemptNumber, String service, String signingName, String api,
        long startEpochMicros, long latencyMicros, long backoffMicros, int httpStatus, String errorCode,
        String errorMessage, String sdkException, String sdkExceptionMessage, String requestId, String accessKey,
        String region, String userAgent, String fqdn, Boolean filteredOrPaginated) {
}
