package org.ec2workbench.sandbox.iam;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.sandbox.http.SandboxRequest;

/**
 * The sandbox's identity: SigV4 verification against the {@link PrincipalStore}'s keys, and IAM policy
 * evaluation whose denials carry an encoded authorization failure message that only
 * {@link #decodeAuthorizationMessage} (STS DecodeAuthorizationMessage) can read.
 */
public final class IamAccessControl implements AccessControl {

    private final PrincipalStore store;
    private final SigV4Verifier verifier;
    private final AuthorizationMessages messages;

    private IamAccessControl(Builder builder) {
        this.store = builder.store;
        this.verifier = new SigV4Verifier(builder.clock,
                id -> store.byAccessKeyId(id).map(user -> user.accessKey().secretAccessKey()));
        this.messages = new AuthorizationMessages(builder.random);
    }

    /** A builder: system clock, a fresh default store and a secure random key unless told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /** The principals and their keys. */
    public PrincipalStore store() {
        return store;
    }

    @Override
    public Authentication authenticate(SandboxRequest request) {
        SigV4Verifier.Result result = verifier.verify(request);
        if (result instanceof SigV4Verifier.Failed failed) {
            return failed.rejection();
        }
        SigV4Verifier.Verified ok = (SigV4Verifier.Verified) result;
        return store.byAccessKeyId(ok.accessKeyId())
                .<Authentication>map(user -> new Authenticated(user.principal(store.accountId()), ok.service(),
                        ok.region()))
                .orElseGet(() -> new Rejected(Reason.UNKNOWN_ACCESS_KEY, ok.service(),
                        "The security token included in the request is invalid."));
    }

    @Override
    public Decision authorize(Principal principal, String action, List<String> resourceArns,
                              Map<String, List<String>> conditionContext) {
        Optional<IamUser> user = store.byAccessKeyId(principal.accessKeyId())
                .filter(u -> u.name().equals(principal.name()));
        List<PolicyDocument> policies = user.map(IamUser::policies).orElse(List.of());
        Map<String, List<String>> context = withGlobalKeys(principal, conditionContext);
        List<String> resources = resourceArns.isEmpty() ? List.of("*") : resourceArns;
        for (String resource : resources) {
            PolicyEvaluator.Evaluation evaluation = PolicyEvaluator.evaluate(policies, action, resource, context);
            if (!evaluation.allowed()) {
                return new Decision(false, messages.encode(
                        AuthorizationMessages.failureJson(principal, action, resource, evaluation, context)));
            }
        }
        return Decision.allow();
    }

    /** The JSON inside an encoded authorization failure message of this sandbox, or empty if it is not one. */
    public Optional<String> decodeAuthorizationMessage(String encodedMessage) {
        return messages.decode(encodedMessage);
    }

    /** The request's keys plus the global keys IAM always sets for an IAM user. */
    private static Map<String, List<String>> withGlobalKeys(Principal principal, Map<String, List<String>> context) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("aws:username", List.of(principal.name()));
        out.put("aws:userid", List.of(principal.userId()));
        out.put("aws:PrincipalArn", List.of(principal.arn()));
        out.put("aws:PrincipalAccount", List.of(principal.accountId()));
        out.put("aws:PrincipalType", List.of("User"));
        context.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }

    /** Configures an {@link IamAccessControl}. */
    public static final class Builder {
        private Clock clock = Clock.system();
        private PrincipalStore store;
        private RandomGenerator random;

        private Builder() {
        }

        /** The clock signatures' dates are checked against. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The principals. */
        public Builder store(PrincipalStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Where the message-sealing key comes from (a seeded generator makes messages reproducible). */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** The access control. */
        public IamAccessControl build() {
            if (store == null) {
                store = new PrincipalStore();
            }
            if (random == null) {
                random = new SecureRandom();
            }
            return new IamAccessControl(this);
        }
    }
}
