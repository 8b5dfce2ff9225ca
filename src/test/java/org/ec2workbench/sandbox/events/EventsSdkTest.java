package org.ec2workbench.sandbox.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.backoff.VirtualClock;
import org.ec2workbench.events.SandboxFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatchevents.CloudWatchEventsClient;
import software.amazon.awssdk.services.cloudwatchevents.model.DescribeRuleResponse;
import software.amazon.awssdk.services.cloudwatchevents.model.InvalidEventPatternException;
import software.amazon.awssdk.services.cloudwatchevents.model.PutEventsResponse;
import software.amazon.awssdk.services.cloudwatchevents.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchevents.model.RuleState;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class EventsSdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = SandboxFixture.ACCOUNT;

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private SandboxFixture fixture;
    private EventsService eventsService;
    private CloudWatchEventsClient events;
    private SqsClient sqs;

    @BeforeEach
    void start() {
        fixture = SandboxFixture.calm(1, clock, 1);
        eventsService = fixture.services().events();
        ClientFactory factory = fixture.clients().build();
        events = factory.events();
        sqs = factory.sqs();
    }

    @AfterEach
    void stop() {
        events.close();
        sqs.close();
        fixture.close();
    }

    private static final String EC2_PATTERN = "{\"source\":[\"aws.ec2\"],"
            + "\"detail-type\":[\"EC2 Instance State-change Notification\"]}";

    @Test
    void rulesAreCreatedDescribedListedToggledAndDeleted() {
        String arn = events.putRule(b -> b.name("ec2-changes").eventPattern(EC2_PATTERN).description("all ec2")
                .tags(t -> t.key("session").value("s1"))).ruleArn();
        assertThat(arn).isEqualTo("arn:aws:events:us-east-1:" + ACCOUNT + ":rule/ec2-changes");
        DescribeRuleResponse d = events.describeRule(b -> b.name("ec2-changes"));
        assertThat(d.eventPattern()).isEqualTo(EC2_PATTERN);
        assertThat(d.state()).isEqualTo(RuleState.ENABLED);
        assertThat(d.eventBusName()).isEqualTo("default");
        events.disableRule(b -> b.name("ec2-changes"));
        assertThat(events.describeRule(b -> b.name("ec2-changes")).state()).isEqualTo(RuleState.DISABLED);
        events.enableRule(b -> b.name("ec2-changes"));
        events.putRule(b -> b.name("other").eventPattern("{\"source\":[\"x\"]}"));
        assertThat(events.listRules(b -> b.namePrefix("ec2")).rules()).extracting(r -> r.name()).containsExactly("ec2-changes");
        assertThat(events.listTagsForResource(b -> b.resourceARN(arn)).tags())
                .singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("s1"));
        events.deleteRule(b -> b.name("ec2-changes"));
        assertThatThrownBy(() -> events.describeRule(b -> b.name("ec2-changes")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rule ec2-changes does not exist on EventBus default.");
                });
    }

    @Test
    void aRuleWithTargetsCannotBeDeleted() {
        events.putRule(b -> b.name("r").eventPattern(EC2_PATTERN));
        events.putTargets(b -> b.rule("r").targets(t -> t.id("q").arn("arn:aws:sqs:us-east-1:" + ACCOUNT + ":q")));
        assertThat(events.listTargetsByRule(b -> b.rule("r")).targets()).singleElement()
                .satisfies(t -> assertThat(t.id()).isEqualTo("q"));
        assertThatThrownBy(() -> events.deleteRule(b -> b.name("r")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rule can't be deleted since it has targets.");
                });
        events.removeTargets(b -> b.rule("r").ids("q"));
        events.deleteRule(b -> b.name("r"));
        assertThat(events.listRules().rules()).isEmpty();
    }

    @Test
    void invalidPatternsAndMissingRulesGetTheirErrors() {
        assertThatThrownBy(() -> events.putRule(b -> b.name("bad").eventPattern("{\"source\":\"aws.ec2\"}")))
                .isInstanceOfSatisfying(InvalidEventPatternException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).startsWith("Event pattern is not valid. Reason: "));
        assertThatThrownBy(() -> events.putTargets(b -> b.rule("none").targets(t -> t.id("a").arn("arn:aws:sqs:us-east-1:1:q"))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> events.putRule(b -> b.name("neither")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void testEventPatternEvaluatesAnEvent() {
        String event = "{\"id\":\"1\",\"account\":\"" + ACCOUNT + "\",\"source\":\"aws.ec2\",\"time\":\"2026-01-01T00:00:00Z\","
                + "\"region\":\"us-east-1\",\"detail-type\":\"EC2 Instance State-change Notification\",\"resources\":[],"
                + "\"detail\":{\"state\":\"running\"}}";
        assertThat(events.testEventPattern(b -> b.eventPattern("{\"detail\":{\"state\":[\"running\"]}}").event(event)).result())
                .isTrue();
        assertThat(events.testEventPattern(b -> b.eventPattern("{\"detail\":{\"state\":[\"stopped\"]}}").event(event)).result())
                .isFalse();
    }

    @Test
    void matchingEventsReachOnlyQueuesWhosePolicyLetsEventsSend() throws Exception {
        String open = sqs.createQueue(b -> b.queueName("open")).queueUrl();
        String closed = sqs.createQueue(b -> b.queueName("closed")).queueUrl();
        String ruleArn = events.putRule(b -> b.name("custom").eventPattern("{\"source\":[\"my.app\"],"
                + "\"detail\":{\"level\":[{\"numeric\":[\">=\",3]}]}}")).ruleArn();
        allowEvents(open, ruleArn);
        events.putTargets(b -> b.rule("custom").targets(t -> t.id("open").arn(arn(open)), t -> t.id("closed").arn(arn(closed))));

        PutEventsResponse put = events.putEvents(b -> b.entries(
                e -> e.source("my.app").detailType("Alarm").detail("{\"level\":5}"),
                e -> e.source("my.app").detailType("Alarm").detail("{\"level\":1}"),
                e -> e.source("my.app").detailType("Alarm").detail("not json"),
                e -> e.source("aws.ec2").detailType("Spoof").detail("{}")));
        assertThat(put.failedEntryCount()).isEqualTo(2);
        assertThat(put.entries().get(2).errorCode()).isEqualTo("MalformedDetail");
        assertThat(put.entries().get(3).errorCode()).isEqualTo("NotAuthorizedForSourceException");

        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(open).maxNumberOfMessages(10)).messages();
        assertThat(got).hasSize(1);
        JsonNode event = JSON.readTree(got.get(0).body());
        assertThat(event.get("id").asText()).isEqualTo(put.entries().get(0).eventId());
        assertThat(event.get("detail").get("level").asInt()).isEqualTo(5);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(closed)).messages()).as("no policy, no delivery").isEmpty();
        assertThat(eventsService.stats().deniedByPolicy()).isEqualTo(1);
    }

    @Test
    void instanceTransitionsBecomeTheDocumentedStateChangeEvent() throws Exception {
        String url = sqs.createQueue(b -> b.queueName("ec2")).queueUrl();
        String ruleArn = events.putRule(b -> b.name("ec2").eventPattern(EC2_PATTERN)).ruleArn();
        allowEvents(url, ruleArn);
        events.putTargets(b -> b.rule("ec2").targets(t -> t.id("q").arn(arn(url))));

        InstanceStateChangeBridge bridge = new InstanceStateChangeBridge(eventsService);
        bridge.onTransition("i-0123456789abcdef0", "pending", "running", Instant.parse("2026-01-01T00:00:12.345Z"),
                "us-east-1", ACCOUNT);
        bridge.onTransition("i-0123456789abcdef0", "running", "stopping", Instant.parse("2026-01-01T00:01:00Z"),
                "eu-west-1", ACCOUNT);

        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
        assertThat(got).as("only the region of the rule's bus").hasSize(1);
        JsonNode e = JSON.readTree(got.get(0).body());
        assertThat(fieldNames(e)).containsExactly("version", "id", "detail-type", "source", "account", "time", "region",
                "resources", "detail");
        assertThat(e.get("version").asText()).isEqualTo("0");
        assertThat(e.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(e.get("detail-type").asText()).isEqualTo("EC2 Instance State-change Notification");
        assertThat(e.get("source").asText()).isEqualTo("aws.ec2");
        assertThat(e.get("account").asText()).isEqualTo(ACCOUNT);
        assertThat(e.get("time").asText()).isEqualTo("2026-01-01T00:00:12Z");
        assertThat(e.get("region").asText()).isEqualTo("us-east-1");
        assertThat(e.get("resources").get(0).asText()).isEqualTo("arn:aws:ec2:us-east-1:" + ACCOUNT + ":instance/i-0123456789abcdef0");
        assertThat(e.get("detail").toString()).isEqualTo("{\"instance-id\":\"i-0123456789abcdef0\",\"state\":\"running\"}");
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private String arn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private void allowEvents(String queueUrl, String ruleArn) {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"events\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sqs:SendMessage\","
                + "\"Resource\":\"" + arn(queueUrl) + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + ruleArn + "\"}}}]}";
        sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, policy)));
    }
}
