package org.ec2workbench.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.ec2workbench.sandbox.iam.PrincipalStore;
import org.ec2workbench.sandbox.events.SandboxEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchevents.CloudWatchEventsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The subscription through the real SDK clients against the real sandbox, with its lifecycles sped up. */
class StateChangeSubscriptionSandboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private SandboxEvents sandboxEvents;
    private Ec2Client ec2;
    private CloudWatchEventsClient events;
    private SqsClient sqs;
    private SubscriptionLedger ledger;
    private final BlockingQueue<StateChangeEvent> received = new LinkedBlockingQueue<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        sandbox = Sandbox.builder().preset(Preset.CALM).timeScale(20).seed(11).eventsAndQueues(false).build().start();
        sandboxEvents = SandboxEvents.install(sandbox, Clock.system(), 11);
        Credentials keys = sandbox.defaultCredentials();
        ClientFactory factory = ClientFactory.builder(Connection.sandbox(sandbox.endpoint(), "us-east-1",
                keys.accessKeyId(), keys.secretAccessKey())).build();
        ec2 = factory.ec2();
        events = factory.events();
        sqs = factory.sqs();
        ledger = new SubscriptionLedger(dir.resolve("ledger.jsonl"));
    }

    @AfterEach
    void stop() {
        ec2.close();
        events.close();
        sqs.close();
        sandboxEvents.close();
        sandbox.close();
    }

    private StateChangeSubscription subscription(String session) {
        return StateChangeSubscription.builder(events, sqs, session).ledger(ledger).connection("sandbox-test")
                .listener(received::add).errorListener(errors::add).waitTimeSeconds(5).build();
    }

    private String launch() {
        String image = ec2.describeImages(b -> b.owners("amazon")).images().stream()
                .filter(i -> i.rootDeviceTypeAsString().equals("ebs")).findFirst().orElseThrow().imageId();
        return ec2.runInstances(b -> b.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1))
                .instances().get(0).instanceId();
    }

    private StateChangeEvent next(String instanceId) throws InterruptedException {
        while (true) {
            StateChangeEvent e = received.poll(20, TimeUnit.SECONDS);
            assertThat(e).as("an event for %s within 20 s", instanceId).isNotNull();
            if (e.instanceId().equals(instanceId)) {
                return e;
            }
        }
    }

    private List<String> states(String instanceId, int count) throws InterruptedException {
        List<String> states = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            states.add(next(instanceId).state());
        }
        return states;
    }

    @Test
    void eventsArriveForLaunchStopStartAndTerminateWithTheDocumentedJson() throws Exception {
        try (StateChangeSubscription sub = subscription("lifecycle").start()) {
            String id = launch();
            StateChangeEvent pending = next(id);
            assertThat(pending.state()).isEqualTo("pending");
            JsonNode json = JSON.readTree(pending.json());
            List<String> fields = new ArrayList<>();
            json.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("version", "id", "detail-type", "source", "account", "time", "region",
                    "resources", "detail");
            assertThat(json.get("detail-type").asText()).isEqualTo("EC2 Instance State-change Notification");
            assertThat(json.get("source").asText()).isEqualTo("aws.ec2");
            assertThat(json.get("account").asText()).isEqualTo(PrincipalStore.DEFAULT_ACCOUNT_ID);
            assertThat(json.get("region").asText()).isEqualTo("us-east-1");
            assertThat(json.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(json.get("resources").toString())
                    .isEqualTo("[\"arn:aws:ec2:us-east-1:" + PrincipalStore.DEFAULT_ACCOUNT_ID + ":instance/" + id + "\"]");
            assertThat(json.get("detail").toString()).isEqualTo("{\"instance-id\":\"" + id + "\",\"state\":\"pending\"}");
            assertThat(next(id).state()).isEqualTo("running");

            ec2.stopInstances(b -> b.instanceIds(id));
            assertThat(states(id, 2)).containsExactly("stopping", "stopped");
            ec2.startInstances(b -> b.instanceIds(id));
            assertThat(states(id, 2)).containsExactly("pending", "running");
            ec2.terminateInstances(b -> b.instanceIds(id));
            assertThat(states(id, 2)).containsExactly("shutting-down", "terminated");
            assertThat(errors).isEmpty();
            assertThat(sub.stats().events()).isEqualTo(8);
        }
    }

    @Test
    void aRedeliveredEventIsShownOnce() throws Exception {
        try (StateChangeSubscription sub = subscription("dedup").start()) {
            String id = launch();
            StateChangeEvent pending = next(id);
            // At-least-once delivery: the same event arrives again, as SQS may redeliver it.
            sqs.sendMessage(b -> b.queueUrl(sub.queueUrl()).messageBody(pending.json()));
            assertThat(next(id).state()).isEqualTo("running");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sub.stats().duplicates() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(sub.stats().duplicates()).isEqualTo(1);
            assertThat(received.stream().filter(e -> e.id().equals(pending.id()))).isEmpty();
            assertThat(sub.stats().events()).isEqualTo(2);
        }
    }

    @Test
    void onlyTheWatchedInstancesAreDelivered() throws Exception {
        String watched = launch();
        String other = launch();
        try (StateChangeSubscription sub = StateChangeSubscription.builder(events, sqs, "watch").ledger(ledger)
                .connection("sandbox-test").instanceIds(List.of(watched)).listener(received::add).waitTimeSeconds(5)
                .build().start()) {
            assertThat(events.describeRule(b -> b.name("ec2wb-watch")).eventPattern()).contains(watched).doesNotContain(other);
            awaitRunning(watched, other);
            received.clear();
            ec2.stopInstances(b -> b.instanceIds(watched, other));
            List<StateChangeEvent> seen = new ArrayList<>();
            while (seen.stream().noneMatch(e -> e.state().equals("stopped"))) {
                StateChangeEvent e = received.poll(20, TimeUnit.SECONDS);
                assertThat(e).isNotNull();
                seen.add(e);
            }
            assertThat(seen).extracting(StateChangeEvent::instanceId).containsOnly(watched);
        }
    }

    private void awaitRunning(String... ids) {
        try (var waiter = software.amazon.awssdk.services.ec2.waiters.Ec2Waiter.builder().client(ec2)
                .overrideConfiguration(o -> o.backoffStrategyV2(
                        software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(200)))
                        .maxAttempts(100)).build()) {
            waiter.waitUntilInstanceRunning(b -> b.instanceIds(ids));
        }
    }

    @Test
    void teardownLeavesNoRuleNoQueueAndNoLedgerEntry() {
        StateChangeSubscription sub = subscription("teardown").start();
        assertThat(events.listRules(b -> b.namePrefix("ec2wb-")).rules()).hasSize(1);
        assertThat(events.listTargetsByRule(b -> b.rule("ec2wb-teardown")).targets()).hasSize(1);
        assertThat(sqs.listQueues(b -> b.queueNamePrefix("ec2wb-")).queueUrls()).hasSize(1);
        assertThat(sqs.listQueueTags(b -> b.queueUrl(sub.queueUrl())).tags())
                .containsEntry(StateChangeSubscription.SESSION_TAG, "teardown");
        assertThat(ledger.entries()).extracting(SubscriptionLedger.Entry::sessionId).containsExactly("teardown");
        sub.close();
        assertThat(sub.state()).isEqualTo(StateChangeSubscription.State.CLOSED);
        assertThat(events.listRules().rules()).isEmpty();
        assertThat(sqs.listQueues().queueUrls()).isEmpty();
        assertThat(ledger.entries()).isEmpty();
    }

    @Test
    void startRemovesTheLeftoversOfACrashedSession() {
        StateChangeSubscription crashed = subscription("crashed").start();
        // A second app run on the same connection finds the first one's resources in the ledger.
        try (StateChangeSubscription fresh = subscription("fresh").start()) {
            assertThat(fresh.stats().cleanedUp()).isEqualTo(1);
            assertThat(events.listRules().rules()).extracting(r -> r.name()).containsExactly("ec2wb-fresh");
            assertThat(sqs.listQueues().queueUrls()).singleElement().satisfies(u -> assertThat(u).endsWith("/ec2wb-fresh"));
            assertThat(ledger.entries()).extracting(SubscriptionLedger.Entry::sessionId).containsExactly("fresh");
        }
        crashed.close();
        assertThat(events.listRules().rules()).isEmpty();
        assertThat(sqs.listQueues().queueUrls()).isEmpty();
    }

    @Test
    void leftoversOfAnotherConnectionAreKept() {
        ledger.add(new SubscriptionLedger.Entry("elsewhere", "profile prod (us-east-1)", "ec2wb-elsewhere",
                "ec2wb-elsewhere", "ec2wb-queue", java.time.Instant.parse("2026-01-01T00:00:00Z")));
        try (StateChangeSubscription sub = subscription("here").start()) {
            assertThat(sub.stats().cleanedUp()).isZero();
        }
        assertThat(ledger.entries()).extracting(SubscriptionLedger.Entry::sessionId).containsExactly("elsewhere");
    }

    @Test
    void aPolicyWithoutTheRuleConditionGetsNothing() throws Exception {
        try (StateChangeSubscription sub = subscription("nopolicy").start()) {
            sqs.setQueueAttributes(b -> b.queueUrl(sub.queueUrl()).attributes(java.util.Map.of(
                    software.amazon.awssdk.services.sqs.model.QueueAttributeName.POLICY, "")));
            launch();
            assertThat(received.poll(3, TimeUnit.SECONDS)).isNull();
            assertThat(sandboxEvents.events().stats().deniedByPolicy()).isPositive();
        }
    }

    @Test
    void aCutLinkIsRetriedWithTheEnginesBackoffAndNoEventIsLost() throws Exception {
        List<org.ec2workbench.backoff.RetryEvent.RetryScheduled> retries = new CopyOnWriteArrayList<>();
        org.ec2workbench.backoff.RetryPlan plan = org.ec2workbench.backoff.RetryPlan.builder(
                        org.ec2workbench.backoff.BackoffPolicy.builder(org.ec2workbench.backoff.BackoffPolicy.Kind.FULL_JITTER)
                                .base(Duration.ofMillis(100)).cap(Duration.ofMillis(400)).unlimitedAttempts().build())
                .listener(e -> {
                    if (e instanceof org.ec2workbench.backoff.RetryEvent.RetryScheduled r) {
                        retries.add(r);
                    }
                }).build();
        Credentials keys = sandbox.defaultCredentials();
        try (FlakyProxy proxy = new FlakyProxy(sandbox.endpoint());
             SqsClient flakySqs = ClientFactory.builder(Connection.sandbox(proxy.endpoint(), "us-east-1",
                     keys.accessKeyId(), keys.secretAccessKey()))
                     .retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()).build().sqs();
             StateChangeSubscription sub = StateChangeSubscription.builder(events, flakySqs, "flaky").ledger(ledger)
                     .listener(received::add).errorListener(errors::add).retryPlan(plan).waitTimeSeconds(5).build().start()) {
            String id = launch();
            assertThat(next(id).state()).isEqualTo("pending");
            proxy.down();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (retries.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            proxy.up();
            // "running" happened during the outage; it waited in the queue and arrives after the reconnect.
            assertThat(next(id).state()).isEqualTo("running");
            assertThat(retries).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(r -> assertThat(r.delay()).isLessThanOrEqualTo(Duration.ofMillis(400)));
            assertThat(sub.stats().failures()).isGreaterThanOrEqualTo(3);
            assertThat(sub.state()).isEqualTo(StateChangeSubscription.State.RUNNING);
        }
    }
}
