package org.ec2workbench.sandbox.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.ec2workbench.events.SandboxFixture;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.iam.AccessKey;
import org.ec2workbench.sandbox.iam.IamAccessControl;
import org.ec2workbench.sandbox.iam.IamUser;
import org.ec2workbench.sandbox.iam.PolicyParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatchevents.CloudWatchEventsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The identity module's signatures and policies apply to CloudWatch Events and SQS as to EC2. */
class EventsAndQueuesIamTest {

    private static final String READER_SECRET = "reader-secret-key-0000000000000000000000";
    private SandboxFixture fixture;

    @BeforeEach
    void start() throws Exception {
        IamAccessControl iam = IamAccessControl.builder().random(new SplittableRandom(3)).build();
        iam.store().putAll(List.of(new IamUser("reader", new AccessKey("AKIAREADER0000000001", READER_SECRET),
                List.of(PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":[\"events:Describe*\",\"events:List*\",\"sqs:ListQueues\"],\"Resource\":\"*\"}]}")))));
        AccessKey admin = iam.store().defaultCredentials();
        fixture = SandboxFixture.withAccessControl(iam, new Credentials(admin.accessKeyId(), admin.secretAccessKey()), 3);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void actionsOutsideThePolicyAreDeniedInEachServicesOwnWay() {
        try (CloudWatchEventsClient events = fixture.clients("AKIAREADER0000000001", READER_SECRET).build().events();
             SqsClient sqs = fixture.clients("AKIAREADER0000000001", READER_SECRET).build().sqs()) {
            assertThat(events.listRules().rules()).isEmpty();
            assertThat(sqs.listQueues().queueUrls()).isEmpty();
            assertThatThrownBy(() -> events.putRule(b -> b.name("r").eventPattern("{\"source\":[\"x\"]}")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).contains("events:PutRule")
                                .contains("arn:aws:events:us-east-1:" + SandboxFixture.ACCOUNT + ":rule/r");
                    });
            assertThatThrownBy(() -> sqs.createQueue(b -> b.queueName("q")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }
        try (SqsClient admin = fixture.clients().build().sqs()) {
            assertThat(admin.listQueues().queueUrls()).as("nothing was created").isEmpty();
        }
    }

    @Test
    void badSignaturesAndUnknownKeysAreRejected() {
        // No retries: the SDK treats signature errors as possible clock skew and would retry them.
        var noRetry = software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry();
        String wrong = "wrong-secret-0000000000000000000000000";
        try (CloudWatchEventsClient events = fixture.clients("AKIAREADER0000000001", wrong).retryStrategy(noRetry).build().events();
             SqsClient sqs = fixture.clients("AKIAREADER0000000001", wrong).retryStrategy(noRetry).build().sqs();
             SqsClient stranger = fixture.clients("AKIAUNKNOWN000000001", READER_SECRET).retryStrategy(noRetry).build().sqs()) {
            assertThatThrownBy(events::listRules).isInstanceOfSatisfying(AwsServiceException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
            assertThatThrownBy(sqs::listQueues).isInstanceOfSatisfying(AwsServiceException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
            assertThatThrownBy(stranger::listQueues).isInstanceOfSatisfying(AwsServiceException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
    }
}
