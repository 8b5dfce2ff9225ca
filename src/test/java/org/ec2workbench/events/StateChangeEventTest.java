package org.ec2workbench.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StateChangeEventTest {

    private static final String EVENT = "{\"version\":\"0\",\"id\":\"7bf73129-1428-4cd3-a780-95db273d1602\","
            + "\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\",\"account\":\"123456789012\","
            + "\"time\":\"2015-11-11T21:29:54Z\",\"region\":\"us-east-1\","
            + "\"resources\":[\"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111\"],"
            + "\"detail\":{\"instance-id\":\"i-abcd1111\",\"state\":\"pending\"}}";

    @Test
    void parsesTheDocumentedEvent() {
        StateChangeEvent e = StateChangeEvent.parse(EVENT);
        assertThat(e.id()).isEqualTo("7bf73129-1428-4cd3-a780-95db273d1602");
        assertThat(e.instanceId()).isEqualTo("i-abcd1111");
        assertThat(e.state()).isEqualTo("pending");
        assertThat(e.time()).isEqualTo(Instant.parse("2015-11-11T21:29:54Z"));
        assertThat(e.region()).isEqualTo("us-east-1");
        assertThat(e.account()).isEqualTo("123456789012");
        assertThat(e.json()).isEqualTo(EVENT);
    }

    @Test
    void rejectsWhatIsNotAStateChangeEvent() {
        assertThatThrownBy(() -> StateChangeEvent.parse("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StateChangeEvent.parse(EVENT.replace("aws.ec2", "my.app")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("my.app");
        assertThatThrownBy(() -> StateChangeEvent.parse(EVENT.replace("\"state\":\"pending\"", "\"x\":1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StateChangeEvent.parse(EVENT.replace("2015-11-11T21:29:54Z", "yesterday")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
