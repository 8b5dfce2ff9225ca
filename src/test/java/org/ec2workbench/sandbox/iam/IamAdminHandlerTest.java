package org.ec2workbench.sandbox.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.ec2workbench.sandbox.http.SandboxResponse;
import org.junit.jupiter.api.Test;

class IamAdminHandlerTest {

    private final PrincipalStore store = new PrincipalStore();
    private final IamAdminHandler handler = new IamAdminHandler(store);

    private SandboxResponse call(String method, String body) {
        return handler.handle(new SandboxRequest(method, IamAdminHandler.PATH, "", Map.of("content-type",
                List.of("application/json")), body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void postAddsPrincipalsAndGetListsThemWithoutSecrets() throws Exception {
        String body = "{\"principals\":[{\"name\":\"dev\",\"accessKeyId\":\"AKIADEV0000000000001\",\"secretAccessKey\":\""
                + IamConfigTest.CANARY + "\",\"policies\":[" + IamAccessControlTest.RUN_WITHOUT_VOLUME + "]}]}";
        SandboxResponse posted = call("POST", body);
        assertThat(posted.status()).isEqualTo(200);
        assertThat(store.byAccessKeyId("AKIADEV0000000000001")).isPresent();

        SandboxResponse listed = call("GET", "");
        String text = new String(listed.body(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(IamConfigTest.CANARY).doesNotContain("secretAccessKey")
                .doesNotContain(store.defaultCredentials().secretAccessKey());
        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.get("accountId").asText()).isEqualTo("123456789012");
        assertThat(json.get("principals").findValuesAsText("name")).containsExactly("admin", "dev");
        assertThat(json.at("/principals/1/policies/0/Statement/0/Sid").asText()).isEqualTo("RunInstances");
    }

    @Test
    void aBadBodyIsRefusedWithItsPathAndChangesNothing() throws Exception {
        String body = "{\"principals\":[{\"name\":\"ok\",\"accessKeyId\":\"AKIAOK00000000000001\",\"secretAccessKey\":\""
                + IamConfigTest.CANARY + "\"},{\"name\":\"bad\",\"accessKeyId\":\"AKIABAD0000000000001\",\"secretAccessKey\":\""
                + IamConfigTest.CANARY + "\",\"policies\":[{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\"}}]}]}";
        SandboxResponse refused = call("POST", body);
        assertThat(refused.status()).isEqualTo(400);
        String error = new ObjectMapper().readTree(refused.body()).get("error").asText();
        assertThat(error).isEqualTo("request body: $.principals[1].policies[0].Statement: must have Resource or NotResource");
        assertThat(store.users()).extracting(IamUser::name).containsExactly("admin");
        assertThat(call("DELETE", "").status()).isEqualTo(405);
    }

    @Test
    void reusingAnotherUsersKeyIsRefused() {
        String body = "{\"principals\":[{\"name\":\"copycat\",\"accessKeyId\":\"" + PrincipalStore.ADMIN_ACCESS_KEY_ID
                + "\",\"secretAccessKey\":\"" + IamConfigTest.CANARY + "\"}]}";
        SandboxResponse refused = call("POST", body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("is used by both");
        assertThat(store.byName("copycat")).isEmpty();
    }
}
