package org.ec2workbench.aws.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.BackoffPolicy.Kind;
import org.ec2workbench.backoff.Classification;
import org.ec2workbench.backoff.Classifier;
import org.ec2workbench.backoff.GiveUpReason;
import org.ec2workbench.backoff.Poller;
import org.ec2workbench.backoff.RetryBudget;
import org.ec2workbench.backoff.RetryEvent;
import org.ec2workbench.backoff.RetryPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** The engine as the SDK's retry strategy, against a local endpoint that throttles like EC2. */
class EngineRetryStrategyTest {

    private static final String THROTTLED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
            + "<Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors>"
            + "<RequestID>%s</RequestID></Response>";
    private static final String INVALID = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
            + "<Code>InvalidParameterValue</Code><Message>Value (x) for parameter regionName is invalid.</Message>"
            + "</Error></Errors><RequestID>%s</RequestID></Response>";
    private static final String REGIONS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>%s</requestId>"
            + "<regionInfo><item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com"
            + "</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item></regionInfo>"
            + "</DescribeRegionsResponse>";

    private static final String NOT_FOUND = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
            + "<Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-0123456789abcdef0' does not exist"
            + "</Message></Error></Errors><RequestID>%s</RequestID></Response>";
    private static final String INSTANCES = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>%s</requestId>"
            + "<reservationSet><item><reservationId>r-0123456789abcdef0</reservationId><ownerId>123456789012</ownerId>"
            + "<groupSet/><instancesSet><item><instanceId>i-0123456789abcdef0</instanceId><instanceState><code>%d"
            + "</code><name>%s</name></instanceState></item></instancesSet></item></reservationSet>"
            + "</DescribeInstancesResponse>";

    private final AtomicInteger notFoundFirst = new AtomicInteger();
    private final AtomicInteger pendingFirst = new AtomicInteger();
    private HttpServer server;
    private final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
    private final List<String> actions = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger throttleFirst = new AtomicInteger();
    private volatile boolean invalid;
    private final List<RetryEvent> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopEndpoint() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        arrivals.add(System.nanoTime());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        actions.add(body.replaceAll(".*Action=([A-Za-z]+).*", "$1"));
        String requestId = "req-" + arrivals.size();
        int status;
        String reply;
        if (invalid) {
            status = 400;
            reply = INVALID.formatted(requestId);
        } else if (notFoundFirst.getAndDecrement() > 0) {
            status = 400;
            reply = NOT_FOUND.formatted(requestId);
        } else if (actions.get(actions.size() - 1).equals("DescribeInstances")) {
            status = 200;
            boolean pending = pendingFirst.getAndDecrement() > 0;
            reply = INSTANCES.formatted(requestId, pending ? 0 : 16, pending ? "pending" : "running");
        } else if (throttleFirst.getAndDecrement() > 0) {
            status = 503;
            reply = THROTTLED.formatted(requestId);
        } else {
            status = 200;
            reply = REGIONS.formatted(requestId);
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Ec2Client client(EngineRetryStrategy strategy) {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return ClientFactory.builder(Connection.sandbox(endpoint, "us-east-1", "AKIDENGINETEST", "engine-test-secret"))
                .retryStrategy(strategy).build().ec2();
    }

    private RetryPlan.Builder plan(BackoffPolicy policy) {
        return RetryPlan.builder(policy).random(new SplittableRandom(3)).listener(events::add);
    }

    private <T extends RetryEvent> List<T> eventsOf(Class<T> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    private List<Long> gapsMillis() {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < arrivals.size(); i++) {
            gaps.add((arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000);
        }
        return gaps;
    }

    @Test
    void theSdkRetriesThrottlingAfterTheDelaysTheEngineChose() {
        throttleFirst.set(3);
        BackoffPolicy fixed = BackoffPolicy.builder(Kind.FIXED).base(Duration.ofMillis(300)).maxAttempts(5).build();
        try (Ec2Client ec2 = client(EngineRetryStrategy.of(plan(fixed).build()))) {
            DescribeRegionsResponse response = ec2.describeRegions();
            assertThat(response.regions()).extracting(r -> r.regionName()).containsExactly("us-east-1");
        }
        assertThat(actions).containsOnly("DescribeRegions").hasSize(4);
        assertThat(eventsOf(RetryEvent.AttemptFailed.class)).extracting(RetryEvent.AttemptFailed::classification)
                .containsExactly(Classification.THROTTLING, Classification.THROTTLING, Classification.THROTTLING);
        List<RetryEvent.RetryScheduled> scheduled = eventsOf(RetryEvent.RetryScheduled.class);
        assertThat(scheduled).extracting(RetryEvent::attempt).containsExactly(2, 3, 4);
        assertThat(scheduled).extracting(RetryEvent.RetryScheduled::delay).containsOnly(Duration.ofMillis(300));
        assertThat(gapsMillis()).hasSize(3).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(300));
        assertThat(eventsOf(RetryEvent.Succeeded.class)).singleElement()
                .satisfies(s -> assertThat(s.attempt()).isEqualTo(4));
    }

    @Test
    void growingDelaysChosenByThePolicyAreTheGapsTheSdkLeaves() {
        throttleFirst.set(3);
        BackoffPolicy exponential = BackoffPolicy.builder(Kind.EXPONENTIAL).base(Duration.ofMillis(150))
                .cap(Duration.ofSeconds(5)).maxAttempts(4).build();
        try (Ec2Client ec2 = client(EngineRetryStrategy.of(plan(exponential).budget(RetryBudget.sdkStandard()).build()))) {
            ec2.describeRegions();
        }
        List<Duration> delays = eventsOf(RetryEvent.RetryScheduled.class).stream()
                .map(RetryEvent.RetryScheduled::delay).toList();
        assertThat(delays).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300), Duration.ofMillis(600));
        List<Long> gaps = gapsMillis();
        for (int i = 0; i < delays.size(); i++) {
            assertThat(gaps.get(i)).as("gap before attempt %d", i + 2).isGreaterThanOrEqualTo(delays.get(i).toMillis());
        }
    }

    @Test
    void theSdkGivesUpWhenTheEngineDoes() {
        throttleFirst.set(10);
        BackoffPolicy fixed = BackoffPolicy.builder(Kind.FIXED).base(Duration.ofMillis(50)).maxAttempts(2).build();
        try (Ec2Client ec2 = client(EngineRetryStrategy.of(plan(fixed).build()))) {
            assertThatThrownBy(ec2::describeRegions).isInstanceOfSatisfying(Ec2Exception.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
                assertThat(e.statusCode()).isEqualTo(503);
            });
        }
        assertThat(arrivals).hasSize(2);
        assertThat(eventsOf(RetryEvent.GaveUp.class)).singleElement()
                .satisfies(g -> assertThat(g.reason()).isEqualTo(GiveUpReason.MAX_ATTEMPTS));
    }

    @Test
    void validationErrorsAreNotRetried() {
        invalid = true;
        BackoffPolicy fixed = BackoffPolicy.builder(Kind.FIXED).base(Duration.ofMillis(50)).maxAttempts(5).build();
        try (Ec2Client ec2 = client(EngineRetryStrategy.of(plan(fixed).build()))) {
            assertThatThrownBy(ec2::describeRegions).isInstanceOfSatisfying(Ec2Exception.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        }
        assertThat(arrivals).hasSize(1);
        assertThat(eventsOf(RetryEvent.GaveUp.class)).singleElement()
                .satisfies(g -> assertThat(g.reason()).isEqualTo(GiveUpReason.TERMINAL_FAILURE));
    }

    @Test
    void anEmptyBudgetStopsTheSdkRetrying() {
        throttleFirst.set(10);
        RetryBudget budget = RetryBudget.builder().capacity(5).build();
        BackoffPolicy fixed = BackoffPolicy.builder(Kind.FIXED).base(Duration.ofMillis(20)).maxAttempts(10).build();
        try (Ec2Client ec2 = client(EngineRetryStrategy.of(plan(fixed).budget(budget).build()))) {
            assertThatThrownBy(ec2::describeRegions).isInstanceOf(Ec2Exception.class);
        }
        assertThat(arrivals).hasSize(2);
        assertThat(budget.tokens()).isZero();
        assertThat(eventsOf(RetryEvent.GaveUp.class)).singleElement()
                .satisfies(g -> assertThat(g.reason()).isEqualTo(GiveUpReason.BUDGET_EXHAUSTED));
    }

    @Test
    void notFoundIsTerminalUnlessNotYetVisibleErrorsAreRetried() {
        notFoundFirst.set(2);
        BackoffPolicy fixed = BackoffPolicy.builder(Kind.FIXED).base(Duration.ofMillis(50)).maxAttempts(5).build();
        try (Ec2Client ec2 = client(EngineRetryStrategy.of(plan(fixed).build()))) {
            assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")))
                    .isInstanceOf(Ec2Exception.class);
        }
        assertThat(arrivals).hasSize(1);
        notFoundFirst.set(2);
        try (Ec2Client ec2 = client(EngineRetryStrategy.builder(plan(fixed).build()).retryNotYetVisible(true).build())) {
            assertThat(ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")).reservations()).hasSize(1);
        }
        assertThat(arrivals).hasSize(4);
        assertThat(eventsOf(RetryEvent.AttemptFailed.class)).extracting(RetryEvent.AttemptFailed::classification)
                .containsExactly(Classification.TERMINAL, Classification.NOT_YET_VISIBLE, Classification.NOT_YET_VISIBLE);
    }

    @Test
    void aPollerWaitsThroughNotFoundAndPendingUntilRunning() {
        notFoundFirst.set(2);
        pendingFirst.set(2);
        BackoffPolicy noRetries = BackoffPolicy.builder(Kind.NONE).maxAttempts(1).build();
        BackoffPolicy polling = BackoffPolicy.builder(Kind.EXPONENTIAL).base(Duration.ofMillis(40))
                .cap(Duration.ofMillis(200)).maxAttempts(10).build();
        Poller poller = Poller.builder(polling).classifier(Classifier.ofFailures(SdkErrorClassifier::classify))
                .random(new SplittableRandom(1)).listener(events::add).build();
        try (Ec2Client ec2 = client(EngineRetryStrategy.of(plan(noRetries).build()))) {
            Poller.Result<String> result = poller.poll(
                    () -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")).reservations().get(0)
                            .instances().get(0).state().nameAsString(),
                    state -> state.equals("running") ? Poller.PollState.DONE : Poller.PollState.CONTINUE);
            assertThat(result.status()).isEqualTo(Poller.Status.SATISFIED);
            assertThat(result.polls()).isEqualTo(5);
        }
        assertThat(actions).containsOnly("DescribeInstances").hasSize(5);
        List<Long> gaps = gapsMillis();
        long[] expected = {40, 80, 160, 200};
        for (int i = 0; i < expected.length; i++) {
            assertThat(gaps.get(i)).isGreaterThanOrEqualTo(expected[i]);
        }
    }

    @Test
    void toBuilderKeepsThePlanAndCanChangeTheAttempts() {
        EngineRetryStrategy strategy = EngineRetryStrategy.of(plan(BackoffPolicy.sdkStandard()).build());
        assertThat(strategy.maxAttempts()).isEqualTo(3);
        assertThat(strategy.toBuilder().maxAttempts(7).build().maxAttempts()).isEqualTo(7);
        assertThat(strategy.useClientDefaults()).isFalse();
    }
}
