package org.ec2workbench.aws.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.backoff.VirtualClock;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.capture.Fault;
import org.ec2workbench.capture.LocalEc2Endpoint;
import org.ec2workbench.capture.LocalEc2Endpoint.Reply;
import org.ec2workbench.capture.SourceKind;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;

class WorkbenchCaptureTest {

    static final String ACCESS_KEY = "AKIAWORKBENCHTEST123";
    static final String CANARY_SECRET = "canary/Secret+Key/ShouldNeverBeWritten00";

    private static Ec2Client client(URI endpoint, AttemptStore store, Duration fixedBackoff) {
        BackoffStrategy fixed = BackoffStrategy.fixedDelayWithoutJitter(fixedBackoff);
        return ClientFactory.builder(Connection.sandbox(endpoint, "us-east-1", ACCESS_KEY, CANARY_SECRET))
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .backoffStrategy(fixed).throttlingBackoffStrategy(fixed).maxAttempts(4)
                        .circuitBreakerEnabled(false).build())
                .addInterceptor(WorkbenchCapture.interceptor(store, Clock.system()))
                .build().ec2();
    }

    @Test
    void everyAttemptOfAThrottledCallIsRecordedWithItsBackoff() throws Exception {
        AttemptStore store = new AttemptStore();
        try (LocalEc2Endpoint ec2 = new LocalEc2Endpoint().withoutRequestIdHeader().then(
                Reply.error(503, "RequestLimitExceeded", "Request limit exceeded."),
                Reply.error(503, "RequestLimitExceeded", "Request limit exceeded."));
                Ec2Client client = client(ec2.uri(), store, Duration.ofMillis(150))) {
            client.describeInstances();

            List<Attempt> attempts = all(store);
            assertThat(attempts).hasSize(3);
            assertThat(attempts).extracting(Attempt::attemptNumber).containsExactly(1, 2, 3);
            assertThat(attempts).extracting(Attempt::callId).containsOnly(attempts.get(0).callId());
            assertThat(attempts).extracting(Attempt::requestId)
                    .containsExactlyElementsOf(ec2.exchanges().stream().map(LocalEc2Endpoint.Exchange::requestId).toList());
            Attempt first = attempts.get(0);
            assertThat(first.service()).isEqualTo("ec2");
            assertThat(first.action()).isEqualTo("DescribeInstances");
            assertThat(first.bucket()).isEqualTo("unfiltered-non-mutating");
            assertThat(first.httpStatus()).isEqualTo(503);
            assertThat(first.errorCode()).isEqualTo("RequestLimitExceeded");
            assertThat(first.errorMessage()).isEqualTo("Request limit exceeded.");
            assertThat(first.category()).isEqualTo(ErrorCategory.THROTTLING);
            assertThat(first.backoffMicros()).isZero();
            assertThat(first.sourceKind()).isEqualTo(SourceKind.WORKBENCH);
            assertThat(first.source()).isEqualTo("workbench");
            assertThat(first.principal()).isEqualTo("AKIA************T123");
            // the SDK slept the fixed 150 ms between attempts: that is the recorded backoff, and the gap
            for (Attempt retry : attempts.subList(1, 3)) {
                assertThat(retry.backoffMicros()).isEqualTo(150_000L);
            }
            Attempt last = attempts.get(2);
            assertThat(last.httpStatus()).isEqualTo(200);
            assertThat(last.category()).isEqualTo(ErrorCategory.NONE);
            assertThat(last.fault()).isEqualTo(Fault.NONE);
            assertThat(last.startMicros()).isGreaterThanOrEqualTo(attempts.get(1).endMicros() + 150_000);
        }
    }

    @Test
    void aFilteredDescribeDrawsFromTheLargerBucketAndCallsGetTheirOwnIds() throws Exception {
        AttemptStore store = new AttemptStore();
        try (LocalEc2Endpoint ec2 = new LocalEc2Endpoint();
                Ec2Client client = client(ec2.uri(), store, Duration.ofMillis(10))) {
            client.describeInstances(r -> r.filters(Filter.builder().name("instance-state-name").values("running").build()));
            client.describeInstances(r -> r.maxResults(5));
            client.describeRegions();
            List<Attempt> attempts = all(store);
            assertThat(attempts).extracting(Attempt::bucket)
                    .containsExactly("non-mutating", "non-mutating", "non-mutating");
            assertThat(attempts).extracting(Attempt::callId).doesNotHaveDuplicates();
            assertThat(attempts).extracting(Attempt::requestId).doesNotContainNull();
        }
    }

    @Test
    void aNonRetryableErrorIsOneAttemptWithItsCategory() throws Exception {
        AttemptStore store = new AttemptStore();
        try (LocalEc2Endpoint ec2 = new LocalEc2Endpoint().then(
                Reply.error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));
                Ec2Client client = client(ec2.uri(), store, Duration.ofMillis(10))) {
            assertThatThrownBy(() -> client.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1)))
                    .isInstanceOf(Ec2Exception.class);
            Attempt only = all(store).get(0);
            assertThat(all(store)).hasSize(1);
            assertThat(only.category()).isEqualTo(ErrorCategory.AUTHORIZATION);
            assertThat(only.fault()).isEqualTo(Fault.CLIENT);
            assertThat(only.bucket()).isEqualTo("RunInstances");
            assertThat(only.requestId()).isEqualTo(ec2.exchanges().get(0).requestId());
        }
    }

    @Test
    void attemptsThatGetNoResponseAreRecordedToo() {
        AttemptStore store = new AttemptStore();
        try (Ec2Client client = client(URI.create("http://127.0.0.1:1"), store, Duration.ofMillis(20))) {
            assertThatThrownBy(client::describeRegions).isNotNull();
        }
        List<Attempt> attempts = all(store);
        assertThat(attempts).hasSize(4);
        assertThat(attempts).extracting(Attempt::httpStatus).containsOnly(0);
        assertThat(attempts).extracting(Attempt::category).containsOnly(ErrorCategory.SERVER);
        assertThat(attempts).extracting(Attempt::errorCode).doesNotContainNull();
        assertThat(attempts).extracting(Attempt::backoffMicros).containsExactly(0L, 20_000L, 20_000L, 20_000L);
        // Start to start: the SDK's 20 ms sleep lies between them, however late a failed attempt's end is
        // recorded on a loaded machine (end-to-start measured 16.8 ms once under load).
        for (int i = 1; i < attempts.size(); i++) {
            assertThat(attempts.get(i).startMicros() - attempts.get(i - 1).startMicros()).isGreaterThanOrEqualTo(19_000L);
        }
    }

    @Test
    void twoRecordersOnOneClientKeepTheirOwnClocks() throws Exception {
        AttemptStore session = new AttemptStore();
        AttemptStore lesson = new AttemptStore();
        Instant lessonOrigin = Instant.parse("2030-01-01T00:00:00Z");
        VirtualClock lessonClock = new VirtualClock(lessonOrigin);
        BackoffStrategy fixed = BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(50));
        try (LocalEc2Endpoint ec2 = new LocalEc2Endpoint().then(
                Reply.error(503, "RequestLimitExceeded", "Request limit exceeded."));
                Ec2Client client = ClientFactory.builder(Connection.sandbox(ec2.uri(), "us-east-1", ACCESS_KEY, CANARY_SECRET))
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .backoffStrategy(fixed).throttlingBackoffStrategy(fixed).maxAttempts(3)
                                .circuitBreakerEnabled(false).build())
                        .addInterceptor(WorkbenchCapture.interceptor(session, Clock.system()))
                        .addInterceptor(WorkbenchCapture.interceptor(lesson, lessonClock, "lesson"))
                        .build().ec2()) {
            long before = Clock.system().instant().toEpochMilli() * 1_000;
            client.describeInstances();
            long after = Clock.system().instant().toEpochMilli() * 1_000 + 1_000;

            List<Attempt> real = all(session);
            assertThat(real).extracting(Attempt::attemptNumber).containsExactly(1, 2);
            assertThat(real).allSatisfy(a -> assertThat(a.startMicros()).isBetween(before, after));
            assertThat(real).allSatisfy(a -> assertThat(a.endMicros()).isBetween(before, after));
            assertThat(real.get(1).backoffMicros()).isEqualTo(50_000L);

            // the lesson's clock never moved: its attempts sit at its origin and take no time
            List<Attempt> virtual = all(lesson);
            assertThat(virtual).extracting(Attempt::attemptNumber).containsExactly(1, 2);
            assertThat(virtual).extracting(Attempt::source).containsOnly("lesson");
            long origin = lessonOrigin.toEpochMilli() * 1_000;
            assertThat(virtual).extracting(Attempt::startMicros).containsOnly(origin);
            assertThat(virtual).extracting(Attempt::durationMicros).containsOnly(0L);
        }
    }

    static List<Attempt> all(AttemptStore store) {
        AttemptStore.Snapshot s = store.snapshot();
        return IntStream.range(0, s.size()).mapToObj(s::attempt).toList();
    }
}
