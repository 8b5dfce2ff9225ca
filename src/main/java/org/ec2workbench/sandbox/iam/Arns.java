package org.ec2workbench.sandbox.iam;

/** Builds the ARNs the sandbox's services authorize against. */
public final class Arns {

    private Arns() {
    }

    /** An EC2 resource, e.g. {@code arn:aws:ec2:us-east-1:123456789012:instance/i-0abc}. */
    public static String ec2(String region, String accountId, String resourceType, String id) {
        return "arn:aws:ec2:" + region + ":" + accountId + ":" + resourceType + "/" + id;
    }

    /** A public EC2 image (AMIs are owned by no account in their ARN): {@code arn:aws:ec2:REGION::image/ami-…}. */
    public static String ec2Image(String region, String imageId) {
        return "arn:aws:ec2:" + region + "::image/" + imageId;
    }

    /** A CloudWatch Events / EventBridge rule on the default bus. */
    public static String eventsRule(String region, String accountId, String ruleName) {
        return "arn:aws:events:" + region + ":" + accountId + ":rule/" + ruleName;
    }

    /** An SQS queue. */
    public static String sqsQueue(String region, String accountId, String queueName) {
        return "arn:aws:sqs:" + region + ":" + accountId + ":" + queueName;
    }

    /** An IAM user. */
    public static String iamUser(String accountId, String userName) {
        return "arn:aws:iam::" + accountId + ":user/" + userName;
    }
}
