package org.ec2workbench.ui.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.sandbox.Preset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;

/** The connection model against a real embedded sandbox and a real UDP socket, without a toolkit. */
class ConnectionModelTest {

    private static final Executor DIRECT = Runnable::run;

    @TempDir
    Path dir;

    private final AttemptStore session = new AttemptStore();
    private ConnectionModel model;

    @AfterEach
    void tearDown() {
        if (model != null) {
            model.close();
        }
    }

    private ConnectionModel model(AwsProfiles profiles) {
        model = new ConnectionModel(DIRECT, DIRECT, session, profiles);
        return model;
    }

    @Test
    void sandboxStartsAndItsConnectionReallyAnswers() {
        model(new AwsProfiles(ProfileFile.aggregator().build()));
        model.presetProperty().set(Preset.CALM);
        model.useSandbox();
        assertThat(model.sandboxStateProperty().get()).isEqualTo(SandboxState.RUNNING);
        assertThat(model.endpointProperty().get()).startsWith("http://127.0.0.1:");
        assertThat(model.exportLineProperty().get()).startsWith("export AWS_ENDPOINT_URL=" + model.endpointProperty().get())
                .contains("AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_REGION=us-east-1");
        assertThat(model.labelProperty().get()).isEqualTo("Sandbox (calm)");
        try (Ec2Client ec2 = org.ec2workbench.aws.ClientFactory.builder(model.connectionProperty().get()).build().ec2()) {
            DescribeRegionsResponse regions = ec2.describeRegions();
            assertThat(regions.regions()).isNotEmpty();
        }
    }

    @Test
    void restartingUsesTheNewSettings() {
        model(new AwsProfiles(ProfileFile.aggregator().build()));
        model.useSandbox();
        String first = model.endpointProperty().get();
        model.presetProperty().set(Preset.REALISTIC);
        model.timeScaleProperty().set(10);
        model.startSandbox();
        assertThat(model.sandbox()).hasValueSatisfying(s -> {
            assertThat(s.preset()).isEqualTo(Preset.REALISTIC);
            assertThat(s.timeScale()).isEqualTo(10);
        });
        assertThat(model.endpointProperty().get()).isNotEqualTo(first);
    }

    @Test
    void awsProfilesComeFromTheProfileFilesAndPickTheirRegion() throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, "[default]\nregion = eu-west-1\n[profile dev]\nregion = ap-southeast-2\n");
        AwsProfiles profiles = new AwsProfiles(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
        model(profiles);
        assertThat(model.profiles()).containsExactly("default", "dev");
        model.profileProperty().set("dev");
        assertThat(model.regionProperty().get()).isEqualTo("ap-southeast-2");
        model.useAws();
        assertThat(model.modeProperty().get()).isEqualTo(ConnectionMode.AWS);
        assertThat(model.connectionProperty().get().isRealAws()).isTrue();
        assertThat(model.labelProperty().get()).contains("profile dev (ap-southeast-2)");
    }

    @Test
    void awsModeWithoutProfilesSaysSo() {
        model(new AwsProfiles(ProfileFile.aggregator().build()));
        assertThatThrownBy(model::useAws).hasMessageContaining("No AWS profile");
    }

    @Test
    void csmListenerFeedsOtherProcessesAttemptsIntoTheSession() throws Exception {
        model(new AwsProfiles(ProfileFile.aggregator().build()));
        model.csmPortProperty().set(0);
        model.setCsmEnabled(true);
        assertThat(model.csmEnabledProperty().get()).isTrue();
        assertThat(model.csmStatusProperty().get()).startsWith("Listening on UDP 127.0.0.1:");
        int port = Integer.parseInt(model.csmStatusProperty().get().replaceAll(".*:(\\d+).*", "$1"));
        String attempt = "{\"Version\":1,\"ClientId\":\"\",\"Type\":\"ApiCallAttempt\",\"Service\":\"EC2\","
                + "\"Api\":\"DescribeInstances\",\"Timestamp\":1700000000000,\"AttemptLatency\":5,"
                + "\"HttpStatusCode\":200,\"UserAgent\":\"aws-cli/2.15\",\"Region\":\"us-east-1\"}";
        String call = "{\"Version\":1,\"ClientId\":\"\",\"Type\":\"ApiCall\",\"Service\":\"EC2\",\"Api\":\"DescribeInstances\","
                + "\"Timestamp\":1700000000000,\"AttemptCount\":1,\"Latency\":6,\"FinalHttpStatusCode\":200}";
        try (DatagramSocket socket = new DatagramSocket()) {
            for (String d : new String[] {attempt, call}) {
                byte[] bytes = d.getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            }
        }
        for (int i = 0; i < 100 && session.size() == 0; i++) {
            Thread.sleep(50);
        }
        assertThat(session.size()).isEqualTo(1);
        assertThat(session.snapshot().action(0)).isEqualTo("DescribeInstances");
        model.refreshCsmStatus();
        assertThat(model.csmStatusProperty().get()).contains("1 attempts");
        assertThat(model.csmEnvironmentLine()).isEqualTo("AWS_CSM_ENABLED=true AWS_CSM_PORT=0");

        model.setCsmEnabled(false);
        assertThat(model.csmStatusProperty().get()).isEqualTo("Off");
    }

    @Test
    void aPortInUseIsReportedNotThrown() throws Exception {
        model(new AwsProfiles(ProfileFile.aggregator().build()));
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            model.csmPortProperty().set(taken.getLocalPort());
            model.setCsmEnabled(true);
            assertThat(model.csmEnabledProperty().get()).isFalse();
            assertThat(model.csmStatusProperty().get()).startsWith("Cannot listen on UDP port " + taken.getLocalPort());
        }
    }
}
