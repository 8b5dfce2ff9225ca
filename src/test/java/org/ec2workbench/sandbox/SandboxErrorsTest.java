package org.ec2workbench.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ec2workbench.sandbox.SandboxTestSupport.AUTH;
import static org.ec2workbench.sandbox.SandboxTestSupport.assertEc2Error;
import static org.ec2workbench.sandbox.SandboxTestSupport.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.ec2workbench.backoff.VirtualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Bad requests get the error EC2 sends, as EC2 error XML with the right status. */
class SandboxErrorsTest {

    private static Sandbox sandbox;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        sandbox = SandboxTestSupport.withoutIam(Sandbox.builder().preset(Preset.CALM)
                .clock(new VirtualClock(SandboxTestSupport.ORIGIN)).seed(1)).build().start();
        ec2 = SandboxTestSupport.client(sandbox);
    }

    @AfterAll
    static void stop() {
        ec2.close();
        sandbox.close();
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/xml"));
        assertThat(response.body()).contains("<Response><Errors><Error><Code>" + code + "</Code><Message>")
                .containsPattern("<RequestID>[0-9a-f-]{36}</RequestID></Response>");
    }

    @Test
    void unknownActionIsInvalidAction() throws Exception {
        HttpResponse<String> r = post(sandbox, "Action=LaunchRocket&Version=2016-11-15", AUTH);
        assertError(r, 400, "InvalidAction");
        assertThat(r.body()).contains("The action LaunchRocket is not valid for this web service.");
        assertError(post(sandbox, "Version=2016-11-15", AUTH), 400, "MissingAction");
    }

    @Test
    void validationErrorsMatchEc2() throws Exception {
        assertError(post(sandbox, "Action=RunInstances&Version=2016-11-15&MinCount=1&MaxCount=1", AUTH), 400,
                "MissingParameter");
        assertError(post(sandbox, "Action=DescribeInstances", AUTH), 400, "MissingParameter");
        assertEc2Error(() -> ec2.describeInstances(r -> r.instanceIds("i-123")), "InvalidInstanceID.Malformed", 400)
                .hasMessageContaining("Invalid id: \"i-123\"");
        assertEc2Error(() -> ec2.terminateInstances(r -> r.instanceIds("i-0123456789abcdef0")),
                "InvalidInstanceID.NotFound", 400);
        assertEc2Error(() -> ec2.runInstances(r -> r.imageId("ami-0123456789abcdef0").minCount(1).maxCount(1)),
                "InvalidAMIID.NotFound", 400);
        assertEc2Error(() -> ec2.runInstances(r -> r.imageId("ami-12").minCount(1).maxCount(1)),
                "InvalidAMIID.Malformed", 400);
        String ami = SandboxTestSupport.ebsImage(ec2).imageId();
        assertEc2Error(() -> ec2.runInstances(r -> r.imageId(ami).instanceType("t9.huge").minCount(1).maxCount(1)),
                "InvalidParameterValue", 400).hasMessageContaining("t9.huge");
        assertEc2Error(() -> ec2.runInstances(r -> r.imageId(ami).minCount(3).maxCount(2)), "InvalidParameterValue", 400);
        assertEc2Error(() -> ec2.describeInstances(r -> r.filters(f -> f.name("colour").values("red"))),
                "InvalidParameterValue", 400).hasMessageContaining("The filter 'colour' is invalid");
        assertEc2Error(() -> ec2.describeSecurityGroups(r -> r.groupIds("sg-1")), "InvalidGroupId.Malformed", 400);
        assertEc2Error(() -> ec2.attachVolume(r -> r.volumeId("vol-0123456789abcdef0").instanceId("i-0123456789abcdef0")
                .device("/dev/sdf")), "InvalidVolume.NotFound", 400);
    }

    @Test
    void brokenInputGetsAnAwsErrorNotAStackTrace() throws Exception {
        assertError(post(sandbox, "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=%zz", AUTH), 400,
                "MalformedQueryString");
        assertError(post(sandbox, "Action=DescribeInstances&Version=2016-11-15&X=%C3%28", AUTH), 400,
                "MalformedQueryString");
        HttpResponse<String> unsigned = post(sandbox, "Action=DescribeInstances&Version=2016-11-15", null);
        assertError(unsigned, 401, "MissingAuthenticationToken");
        assertError(post(sandbox, "Action=DescribeInstances&Version=2016-11-15", "AWS4-HMAC-SHA256 Credential=x/y"),
                400, "IncompleteSignature");
        HttpResponse<String> big = post(sandbox, "Action=DescribeInstances&Version=2016-11-15&Pad="
                + "a".repeat(2 * 1024 * 1024), AUTH);
        assertError(big, 413, "RequestEntityTooLarge");
    }

    @Test
    void queryStringGetWorksToo() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(sandbox.endpoint()
                        + "/?Action=DescribeRegions&Version=2016-11-15&RegionName.1=eu-west-1"))
                .header("Authorization", AUTH).GET().build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">")
                .contains("<regionName>eu-west-1</regionName>").doesNotContain("us-east-1</regionName>");
    }

    @Test
    void stateViewIsJsonOnASandboxPath() throws Exception {
        ec2.describeRegions();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.endpoint() + "/_sandbox/state")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode state = new ObjectMapper().readTree(r.body());
        assertThat(state.get("time").asText()).startsWith("2025-03-01T12:00");
        assertThat(state.get("preset").asText()).isEqualTo("calm");
        assertThat(state.has("buckets")).isTrue();
        assertThat(state.get("instances").isArray()).isTrue();
    }
}
