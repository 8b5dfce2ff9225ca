package org.ec2workbench.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.ec2workbench.aws.ClientFactory;
import org.ec2workbench.aws.Connection;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchevents.CloudWatchEventsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** One port serves EC2, STS, CloudWatch Events and SQS: what the embedded app and the lessons rely on. */
class SandboxServicesTest {

    private static ClientFactory factory(Sandbox sandbox) {
        Credentials keys = sandbox.defaultCredentials();
        return ClientFactory.builder(Connection.sandbox(sandbox.endpoint(), "us-east-1", keys.accessKeyId(),
                keys.secretAccessKey())).build();
    }

    @Test
    void aDefaultSandboxServesEventsAndQueuesBesideEc2AndSts() {
        try (Sandbox sandbox = Sandbox.builder().preset(Preset.CALM).seed(5).build().start();
             SqsClient sqs = factory(sandbox).sqs();
             CloudWatchEventsClient events = factory(sandbox).events();
             StsClient sts = factory(sandbox).sts()) {
            assertThat(sandbox.eventsAndQueues()).isPresent();
            String url = sqs.createQueue(r -> r.queueName("services-test")).queueUrl();
            assertThat(sqs.listQueues().queueUrls()).containsExactly(url);
            events.putRule(r -> r.name("services-test").eventPattern("{\"source\":[\"aws.ec2\"]}"));
            assertThat(events.listRules().rules()).extracting(rule -> rule.name()).containsExactly("services-test");
            assertThat(sts.getCallerIdentity().arn()).endsWith(":user/admin");
        }
    }

    @Test
    void eventsAndQueuesCanBeLeftOutForThoseWhoInstallThemThemselves() {
        try (Sandbox sandbox = Sandbox.builder().preset(Preset.CALM).eventsAndQueues(false).build().start()) {
            assertThat(sandbox.eventsAndQueues()).isEmpty();
        }
    }
}
