package org.ec2workbench.sandbox.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventPatternTest {

    private static final String STATE_CHANGE = """
            {"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602",
             "detail-type":"EC2 Instance State-change Notification","source":"aws.ec2",
             "account":"123456789012","time":"2015-11-11T21:29:54Z","region":"us-east-1",
             "resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
             "detail":{"instance-id":"i-abcd1111","state":"pending","count":5,"ratio":0.25,
                       "flag":true,"nothing":null,
                       "tags":[{"key":"team","value":"red"},{"key":"env","value":"prod"}]}}""";

    private static boolean matches(String pattern) {
        return EventPattern.parse(pattern).matches(STATE_CHANGE);
    }

    @Test
    void exactValuesInAnArrayAreAlternatives() {
        assertThat(matches("{\"source\":[\"aws.ec2\"]}")).isTrue();
        assertThat(matches("{\"source\":[\"aws.s3\",\"aws.ec2\"]}")).isTrue();
        assertThat(matches("{\"source\":[\"aws.s3\"]}")).isFalse();
    }

    @Test
    void allFieldsMustMatch() {
        assertThat(matches("{\"source\":[\"aws.ec2\"],\"detail-type\":[\"EC2 Instance State-change Notification\"]}"))
                .isTrue();
        assertThat(matches("{\"source\":[\"aws.ec2\"],\"detail-type\":[\"Other\"]}")).isFalse();
    }

    @Test
    void nestedObjectsDescendIntoTheEvent() {
        assertThat(matches("{\"detail\":{\"state\":[\"pending\",\"running\"]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"state\":[\"stopped\"]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"missing\":{\"deeper\":[\"x\"]}}}")).isFalse();
    }

    @Test
    void anEventArrayMatchesWhenAnyElementMatches() {
        assertThat(matches("{\"resources\":[\"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111\"]}")).isTrue();
        assertThat(matches("{\"resources\":[\"arn:aws:ec2:us-east-1:123456789012:instance/i-other\"]}")).isFalse();
    }

    @Test
    void arraysOfObjectsAreFlattened() {
        assertThat(matches("{\"detail\":{\"tags\":{\"value\":[\"prod\"]}}}")).isTrue();
        assertThat(matches("{\"detail\":{\"tags\":{\"value\":[\"dev\"]}}}")).isFalse();
    }

    @Test
    void numbersCompareNumericallyAndOtherLiteralsByType() {
        assertThat(matches("{\"detail\":{\"count\":[5.0]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"count\":[\"5\"]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"flag\":[true]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"flag\":[false]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"nothing\":[null]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"state\":[null]}}")).isFalse();
    }

    @Test
    void prefixAndSuffixWithOptionalIgnoreCase() {
        assertThat(matches("{\"region\":[{\"prefix\":\"us-\"}]}")).isTrue();
        assertThat(matches("{\"region\":[{\"prefix\":\"eu-\"}]}")).isFalse();
        assertThat(matches("{\"region\":[{\"prefix\":{\"equals-ignore-case\":\"US-EAST\"}}]}")).isTrue();
        assertThat(matches("{\"detail\":{\"instance-id\":[{\"suffix\":\"1111\"}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"instance-id\":[{\"suffix\":\"2222\"}]}}")).isFalse();
        assertThat(matches("{\"source\":[{\"suffix\":{\"equals-ignore-case\":\".EC2\"}}]}")).isTrue();
        assertThat(matches("{\"detail\":{\"count\":[{\"prefix\":\"5\"}]}}")).as("prefix only matches strings").isFalse();
    }

    @Test
    void equalsIgnoreCase() {
        assertThat(matches("{\"source\":[{\"equals-ignore-case\":\"AWS.EC2\"}]}")).isTrue();
        assertThat(matches("{\"source\":[{\"equals-ignore-case\":\"AWS.S3\"}]}")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "i-*, true", "*1111, true", "i-*d1*1, true", "*, true", "i-abcd1111, true",
            "i-x*, false", "*2222, false", "i-*1111*x, false", "i-abcd111, false"})
    void wildcardMatchesRunsOfCharacters(String wildcard, boolean expected) {
        assertThat(matches("{\"detail\":{\"instance-id\":[{\"wildcard\":\"" + wildcard + "\"}]}}")).isEqualTo(expected);
    }

    @Test
    void escapedStarIsLiteral() {
        EventPattern p = EventPattern.parse("{\"a\":[{\"wildcard\":\"x\\\\*y\"}]}");
        assertThat(p.matches("{\"a\":\"x*y\"}")).isTrue();
        assertThat(p.matches("{\"a\":\"xzzy\"}")).isFalse();
    }

    @Test
    void anythingButValuesListsAndPrefixes() {
        assertThat(matches("{\"detail\":{\"state\":[{\"anything-but\":\"running\"}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"state\":[{\"anything-but\":\"pending\"}]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"state\":[{\"anything-but\":[\"running\",\"stopped\"]}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"state\":[{\"anything-but\":[\"pending\",\"stopped\"]}]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"state\":[{\"anything-but\":{\"prefix\":\"pen\"}}]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"state\":[{\"anything-but\":{\"prefix\":\"run\"}}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"state\":[{\"anything-but\":{\"suffix\":\"ing\"}}]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"state\":[{\"anything-but\":{\"equals-ignore-case\":\"PENDING\"}}]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"count\":[{\"anything-but\":[4, 6]}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"count\":[{\"anything-but\":5}]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"absent\":[{\"anything-but\":\"x\"}]}}")).as("absent field").isFalse();
    }

    @Test
    void numericRanges() {
        assertThat(matches("{\"detail\":{\"count\":[{\"numeric\":[\">\",0,\"<=\",5]}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"count\":[{\"numeric\":[\">\",0,\"<\",5]}]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"count\":[{\"numeric\":[\"=\",5]}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"ratio\":[{\"numeric\":[\">=\",0.25]}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"ratio\":[{\"numeric\":[\"<\",0.25]}]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"state\":[{\"numeric\":[\">\",0]}]}}")).as("strings never match").isFalse();
    }

    @Test
    void existsTrueAndFalse() {
        assertThat(matches("{\"detail\":{\"state\":[{\"exists\":true}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"state\":[{\"exists\":false}]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"reason\":[{\"exists\":false}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"reason\":[{\"exists\":true}]}}")).isFalse();
        assertThat(matches("{\"nowhere\":{\"reason\":[{\"exists\":false}]}}")).isTrue();
    }

    @Test
    void orCombinesAlternativePatterns() {
        assertThat(matches("{\"source\":[\"aws.ec2\"],\"$or\":[{\"detail\":{\"state\":[\"running\"]}},"
                + "{\"region\":[\"us-east-1\"]}]}")).isTrue();
        assertThat(matches("{\"source\":[\"aws.ec2\"],\"$or\":[{\"detail\":{\"state\":[\"running\"]}},"
                + "{\"region\":[\"eu-west-1\"]}]}")).isFalse();
        assertThat(matches("{\"detail\":{\"$or\":[{\"state\":[\"stopped\"]},{\"count\":[{\"numeric\":[\">\",1]}]}]}}"))
                .isTrue();
    }

    @Test
    void matchersWithinOneFieldAreAlternatives() {
        assertThat(matches("{\"detail\":{\"state\":[\"running\",{\"prefix\":\"pend\"}]}}")).isTrue();
    }

    @Test
    void theWorkbenchSubscriptionPatternMatchesOnlyItsInstances() {
        String pattern = "{\"source\":[\"aws.ec2\"],\"detail-type\":[\"EC2 Instance State-change Notification\"],"
                + "\"detail\":{\"instance-id\":[\"i-abcd1111\",\"i-abcd2222\"]}}";
        assertThat(matches(pattern)).isTrue();
        assertThat(EventPattern.parse(pattern).matches(STATE_CHANGE.replace("i-abcd1111\",\"state", "i-zzzz\",\"state")))
                .isFalse();
    }

    @Test
    void nonObjectEventsNeverMatch() {
        EventPattern p = EventPattern.parse("{\"a\":[{\"exists\":false}]}");
        assertThat(p.matches("[1,2]")).isFalse();
        assertThat(p.matches("not json")).isFalse();
        assertThat(p.matches("{}")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "[]", "\"x\"", "{\"source\":\"aws.ec2\"}", "{\"source\":[]}", "{\"source\":[[\"a\"]]}",
            "{\"a\":[{\"nope\":1}]}", "{\"a\":[{\"prefix\":1}]}", "{\"a\":[{\"exists\":\"yes\"}]}",
            "{\"a\":[{\"numeric\":[\"~\",1]}]}", "{\"a\":[{\"numeric\":[\">\",\"1\"]}]}",
            "{\"a\":[{\"numeric\":[\">\",5,\"<\",1]}]}", "{\"a\":[{\"numeric\":[\">\",1,\">\",2]}]}",
            "{\"a\":[{\"prefix\":\"a\",\"suffix\":\"b\"}]}", "{\"$or\":[{\"a\":[1]}]}", "{\"a\":{}}",
            "{\"a\":[{\"anything-but\":{\"numeric\":[\">\",1]}}]}", "{\"a\":[{\"wildcard\":\"a**b\"}]}", "{nope"})
    void invalidPatternsAreRejectedWithAReason(String pattern) {
        assertThatThrownBy(() -> EventPattern.parse(pattern))
                .isInstanceOf(InvalidEventPatternException.class)
                .hasMessageNotContaining("Exception");
    }
}
