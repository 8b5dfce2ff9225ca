package org.ec2workbench.ui.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ec2workbench.aws.retry.SdkErrorClassifier;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.Classification;
import org.ec2workbench.backoff.Classifier;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.backoff.Poller;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * Removes what a session created, in dependency order: the Events page's subscription first (through the
 * remover it is given), then instances are terminated and waited for (the engine's
 * {@link Poller}, exponential backoff) before the security groups they use are deleted; volumes are deleted
 * once available; key pairs last. Every resource's outcome is reported as it happens, and a failure is kept
 * with its error. Also finds resources tagged with the session that the list lost (say a RunInstances whose
 * reply never arrived). Runs on the caller's (background) thread; no JavaFX.
 */
public final class ResourceCleaner {

    /** How long to wait for terminations and volumes, and how often to look: 1 s doubling to 15 s, at most 10 min. */
    public static final BackoffPolicy DEFAULT_WAIT = BackoffPolicy.builder(BackoffPolicy.Kind.EXPONENTIAL)
            .base(Duration.ofSeconds(1)).multiplier(2).cap(Duration.ofSeconds(15)).unlimitedAttempts()
            .maxTotalWait(Duration.ofMinutes(10)).build();

    /** How a group delete retries a dependency that lingers after termination: full jitter 0.5 s to 8 s, 10 attempts. */
    public static final BackoffPolicy DELETE_RETRY = BackoffPolicy.builder(BackoffPolicy.Kind.FULL_JITTER)
            .base(Duration.ofMillis(500)).cap(Duration.ofSeconds(8)).maxAttempts(10).build();

    private static final Filter NOT_TERMINATED = Filter.builder().name("instance-state-name")
            .values("pending", "running", "stopping", "stopped", "shutting-down").build();

    private final Ec2Client ec2;
    private final String sessionId;
    private final Clock clock;
    private final BackoffPolicy wait;
    private final Consumer<CreatedResource> subscriptionRemover;

    /** Where no Events page can remove a listed subscription: each one fails with a pointer to it. */
    public static final Consumer<CreatedResource> NO_SUBSCRIPTION_REMOVER = sub -> {
        throw new IllegalStateException("unsubscribe on the Events page");
    };

    /**
     * A cleaner sending through {@code ec2} (give it a client that retries throttling and not-yet-visible
     * errors, as EC2 advises right after a create), for resources tagged with {@code sessionId}, waiting at {@code wait}'s intervals.
     */
    public ResourceCleaner(Ec2Client ec2, String sessionId, Clock clock, BackoffPolicy wait) {
        this(ec2, sessionId, clock, wait, NO_SUBSCRIPTION_REMOVER);
    }

    private ResourceCleaner(Ec2Client ec2, String sessionId, Clock clock, BackoffPolicy wait,
            Consumer<CreatedResource> subscriptionRemover) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.subscriptionRemover = subscriptionRemover;
    }

    /**
     * This cleaner, removing {@link ResourceKind#EVENT_SUBSCRIPTION} entries through {@code remover} (which
     * tears the subscription down on the calling thread and throws when it could not). Without one
     * ({@link #NO_SUBSCRIPTION_REMOVER}), such entries fail with a pointer to the Events page.
     */
    public ResourceCleaner removingSubscriptionsWith(Consumer<CreatedResource> remover) {
        return new ResourceCleaner(ec2, sessionId, clock, wait, Objects.requireNonNull(remover, "remover"));
    }

    /** What a clean-up did. */
    public record Summary(int deleted, int failed) {
        /** One line for the status area. */
        public String text() {
            return "Clean-up: " + deleted + " removed" + (failed == 0 ? "." : ", " + failed + " failed (still listed).");
        }
    }

    /** The session's resources that still exist, found by the session tag (terminated instances excluded). */
    public List<CreatedResource> discover() {
        return discover(sessionTag());
    }

    /**
     * Resources that any workbench session created and nobody removed (say the app was closed before Clean up),
     * found by the tag key alone.
     */
    public List<CreatedResource> discoverEverySession() {
        return discover(Filter.builder().name("tag-key").values(ExperimentAction.SESSION_TAG).build());
    }

    private List<CreatedResource> discover(Filter tag) {
        List<CreatedResource> found = new ArrayList<>();
        ec2.describeInstancesPaginator(r -> r.filters(tag, NOT_TERMINATED)).reservations().stream()
                .flatMap(r -> r.instances().stream())
                .forEach(i -> found.add(CreatedResource.created(ResourceKind.INSTANCE, i.instanceId(), "")));
        ec2.describeSecurityGroupsPaginator(r -> r.filters(tag)).securityGroups()
                .forEach(g -> found.add(CreatedResource.created(ResourceKind.SECURITY_GROUP, g.groupId(), g.groupName())));
        ec2.describeVolumesPaginator(r -> r.filters(tag)).volumes()
                .forEach(v -> found.add(CreatedResource.created(ResourceKind.VOLUME, v.volumeId(), "")));
        ec2.describeKeyPairs(r -> r.filters(tag)).keyPairs()
                .forEach(k -> found.add(CreatedResource.created(ResourceKind.KEY_PAIR, k.keyPairId(), k.keyName())));
        return found;
    }

    /** The filter that selects what this session created. */
    public Filter sessionTag() {
        return Filter.builder().name("tag:" + ExperimentAction.SESSION_TAG).values(sessionId).build();
    }

    /**
     * Removes {@code resources} (those already deleted are skipped); {@code update} hears every status change,
     * on this thread.
     */
    public Summary clean(List<CreatedResource> resources, Consumer<CreatedResource> update) {
        Map<ResourceKind, List<CreatedResource>> byKind = new LinkedHashMap<>();
        for (ResourceKind k : ResourceKind.values()) {
            byKind.put(k, new ArrayList<>());
        }
        resources.stream().filter(CreatedResource::remaining).forEach(r -> byKind.get(r.kind()).add(r));
        Tally tally = new Tally(update);
        for (CreatedResource sub : byKind.get(ResourceKind.EVENT_SUBSCRIPTION)) {
            tally.progress(sub, "removing the rule, target and queue…");
            tally.attempt(sub, () -> subscriptionRemover.accept(sub));
        }
        boolean waitForInstances = !byKind.get(ResourceKind.INSTANCE).isEmpty();
        byKind.get(ResourceKind.SECURITY_GROUP).forEach(g -> tally.progress(g, waitForInstances
                ? "after the instances" : "queued"));
        byKind.get(ResourceKind.VOLUME).forEach(v -> tally.progress(v, "queued"));
        byKind.get(ResourceKind.KEY_PAIR).forEach(k -> tally.progress(k, "queued"));
        boolean instancesGone = terminateInstances(byKind.get(ResourceKind.INSTANCE), tally);
        for (CreatedResource g : byKind.get(ResourceKind.SECURITY_GROUP)) {
            tally.progress(g, "deleting…");
            tally.attempt(g, () -> deleteGroup(g.id(), instancesGone));
        }
        deleteVolumes(byKind.get(ResourceKind.VOLUME), tally);
        for (CreatedResource k : byKind.get(ResourceKind.KEY_PAIR)) {
            tally.progress(k, "deleting…");
            tally.attempt(k, () -> ec2.deleteKeyPair(r -> r.keyPairId(k.id())));
        }
        return new Summary(tally.deleted, tally.failed);
    }

    private boolean terminateInstances(List<CreatedResource> instances, Tally tally) {
        if (instances.isEmpty()) {
            return true;
        }
        List<CreatedResource> terminating = new ArrayList<>();
        try {
            ec2.terminateInstances(r -> r.instanceIds(instances.stream().map(CreatedResource::id).toList()));
            terminating.addAll(instances);
        } catch (SdkException batch) {
            // One bad id fails the whole call: terminate one by one to learn which.
            for (CreatedResource i : instances) {
                try {
                    ec2.terminateInstances(r -> r.instanceIds(i.id()));
                    terminating.add(i);
                } catch (SdkException e) {
                    tally.fail(i, e);
                }
            }
        }
        terminating.forEach(i -> tally.progress(i, "terminating…"));
        Map<String, String> states = waitFor(terminating.stream().map(CreatedResource::id).toList(),
                ids -> ec2.describeInstancesPaginator(r -> r.instanceIds(ids)).reservations().stream()
                        .flatMap(r -> r.instances().stream())
                        .collect(HashMap::new, (m, i) -> m.put(i.instanceId(), stateOf(i)), Map::putAll),
                state -> state.equals("terminated"));
        boolean allGone = terminating.size() == instances.size();
        for (CreatedResource i : terminating) {
            String state = states.getOrDefault(i.id(), "unknown");
            if (state.equals("terminated")) {
                tally.done(i, "terminated");
            } else {
                allGone = false;
                tally.failed(i, "still " + state + " after waiting");
            }
        }
        return allGone;
    }

    private static String stateOf(Instance i) {
        return i.state() == null ? "unknown" : i.state().nameAsString();
    }

    private void deleteGroup(String groupId, boolean instancesGone) {
        // After a termination EC2 can report the group in use for a little longer: retry that with backoff,
        // unless an instance failed to terminate (then the dependency is real). The client retries the rest.
        Poller.Result<Boolean> r = Poller.builder(DELETE_RETRY).clock(clock)
                .classifier(Classifier.ofFailures(t -> instancesGone && code(t).equals("DependencyViolation")
                        ? Classification.RETRYABLE : Classification.TERMINAL))
                .build().poll(() -> {
                    ec2.deleteSecurityGroup(d -> d.groupId(groupId));
                    return true;
                }, ok -> Poller.PollState.DONE);
        if (!r.satisfied()) {
            throw r.lastFailure() instanceof RuntimeException e ? e
                    : new IllegalStateException("not deleted: " + r.status().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private void deleteVolumes(List<CreatedResource> volumes, Tally tally) {
        if (volumes.isEmpty()) {
            return;
        }
        volumes.forEach(v -> tally.progress(v, "waiting until available…"));
        Map<String, String> states = waitFor(volumes.stream().map(CreatedResource::id).toList(),
                ids -> ec2.describeVolumesPaginator(r -> r.volumeIds(ids)).volumes().stream()
                        .collect(HashMap::new, (m, v) -> m.put(v.volumeId(), stateOf(v)), Map::putAll),
                state -> !state.equals("creating"));
        for (CreatedResource v : volumes) {
            String state = states.getOrDefault(v.id(), "unknown");
            if (!state.equals("available")) {
                tally.failed(v, "not deleted: the volume is " + state);
                continue;
            }
            tally.progress(v, "deleting…");
            tally.attempt(v, () -> ec2.deleteVolume(r -> r.volumeId(v.id())));
        }
    }

    private static String stateOf(Volume v) {
        return v.state() == null ? "unknown" : v.stateAsString();
    }

    /**
     * Polls {@code describe} with backoff until every id's state passes {@code settled}; returns the last states
     * seen (missing ids were never visible). A NotFound right after a create keeps polling.
     */
    private Map<String, String> waitFor(List<String> ids, Function<List<String>, Map<String, String>> describe,
            java.util.function.Predicate<String> settled) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Poller.Result<Map<String, String>> r = Poller.builder(wait).clock(clock)
                .classifier(Classifier.ofFailures(SdkErrorClassifier::classify)).build()
                .poll(() -> describe.apply(ids), states -> ids.stream().allMatch(id -> states.containsKey(id)
                        && settled.test(states.get(id))) ? Poller.PollState.DONE : Poller.PollState.CONTINUE);
        return r.value() == null ? Map.of() : r.value();
    }

    static String code(Throwable t) {
        return t instanceof AwsServiceException e ? ExperimentRunner.code(e) : "";
    }

    private static String describe(Throwable t) {
        if (t instanceof AwsServiceException e && e.awsErrorDetails() != null) {
            return ExperimentRunner.code(e) + ": " + e.awsErrorDetails().errorMessage();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Counts outcomes and reports every status change. */
    private static final class Tally {
        private final Consumer<CreatedResource> update;
        private int deleted;
        private int failed;

        Tally(Consumer<CreatedResource> update) {
            this.update = update;
        }

        void progress(CreatedResource r, String what) {
            update.accept(r.with(CreatedResource.Status.CLEANING, what));
        }

        void done(CreatedResource r, String what) {
            deleted++;
            update.accept(r.with(CreatedResource.Status.DELETED, what));
        }

        void failed(CreatedResource r, String why) {
            failed++;
            update.accept(r.with(CreatedResource.Status.FAILED, why));
        }

        void fail(CreatedResource r, Throwable t) {
            failed(r, describe(t));
        }

        void attempt(CreatedResource r, Runnable delete) {
            try {
                delete.run();
                done(r, "deleted");
            } catch (RuntimeException e) {
                fail(r, e);
            }
        }
    }
}
