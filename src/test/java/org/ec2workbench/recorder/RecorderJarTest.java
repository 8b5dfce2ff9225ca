package org.ec2workbench.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.capture.LocalEc2Endpoint;
import org.ec2workbench.capture.LocalEc2Endpoint.Reply;
import org.ec2workbench.capture.SourceKind;
import org.ec2workbench.capture.csm.CsmListener;
import org.ec2workbench.recorderdemo.RecorderDemoApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built recorder jar, dropped into an unrelated Java app's classpath, makes the app's calls appear live. */
class RecorderJarTest {

    private static final Path JAR = Path.of("target", "ec2-workbench-recorder.jar");

    @Test
    void theJarHoldsOnlyTheRecorderAndItsRegistration() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> classes = jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).toList();
            assertThat(classes).isNotEmpty().allMatch(n -> n.startsWith("org/ec2workbench/recorder/"));
            assertThat(jar.getEntry("software/amazon/awssdk/global/handlers/execution.interceptors")).isNotNull();
            assertThat(new String(jar.getInputStream(jar.getEntry(
                    "software/amazon/awssdk/global/handlers/execution.interceptors")).readAllBytes()).trim())
                    .isEqualTo(CsmRecorderInterceptor.class.getName());
        }
        // the workbench itself must not register the recorder for its own clients
        assertThat(getClass().getClassLoader().getResource("software/amazon/awssdk/global/handlers/execution.interceptors"))
                .isNull();
    }

    @Test
    void aForkedAppWithTheJarReportsEveryAttemptOverCsm(@TempDir Path dir) throws Exception {
        String canary = "recorderCanary/Secret+DoNotLeak0123456789";
        AttemptStore store = new AttemptStore();
        try (CsmListener listener = CsmListener.start(store, 0);
                LocalEc2Endpoint ec2 = new LocalEc2Endpoint().withoutRequestIdHeader().then(
                        Reply.error(503, "RequestLimitExceeded", "Request limit exceeded."),
                        Reply.error(503, "RequestLimitExceeded", "Request limit exceeded."))) {
            List<String> command = new ArrayList<>(List.of(
                    org.ec2workbench.capture.TestClasspath.java(),
                    "-Daws.csm.port=" + listener.port(),
                    "-cp", appClasspath(),
                    RecorderDemoApp.class.getName(), ec2.uri().toString(), canary));
            Process app = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("app.txt").toFile()).start();
            assertThat(app.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(dir.resolve("app.txt"));
            assertThat(app.exitValue()).as(output).isZero();
            assertThat(output).contains("regions 1");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (listener.received() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(50);
            assertThat(listener.received()).isEqualTo(6); // 3 + 1 attempts, 2 calls
            assertThat(listener.malformed()).isZero();
            AttemptStore.Snapshot s = store.snapshot();
            List<Attempt> attempts = IntStream.range(0, s.size()).mapToObj(s::attempt).toList();
            assertThat(attempts).hasSize(4);
            assertThat(attempts).extracting(Attempt::sourceKind).containsOnly(SourceKind.RECORDER);
            assertThat(attempts).extracting(Attempt::action)
                    .containsExactly("DescribeRegions", "DescribeRegions", "DescribeRegions", "DescribeInstances");
            assertThat(attempts).extracting(Attempt::attemptNumber).containsExactly(1, 2, 3, 1);
            assertThat(attempts.subList(0, 3)).extracting(Attempt::callId).containsOnly(attempts.get(0).callId());
            assertThat(attempts.get(3).callId()).isNotEqualTo(attempts.get(0).callId());
            assertThat(attempts).extracting(Attempt::category).containsExactly(ErrorCategory.THROTTLING,
                    ErrorCategory.THROTTLING, ErrorCategory.NONE, ErrorCategory.NONE);
            assertThat(attempts).extracting(Attempt::requestId).containsExactlyElementsOf(
                    ec2.exchanges().stream().map(LocalEc2Endpoint.Exchange::requestId).toList());
            assertThat(attempts.get(0).errorMessage()).isEqualTo("Request limit exceeded.");
            assertThat(attempts.get(1).backoffMicros()).isBetween(48_000L, 5_000_000L);
            assertThat(attempts.get(0).principal()).isEqualTo("AKIA************0042");
            assertThat(attempts.get(0).service()).isEqualTo("ec2");
            // CSM carries no request parameters, so a paginated DescribeInstances counts against the smaller bucket
            assertThat(attempts.get(3).bucket()).isEqualTo("unfiltered-non-mutating");
            assertThat(attempts.get(0).source()).contains("aws-sdk-java/2.");
            assertThat(attempts.toString()).doesNotContain(canary).doesNotContain("AKIARECORDERDEMO0042");
        }
    }

    /** The SDK and the test classes (for the demo app), plus the recorder jar — but not the workbench's classes. */
    private static String appClasspath() {
        String mainClasses = Path.of("target", "classes").toAbsolutePath().toString();
        List<String> entries = org.ec2workbench.capture.TestClasspath.entries().stream()
                .filter(e -> !Path.of(e).toAbsolutePath().toString().equals(mainClasses))
                .collect(Collectors.toCollection(ArrayList::new));
        entries.add(0, JAR.toAbsolutePath().toString());
        return String.join(File.pathSeparator, entries);
    }
}
