package org.ec2workbench.sandbox.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamConfigTest {

    static final String CANARY = "CANARY-secret-7f3a9c1e5b2d4680aa";

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("iam.json");
        Files.writeString(file, json);
        return file;
    }

    private static String principal(String name, String key, String policies) {
        return "{\"name\":\"" + name + "\",\"accessKeyId\":\"" + key + "\",\"secretAccessKey\":\"" + CANARY + "\","
                + "\"policies\":[" + policies + "]}";
    }

    private static final String ALLOW_DESCRIBE =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:Describe*\",\"Resource\":\"*\"}]}";

    @Test
    void loadsPrincipalsWithTheirPolicies() throws Exception {
        List<IamUser> users = IamConfig.load(write("{\"principals\":[" + principal("dev", "AKIADEV0000000000001", ALLOW_DESCRIBE)
                + "," + principal("ops", "AKIAOPS0000000000001", "") + "]}"));
        assertThat(users).extracting(IamUser::name).containsExactly("dev", "ops");
        assertThat(users.get(0).policies()).hasSize(1);
        assertThat(users.get(0).accessKey().secretAccessKey()).isEqualTo(CANARY);
        assertThat(users.get(0).toString()).doesNotContain(CANARY);
        assertThat(users.get(0).principal("123456789012").arn()).isEqualTo("arn:aws:iam::123456789012:user/dev");
        assertThat(users.get(0).userId("123456789012")).matches("AIDA[A-Z2-7]{17}");
    }

    @Test
    void refusesABadEffectNamingFileAndJsonPath() throws Exception {
        String badPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[" + "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Permit\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
        Path file = write("{\"principals\":[" + principal("a", "AKIAAAAAAAAAAAAAAAA1", "") + ","
                + principal("b", "AKIABBBBBBBBBBBBBBB1", badPolicy) + "]}");
        assertThatThrownBy(() -> IamConfig.load(file))
                .isInstanceOf(IamConfigException.class)
                .hasMessage(file + ": $.principals[1].policies[0].Statement[2].Effect: must be \"Allow\" or \"Deny\", was \"Permit\"");
    }

    @Test
    void namesEachKindOfProblem() {
        assertProblem("[]", "$", "must be a JSON object");
        assertProblem("{\"principals\":{}}", "$.principals", "must be a list");
        assertProblem("{\"principals\":[],\"extra\":1}", "$.extra", "unknown field");
        assertProblem("{\"principals\":[{\"accessKeyId\":\"AKIAAAAAAAAAAAAAAAA1\",\"secretAccessKey\":\"" + CANARY + "\"}]}",
                "$.principals[0].name", "is required");
        assertProblem("{\"principals\":[" + principal("a b", "AKIAAAAAAAAAAAAAAAA1", "") + "]}",
                "$.principals[0].name", "must be 1 to 64");
        assertProblem("{\"principals\":[" + principal("a", "akia-lower", "") + "]}",
                "$.principals[0].accessKeyId", "upper-case");
        assertProblem("{\"principals\":[" + principal("a", "AKIAAAAAAAAAAAAAAAA1", "") + ","
                + principal("b", "AKIAAAAAAAAAAAAAAAA1", "") + "]}", "$.principals[1].accessKeyId", "duplicate");
        assertProblem("{\"principals\":[" + principal("a", "AKIAAAAAAAAAAAAAAAA1", "{\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"RunInstances\",\"Resource\":\"*\"}}") + "]}",
                "$.principals[0].policies[0].Statement.Action", "service:Action");
        assertProblem("{\"principals\":[" + principal("a", "AKIAAAAAAAAAAAAAAAA1", "{\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":[\"ec2:RunInstances\",\"ec2:Describe*\"],\"Resource\":[\"*\",\"instance/*\"]}]}") + "]}",
                "$.principals[0].policies[0].Statement[0].Resource[1]", "ARN format");
        assertProblem("{\"principals\":[" + principal("a", "AKIAAAAAAAAAAAAAAAA1", "{\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEqualz\":{\"ec2:Region\":\"x\"}}}]}") + "]}",
                "$.principals[0].policies[0].Statement[0].Condition.StringEqualz", "unsupported condition operator");
        assertProblem("{\"principals\":[" + principal("a", "AKIAAAAAAAAAAAAAAAA1", "{\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"*\",\"NotAction\":\"ec2:*\",\"Resource\":\"*\"}]}") + "]}",
                "$.principals[0].policies[0].Statement[0]", "both Action and NotAction");
        assertProblem("{\"principals\":[" + principal("a", "AKIAAAAAAAAAAAAAAAA1", "{\"Version\":\"2020-01-01\",\"Statement\":[]}")
                + "]}", "$.principals[0].policies[0].Version", "2012-10-17");
        assertProblem("{\"principals\":[" + principal("a", "AKIAAAAAAAAAAAAAAAA1", "{\"Statement\":{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}}") + "]}",
                "$.principals[0].policies[0].Statement.Principal", "must not specify a principal");
    }

    @Test
    void neverQuotesASecretInAnError() {
        String shortSecret = "{\"principals\":[{\"name\":\"a\",\"accessKeyId\":\"AKIAAAAAAAAAAAAAAAA1\",\"secretAccessKey\":\"CANARY x\"}]}";
        assertThatThrownBy(() -> IamConfig.parse(shortSecret, "f.json"))
                .hasMessageContaining("$.principals[0].secretAccessKey").hasMessageNotContaining("CANARY");
        String unquoted = "{\"principals\":[{\"name\":\"a\",\"accessKeyId\":\"AKIAAAAAAAAAAAAAAAA1\",\n\"secretAccessKey\":"
                + CANARY + "}]}";
        assertThatThrownBy(() -> IamConfig.parse(unquoted, "f.json"))
                .hasMessageStartingWith("f.json: line 2, column").hasMessageContaining("malformed JSON")
                .hasMessageNotContaining("CANARY");
    }

    @Test
    void namesAMissingFile() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> IamConfig.load(missing)).hasMessage(missing + ": $: no such file");
    }

    private static void assertProblem(String json, String path, String problem) {
        assertThatThrownBy(() -> IamConfig.parse(json, "test.json"))
                .isInstanceOf(IamConfigException.class)
                .satisfies(e -> {
                    IamConfigException ice = (IamConfigException) e;
                    assertThat(ice.source()).isEqualTo("test.json");
                    assertThat(ice.location()).isEqualTo(path);
                    assertThat(ice.problem()).contains(problem);
                    assertThat(ice.getMessage()).doesNotContain(CANARY);
                });
    }
}
