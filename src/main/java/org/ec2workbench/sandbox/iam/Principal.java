package org.ec2workbench.sandbox.iam;

/**
 * An authenticated sandbox identity. Never carries the secret key.
 *
 * @param name        the IAM user name
 * @param accountId   the 12-digit account id
 * @param arn         e.g. {@code arn:aws:iam::123456789012:user/admin}
 * @param userId      the unique id shown by GetCallerIdentity (e.g. {@code AIDA...})
 * @param accessKeyId the access key id that signed the request
 */
public record Principal(String name, String accountId, String arn, String userId, String accessKeyId) {
}
