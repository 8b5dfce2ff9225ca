package org.ec2workbench.backoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void parsesTheFormsPeopleType() {
        assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse(" 1.5 s ")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.parse("2m30s")).isEqualTo(Duration.ofSeconds(150));
        assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void formatWritesWhatParseReads() {
        for (Duration duration : new Duration[] {Duration.ZERO, Duration.ofNanos(850_000), Duration.ofMillis(100),
                Duration.ofMillis(1500), Duration.ofSeconds(150), Duration.ofMinutes(5), Duration.ofMillis(61_250)}) {
            String text = DurationText.format(duration);
            assertThat(DurationText.parse(text)).as(text).isEqualTo(duration);
        }
        assertThat(DurationText.format(Duration.ofSeconds(150))).isEqualTo("2m30s");
    }

    @Test
    void rejectsWhatIsNotADuration() {
        assertThatThrownBy(() -> DurationText.parse("soon")).hasMessage(
                "'soon' is not a duration (use e.g. 250ms, 1.5s, 5m, 1h or PT2S)");
        assertThatThrownBy(() -> DurationText.parse("5 parsecs")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationText.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
