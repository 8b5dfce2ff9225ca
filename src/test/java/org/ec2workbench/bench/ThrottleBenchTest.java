package org.ec2workbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ec2workbench.simulate.ThrottleSimulation;
import org.junit.jupiter.api.Test;

class ThrottleBenchTest {

    private static Map<String, ThrottleBench.Contender> contenders() {
        return ThrottleBench.allContenders().stream()
                .collect(Collectors.toMap(ThrottleBench.Contender::name, Function.identity()));
    }

    @Test
    void contendersAreTheSdkModesThenEveryEngineStrategy() {
        List<String> names = ThrottleBench.allContenders().stream().map(ThrottleBench.Contender::name).toList();
        assertThat(names).startsWith("sdk_standard", "sdk_legacy", "sdk_adaptive")
                .contains("full_jitter", "full_jitter+adaptive", "full_jitter+paced", "decorrelated_jitter+budget")
                .doesNotHaveDuplicates();
    }

    @Test
    void aBurstBeyondTheBucketIsThrottledOverRealHttpAndEveryCallIsAccountedFor() throws InterruptedException {
        // 8 workers x 20 calls = 160 calls against a bucket of 100: the SDK's standard mode must meet throttling.
        ThrottleBench bench = new ThrottleBench(8, 20, 7);
        ThrottleSimulation.Row sdk = bench.run(contenders().get("sdk_standard"));
        assertThat(sdk.throttledAttempts()).isPositive();
        assertThat(sdk.attempts() - sdk.throttledAttempts() + sdk.givenUp()).isEqualTo(160);

        ThrottleSimulation.Row paced = bench.run(contenders().get("full_jitter+paced"));
        assertThat(paced.givenUp()).isZero();
        assertThat(paced.attempts() - paced.throttledAttempts()).isEqualTo(160);
    }

    @Test
    void shouldRejectZeroWorkers() {
        assertThatThrownBy(() -> new ThrottleBench(0, 20, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers must be >= 1, was 0");
    }

    @Test
    void chartIsWellFormedSvgNamingEveryStrategy() throws Exception {
        List<ThrottleSimulation.Row> rows = List.of(
                new ThrottleSimulation.Row("sdk_standard", 28.6, 107.3, 663, 1277, 386),
                new ThrottleSimulation.Row("full_jitter+paced", 48.2, 103.7, 54, 1054, 0));
        StringWriter svg = new StringWriter();
        ThrottleChart.writeSvg(rows, "a <test> & chart", new PrintWriter(svg));
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.toString()).contains("sdk_standard (gave up 386)", "full_jitter+paced", "a &lt;test&gt; &amp; chart");
    }
}
