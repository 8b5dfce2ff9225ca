package org.ec2workbench.capture.cloudtrail;

/**
 * The parts of one CloudTrail record the workbench uses. Optional fields are {@code null}.
 *
 * @param eventSource         e.g. {@code ec2.amazonaws.com}
 * @param eventName           the API action
 * @param eventTimeMillis     {@code eventTime}, epoch milliseconds
 * @param awsRegion           the Region
 * @param account             {@code recipientAccountId}
 * @param errorCode           e.g. {@code Client.RequestLimitExceeded}
 * @param errorMessage        the error message
 * @param requestId           {@code requestID}
 * @param principalArn        {@code userIdentity.arn}
 * @param identityType        {@code userIdentity.type}
 * @param accessKeyId         {@code userIdentity.accessKeyId}, redacted
 * @param userAgent           {@code userAgent}
 * @param sourceIp            {@code sourceIPAddress}
 * @param filteredOrPaginated whether {@code requestParameters} has a non-empty filter set, MaxResults or NextToken
 */
public record TrailEvent(String eventSource, String eventName, long eventTimeMillis, String awsRegion, String account,
        String errorCode, String errorMessage, String requestId, String principalArn, String identityType,
        String accessKeyId, String userAgent, String sourceIp, boolean filteredOrPaginated) {

    /** Whether EC2 recorded it. */
    public boolean isEc2() {
        return "ec2.amazonaws.com".equals(eventSource);
    }

    /** Who made the call: the identity's ARN, else its (redacted) access key, else {@code "unknown"}. */
    public String principal() {
        if (principalArn != null) {
            return principalArn;
        }
        return accessKeyId != null ? accessKeyId : "unknown";
    }
}
