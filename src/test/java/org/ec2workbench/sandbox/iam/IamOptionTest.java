package org.ec2workbench.sandbox.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ec2workbench.Main;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;

/** {@code sandbox --iam FILE}: refused files exit 2 with the path of the problem; good ones add users. */
class IamOptionTest {

    @TempDir
    Path dir;

    @Test
    void aBadFileIsRefusedWithItsNameAndJsonPath() throws IOException {
        Path file = dir.resolve("iam.json");
        Files.writeString(file, "{\"principals\":[{\"name\":\"ci\",\"accessKeyId\":\"AKIACI00000000000001\","
                + "\"secretAccessKey\":\"" + IamConfigTest.CANARY + "\",\"policies\":[{\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"},{\"Effect\":\"Maybe\"}]}]}]}");
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("sandbox", "--port", "0", "--iam", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--iam " + file + ": $.principals[0].policies[0].Statement[1].Effect: "
                + "must be \"Allow\" or \"Deny\", was \"Maybe\"").doesNotContain(IamConfigTest.CANARY);
    }

    @Test
    void theSandboxCommandServesTheFilesUsers() throws Exception {
        Path file = dir.resolve("iam.json");
        Files.writeString(file, "{\"principals\":[{\"name\":\"ci\",\"accessKeyId\":\"AKIACI00000000000001\","
                + "\"secretAccessKey\":\"" + IamConfigTest.CANARY + "\",\"policies\":[" + IamAccessControlTest.RUN_WITHOUT_VOLUME
                + "]}]}");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "sandbox", "--port", "0", "--preset", "calm", "--iam", file.toString())
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            Matcher export = null;
            while (export == null && (line = out.readLine()) != null) {
                output.add(line);
                Matcher m = Pattern.compile("export AWS_ENDPOINT_URL=(\\S+) AWS_ACCESS_KEY_ID=(\\S+) "
                        + "AWS_SECRET_ACCESS_KEY=(\\S+) AWS_REGION=us-east-1").matcher(line);
                export = m.find() ? m : null;
            }
            assertThat(export).as("export line in %s", output).isNotNull();
            output.add(out.readLine());
            output.add(out.readLine());
            URI endpoint = URI.create(export.group(1));
            assertThat(export.group(2)).isEqualTo(PrincipalStore.ADMIN_ACCESS_KEY_ID);
            try (StsClient sts = ClientFactory.builder(Connection.sandbox(endpoint, "us-east-1", "AKIACI00000000000001",
                    IamConfigTest.CANARY)).build().sts();
                 Ec2Client admin = ClientFactory.builder(Connection.sandbox(endpoint, "us-east-1", export.group(2),
                         export.group(3))).build().ec2()) {
                assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::123456789012:user/ci");
                assertThat(admin.describeRegions().regions()).isNotEmpty();
            }
            assertThat(String.join("\n", output)).contains("/_sandbox/iam").contains("admin, ci")
                    .doesNotContain(IamConfigTest.CANARY);
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
