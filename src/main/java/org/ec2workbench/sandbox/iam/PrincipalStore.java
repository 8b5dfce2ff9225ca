package org.ec2workbench.sandbox.iam;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sandbox's IAM users, by name and by access key id, in one account. Starts with the administrator
 * (allowed everything) whose keys are the sandbox's default credentials. Thread-safe: readers see an
 * immutable snapshot, writers replace it.
 */
public final class PrincipalStore {

    /** The sandbox's default account id. */
    public static final String DEFAULT_ACCOUNT_ID = "123456789012";
    /** The default administrator's user name. */
    public static final String ADMIN_NAME = "admin";
    /** The default administrator's access key id (public, like every access key id). */
    public static final String ADMIN_ACCESS_KEY_ID = "AKIAEC2WORKBENCH0001";
    // Well known on purpose, like LocalStack's "test": the sandbox prints it in its export line. It opens
    // nothing but a local sandbox.
    private static final String ADMIN_SECRET = "ec2workbench/sandbox/admin/0000000000000";

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private final String accountId;
    private volatile Snapshot snapshot;

    private record Snapshot(Map<String, IamUser> byName, Map<String, IamUser> byAccessKeyId) {
    }

    /** A store for {@code accountId} holding only the administrator. */
    public PrincipalStore(String accountId) {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("an account id must be 12 digits, was " + accountId);
        }
        this.accountId = accountId;
        this.snapshot = new Snapshot(Map.of(), Map.of());
        try {
            putAll(List.of(new IamUser(ADMIN_NAME, new AccessKey(ADMIN_ACCESS_KEY_ID, ADMIN_SECRET),
                    List.of(PolicyDocument.administratorAccess()))));
        } catch (IamConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A store for the default account holding only the administrator. */
    public PrincipalStore() {
        this(DEFAULT_ACCOUNT_ID);
    }

    /** The account every principal belongs to. */
    public String accountId() {
        return accountId;
    }

    /** The administrator's keys: what {@code Sandbox.defaultCredentials()} hands to clients. */
    public AccessKey defaultCredentials() {
        return snapshot.byName.get(ADMIN_NAME).accessKey();
    }

    /** The user owning {@code accessKeyId}. */
    public Optional<IamUser> byAccessKeyId(String accessKeyId) {
        return Optional.ofNullable(snapshot.byAccessKeyId.get(accessKeyId));
    }

    /** The user named {@code name}. */
    public Optional<IamUser> byName(String name) {
        return Optional.ofNullable(snapshot.byName.get(name));
    }

    /** Every user, administrator first, then in the order they were added. */
    public List<IamUser> users() {
        return List.copyOf(snapshot.byName.values());
    }

    /**
     * Adds the users, replacing those of the same name (the administrator too). Refuses the whole batch,
     * changing nothing, if it would give one access key id to two users.
     */
    public synchronized void putAll(List<IamUser> users) throws IamConfigException {
        Map<String, IamUser> byName = new LinkedHashMap<>(snapshot.byName);
        for (IamUser user : users) {
            byName.put(user.name(), Objects.requireNonNull(user));
        }
        Map<String, IamUser> byKey = new LinkedHashMap<>();
        List<IamUser> all = new ArrayList<>(byName.values());
        for (IamUser user : all) {
            IamUser previous = byKey.putIfAbsent(user.accessKey().accessKeyId(), user);
            if (previous != null) {
                throw new IamConfigException(null, "$.principals",
                        "access key id " + user.accessKey().accessKeyId() + " is used by both \"" + previous.name()
                                + "\" and \"" + user.name() + "\"");
            }
        }
        snapshot = new Snapshot(Collections.unmodifiableMap(byName), Map.copyOf(byKey));
    }
}
