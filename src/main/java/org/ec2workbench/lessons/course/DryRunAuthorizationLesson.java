package org.ec2workbench.lessons.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.RetryFailedException;
import org.ec2workbench.lessons.LessonContext;
import org.ec2workbench.lessons.Observation;
import org.ec2workbench.lessons.Verdict;
import org.ec2workbench.sandbox.iam.IamConfigException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Lesson 8: a developer's DryRun RunInstances is refused; the decoded message names the volume; adding the
 * volume to the policy fixes it. The developer is a sandbox principal in the {@code --iam} format.
 */
public final class DryRunAuthorizationLesson extends SandboxLesson {

    static final String DEVELOPER = "lesson-developer";
    static final String ACCESS_KEY = "AKIALESSONDEV0000008";
    /** A throw-away secret that opens nothing but this lesson's sandbox. */
    static final String SECRET = "lesson-8-developer-secret-key";
    private static final String MARKER = "Encoded authorization failure message: ";
    private static final List<String> WITHOUT_VOLUME = List.of("instance/*", "image/*", "subnet/*",
            "network-interface/*", "key-pair/*", "security-group/*");

    private final ObjectMapper json = new ObjectMapper();
    private Ec2Client developerEc2;
    private StsClient developerSts;
    private String imageId;
    private String encoded;

    /** A fresh script. */
    public DryRunAuthorizationLesson() {
        super();
    }

    @Override
    public void step(int index, LessonContext context) throws IOException, IamConfigException {
        switch (index) {
            case 0 -> {
                imageId = sandbox.ebsImageId();
                sandbox.putPrincipals(developer(WITHOUT_VOLUME));
                ClientFactory clients = sandbox.clientsFor(Connection.sandbox(sandbox.connection().endpoint().orElseThrow(),
                        sandbox.connection().region().id(), ACCESS_KEY, SECRET));
                developerEc2 = sandbox.track(clients.ec2());
                developerSts = sandbox.track(clients.sts());
                String outcome = dryRun(context);
                context.observe(Observation.text("dryRunError", outcome));
            }
            case 1 -> {
                if (encoded == null) {
                    throw new IllegalStateException("the refusal carried no encoded authorization message");
                }
                String decoded = developerSts.decodeAuthorizationMessage(b -> b.encodedMessage(encoded))
                        .decodedMessage();
                JsonNode message = json.readTree(decoded);
                context.note("decoded: " + decoded);
                context.observe(Observation.text("decodedAction", message.path("context").path("action").asText()));
                context.observe(Observation.text("decodedResource", message.path("context").path("resource").asText()));
            }
            case 2 -> {
                List<String> fixed = new java.util.ArrayList<>(WITHOUT_VOLUME);
                fixed.add("volume/*");
                sandbox.putPrincipals(developer(fixed));
                context.observe(Observation.text("dryRunAfterFix", dryRun(context)));
            }
            case 3 -> {
                String id = visibilityRetrier(context).execute(() -> developerEc2.runInstances(launchRequest(false)))
                        .instances().get(0).instanceId();
                context.observe(Observation.text("instanceId", id));
            }
            default -> throw new IllegalArgumentException("no step " + index);
        }
    }

    /**
     * Sends the DryRun launch; returns the error code (a DryRun always answers with one). RunInstances has a
     * tiny bucket in the lesson preset, so a throttled DryRun is retried by the engine.
     */
    private String dryRun(LessonContext context) {
        try {
            visibilityRetrier(context).execute(() -> developerEc2.runInstances(launchRequest(true)));
            return "none";
        } catch (RetryFailedException e) {
            if (e.getCause() instanceof AwsServiceException failure && failure.awsErrorDetails() != null) {
                String message = failure.awsErrorDetails().errorMessage();
                int at = message == null ? -1 : message.indexOf(MARKER);
                if (at >= 0) {
                    encoded = message.substring(at + MARKER.length()).strip();
                }
            }
            return Ec2Errors.code(e);
        }
    }

    private RunInstancesRequest launchRequest(boolean dryRun) {
        return RunInstancesRequest.builder().imageId(imageId).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).dryRun(dryRun).build();
    }

    /** The developer principal in the sandbox's {@code --iam} format, allowed RunInstances on {@code resources}. */
    private String developer(List<String> resources) throws IOException {
        ObjectNode root = json.createObjectNode();
        ObjectNode user = root.putArray("principals").addObject();
        user.put("name", DEVELOPER).put("accessKeyId", ACCESS_KEY).put("secretAccessKey", SECRET);
        ObjectNode policy = user.putArray("policies").addObject();
        policy.put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");
        ObjectNode launch = statements.addObject().put("Sid", "Launch").put("Effect", "Allow")
                .put("Action", "ec2:RunInstances");
        ArrayNode arns = launch.putArray("Resource");
        resources.forEach(r -> arns.add(r.startsWith("image/") ? "arn:aws:ec2:*::" + r : "arn:aws:ec2:*:*:" + r));
        statements.addObject().put("Sid", "ReadAndDecode").put("Effect", "Allow")
                .put("Resource", "*").putArray("Action").add("ec2:Describe*").add("sts:DecodeAuthorizationMessage");
        return json.writeValueAsString(root);
    }

    @Override
    public Verdict verdict(Map<String, Observation> o) {
        String first = o.get("dryRunError").formatted();
        if (!first.equals("UnauthorizedOperation")) {
            return Verdict.missing("the first DryRun answered " + first + ", not UnauthorizedOperation");
        }
        Observation resource = o.get("decodedResource");
        if (resource == null || !resource.formatted().contains(":volume/")) {
            return Verdict.missing("the decoded message did not name a volume");
        }
        Observation fixed = o.get("dryRunAfterFix");
        if (fixed == null || !fixed.formatted().equals("DryRunOperation")) {
            return Verdict.missing("after the fix the DryRun answered " + (fixed == null ? "nothing" : fixed.formatted()));
        }
        return Verdict.occurred("UnauthorizedOperation on " + resource.formatted()
                + "; after adding the volume the DryRun answered DryRunOperation");
    }
}
