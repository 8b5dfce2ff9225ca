package org.ec2workbench.sandbox.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ec2workbench.backoff.VirtualClock;
import org.ec2workbench.sandbox.events.EventsHandler;
import org.ec2workbench.sandbox.events.EventsService;
import org.ec2workbench.sandbox.http.RequestContext;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.ec2workbench.sandbox.http.SandboxResponse;
import org.ec2workbench.sandbox.iam.AccessControl;
import org.ec2workbench.sandbox.iam.Principal;
import org.junit.jupiter.api.Test;

/** Random and mutated requests never get a 500 or a malformed reply, and the services still work after. */
class EventsAndQueuesFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ADMIN = new Principal("admin", "123456789012",
            "arn:aws:iam::123456789012:user/admin", "AIDAADMIN", "AKIAADMIN");
    private static final AccessControl ALLOW = new AccessControl() {
        @Override
        public Authentication authenticate(SandboxRequest request) {
            return new Authenticated(ADMIN, "sqs", "us-east-1");
        }

        @Override
        public Decision authorize(Principal p, String action, List<String> arns, Map<String, List<String>> context) {
            return Decision.allow();
        }
    };
    private static final String[] SQS_OPS = {"CreateQueue", "GetQueueUrl", "ListQueues", "GetQueueAttributes",
        "SetQueueAttributes", "SendMessage", "ReceiveMessage", "DeleteMessage", "DeleteMessageBatch",
        "ChangeMessageVisibility", "PurgeQueue", "DeleteQueue", "TagQueue", "Nope"};
    private static final String[] EVENTS_OPS = {"PutRule", "DescribeRule", "ListRules", "DeleteRule", "EnableRule",
        "DisableRule", "PutTargets", "RemoveTargets", "ListTargetsByRule", "PutEvents", "TestEventPattern", "Nope"};
    private static final String[] FIELDS = {"QueueName", "QueueUrl", "MessageBody", "MaxNumberOfMessages",
        "WaitTimeSeconds", "VisibilityTimeout", "ReceiptHandle", "Attributes", "MessageAttributes", "Entries",
        "AttributeNames", "Name", "Rule", "EventPattern", "Event", "Targets", "Ids", "Limit", "NextToken", "State",
        "Tags", "DelaySeconds", "Detail", "Source", "DetailType", "Time", "EventBusName"};

    @Test
    void randomRequestsGetWellFormedAwsRepliesAndNever500() throws Exception {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
        SqsService sqs = new SqsService(clock, new SplittableRandom(1), 4);
        EventsService events = new EventsService(clock, new SplittableRandom(2), new SqsEventTarget(sqs));
        SqsHandler sqsHandler = new SqsHandler(sqs, ALLOW, "http://127.0.0.1:1");
        EventsHandler eventsHandler = new EventsHandler(events, ALLOW);
        SplittableRandom random = new SplittableRandom(42);
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < 6000; i++) {
            boolean isEvents = random.nextBoolean();
            boolean query = !isEvents && random.nextInt(3) == 0;
            String op = isEvents ? EVENTS_OPS[random.nextInt(EVENTS_OPS.length)] : SQS_OPS[random.nextInt(SQS_OPS.length)];
            String body = query ? form(random, op) : json(random);
            Map<String, List<String>> headers = query ? Map.of("content-type", List.of("application/x-www-form-urlencoded"))
                    : Map.of("x-amz-target", List.of((isEvents ? "AWSEvents." : "AmazonSQS.") + op),
                            "host", List.of("127.0.0.1:1"));
            SandboxRequest request = new SandboxRequest("POST", "/", "", headers, body.getBytes(StandardCharsets.UTF_8));
            RequestContext context = new RequestContext(ADMIN, "us-east-1", "req-" + i);
            SandboxResponse r = isEvents ? eventsHandler.handle(request, context) : sqsHandler.handle(request, context);
            String text = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(r.status()).as("%s %s -> %s", op, body, text).isIn(200, 400, 403);
            statuses.merge(r.status(), 1, Integer::sum);
            if (query) {
                assertThat(text).startsWith("<?xml").contains("http://queue.amazonaws.com/doc/2012-11-05/");
            } else {
                JsonNode reply = JSON.readTree(text);
                assertThat(reply.isObject()).isTrue();
                if (r.status() != 200) {
                    assertThat(reply.path("__type").asText()).as(text).isNotEmpty();
                }
            }
        }
        assertThat(statuses.getOrDefault(200, 0)).as("successes among %s", statuses).isGreaterThan(300);
        assertThat(statuses.getOrDefault(400, 0)).as("errors among %s", statuses).isGreaterThan(300);
        JsonNode created = JSON.readTree(sqsHandler.handle(new SandboxRequest("POST", "/", "",
                Map.of("x-amz-target", List.of("AmazonSQS.CreateQueue"), "host", List.of("127.0.0.1:1")),
                "{\"QueueName\":\"after-fuzz\"}".getBytes(StandardCharsets.UTF_8)),
                new RequestContext(ADMIN, "us-east-1", "last")).body());
        assertThat(created.path("QueueUrl").asText()).isEqualTo("http://127.0.0.1:1/123456789012/after-fuzz");
    }

    private static String pick(SplittableRandom r) {
        return switch (r.nextInt(12)) {
            case 0 -> "\"q" + r.nextInt(3) + "\"";
            case 1 -> Integer.toString(r.nextInt(-5, 30));
            case 2 -> "\"http://127.0.0.1:1/123456789012/q" + r.nextInt(3) + "\"";
            case 3 -> "\"{\\\"source\\\":[\\\"x\\\"]}\"";
            case 4 -> "[{\"Id\":\"a\",\"Arn\":\"arn:aws:sqs:us-east-1:123456789012:q1\",\"ReceiptHandle\":\"zz\"}]";
            case 5 -> "{\"VisibilityTimeout\":\"" + r.nextInt(-1, 50000) + "\",\"Policy\":\"{\"}";
            case 6 -> "null";
            case 7 -> "true";
            case 8 -> "[\"All\", 3, null]";
            case 9 -> "{\"k\":{\"DataType\":\"Binary\",\"BinaryValue\":\"%%%\"}}";
            case 10 -> "\"\\u0000\\ud800x\"";
            default -> "{}";
        };
    }

    private static String json(SplittableRandom r) {
        if (r.nextInt(20) == 0) {
            return r.nextBoolean() ? "{not json" : "[1,2]";
        }
        StringBuilder b = new StringBuilder("{");
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(FIELDS[r.nextInt(FIELDS.length)]).append("\":").append(pick(r));
        }
        return b.append('}').toString();
    }

    private static String form(SplittableRandom r, String op) {
        StringBuilder b = new StringBuilder("Action=" + op);
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            String[] keys = {"QueueName=q1", "QueueUrl=http%3A%2F%2F127.0.0.1%3A1%2F123456789012%2Fq1", "MessageBody=%ZZ",
                "Attribute.1.Name=VisibilityTimeout", "Attribute.1.Value=x", "MaxNumberOfMessages=99",
                "DeleteMessageBatchRequestEntry.1.Id=a", "ReceiptHandle=abc", "MessageAttribute.1.Name=n",
                "MessageAttribute.1.Value.DataType=String", "WaitTimeSeconds=0", "MessageBody=hi"};
            b.append('&').append(keys[r.nextInt(keys.length)]);
        }
        return b.toString();
    }
}
