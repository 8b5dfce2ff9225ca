package org.ec2workbench.sandbox.iam;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A sandbox IAM user: a name, one access key and the identity policies attached to it.
 * {@link #toString()} never shows the secret.
 *
 * @param name      the user name ({@code [\w+=,.@-]{1,64}})
 * @param accessKey its access key
 * @param policies  its identity policies
 */
public record IamUser(String name, AccessKey accessKey, List<PolicyDocument> policies) {

    static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    public IamUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(accessKey, "accessKey");
        policies = List.copyOf(policies);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid user name: " + name);
        }
        if (!ACCESS_KEY_ID.matcher(accessKey.accessKeyId()).matches()) {
            throw new IllegalArgumentException("invalid access key id: " + accessKey.accessKeyId());
        }
    }

    /** The principal this user authenticates as in {@code accountId}. */
    public Principal principal(String accountId) {
        return new Principal(name, accountId, Arns.iamUser(accountId, name), userId(accountId),
                accessKey.accessKeyId());
    }

    /** The stable unique id IAM would show ({@code AIDA} + 17 characters), derived from account and name. */
    public String userId(String accountId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((accountId + ":" + name).getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder("AIDA");
            for (int i = 0; i < 17; i++) {
                id.append(BASE32[(hash[i] & 0xff) % 32]);
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "IamUser[name=" + name + ", accessKey=" + accessKey + ", policies=" + policies.size() + "]";
    }
}
