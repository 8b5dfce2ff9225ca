package org.ec2workbench.ui.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.ec2workbench.events.SubscriptionLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchevents.CloudWatchEventsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The Events page's model without a toolkit, against the embedded sandbox with events and queues. */
class EventsModelTest {

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private ClientFactory clients;
    private final ExecutorService background = Executors.newCachedThreadPool();
    /** Stands in for the FX thread: one thread that owns the model's properties. */
    private final ExecutorService fx = Executors.newSingleThreadExecutor();
    private EventsModel model;

    @BeforeEach
    void start() {
        sandbox = Sandbox.builder().preset(Preset.CALM).timeScale(20).seed(5).build().start();
        Credentials keys = sandbox.defaultCredentials();
        Connection connection = Connection.sandbox(sandbox.endpoint(), "us-east-1", keys.accessKeyId(),
                keys.secretAccessKey());
        clients = ClientFactory.builder(connection).build();
        model = new EventsModel(() -> connection, sandbox::timeScale, dir.resolve("subscriptions.jsonl"), "test1",
                background, fx);
    }

    @AfterEach
    void stop() {
        model.close();
        background.shutdownNow();
        fx.shutdownNow();
        sandbox.close();
    }

    private <T> T onFx(Supplier<T> read) throws Exception {
        return fx.submit(read::get).get(10, TimeUnit.SECONDS);
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!onFx(condition::getAsBoolean)) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void subscribeShowsPendingAndRunningOnceAndUnsubscribeLeavesNothing() throws Exception {
        fx.submit(model::subscribe).get();
        await("subscribed", () -> model.subscribedProperty().get());
        assertThat(onFx(() -> model.errorProperty().get())).isEmpty();

        String id;
        try (Ec2Client ec2 = clients.ec2()) {
            String image = ec2.describeImages(b -> b.owners("amazon")).images().stream()
                    .filter(i -> i.rootDeviceTypeAsString().equals("ebs")).findFirst().orElseThrow().imageId();
            id = ec2.runInstances(b -> b.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1))
                    .instances().get(0).instanceId();
        }
        await("running event", () -> model.events().stream()
                .anyMatch(e -> e.instanceId().equals(id) && e.state().equals("running")));
        List<EventsModel.EventRow> rows = onFx(() -> List.copyOf(model.events()));
        assertThat(rows).filteredOn(e -> e.instanceId().equals(id)).extracting(EventsModel.EventRow::state)
                .containsExactly("pending", "running");
        assertThat(rows).extracting(EventsModel.EventRow::eventId).doesNotHaveDuplicates();

        fx.submit(model::unsubscribe).get();
        await("unsubscribed", () -> !model.subscribedProperty().get() && !model.busyProperty().get());
        assertThat(onFx(() -> model.errorProperty().get())).isEmpty();
        try (CloudWatchEventsClient events = clients.events(); SqsClient sqs = clients.sqs()) {
            assertThat(events.listRules().rules()).isEmpty();
            assertThat(sqs.listQueues().queueUrls()).isEmpty();
        }
        assertThat(new SubscriptionLedger(dir.resolve("subscriptions.jsonl")).entries()).isEmpty();
    }

    @Test
    void withoutAConnectionTheErrorIsShownAndNothingStarts() throws Exception {
        EventsModel none = new EventsModel(() -> null, () -> 1, dir.resolve("s.jsonl"), "none", background, fx);
        fx.submit(none::subscribe).get();
        assertThat(onFx(() -> none.errorProperty().get())).contains("No connection");
        assertThat(onFx(() -> none.subscribedProperty().get())).isFalse();
    }

    @Test
    void theComparisonReportsItsStepsAndFinishes() throws Exception {
        List<Double> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> phases = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx.submit(() -> {
            model.progressProperty().addListener((o, was, now) -> seen.add(now.doubleValue()));
            model.phaseProperty().addListener((o, was, now) -> phases.add(now));
            model.compare();
        }).get();
        await("comparison done", () -> !model.comparingProperty().get());
        assertThat(onFx(() -> model.errorProperty().get())).isEmpty();
        assertThat(onFx(() -> List.copyOf(model.comparison()))).hasSize(4);
        assertThat(seen).as("determinate: steps done of five, then back to 0")
                .containsSubsequence(0.2, 0.4, 0.6, 0.8).doesNotContain(-1.0).endsWith(0.0);
        assertThat(phases).contains("Step 2 of 5: launch → running", "Step 5 of 5: terminate → terminated");
        assertThat(phases.get(phases.size() - 1)).startsWith("Done: 4 transitions");
    }

    @Test
    void cancellingTheComparisonTerminatesItsInstanceAndRemovesItsSubscription() throws Exception {
        org.ec2workbench.ui.experiment.CreatedResources resources = fx.submit(
                org.ec2workbench.ui.experiment.CreatedResources::new).get();
        fx.submit(() -> {
            model.guardAwsMode(() -> false, org.ec2workbench.ui.connection.MutationGuard.REFUSE, resources);
            model.compare();
        }).get();
        await("instance launched", () -> !resources.items().isEmpty());
        fx.submit(model::cancelCompare).get();
        await("comparison stopped", () -> !model.comparingProperty().get());
        assertThat(onFx(() -> model.phaseProperty().get())).startsWith("Cancelled");
        assertThat(onFx(() -> model.errorProperty().get())).isEmpty();
        String id = onFx(() -> resources.items().get(0).id());
        assertThat(onFx(() -> resources.items().get(0).status()))
                .isEqualTo(org.ec2workbench.ui.experiment.CreatedResource.Status.DELETED);
        try (Ec2Client ec2 = clients.ec2(); CloudWatchEventsClient events = clients.events(); SqsClient sqs = clients.sqs()) {
            String state = ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0)
                    .state().nameAsString();
            assertThat(state).isIn("shutting-down", "terminated");
            assertThat(events.listRules().rules()).isEmpty();
            assertThat(sqs.listQueues().queueUrls()).isEmpty();
        }
    }

    @Test
    void inAwsModeDecliningTheComparisonOrSubscriptionSendsNothing() throws Exception {
        List<org.ec2workbench.ui.connection.MutationGuard.Prompt> prompts = new java.util.ArrayList<>();
        fx.submit(() -> {
            model.guardAwsMode(() -> true, (prompt, answer) -> {
                prompts.add(prompt);
                answer.accept(org.ec2workbench.ui.connection.MutationGuard.Choice.CANCEL);
            }, new org.ec2workbench.ui.experiment.CreatedResources());
            model.compare();
            model.subscribe();
        }).get();
        assertThat(prompts).hasSize(2);
        assertThat(prompts.get(0).offersDryRun()).as("a launch offers a DryRun first").isTrue();
        assertThat(onFx(() -> model.comparingProperty().get() || model.subscribedProperty().get()
                || model.busyProperty().get())).isFalse();
        try (Ec2Client ec2 = clients.ec2(); CloudWatchEventsClient events = clients.events(); SqsClient sqs = clients.sqs()) {
            assertThat(ec2.describeInstances().reservations()).isEmpty();
            assertThat(events.listRules().rules()).isEmpty();
            assertThat(sqs.listQueues().queueUrls()).isEmpty();
        }
    }
}
