package org.ec2workbench.sandbox.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueuePolicyTest {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:q";
    private static final String RULE = "arn:aws:events:us-east-1:123456789012:rule/r";
    private static final String EVENTS = "events.amazonaws.com";

    private static boolean allows(String statements, String sourceArn) {
        return QueuePolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}")
                .allowsService(EVENTS, "sqs:SendMessage", QUEUE, sourceArn, "123456789012");
    }

    @Test
    void theWorkbenchPolicyAllowsOnlyItsRule() {
        String st = "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sqs:SendMessage\","
                + "\"Resource\":\"" + QUEUE + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + RULE + "\"}}}]";
        assertThat(allows(st, RULE)).isTrue();
        assertThat(allows(st, RULE + "2")).isFalse();
    }

    @Test
    void otherPrincipalsActionsAndResourcesDoNotCount() {
        assertThat(allows("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:*\"}", RULE))
                .isFalse();
        assertThat(allows("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"sns.amazonaws.com\",\"events.amazonaws.com\"]},"
                + "\"Action\":\"sqs:ReceiveMessage\"}", RULE)).isFalse();
        assertThat(allows("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"SQS:*\",\"Resource\":\"arn:aws:sqs:*:*:other\"}",
                RULE)).isFalse();
        assertThat(allows("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"*\"}", RULE)).isTrue();
    }

    @Test
    void wildcardsInConditionsAndExplicitDenyWin() {
        String allowLike = "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sqs:Send*\","
                + "\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:events:us-east-1:123456789012:rule/*\"}}}";
        assertThat(allows("[" + allowLike + "]", RULE)).isTrue();
        String deny = "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\","
                + "\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\"}}}";
        assertThat(allows("[" + allowLike + "," + deny + "]", RULE)).isFalse();
        String unknownCondition = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\","
                + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2020-01-01T00:00:00Z\"}}}";
        assertThat(allows("[" + unknownCondition + "]", RULE)).isFalse();
    }

    @Test
    void malformedPoliciesAreRejected() {
        assertThatThrownBy(() -> QueuePolicy.parse("{")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueuePolicy.parse("{\"Version\":\"2012-10-17\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueuePolicy.parse("{\"Statement\":[{\"Effect\":\"Maybe\"}]}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
