package org.ec2workbench.capture.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptClassifier;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.capture.SourceKind;
import org.ec2workbench.capture.csm.CsmCallGrouper;
import org.ec2workbench.capture.csm.CsmDatagram;

/**
 * Benchmark (not a test): ingest rate into the {@link AttemptStore} and its heap per attempt. Run after
 * {@code mvn -o -q test-compile} with
 * {@code java -Xmx1g -cp target/classes:target/test-classes:$(cat cp.txt) org.ec2workbench.capture.bench.CaptureBenchmark}
 * (cp.txt from {@code mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt}). Prints a Markdown table.
 */
public final class CaptureBenchmark {

    private static final int N = 1_000_000;
    private static final String[] ACTIONS = {"DescribeInstances", "RunInstances", "TerminateInstances", "CreateTags",
        "DescribeVolumes", "DescribeSecurityGroups", "AuthorizeSecurityGroupIngress", "DescribeImages",
        "StartInstances", "StopInstances", "CreateSecurityGroup", "DescribeSubnets", "DescribeVpcs",
        "DescribeInstanceStatus", "CreateVolume", "AttachVolume", "DeleteVolume", "CreateKeyPair",
        "DescribeKeyPairs", "GetConsoleOutput"};

    private CaptureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // heap first, while nothing else is allocated: the store alone, each attempt garbage once appended
        AttemptStore warmUp = new AttemptStore(); // loads and initialises every class on the path first
        SplittableRandom warmRandom = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            warmUp.append(attempt(warmRandom, i, warmUp));
        }
        warmUp = null;
        long before = usedHeap();
        AttemptStore kept = new AttemptStore();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < N; i++) {
            kept.append(attempt(random, i, kept));
        }
        long after = usedHeap();
        long measured = after - before;
        java.lang.ref.Reference.reachabilityFence(kept);

        List<Attempt> attempts = generate(N, 42);
        List<String> datagrams = datagrams(200_000, 7);
        List<String[]> rows = new ArrayList<>();

        for (int round = 0; round < 2; round++) { // first round warms up
            rows.clear();
            rows.add(row("append, 1 thread", N, time(() -> {
                AttemptStore store = new AttemptStore();
                for (Attempt a : attempts) {
                    store.append(a);
                }
            })));
            rows.add(row("appendAll (batches of 1,000), 1 thread", N, time(() -> {
                AttemptStore store = new AttemptStore();
                for (int i = 0; i < N; i += 1_000) {
                    store.appendAll(attempts.subList(i, i + 1_000));
                }
            })));
            rows.add(row("append, 4 threads", N, time(() -> {
                AttemptStore store = new AttemptStore();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int from = t * (N / 4);
                    done.add(pool.submit(() -> {
                        for (int i = from; i < from + N / 4; i++) {
                            store.append(attempts.get(i));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                pool.shutdown();
            })));
            rows.add(row("CSM datagram → parse, group, classify, append", datagrams.size(), time(() -> {
                AttemptStore store = new AttemptStore();
                CsmCallGrouper grouper = new CsmCallGrouper(store, AttemptClassifier.ec2());
                for (String d : datagrams) {
                    byte[] b = d.getBytes(StandardCharsets.UTF_8);
                    grouper.accept(CsmDatagram.parse(b, b.length));
                }
            })));
        }


        System.out.println("| ingest path | attempts | attempts/s |");
        System.out.println("|---|---:|---:|");
        for (String[] r : rows) {
            System.out.println("| " + r[0] + " | " + r[1] + " | " + r[2] + " |");
        }
        System.out.println();
        System.out.println("| footprint of 1,000,000 attempts | bytes | bytes/attempt |");
        System.out.println("|---|---:|---:|");
        System.out.printf(Locale.ROOT, "| measured heap (used after GC, before/after) | %,d | %.1f |%n", measured,
                measured / (double) N);
        System.out.printf(Locale.ROOT, "| store.estimatedBytes() | %,d | %.1f |%n", kept.estimatedBytes(),
                kept.estimatedBytes() / (double) N);
        System.out.println();
        System.out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, -Xmx"
                + Runtime.getRuntime().maxMemory() / (1 << 20) + "m; store size " + kept.size());
    }

    private interface Body {
        void run() throws Exception;
    }

    private static long time(Body body) throws Exception {
        long start = System.nanoTime();
        body.run();
        return System.nanoTime() - start;
    }

    private static String[] row(String name, int n, long nanos) {
        return new String[] {name, String.format(Locale.ROOT, "%,d", n),
            String.format(Locale.ROOT, "%,.0f", n / (nanos / 1e9))};
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static List<Attempt> generate(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        AttemptStore ids = new AttemptStore();
        List<Attempt> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(attempt(random, i, ids));
        }
        return out;
    }

    /** A realistic mix: 20 actions, 50 sources, 5 principals, UUID request ids, 10 % throttled, 2 % NotFound. */
    private static Attempt attempt(SplittableRandom random, int i, AttemptStore ids) {
        String action = ACTIONS[random.nextInt(ACTIONS.length)];
        int roll = random.nextInt(100);
        Attempt.Builder b = Attempt.builder().service("ec2").action(action)
                .bucket(action.startsWith("Describe") ? "non-mutating" : action)
                .startMicros(1_700_000_000_000_000L + i * 1_000L + random.nextInt(500))
                .durationMicros(2_000 + random.nextInt(200_000)).callId(ids.newCallId())
                .attemptNumber(1 + random.nextInt(3)).backoffMicros(random.nextInt(2_000_000))
                .requestId(new UUID(random.nextLong(), random.nextLong()).toString())
                .sourceKind(SourceKind.CSM).source("aws-cli/1.45." + random.nextInt(50) + " Python/3.11.7")
                .principal("AKIA************000" + random.nextInt(5));
        if (roll < 10) {
            b.httpStatus(503).errorCode("RequestLimitExceeded").errorMessage("Request limit exceeded.")
                    .category(ErrorCategory.THROTTLING);
        } else if (roll < 12) {
            b.httpStatus(400).errorCode("InvalidInstanceID.NotFound")
                    .errorMessage("The instance ID 'i-0" + Integer.toHexString(random.nextInt(64)) + "' does not exist")
                    .category(ErrorCategory.CONSISTENCY);
        } else {
            b.httpStatus(200);
        }
        return b.build();
    }

    private static List<String> datagrams(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(n);
        long t = 1_700_000_000_000L;
        for (int i = 0; i < n; i++) {
            t += random.nextInt(3);
            boolean throttled = random.nextInt(10) == 0;
            out.add("{\"Version\":1,\"ClientId\":\"\",\"Type\":\"ApiCallAttempt\",\"Service\":\"EC2\",\"Api\":\""
                    + ACTIONS[random.nextInt(ACTIONS.length)] + "\",\"Timestamp\":" + t + ",\"AttemptLatency\":"
                    + random.nextInt(40) + ",\"Fqdn\":\"ec2.us-east-1.amazonaws.com\",\"UserAgent\":\"aws-cli/1.45."
                    + random.nextInt(8) + " Python/3.11.7 botocore/1.43.11\",\"AccessKey\":\"AKIAIOSFODNN7EXAMPLE\","
                    + "\"Region\":\"us-east-1\",\"HttpStatusCode\":" + (throttled ? 503 : 200) + ",\"XAmznRequestId\":\""
                    + new UUID(random.nextLong(), random.nextLong()) + "\""
                    + (throttled ? ",\"AwsException\":\"RequestLimitExceeded\",\"AwsExceptionMessage\":\"Request limit exceeded.\"" : "")
                    + "}");
        }
        return out;
    }
}
