package org.ec2workbench.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ec2workbench.backoff.VirtualClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Many concurrent launches lose nothing; the same seed and requests give the same replies. */
class SandboxConcurrencyAndDeterminismTest {

    @Test
    void thousandConcurrentRunInstancesFromSixteenThreadsGiveThousandDistinctInstances() throws Exception {
        try (Sandbox sandbox = Sandbox.builder().preset(Preset.CALM).instanceLimit(5000).build().start();
             Ec2Client ec2 = SandboxTestSupport.client(sandbox)) {
            String ami = SandboxTestSupport.ebsImage(ec2).imageId();
            Set<String> ids = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int share = t < 1000 % 16 ? 1000 / 16 + 1 : 1000 / 16;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        ids.add(ec2.runInstances(r -> r.imageId(ami).instanceType("t3.nano").minCount(1).maxCount(1))
                                .instances().get(0).instanceId());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertThat(ids).hasSize(1000);
            assertThat(sandbox.world().instances("123456789012", "us-east-1")).hasSize(1000);
            long described = ec2.describeInstancesPaginator(r -> r.maxResults(1000)).reservations().stream()
                    .mapToLong(res -> res.instances().size()).sum();
            assertThat(described).isEqualTo(1000);
        }
    }

    private static List<String> replay(long seed) throws Exception {
        VirtualClock clock = new VirtualClock(SandboxTestSupport.ORIGIN);
        List<String> replies = new ArrayList<>();
        try (Sandbox sandbox = SandboxTestSupport.withoutIam(Sandbox.builder()).preset(Preset.LESSON).seed(seed)
                .clock(clock).build().start()) {
            String ami = "ami-0053d3ad141b850fc";
            String[] forms = {
                "Action=RunInstances&Version=2016-11-15&ImageId=" + ami + "&MinCount=2&MaxCount=2&InstanceType=t3.micro",
                "Action=DescribeInstances&Version=2016-11-15",
                "Action=CreateKeyPair&Version=2016-11-15&KeyName=k1",
                "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=g&GroupDescription=d",
                "Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-0123456789abcdef0",
                "Action=CreateVolume&Version=2016-11-15&AvailabilityZone=us-east-1a&Size=10",
            };
            for (int round = 0; round < 3; round++) {
                for (String form : forms) {
                    replies.add(SandboxTestSupport.post(sandbox, form.replace("k1", "k" + round)
                            .replace("GroupName=g", "GroupName=g" + round), SandboxTestSupport.AUTH).body());
                    clock.advance(1_500_000_000L);
                }
            }
        }
        return replies;
    }

    @Test
    void sameSeedAndRequestsGiveByteIdenticalReplies() throws Exception {
        List<String> first = replay(11);
        List<String> second = replay(11);
        assertThat(second).containsExactlyElementsOf(first);
        assertThat(String.join("", first)).contains("<instanceId>i-").contains("<keyMaterial>-----BEGIN RSA")
                .contains("InvalidInstanceID.NotFound");
        List<String> other = replay(12);
        assertThat(other.get(0)).isNotEqualTo(first.get(0));
    }
}
