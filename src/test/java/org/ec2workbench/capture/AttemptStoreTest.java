package org.ec2workbench.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AttemptStoreTest {

    private static Attempt.Builder attempt(long startMicros) {
        return Attempt.builder().service("ec2").action("DescribeInstances").bucket("non-mutating")
                .startMicros(startMicros).durationMicros(1_500).httpStatus(200);
    }

    @Test
    void everyFieldRoundTripsThroughTheColumns() {
        AttemptStore store = new AttemptStore();
        int call = store.newCallId();
        Attempt throttled = attempt(1_700_000_000_000_000L).callId(call).attemptNumber(2).backoffMicros(812_345)
                .httpStatus(503).errorCode("RequestLimitExceeded").errorMessage("Request limit exceeded.")
                .category(ErrorCategory.THROTTLING).fault(Fault.CLIENT)
                .requestId("7a62c49f-347e-4fc4-9331-6e8e0abcdef0")
                .sourceKind(SourceKind.CSM).source("aws-cli/1.43 Python/3.11").principal("AKIA************WXYZ")
                .build();
        Attempt ok = attempt(1_700_000_000_900_000L).callId(call).attemptNumber(3)
                .requestId("OPAQUE-ID-1").sourceKind(SourceKind.RECORDER).build();
        Attempt upper = attempt(1_700_000_001_000_000L).requestId("7A62C49F-347E-4FC4-9331-6E8E0ABCDEF0").build();
        Attempt mixed = attempt(1_700_000_001_000_001L).requestId("7A62C49F-347E-4FC4-9331-6e8e0abcdef0").build();
        store.append(throttled);
        store.append(ok);
        store.append(upper);
        store.append(mixed);

        AttemptStore.Snapshot s = store.snapshot();
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.attempt(0)).isEqualTo(throttled);
        assertThat(s.attempt(1)).isEqualTo(ok);
        assertThat(s.attempt(2)).isEqualTo(upper);
        assertThat(s.attempt(3)).isEqualTo(mixed);
        assertThat(s.requestId(0)).isEqualTo(throttled.requestId()).hasSize(36);
        assertThat(s.previousAttemptOfCall(1, 60_000_000)).isEqualTo(0);
        assertThat(s.previousAttemptOfCall(0, 60_000_000)).isEqualTo(-1);
    }

    @Test
    void aSnapshotDoesNotSeeLaterAppends() {
        AttemptStore store = new AttemptStore();
        store.append(attempt(10).build());
        AttemptStore.Snapshot before = store.snapshot();
        store.append(attempt(20).build());
        assertThat(before.size()).isEqualTo(1);
        assertThatThrownBy(() -> before.startMicros(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(store.snapshot().size()).isEqualTo(2);
    }

    @Test
    void concurrentAppendersLoseNothingAndReadersSeeCompleteRows() throws Exception {
        AttemptStore store = new AttemptStore();
        int threads = 4;
        int perThread = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger notified = new AtomicInteger();
        store.addListener((from, to) -> notified.addAndGet(to - from));
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                    // duration encodes the writer so a reader can check that a row is complete
                    store.append(attempt(i).durationMicros(thread).callId(thread).attemptNumber(1 + i % 7)
                            .source("writer-" + thread).build());
                }
                return null;
            }));
        }
        futures.add(pool.submit(() -> {
            go.await();
            while (store.size() < threads * perThread) {
                AttemptStore.Snapshot s = store.snapshot();
                for (int i = Math.max(0, s.size() - 500); i < s.size(); i++) {
                    assertThat(s.source(i)).isEqualTo("writer-" + s.durationMicros(i));
                    assertThat(s.callId(i)).isEqualTo((int) s.durationMicros(i));
                }
            }
            return null;
        }));
        go.countDown();
        for (var f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        AttemptStore.Snapshot s = store.snapshot();
        assertThat(s.size()).isEqualTo(threads * perThread);
        assertThat(notified.get()).isEqualTo(threads * perThread);
        int[] perWriter = new int[threads];
        for (int i = 0; i < s.size(); i++) {
            perWriter[s.callId(i)]++;
        }
        assertThat(perWriter).containsOnly(perThread);
    }

    @Test
    void rangeQueriesFindLateArrivalsToo() {
        AttemptStore store = new AttemptStore();
        SplittableRandom random = new SplittableRandom(42);
        List<Long> starts = new ArrayList<>();
        long t = 1_000_000;
        for (int i = 0; i < 20_000; i++) {
            t += random.nextInt(1_000);
            // one in fifty arrives up to 50 ms late
            long start = random.nextInt(50) == 0 ? Math.max(0, t - random.nextInt(50_000)) : t;
            starts.add(start);
            store.append(attempt(start).build());
        }
        AttemptStore.Snapshot s = store.snapshot();
        for (int q = 0; q < 200; q++) {
            long from = 1_000_000 + random.nextLong(t - 1_000_000);
            long to = from + random.nextInt(200_000);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < starts.size(); i++) {
                if (starts.get(i) >= from && starts.get(i) < to) {
                    expected.add(i);
                }
            }
            List<Integer> found = new ArrayList<>();
            s.forEachInRange(from, to, found::add);
            assertThat(found).isEqualTo(expected);
            assertThat(s.upperIndex(to) - s.lowerIndex(from)).isLessThan(expected.size() + 2_000);
        }
        assertThat(s.minStartMicros()).isEqualTo(starts.stream().mapToLong(Long::longValue).min().orElseThrow());
        assertThat(s.maxStartMicros()).isEqualTo(starts.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    @Test
    void emptySnapshotAnswersRangeQueries() {
        AttemptStore.Snapshot s = new AttemptStore().snapshot();
        assertThat(s.countInRange(0, Long.MAX_VALUE)).isZero();
        assertThat(s.minStartMicros()).isEqualTo(Long.MAX_VALUE);
        assertThat(s.maxStartMicros()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aMillionAttemptsFitInSixtyFourMegabytes() {
        AttemptStore store = new AttemptStore();
        List<Attempt> batch = new ArrayList<>();
        String[] actions = {"DescribeInstances", "RunInstances", "CreateTags", "TerminateInstances"};
        for (int i = 0; i < 1_000_000; i++) {
            batch.add(attempt(i * 100L).action(actions[i & 3]).requestId(new java.util.UUID(i, ~i).toString())
                    .source("app-" + (i % 50)).build());
            if (batch.size() == 10_000) {
                store.appendAll(batch);
                batch.clear();
            }
        }
        assertThat(store.size()).isEqualTo(1_000_000);
        assertThat(store.estimatedBytes()).isLessThanOrEqualTo(64L << 20);
        assertThat(store.snapshot().requestId(999_999)).isEqualTo(new java.util.UUID(999_999, ~999_999).toString());
    }

    @Test
    void aFloodOfDistinctMessagesIsCappedNotKept() {
        AttemptStore store = new AttemptStore();
        String big = "x".repeat(4_000);
        for (int i = 0; i < 1_000; i++) {
            store.append(attempt(i).httpStatus(403).errorCode("UnauthorizedOperation")
                    .category(ErrorCategory.AUTHORIZATION).errorMessage(big + i).build());
        }
        AttemptStore.Snapshot s = store.snapshot();
        assertThat(s.errorMessage(0)).isEqualTo(big + 0);
        assertThat(s.errorMessage(999)).isEqualTo(StringDictionary.OVERFLOW);
        assertThat(store.estimatedBytes()).isLessThan(8L << 20);
    }

    @Test
    void aListenerThatThrowsDoesNotBreakAppends() {
        AttemptStore store = new AttemptStore();
        store.addListener((from, to) -> {
            throw new IllegalStateException("boom");
        });
        store.append(attempt(1).build());
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void shouldRejectAttemptsThatMakeNoSense() {
        assertThatThrownBy(() -> attempt(1).attemptNumber(0).build()).hasMessageContaining("attemptNumber");
        assertThatThrownBy(() -> attempt(-1).build()).hasMessageContaining("startMicros");
        assertThatThrownBy(() -> attempt(1).action(" ").build()).hasMessageContaining("action");
        assertThatThrownBy(() -> attempt(1).httpStatus(503).errorCode("Unavailable").build())
                .hasMessageContaining("category is required");
        assertThat(attempt(1).httpStatus(500).errorCode("InternalError").category(ErrorCategory.SERVER).build()
                .fault()).isEqualTo(Fault.SERVER);
        assertThat(attempt(1).httpStatus(403).errorCode("UnauthorizedOperation").category(ErrorCategory.AUTHORIZATION)
                .build().fault()).isEqualTo(Fault.CLIENT);
    }
}
