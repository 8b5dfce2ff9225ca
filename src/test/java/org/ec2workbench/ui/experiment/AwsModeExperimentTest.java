package org.ec2workbench.ui.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.ec2workbench.ui.connection.AwsProfiles;
import org.ec2workbench.ui.connection.ConnectionModel;
import org.ec2workbench.ui.connection.MutationGuard;
import org.ec2workbench.ui.connection.MutationGuard.Choice;
import org.ec2workbench.events.StateChangeSubscription;
import org.ec2workbench.events.SubscriptionLedger;
import org.ec2workbench.ui.events.EventsModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchevents.CloudWatchEventsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * AWS mode end to end: the Connection page's AWS mode (a profile and a region) whose connector points at the
 * embedded sandbox, so every call takes the AWS code path (confirmation, DryRun, tags, clean-up) over real HTTP,
 * SigV4 and the sandbox's IAM, and the sandbox's state says what really happened.
 */
class AwsModeExperimentTest {

    private static final Executor DIRECT = Runnable::run;
    private static final String SESSION = "aws-mode-test";

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private Connection asAws;
    private final AttemptStore session = new AttemptStore();
    private final List<MutationGuard.Prompt> prompts = new ArrayList<>();
    private final Deque<Choice> answers = new ArrayDeque<>();
    private ConnectionModel connection;
    private final CreatedResources resources = new CreatedResources();
    private ExperimentModel model;
    private Ec2Client ec2;

    @BeforeEach
    void setUp() throws Exception {
        sandbox = Sandbox.builder().preset(Preset.LESSON).timeScale(10).seed(11).build().start();
        Credentials keys = sandbox.defaultCredentials();
        Path config = dir.resolve("config");
        Files.writeString(config, "[profile lab]\nregion = us-east-1\n", StandardCharsets.UTF_8);
        AwsProfiles profiles = new AwsProfiles(ProfileFile.builder().content(config)
                .type(ProfileFile.Type.CONFIGURATION).build());
        connection = new ConnectionModel(DIRECT, DIRECT, session, profiles, (profile, region) ->
                new Connection(Optional.of(sandbox.endpoint()), Region.of(region), StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())),
                        "profile " + profile + " (" + region + ")"));
        connection.useAws();
        assertThat(connection.awsMode()).isTrue();
        model = new ExperimentModel(() -> connection.connectionProperty().get(), connection::awsMode,
                resources, session, SESSION, DIRECT, DIRECT, Clock.system());
        model.setGuard((prompt, answer) -> {
            prompts.add(prompt);
            answer.accept(answers.isEmpty() ? Choice.CANCEL : answers.removeFirst());
        });
        model.retryProperty().set(RetryChoice.all().get(0)); // SDK standard mode
        model.rateProperty().set(0);
        model.concurrencyProperty().set(2);
        ec2 = ClientFactory.builder(Connection.sandbox(sandbox.endpoint(), "us-east-1", keys.accessKeyId(),
                keys.secretAccessKey())).build().ec2();
    }

    @AfterEach
    void tearDown() {
        ec2.close();
        connection.close();
        sandbox.close();
    }

    @Test
    void decliningTheConfirmationSendsNothing() {
        for (ExperimentAction action : List.of(ExperimentAction.CREATE_SECURITY_GROUP, ExperimentAction.RUN_INSTANCES,
                ExperimentAction.CREATE_VOLUME, ExperimentAction.CREATE_KEY_PAIR)) {
            prompts.clear();
            answers.add(Choice.CANCEL);
            model.actionProperty().set(action);
            model.countProperty().set(3);
            model.run();
            assertThat(prompts).as(action.name()).hasSize(1);
            assertThat(model.messageProperty().get()).isEqualTo("Cancelled: nothing was sent.");
        }
        assertThat(session.size()).as("no attempt reached any endpoint").isZero();
        assertThat(taggedIds()).isEmpty();
        assertThat(model.created()).isEmpty();
    }

    @Test
    void aDryRunIsOfferedFirstAndChangesNothing() {
        model.actionProperty().set(ExperimentAction.CREATE_KEY_PAIR);
        model.countProperty().set(2);
        answers.add(Choice.DRY_RUN);
        answers.add(Choice.CANCEL);
        model.run();

        assertThat(prompts).hasSize(2);
        MutationGuard.Prompt first = prompts.get(0);
        assertThat(first.offersDryRun()).isTrue();
        assertThat(first.choices()).containsExactly(Choice.DRY_RUN, Choice.SEND, Choice.CANCEL);
        assertThat(first.text()).contains("2 × CreateKeyPair", "profile lab (us-east-1)", SESSION);
        assertThat(prompts.get(1).text()).contains("DryRunOperation");
        assertThat(prompts.get(1).choices()).containsExactly(Choice.SEND, Choice.CANCEL);
        AttemptStore.Snapshot s = session.snapshot();
        assertThat(s.size()).as("only the DryRun was sent").isEqualTo(1);
        assertThat(s.action(0)).isEqualTo("CreateKeyPair");
        assertThat(s.errorCode(0)).isEqualTo("DryRunOperation");
        assertThat(s.httpStatus(0)).isEqualTo(412);
        assertThat(taggedIds()).isEmpty();

        // DryRun, then send: the real calls follow
        answers.add(Choice.DRY_RUN);
        answers.add(Choice.SEND);
        model.run();
        assertThat(model.created()).hasSize(2).allMatch(r -> r.kind() == ResourceKind.KEY_PAIR);
        awaitTagged(model.created().stream().map(CreatedResource::id).toList());
    }

    @Test
    void theEventsPagesSubscriptionIsListedAndCleanUpRemovesItsRuleAndQueue() throws Exception {
        EventsModel events = new EventsModel(() -> connection.connectionProperty().get(), () -> 1,
                dir.resolve("subscriptions.jsonl"), SESSION, DIRECT, DIRECT);
        events.guardAwsMode(connection::awsMode, (prompt, answer) -> {
            prompts.add(prompt);
            answer.accept(Choice.SEND);
        }, resources);
        model.setSubscriptionRemover(events::removeSubscription);
        try (CloudWatchEventsClient ev = ClientFactory.builder(sandboxConnection()).build().events();
                SqsClient sqs = ClientFactory.builder(sandboxConnection()).build().sqs()) {
            events.subscribe();
            assertThat(prompts.get(0).title()).isEqualTo("Create an event subscription in AWS");
            assertThat(events.subscribedProperty().get()).isTrue();
            String rule = ev.listRules().rules().get(0).name();
            assertThat(sqs.listQueues().queueUrls()).hasSize(1);
            assertThat(model.created()).singleElement().satisfies(r -> {
                assertThat(r.kind()).isEqualTo(ResourceKind.EVENT_SUBSCRIPTION);
                assertThat(r.id()).isEqualTo(rule);
                assertThat(r.name()).isEqualTo("rule, target and queue");
            });

            answers.add(Choice.SEND);
            model.cleanUp();

            assertThat(model.created()).singleElement().satisfies(r ->
                    assertThat(r.status()).isEqualTo(CreatedResource.Status.DELETED));
            assertThat(model.messageProperty().get()).isEqualTo("Clean-up: 1 removed.");
            assertThat(events.subscribedProperty().get()).isFalse();
            assertThat(events.statusProperty().get()).isEqualTo("Not subscribed: removed by Clean up.");
            assertThat(ev.listRules().rules()).isEmpty();
            assertThat(sqs.listQueues().queueUrls()).isEmpty();
        } finally {
            events.close();
        }
    }

    @Test
    void findLeftoversListsASubscriptionACrashedWindowLeftAndCleanUpRemovesIt() throws Exception {
        SubscriptionLedger ledger = new SubscriptionLedger(dir.resolve("subscriptions.jsonl"));
        EventsModel events = new EventsModel(() -> connection.connectionProperty().get(), () -> 1, ledger.file(),
                SESSION, DIRECT, DIRECT);
        model.setSubscriptionRemover(events::removeSubscription);
        model.setSubscriptionLeftovers(events::leftoverSubscriptions);
        try (CloudWatchEventsClient ev = ClientFactory.builder(sandboxConnection()).build().events();
                SqsClient sqs = ClientFactory.builder(sandboxConnection()).build().sqs()) {
            // what a window that crashed while subscribed leaves: a queue, a rule with its target, a ledger line
            String name = StateChangeSubscription.resourceName("ui-crashed");
            String queueUrl = sqs.createQueue(b -> b.queueName(name)).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            ev.putRule(b -> b.name(name).eventPattern(StateChangeSubscription.pattern(List.of())));
            ev.putTargets(b -> b.rule(name).targets(t -> t.id("crashed-target").arn(queueArn)));
            ledger.add(new SubscriptionLedger.Entry("ui-crashed", sandbox.endpoint().toString(), name, name,
                    "crashed-target", java.time.Instant.now()));

            model.findLeftovers();
            assertThat(model.created()).singleElement().satisfies(r -> {
                assertThat(r.kind()).isEqualTo(ResourceKind.EVENT_SUBSCRIPTION);
                assertThat(r.id()).isEqualTo(name);
            });
            assertThat(model.messageProperty().get()).isEqualTo("Found 1 resource left by workbench sessions; Clean up removes it.");

            answers.add(Choice.SEND);
            model.cleanUp();
            assertThat(model.created()).singleElement().satisfies(r ->
                    assertThat(r.status()).isEqualTo(CreatedResource.Status.DELETED));
            assertThat(ev.listRules().rules()).isEmpty();
            assertThat(sqs.listQueues().queueUrls()).isEmpty();
            assertThat(ledger.entries()).isEmpty();
        } finally {
            events.close();
        }
    }

    private Connection sandboxConnection() {
        Credentials keys = sandbox.defaultCredentials();
        return Connection.sandbox(sandbox.endpoint(), "us-east-1", keys.accessKeyId(), keys.secretAccessKey());
    }

    @Test
    void everyKindIsTaggedListedAndCleanedUpInDependencyOrder() {
        answers.add(Choice.SEND);
        runExperiment(ExperimentAction.CREATE_SECURITY_GROUP, 2);
        String group = model.created().get(0).id();
        awaitTagged(model.created().stream().map(CreatedResource::id).toList());
        awaitSettled(group); // RunInstances joins the group: every replica must know it, or EC2 says NotFound
        answers.add(Choice.SEND);
        model.concurrencyProperty().set(1);
        model.rateProperty().set(1); // RunInstances' own bucket is small
        // and under a loaded CI machine SDK standard's three attempts were once not enough: this test is about
        // tags and clean-up, so it retries patiently
        RetryChoice sdkStandard = model.retryProperty().get();
        model.retryProperty().set(new RetryChoice("patient", null, BackoffPolicy.builder(BackoffPolicy.Kind.FULL_JITTER)
                .base(java.time.Duration.ofMillis(200)).cap(java.time.Duration.ofSeconds(3)).maxAttempts(12).build()));
        runExperiment(ExperimentAction.RUN_INSTANCES, 3);
        model.retryProperty().set(sdkStandard);
        model.rateProperty().set(0);
        answers.add(Choice.SEND);
        runExperiment(ExperimentAction.CREATE_VOLUME, 2);
        answers.add(Choice.SEND);
        runExperiment(ExperimentAction.CREATE_KEY_PAIR, 2);

        assertThat(model.created()).hasSize(9);
        assertThat(model.created().stream().map(CreatedResource::kind)).as("every kind the runner creates")
                .containsOnly(ResourceKind.INSTANCE, ResourceKind.SECURITY_GROUP, ResourceKind.VOLUME, ResourceKind.KEY_PAIR);
        awaitTagged(model.created().stream().map(CreatedResource::id).toList());
        List<Instance> instances = ec2.describeInstancesPaginator(r -> r.filters(tag())).reservations().stream()
                .flatMap(r -> r.instances().stream()).toList();
        assertThat(instances).hasSize(3).allMatch(i -> i.securityGroups().stream().anyMatch(g -> g.groupId().equals(group)),
                "launched into the session's group");

        answers.add(Choice.SEND);
        int before = session.size();
        model.cleanUp();

        assertThat(prompts.get(prompts.size() - 1).title()).isEqualTo("Delete resources in AWS");
        assertThat(model.created()).hasSize(9).allMatch(r -> r.status() == CreatedResource.Status.DELETED,
                "every resource deleted");
        assertThat(model.messageProperty().get()).isEqualTo("Clean-up: 9 removed.");
        assertThat(taggedIds()).as("nothing tagged with the session remains").isEmpty();
        assertThat(ec2.describeInstancesPaginator(r -> r.filters(tag())).reservations().stream()
                .flatMap(r -> r.instances().stream())).allMatch(i -> i.state().nameAsString().equals("terminated"));

        List<String> actions = new ArrayList<>();
        AttemptStore.Snapshot s = session.snapshot();
        for (int i = before; i < s.size(); i++) {
            actions.add(s.action(i));
        }
        int lastTerminatePoll = actions.lastIndexOf("DescribeInstances");
        assertThat(actions.indexOf("TerminateInstances")).isLessThan(lastTerminatePoll);
        assertThat(lastTerminatePoll).as("waited for the terminations before deleting groups")
                .isLessThan(actions.indexOf("DeleteSecurityGroup"));
        assertThat(actions.lastIndexOf("DeleteSecurityGroup")).isLessThan(actions.indexOf("DeleteVolume"));
        assertThat(actions.lastIndexOf("DeleteVolume")).isLessThan(actions.indexOf("DeleteKeyPair"));
    }

    @Test
    void aFailedDeletionStaysListedWithItsErrorAndALaterCleanUpFinishesIt() {
        answers.add(Choice.SEND);
        runExperiment(ExperimentAction.CREATE_VOLUME, 1);
        String volume = model.created().get(0).id();
        awaitTagged(List.of(volume));
        // someone else's instance holds the volume: clean-up must not lose track of it
        String image = ec2.describeImages(r -> r.owners("amazon").filters(f -> f.name("architecture").values("x86_64")))
                .images().get(0).imageId();
        String other = ec2.runInstances(r -> r.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1))
                .instances().get(0).instanceId();
        awaitInstanceRunning(other);
        awaitVolumeAvailable(volume);
        eventually(() -> ec2.attachVolume(r -> r.volumeId(volume).instanceId(other).device("/dev/sdf")));

        answers.add(Choice.SEND);
        model.cleanUp();
        CreatedResource failed = model.created().get(0);
        assertThat(failed.status()).isEqualTo(CreatedResource.Status.FAILED);
        assertThat(failed.detail()).contains("in-use");
        assertThat(model.canCleanUp().get()).isTrue();
        assertThat(model.messageProperty().get()).isEqualTo("Clean-up: 0 removed, 1 failed (still listed).");
        assertThat(taggedIds()).containsExactly(volume);

        eventually(() -> ec2.detachVolume(r -> r.volumeId(volume)));
        awaitVolumeAvailable(volume);
        answers.add(Choice.SEND);
        model.cleanUp();
        assertThat(model.created()).singleElement().matches(r -> r.status() == CreatedResource.Status.DELETED);
        assertThat(taggedIds()).isEmpty();
    }

    @Test
    void cleanUpFindsWhatTheListLostByTheSessionTag() {
        // a create whose reply never reached the list: only its tag remembers it
        String lost = ec2.createSecurityGroup(r -> r.groupName("lost").description("lost reply")
                .tagSpecifications(t -> t.resourceType("security-group").tags(x -> x.key(ExperimentAction.SESSION_TAG)
                        .value(SESSION)))).groupId();
        answers.add(Choice.SEND);
        runExperiment(ExperimentAction.CREATE_KEY_PAIR, 1);
        awaitTagged(List.of(lost, model.created().get(0).id()));
        answers.add(Choice.SEND);
        model.cleanUp();
        assertThat(model.created()).extracting(CreatedResource::id).contains(lost);
        assertThat(model.created()).allMatch(r -> r.status() == CreatedResource.Status.DELETED);
        assertThat(taggedIds()).isEmpty();
    }

    @Test
    void leftoversOfAnEarlierSessionAreFoundAndCleanedUp() {
        String earlier = ec2.createSecurityGroup(r -> r.groupName("from-yesterday").description("an earlier session")
                .tagSpecifications(t -> t.resourceType("security-group").tags(x -> x.key(ExperimentAction.SESSION_TAG)
                        .value("20261121-090000")))).groupId();
        awaitSettled(earlier);
        model.findLeftovers();
        assertThat(session.snapshot().action(session.size() - 1)).startsWith("Describe");
        assertThat(model.created()).extracting(CreatedResource::id).containsExactly(earlier);
        assertThat(model.messageProperty().get()).isEqualTo("Found 1 resource left by workbench sessions; Clean up removes it.");
        answers.add(Choice.SEND);
        model.cleanUp();
        assertThat(model.created()).singleElement().matches(r -> r.status() == CreatedResource.Status.DELETED);
        assertThat(ec2.describeSecurityGroups(r -> r.filters(f -> f.name("tag-key").values(ExperimentAction.SESSION_TAG)))
                .securityGroups()).isEmpty();
    }

    @Test
    void decliningCleanUpDeletesNothing() {
        answers.add(Choice.SEND);
        runExperiment(ExperimentAction.CREATE_SECURITY_GROUP, 1);
        awaitTagged(List.of(model.created().get(0).id()));
        int before = session.size();
        answers.add(Choice.CANCEL);
        model.cleanUp();
        assertThat(session.size()).isEqualTo(before);
        assertThat(model.messageProperty().get()).isEqualTo("Clean-up cancelled: nothing was deleted.");
        assertThat(taggedIds()).hasSize(1);
    }

    private void runExperiment(ExperimentAction action, int count) {
        model.actionProperty().set(action);
        model.countProperty().set(count);
        model.run();
        ExperimentResult r = model.resultProperty().get();
        assertThat(r.failed()).as(action + ": " + r.failures()).isZero();
        assertThat(r.created()).hasSize(count);
    }

    private Filter tag() {
        return Filter.builder().name("tag:" + ExperimentAction.SESSION_TAG).values(SESSION).build();
    }

    /** Every resource tagged with the session that still exists (terminated instances do not count). */
    private List<String> taggedIds() {
        List<String> ids = new ArrayList<>();
        ec2.describeInstancesPaginator(r -> r.filters(tag(), Filter.builder().name("instance-state-name")
                        .values("pending", "running", "stopping", "stopped", "shutting-down").build()))
                .reservations().forEach(r -> r.instances().forEach(i -> ids.add(i.instanceId())));
        ec2.describeSecurityGroupsPaginator(r -> r.filters(tag())).securityGroups().forEach(g -> ids.add(g.groupId()));
        ec2.describeVolumesPaginator(r -> r.filters(tag())).volumes().forEach(v -> ids.add(v.volumeId()));
        ec2.describeKeyPairs(r -> r.filters(tag())).keyPairs().forEach(k -> ids.add(k.keyPairId()));
        return ids;
    }

    /** Created resources become visible after a propagation delay, as in EC2: wait until all of them are. */
    private void awaitTagged(List<String> ids) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<String> seen = taggedIds();
        while (!seen.containsAll(ids)) {
            assertThat(System.nanoTime()).as("waiting to see " + ids + ", saw " + seen).isLessThan(deadline);
            sleep();
            seen = taggedIds();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
    }

    /** Waits until 20 describes in a row see the group: the sandbox's replicas learn of it one by one. */
    private void awaitSettled(String groupId) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        int inARow = 0;
        while (inARow < 20) {
            assertThat(System.nanoTime()).as("waiting for every replica to know " + groupId).isLessThan(deadline);
            try {
                ec2.describeSecurityGroups(r -> r.groupIds(groupId));
                inARow++;
            } catch (software.amazon.awssdk.awscore.exception.AwsServiceException notYet) {
                inARow = 0;
                sleep();
            }
        }
    }

    /** Runs {@code call} until no replica answers NotFound (visibility flaps before it settles, as in EC2). */
    private static void eventually(Runnable call) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                call.run();
                return;
            } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                if (!e.awsErrorDetails().errorCode().endsWith(".NotFound") || System.nanoTime() > deadline) {
                    throw e;
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void awaitInstanceRunning(String id) {
        awaitState(() -> ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0)
                .state().nameAsString(), "running");
    }

    private void awaitVolumeAvailable(String id) {
        awaitState(() -> ec2.describeVolumes(r -> r.volumeIds(id)).volumes().get(0).stateAsString(), "available");
    }

    private static void awaitState(java.util.function.Supplier<String> state, String wanted) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                if (state.get().equals(wanted)) {
                    return;
                }
            } catch (RuntimeException notYetVisible) {
                // eventual consistency: keep asking
            }
            assertThat(System.nanoTime()).as("waiting for " + wanted).isLessThan(deadline);
            sleep();
        }
    }
}
