package org.ec2workbench.ui.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.retry.EngineRetryStrategy;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.RetryPlan;
import software.amazon.awssdk.core.retry.RetryMode;

/**
 * How an experiment's client retries: one of the SDK's own modes, or a backoff-engine policy through the
 * engine's SDK adapter.
 *
 * @param label  what the picker shows
 * @param mode   the SDK mode, or null for an engine policy
 * @param policy the engine policy, or null for an SDK mode
 */
public record RetryChoice(String label, RetryMode mode, BackoffPolicy policy) {

    public RetryChoice {
        Objects.requireNonNull(label, "label");
        if ((mode == null) == (policy == null)) {
            throw new IllegalArgumentException("exactly one of mode and policy");
        }
    }

    /** The SDK modes, then every engine policy with its defaults. */
    public static List<RetryChoice> all() {
        List<RetryChoice> all = new ArrayList<>();
        all.add(new RetryChoice("SDK standard mode", RetryMode.STANDARD, null));
        all.add(new RetryChoice("SDK legacy mode", RetryMode.LEGACY, null));
        all.add(new RetryChoice("SDK adaptive mode", RetryMode.ADAPTIVE_V2, null));
        for (BackoffPolicy p : BackoffPolicy.catalog()) {
            all.add(new RetryChoice("Engine: " + p.name() + " " + p.parameters().stream()
                    .filter(x -> x.key().equals(BackoffPolicy.MAX_ATTEMPTS)).map(x -> "(" + x.text() + " attempts)")
                    .findFirst().orElse(""), null, p));
        }
        return List.copyOf(all);
    }

    /** Applies this choice to a client factory builder. */
    public ClientFactory.Builder apply(ClientFactory.Builder builder) {
        return mode != null ? builder.retryMode(mode)
                : builder.retryStrategy(EngineRetryStrategy.of(RetryPlan.builder(policy).build()));
    }

    @Override
    public String toString() {
        return label;
    }
}
