package org.ec2workbench.sandbox.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ec2workbench.backoff.VirtualClock;
import org.ec2workbench.events.SandboxFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

class SqsSdkTest {

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private SandboxFixture fixture;
    private SqsService service;
    private SqsClient sqs;

    @BeforeEach
    void start() {
        fixture = SandboxFixture.calm(1, clock, 7);
        service = fixture.services().sqs();
        sqs = fixture.clients().build().sqs();
    }

    @AfterEach
    void stop() {
        sqs.close();
        fixture.close();
    }

    private String createQueue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    @Test
    void queueUrlsAreOnTheSandboxEndpointAndFoundAgain() {
        String url = createQueue("orders");
        assertThat(url).isEqualTo(fixture.sandbox().endpoint() + "/" + SandboxFixture.ACCOUNT + "/orders");
        assertThat(createQueue("orders")).as("idempotent").isEqualTo(url);
        assertThat(sqs.getQueueUrl(b -> b.queueName("orders")).queueUrl()).isEqualTo(url);
        createQueue("other");
        assertThat(sqs.listQueues(b -> b.queueNamePrefix("ord")).queueUrls()).containsExactly(url);
        assertThat(sqs.listQueues().queueUrls()).hasSize(2);
    }

    @Test
    void sendAndReceiveCarryValidDigestsAndAttributes() {
        String url = createQueue("digests");
        SendMessageResponse sent = sqs.sendMessage(b -> b.queueUrl(url).messageBody("héllo")
                .messageAttributes(Map.of("kind", MessageAttributeValue.builder().dataType("String").stringValue("greeting").build(),
                        "n", MessageAttributeValue.builder().dataType("Number").stringValue("3").build())));
        // The SDK itself verifies MD5OfMessageBody and MD5OfMessageAttributes and would throw on a mismatch.
        assertThat(sent.md5OfMessageBody())
                .isEqualTo(SqsService.md5Hex("héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(got).hasSize(1);
        Message m = got.get(0);
        assertThat(m.body()).isEqualTo("héllo");
        assertThat(m.messageId()).isEqualTo(sent.messageId());
        assertThat(m.messageAttributes().get("kind").stringValue()).isEqualTo("greeting");
        assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")
                .containsKey(MessageSystemAttributeName.SENT_TIMESTAMP);
    }

    @Test
    void visibilityTimeoutHidesAReceivedMessageUntilItRunsOut() {
        String url = createQueue("visibility");
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("once"));
        Message first = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(30)).messages().get(0);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "1")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");
        clock.advance(TimeUnit.SECONDS.toNanos(31));
        Message again = sqs.receiveMessage(b -> b.queueUrl(url)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages().get(0);
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
        assertThat(again.receiptHandle()).isNotEqualTo(first.receiptHandle());
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(again.receiptHandle()).visibilityTimeout(0));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).hasSize(1);
    }

    @Test
    void longPollReturnsAsSoonAsAMessageArrives() throws Exception {
        String url = createQueue("longpoll");
        CompletableFuture<List<Message>> poll = CompletableFuture.supplyAsync(
                () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(10)).messages());
        Thread.sleep(300);
        assertThat(poll).isNotDone();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("wake up"));
        assertThat(poll.get(10, TimeUnit.SECONDS)).extracting(Message::body).containsExactly("wake up");
    }

    @Test
    void longPollWithNothingToReceiveEndsEmptyAfterItsWait() {
        String url = createQueue("quiet");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
    }

    @Test
    void receiveLimitsAreValidatedAsSqsDoes() {
        String url = createQueue("limits");
        assertThatThrownBy(() -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(21)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertThatThrownBy(() -> sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(11)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).contains("MaxNumberOfMessages"));
        for (int i = 0; i < 15; i++) {
            int n = i;
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("m" + n));
        }
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()).hasSize(10);
    }

    @Test
    void missingQueueIsQueueDoesNotExistWithItsQueryCode() {
        assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName("nope")))
                .isInstanceOfSatisfying(QueueDoesNotExistException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    @Test
    void batchDeletePurgeAndDeleteQueue() {
        String url = createQueue("batch");
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("a"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("b"));
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
        DeleteMessageBatchResponse r = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(
                e -> e.id("one").receiptHandle(got.get(0).receiptHandle()),
                e -> e.id("two").receiptHandle(got.get(1).receiptHandle()),
                e -> e.id("bad").receiptHandle("garbage!")));
        assertThat(r.successful()).hasSize(2);
        assertThat(r.failed()).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo("ReceiptHandleIsInvalid"));
        clock.advance(TimeUnit.SECONDS.toNanos(60));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("c"));
        sqs.purgeQueue(b -> b.queueUrl(url));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
        assertThatThrownBy(() -> sqs.purgeQueue(b -> b.queueUrl(url)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.PurgeQueueInProgress"));
        sqs.deleteQueue(b -> b.queueUrl(url));
        assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x")))
                .isInstanceOf(QueueDoesNotExistException.class);
        assertThat(sqs.listQueues().queueUrls()).isEmpty();
    }

    @Test
    void policyIsStoredAndGatesServiceDeliveries() {
        String url = createQueue("gated");
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String rule = "arn:aws:events:us-east-1:123456789012:rule/r1";
        assertThat(service.sendFromService(arn, "events.amazonaws.com", rule, "123456789012", "{}"))
                .isEqualTo(SqsService.Delivery.DENIED_BY_POLICY);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sqs:SendMessage\","
                + "\"Resource\":\"" + arn + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + rule + "\"}}}]}";
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY, policy)));
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.POLICY))
                .attributes().get(QueueAttributeName.POLICY)).isEqualTo(policy);
        assertThat(service.sendFromService(arn, "events.amazonaws.com", rule + "-other", "123456789012", "{}"))
                .isEqualTo(SqsService.Delivery.DENIED_BY_POLICY);
        assertThat(service.sendFromService(arn, "events.amazonaws.com", rule, "123456789012", "{\"ok\":1}"))
                .isEqualTo(SqsService.Delivery.DELIVERED);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).extracting(Message::body).containsExactly("{\"ok\":1}");
        assertThatThrownBy(() -> sqs.setQueueAttributes(b -> b.queueUrl(url)
                .attributes(Map.of(QueueAttributeName.POLICY, "{not json")))).isInstanceOfSatisfying(
                AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAttributeValue"));
    }

    @Test
    void queryProtocolSpeaksFormsAndXml() throws Exception {
        String created = query(200, "Action=CreateQueue&QueueName=legacy&Attribute.1.Name=VisibilityTimeout"
                + "&Attribute.1.Value=5&Version=2012-11-05");
        assertThat(created).contains("<CreateQueueResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">")
                .contains("<QueueUrl>" + fixture.sandbox().endpoint() + "/123456789012/legacy</QueueUrl>")
                .contains("<RequestId>");
        String url = fixture.sandbox().endpoint() + "/123456789012/legacy";
        String sent = query(200, "Action=SendMessage&QueueUrl=" + url + "&MessageBody=a%26b%3Cc");
        assertThat(sent).contains("<MD5OfMessageBody>" + SqsService.md5Hex("a&b<c".getBytes()) + "</MD5OfMessageBody>");
        String received = query(200, "Action=ReceiveMessage&QueueUrl=" + url + "&AttributeName.1=All");
        assertThat(received).contains("<ReceiveMessageResult><Message>").contains("<Body>a&amp;b&lt;c</Body>")
                .contains("<Name>ApproximateReceiveCount</Name><Value>1</Value>");
        String attrs = query(200, "Action=GetQueueAttributes&QueueUrl=" + url + "&AttributeName.1=VisibilityTimeout");
        assertThat(attrs).contains("<Attribute><Name>VisibilityTimeout</Name><Value>5</Value></Attribute>");
        assertThat(query(400, "Action=GetQueueUrl&QueueName=nope"))
                .contains("<ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">")
                .contains("<Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>");
        assertThat(query(400, "Action=Frobnicate")).contains("<Code>InvalidAction</Code>");
    }

    /** Posts a SigV4-signed Query-protocol form the way older CLIs do, and returns the reply body. */
    private String query(int expectedStatus, String form) throws Exception {
        URI uri = URI.create(fixture.sandbox().endpoint() + "/");
        byte[] body = form.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var keys = fixture.sandbox().defaultCredentials();
        var signed = software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create().sign(r -> r
                .identity(software.amazon.awssdk.identity.spi.AwsCredentialsIdentity.create(keys.accessKeyId(),
                        keys.secretAccessKey()))
                .request(software.amazon.awssdk.http.SdkHttpRequest.builder().uri(uri)
                        .method(software.amazon.awssdk.http.SdkHttpMethod.POST)
                        .putHeader("Content-Type", "application/x-www-form-urlencoded").build())
                .payload(software.amazon.awssdk.http.ContentStreamProvider.fromByteArray(body))
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                c.setRequestProperty(name, values.get(0));
            }
        });
        c.getOutputStream().write(body);
        int status = c.getResponseCode();
        try (var in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            String reply = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(status).as(reply).isEqualTo(expectedStatus);
            return reply;
        }
    }
}
