package org.ec2workbench.capture;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.ec2workbench.recorder.Redaction;

/**
 * Every captured attempt of a session, held column-wise: primitive arrays in fixed-size chunks plus
 * interned string dictionaries, about 60 bytes per attempt (1,000,000 attempts in under 64 MB).
 *
 * <p>Appends come from any thread and are serialized by one lock; they never move published rows, so a
 * {@link Snapshot} (taken in O(1) by {@link #snapshot()}) reads a consistent prefix without locking while
 * appends continue. Access key ids in free text (messages, sources, principals) are kept redacted.
 * {@link #addListener} hears about new rows on the appending thread; a UI batches those
 * notifications onto its own thread and reads a fresh snapshot there.
 *
 * <p>Attempts mostly arrive in time order; the store tracks how far out of order they are so that
 * {@link Snapshot#forEachInRange} can binary-search a time window and still find every late arrival.
 */
public final class AttemptStore {

    private static final System.Logger LOG = System.getLogger(AttemptStore.class.getName());

    static final int CHUNK_BITS = 14;
    static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    static final int CHUNK_MASK = CHUNK_SIZE - 1;
    static final int BLOCK_BITS = 6;
    static final int BLOCKS_PER_CHUNK = CHUNK_SIZE >> BLOCK_BITS;

    private static final int REQUEST_ID_NONE = 0;
    private static final int REQUEST_ID_UUID_LOWER = 1;
    private static final int REQUEST_ID_UUID_UPPER = 2;
    private static final int REQUEST_ID_TEXT = 3;

    private static final ErrorCategory[] CATEGORIES = ErrorCategory.values();
    private static final Fault[] FAULTS = Fault.values();
    private static final SourceKind[] SOURCE_KINDS = SourceKind.values();

    private final Object lock = new Object();
    private final StringDictionary services = new StringDictionary(Character.MAX_VALUE, Long.MAX_VALUE);
    private final StringDictionary actions = new StringDictionary(Character.MAX_VALUE, Long.MAX_VALUE);
    private final StringDictionary buckets = new StringDictionary(Character.MAX_VALUE, Long.MAX_VALUE);
    private final StringDictionary errorCodes = new StringDictionary(Character.MAX_VALUE, Long.MAX_VALUE);
    // free text may carry access key ids: kept redacted (only new values pay for the scan)
    private final StringDictionary sources = new StringDictionary(1 << 20, 32L << 20, Redaction::scrub);
    private final StringDictionary principals = new StringDictionary(1 << 20, 32L << 20, Redaction::scrub);
    private final StringDictionary messages = new StringDictionary(Character.MAX_VALUE, 2L << 20, Redaction::scrub);
    /** Request ids that are not UUIDs (rare), by row. */
    private final Map<Integer, String> textRequestIds = new ConcurrentHashMap<>();
    private final AtomicInteger nextCallId = new AtomicInteger();
    private final List<AppendListener> listeners = new CopyOnWriteArrayList<>();

    private volatile Chunk[] chunks = new Chunk[0];
    private volatile int size;
    private volatile long maxLatenessMicros;
    private long prefixMaxStart = Long.MIN_VALUE;

    /** Hears that rows {@code [fromIndex, toIndex)} were appended. Called on the appending thread: be quick. */
    @FunctionalInterface
    public interface AppendListener {
        /** Rows {@code [fromIndex, toIndex)} are now readable through a new {@link #snapshot()}. */
        void appended(int fromIndex, int toIndex);
    }

    /** A fresh call id, unique within this store. */
    public int newCallId() {
        return nextCallId.getAndIncrement();
    }

    /** Appends one attempt; returns its index. */
    public int append(Attempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        int index;
        synchronized (lock) {
            index = size;
            write(index, attempt);
            size = index + 1;
        }
        notifyListeners(index, index + 1);
        return index;
    }

    /** Appends attempts in order, publishing them together; returns the index of the first. */
    public int appendAll(Collection<Attempt> attempts) {
        attempts.forEach(a -> Objects.requireNonNull(a, "attempt"));
        int from;
        int to;
        synchronized (lock) {
            from = size;
            to = from;
            for (Attempt a : attempts) {
                write(to++, a);
            }
            size = to;
        }
        if (to > from) {
            notifyListeners(from, to);
        }
        return from;
    }

    /** Number of attempts appended so far. */
    public int size() {
        return size;
    }

    /** A consistent view of everything appended so far; cheap, safe to read on any thread. */
    public Snapshot snapshot() {
        int n = size;
        long lateness = maxLatenessMicros;
        return new Snapshot(chunks, n, lateness);
    }

    /** Registers a listener; closing the returned handle removes it. */
    public AutoCloseable addListener(AppendListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A rough count of the heap the store holds, in bytes (chunks, dictionaries, odd request ids). */
    public long estimatedBytes() {
        synchronized (lock) {
            return (long) chunks.length * Chunk.BYTES
                    + services.estimatedBytes() + actions.estimatedBytes() + buckets.estimatedBytes()
                    + errorCodes.estimatedBytes() + sources.estimatedBytes() + principals.estimatedBytes()
                    + messages.estimatedBytes() + textRequestIds.size() * 96L;
        }
    }

    private void notifyListeners(int from, int to) {
        for (AppendListener listener : listeners) {
            try {
                listener.appended(from, to);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "attempt listener failed", e);
            }
        }
    }

    private void write(int index, Attempt a) {
        int chunkIndex = index >>> CHUNK_BITS;
        Chunk[] current = chunks;
        if (chunkIndex == current.length) {
            current = Arrays.copyOf(current, current.length + 1);
            current[chunkIndex] = new Chunk();
            chunks = current;
        }
        Chunk c = current[chunkIndex];
        int row = index & CHUNK_MASK;
        long start = a.startMicros();
        c.start[row] = start;
        c.duration[row] = clampToInt(a.durationMicros());
        c.backoff[row] = clampToInt(a.backoffMicros());
        c.callId[row] = a.callId();
        c.attempt[row] = (short) a.attemptNumber();
        c.status[row] = (short) a.httpStatus();
        c.service[row] = (char) services.idOf(a.service());
        c.action[row] = (char) actions.idOf(a.action());
        c.bucket[row] = (char) buckets.idOf(a.bucket());
        c.errorCode[row] = (char) errorCodes.idOf(a.errorCode());
        c.source[row] = sources.idOf(a.source());
        c.principal[row] = principals.idOf(a.principal());
        c.message[row] = (char) messages.idOf(a.errorMessage());
        c.category[row] = (byte) a.category().ordinal();
        int requestIdKind = writeRequestId(c, row, index, a.requestId());
        c.flags[row] = (byte) (a.fault().ordinal() | a.sourceKind().ordinal() << 2 | requestIdKind << 4);

        if (start > prefixMaxStart) {
            prefixMaxStart = start;
        } else if (prefixMaxStart - start > maxLatenessMicros) {
            maxLatenessMicros = prefixMaxStart - start;
        }
        c.blockMax[row >>> BLOCK_BITS] = prefixMaxStart;
    }

    private int writeRequestId(Chunk c, int row, int index, String requestId) {
        c.requestHi[row] = 0;
        c.requestLo[row] = 0;
        if (requestId == null) {
            return REQUEST_ID_NONE;
        }
        if (RequestIds.isUuid(requestId)) {
            c.requestHi[row] = RequestIds.uuidHigh(requestId);
            c.requestLo[row] = RequestIds.uuidLow(requestId);
            return RequestIds.isLowerCase(requestId) ? REQUEST_ID_UUID_LOWER : REQUEST_ID_UUID_UPPER;
        }
        textRequestIds.put(index, requestId);
        return REQUEST_ID_TEXT;
    }

    private static int clampToInt(long v) {
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    /** The columns of {@link #CHUNK_SIZE} rows. */
    static final class Chunk {
        /** Bytes held per row by the arrays below. */
        static final int BYTES_PER_ROW = 8 + 4 + 4 + 4 + 2 + 2 + 2 * 5 + 4 * 2 + 8 + 8 + 1 + 1;
        static final long BYTES = (long) BYTES_PER_ROW * CHUNK_SIZE + 8L * BLOCKS_PER_CHUNK + 16 * 20;

        final long[] start = new long[CHUNK_SIZE];
        final int[] duration = new int[CHUNK_SIZE];
        final int[] backoff = new int[CHUNK_SIZE];
        final int[] callId = new int[CHUNK_SIZE];
        final short[] attempt = new short[CHUNK_SIZE];
        final short[] status = new short[CHUNK_SIZE];
        final char[] service = new char[CHUNK_SIZE];
        final char[] action = new char[CHUNK_SIZE];
        final char[] bucket = new char[CHUNK_SIZE];
        final char[] errorCode = new char[CHUNK_SIZE];
        final int[] source = new int[CHUNK_SIZE];
        final int[] principal = new int[CHUNK_SIZE];
        final char[] message = new char[CHUNK_SIZE];
        final long[] requestHi = new long[CHUNK_SIZE];
        final long[] requestLo = new long[CHUNK_SIZE];
        final byte[] category = new byte[CHUNK_SIZE];
        /** fault (2 bits) | source kind (2 bits) | request id kind (2 bits). */
        final byte[] flags = new byte[CHUNK_SIZE];
        /** Per block of 64 rows: the largest start of any row up to the block's last written row. */
        final long[] blockMax = new long[BLOCKS_PER_CHUNK];
    }

    /**
     * The first {@link #size()} attempts of the store, frozen: later appends do not show. Accessors take an
     * index in {@code [0, size())}. Safe to use from any thread, e.g. the FX thread while appends continue.
     */
    public final class Snapshot {
        private final Chunk[] chunks;
        private final int size;
        private final long latenessMicros;

        private Snapshot(Chunk[] chunks, int size, long latenessMicros) {
            this.chunks = chunks;
            this.size = size;
            this.latenessMicros = latenessMicros;
        }

        /** Number of attempts in this snapshot. */
        public int size() {
            return size;
        }

        private Chunk chunk(int i) {
            Objects.checkIndex(i, size);
            return chunks[i >>> CHUNK_BITS];
        }

        /** Start, microseconds since the epoch. */
        public long startMicros(int i) {
            return chunk(i).start[i & CHUNK_MASK];
        }

        /** Duration, microseconds. */
        public long durationMicros(int i) {
            return chunk(i).duration[i & CHUNK_MASK];
        }

        /** End, microseconds since the epoch. */
        public long endMicros(int i) {
            return startMicros(i) + durationMicros(i);
        }

        /** Backoff wait before the attempt, microseconds. */
        public long backoffMicros(int i) {
            return chunk(i).backoff[i & CHUNK_MASK];
        }

        /** The call id. */
        public int callId(int i) {
            return chunk(i).callId[i & CHUNK_MASK];
        }

        /** The attempt number within its call, from 1. */
        public int attemptNumber(int i) {
            return chunk(i).attempt[i & CHUNK_MASK];
        }

        /** The HTTP status (0: no response). */
        public int httpStatus(int i) {
            return chunk(i).status[i & CHUNK_MASK];
        }

        /** The service name. */
        public String service(int i) {
            return services.valueOf(chunk(i).service[i & CHUNK_MASK]);
        }

        /** The action. */
        public String action(int i) {
            return actions.valueOf(chunk(i).action[i & CHUNK_MASK]);
        }

        /** The action's interned id: equal ids mean equal actions (cheap for grouping into lanes). */
        public int actionId(int i) {
            return chunk(i).action[i & CHUNK_MASK];
        }

        /** The throttling bucket, or {@code null}. */
        public String bucket(int i) {
            return buckets.valueOf(chunk(i).bucket[i & CHUNK_MASK]);
        }

        /** The error code, or {@code null}. */
        public String errorCode(int i) {
            return errorCodes.valueOf(chunk(i).errorCode[i & CHUNK_MASK]);
        }

        /** The error message, or {@code null}. */
        public String errorMessage(int i) {
            return messages.valueOf(chunk(i).message[i & CHUNK_MASK]);
        }

        /** The error category. */
        public ErrorCategory category(int i) {
            return CATEGORIES[chunk(i).category[i & CHUNK_MASK]];
        }

        /** Client or server fault. */
        public Fault fault(int i) {
            return FAULTS[chunk(i).flags[i & CHUNK_MASK] & 3];
        }

        /** Where the record came from. */
        public SourceKind sourceKind(int i) {
            return SOURCE_KINDS[chunk(i).flags[i & CHUNK_MASK] >>> 2 & 3];
        }

        /** Who made the call (user agent, process, client id), or {@code null}. */
        public String source(int i) {
            return sources.valueOf(chunk(i).source[i & CHUNK_MASK]);
        }

        /** The source's interned id: equal ids mean equal sources (cheap for grouping into lanes). */
        public int sourceId(int i) {
            return chunk(i).source[i & CHUNK_MASK];
        }

        /** The principal, or {@code null}. */
        public String principal(int i) {
            return principals.valueOf(chunk(i).principal[i & CHUNK_MASK]);
        }

        /** The request id, or {@code null}. */
        public String requestId(int i) {
            Chunk c = chunk(i);
            int row = i & CHUNK_MASK;
            return switch (c.flags[row] >>> 4 & 3) {
                case REQUEST_ID_UUID_LOWER -> RequestIds.uuidText(c.requestHi[row], c.requestLo[row], false);
                case REQUEST_ID_UUID_UPPER -> RequestIds.uuidText(c.requestHi[row], c.requestLo[row], true);
                case REQUEST_ID_TEXT -> textRequestIds.get(i);
                default -> null;
            };
        }

        /** The whole record at {@code i}. */
        public Attempt attempt(int i) {
            return Attempt.builder()
                    .service(service(i)).action(action(i)).bucket(bucket(i))
                    .startMicros(startMicros(i)).durationMicros(durationMicros(i))
                    .httpStatus(httpStatus(i)).errorCode(errorCode(i)).errorMessage(errorMessage(i))
                    .category(category(i)).fault(fault(i)).requestId(requestId(i))
                    .callId(callId(i)).attemptNumber(attemptNumber(i)).backoffMicros(backoffMicros(i))
                    .sourceKind(sourceKind(i)).source(source(i)).principal(principal(i))
                    .build();
        }

        /**
         * The index of the previous attempt of the same call, or -1: searched backwards from {@code i}, no
         * further back than the backoff before {@code i} plus {@code maxLookbackMicros}.
         */
        public int previousAttemptOfCall(int i, long maxLookbackMicros) {
            if (attemptNumber(i) <= 1) {
                return -1;
            }
            int call = callId(i);
            long floor = startMicros(i) - backoffMicros(i) - maxLookbackMicros - latenessMicros;
            int wanted = attemptNumber(i) - 1;
            for (int j = i - 1; j >= 0; j--) {
                if (callId(j) == call && attemptNumber(j) == wanted) {
                    return j;
                }
                if (startMicros(j) < floor) {
                    return -1;
                }
            }
            return -1;
        }

        /**
         * The smallest index from which attempts starting at or after {@code fromMicros} can occur: every
         * attempt before it starts earlier. O(log n).
         */
        public int lowerIndex(long fromMicros) {
            int fullBlocks = size >>> BLOCK_BITS;
            int lo = 0;
            int hi = fullBlocks; // first block whose prefix max >= fromMicros, or fullBlocks
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (blockMax(mid) >= fromMicros) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo << BLOCK_BITS;
        }

        /**
         * An index up to which (exclusive) all attempts starting before {@code toMicros} lie: every attempt
         * at or after it starts at or after {@code toMicros}. O(log n).
         */
        public int upperIndex(long toMicros) {
            long bound = toMicros + latenessMicros;
            if (bound < toMicros) {
                return size;
            }
            int fullBlocks = size >>> BLOCK_BITS;
            int lo = 0;
            int hi = fullBlocks;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (blockMax(mid) >= bound) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo == fullBlocks ? size : Math.min(size, (lo + 1) << BLOCK_BITS);
        }

        /** Calls {@code action} with the index of every attempt with {@code fromMicros <= start < toMicros}, in index order. */
        public void forEachInRange(long fromMicros, long toMicros, IntConsumer action) {
            int end = upperIndex(toMicros);
            for (int i = lowerIndex(fromMicros); i < end; i++) {
                long start = startMicros(i);
                if (start >= fromMicros && start < toMicros) {
                    action.accept(i);
                }
            }
        }

        /** Number of attempts with {@code fromMicros <= start < toMicros}. */
        public int countInRange(long fromMicros, long toMicros) {
            int[] count = {0};
            forEachInRange(fromMicros, toMicros, i -> count[0]++);
            return count[0];
        }

        /** The earliest start in the snapshot, or {@link Long#MAX_VALUE} when empty. */
        public long minStartMicros() {
            long min = Long.MAX_VALUE;
            int end = Math.min(size, upperIndex(size == 0 ? 0 : startMicros(0) + 1));
            for (int i = 0; i < end; i++) {
                min = Math.min(min, startMicros(i));
            }
            return min;
        }

        /** The latest start in the snapshot, or {@link Long#MIN_VALUE} when empty. */
        public long maxStartMicros() {
            long max = Long.MIN_VALUE;
            int fullBlocks = size >>> BLOCK_BITS;
            if (fullBlocks > 0) {
                max = blockMax(fullBlocks - 1);
            }
            for (int i = fullBlocks << BLOCK_BITS; i < size; i++) {
                max = Math.max(max, startMicros(i));
            }
            return max;
        }

        private long blockMax(int block) {
            return chunks[block / BLOCKS_PER_CHUNK].blockMax[block % BLOCKS_PER_CHUNK];
        }
    }
}
