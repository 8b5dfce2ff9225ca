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
}
