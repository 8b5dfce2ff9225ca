package org.ec2workbench.capture.csm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptClassifier;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.SourceKind;
import org.ec2workbench.recorder.CsmRecorderInterceptor;

/**
 * Turns a stream of CSM datagrams into {@link Attempt}s grouped into calls. CSM attempts carry no call id,
 * so calls are reconstructed: an attempt continues an open call of the same client (id and user
 * agent), service, API and Region when that call's last attempt failed, ended before this one started, and did
 * so less than {@link #MAX_BACKOFF_MS} ago; the gap between them is the backoff. A successful attempt or
 * the client's {@code ApiCall} datagram closes the call. Not thread-safe: one listener thread feeds it.
 */
public final class CsmCallGrouper {

    /** Longer gaps than this start a new call (SDK backoff caps are 20 s; the CLI's legacy mode less). */
    public static final long MAX_BACKOFF_MS = 60_000;
    /** Timestamps are whole milliseconds, so an attempt may appear to start up to this much before the previous ended. */
    private static final long CLOCK_SLOP_MS = 2;
    private static final int MAX_OPEN_CALLS = 10_000;

    private final AttemptStore store;
    private final AttemptClassifier classifier;
    private final Map<String, List<OpenCall>> open = new HashMap<>();
    private int openCount;
    private long attempts;
    private long calls;
    private long unmatchedCalls;

    private static final class OpenCall {
        final int callId;
        final long firstStartMs;
        int attempts;
        long lastEndMs;

        OpenCall(int callId, long firstStartMs) {
            this.callId = callId;
            this.firstStartMs = firstStartMs;
        }
    }

    /** A grouper appending to {@code store}. */
    public CsmCallGrouper(AttemptStore store, AttemptClassifier classifier) {
        this.store = Objects.requireNonNull(store, "store");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
    }

    /** Takes one datagram; returns the attempt appended, or {@code null} for a call summary. */
    public Attempt accept(CsmDatagram d) {
        if (d.type() == CsmDatagram.Type.CALL) {
            closeCall(d);
            return null;
        }
        attempts++;
        String key = key(d);
        long startMs = d.timestampMs();
        long latencyMs = Math.max(0, d.latencyMs());
        long endMs = startMs + latencyMs;
        OpenCall call = continuedCall(key, startMs);
        long backoffMs = 0;
        if (call == null) {
            call = new OpenCall(store.newCallId(), startMs);
        } else {
            backoffMs = Math.max(0, startMs - call.lastEndMs);
            open.get(key).remove(call);
            openCount--;
        }
        call.attempts++;
        call.lastEndMs = endMs;

        boolean failed = d.awsException() != null || d.sdkException() != null || d.httpStatus() == 0
                || d.httpStatus() >= 300;
        if (failed) {
            open.computeIfAbsent(key, k -> new ArrayList<>()).add(call);
            openCount++;
            if (openCount > MAX_OPEN_CALLS) {
                evictOldest();
            }
        }
        String code = d.awsException() != null ? d.awsException() : d.sdkException();
        String message = d.awsException() != null ? d.awsMessage() : d.sdkMessage();
        Attempt.Builder b = Attempt.builder()
                .startMicros(startMs * 1_000).durationMicros(latencyMs * 1_000).backoffMicros(backoffMs * 1_000)
                .callId(call.callId).attemptNumber(Math.min(call.attempts, Short.MAX_VALUE))
                .requestId(d.requestId()).errorMessage(message)
                .sourceKind(isRecorder(d.clientId()) ? SourceKind.RECORDER : SourceKind.CSM)
                .source(d.userAgent() != null ? d.userAgent() : d.clientId())
                .principal(d.accessKey());
        int status = d.httpStatus();
        if (code == null && status == 0) {
            code = "NoResponse";
        }
        classifier.classify(b, d.service(), d.api(), status, code, null);
        Attempt attempt = b.build();
        store.append(attempt);
        return attempt;
    }

    private OpenCall continuedCall(String key, long startMs) {
        List<OpenCall> candidates = open.get(key);
        if (candidates == null) {
            return null;
        }
        OpenCall best = null;
        for (Iterator<OpenCall> it = candidates.iterator(); it.hasNext();) {
            OpenCall c = it.next();
            if (startMs - c.lastEndMs > MAX_BACKOFF_MS) {
                it.remove();
                openCount--;
                continue;
            }
            if (c.lastEndMs <= startMs + CLOCK_SLOP_MS && (best == null || c.lastEndMs > best.lastEndMs)) {
                best = c;
            }
        }
        return best;
    }

    private void closeCall(CsmDatagram d) {
        calls++;
        List<OpenCall> candidates = open.get(key(d));
        if (candidates == null || candidates.isEmpty()) {
            // a successful call was closed by its successful attempt; a failed one should still be open
            if (d.awsException() != null || d.sdkException() != null) {
                unmatchedCalls++;
            }
            return;
        }
        OpenCall match = null;
        for (OpenCall c : candidates) {
            if (match == null || Math.abs(c.firstStartMs - d.timestampMs()) < Math.abs(match.firstStartMs - d.timestampMs())) {
                match = c;
            }
        }
        candidates.remove(match);
        openCount--;
    }

    private void evictOldest() {
        OpenCall oldest = null;
        List<OpenCall> in = null;
        for (List<OpenCall> list : open.values()) {
            for (OpenCall c : list) {
                if (oldest == null || c.lastEndMs < oldest.lastEndMs) {
                    oldest = c;
                    in = list;
                }
            }
        }
        if (in != null) {
            in.remove(oldest);
            openCount--;
        }
    }

    private static boolean isRecorder(String clientId) {
        return clientId != null && clientId.startsWith(CsmRecorderInterceptor.DEFAULT_CLIENT_ID);
    }

    private static String key(CsmDatagram d) {
        // ApiCall datagrams carry neither AccessKey nor Fqdn, so calls are matched without them
        return d.clientId() + '\u0000' + d.userAgent() + '\u0000' + d.service() + '\u0000' + d.api() + '\u0000'
                + d.region();
    }

    /** Attempt datagrams taken. */
    public long attempts() {
        return attempts;
    }

    /** Call datagrams taken. */
    public long calls() {
        return calls;
    }

    /** Failed calls whose attempts were never seen (lost datagrams, or attempts from before the listener started). */
    public long unmatchedCalls() {
        return unmatchedCalls;
    }
}
