package org.ec2workbench.recorder;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Observes every HTTP attempt of every call of the SDK clients it is attached to and reports them to an
 * {@link AttemptSink}: attempt number, the wait before it, latency, status, AWS error code and message,
 * request id, redacted access key, region, user agent. It reads error bodies (bounded) and peeks at the
 * start of successful ones for the request id, handing the SDK an equivalent stream; it never changes a
 * request or a result, and a failure inside it never breaks the call.
 */
public class AttemptInterceptor implements ExecutionInterceptor {

    private static final AtomicLong INSTANCES = new AtomicLong();
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int PEEK = 1024;

    private final AttemptSink sink;
    private final Clock wallClock;
    private final LongSupplier nanoTime;
    // Per instance: two recorders on one client (the session's and a lesson's, on different clocks) must
    // each keep their own call state. The SDK rejects a reused attribute name, hence the number.
    private final ExecutionAttribute<CallState> state =
            new ExecutionAttribute<>("ec2workbench.recorder.call." + INSTANCES.incrementAndGet());

    /**
     * An interceptor reporting to {@code sink}, timestamping with {@code wallClock} and measuring with
     * {@code nanoTime} (monotonic nanoseconds).
     */
    public AttemptInterceptor(AttemptSink sink, Clock wallClock, LongSupplier nanoTime) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Mutable per-call state, confined to the call's execution. */
    private static final class CallState {
        final long callNumber;
        final long startEpochMicros;
        final long startNanos;
        final String service;
        final String api;
        final Boolean filtered;
        int attempts;
        long lastEndNanos = -1;
        Attempt current;
        Attempt last;
        boolean reported;

        CallState(long callNumber, long startEpochMicros, long startNanos, String service, String api, Boolean filtered) {
            this.callNumber = callNumber;
            this.startEpochMicros = startEpochMicros;
            this.startNanos = startNanos;
            this.service = service;
            this.api = api;
            this.filtered = filtered;
        }
    }

    /** One attempt in flight. */
    private static final class Attempt {
        int number;
        long startNanos;
        long startEpochMicros;
        long backoffMicros;
        long endNanos = -1;
        int status;
        String errorCode;
        String errorMessage;
        String sdkException;
        String sdkExceptionMessage;
        String requestId;
        String accessKey;
        String region;
        String signingName;
        String userAgent;
        String fqdn;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        guard(() -> {
            String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            String api = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            attributes.putAttribute(state, new CallState(sink.beginCall(), epochMicros(), nanoTime.getAsLong(),
                    service == null ? "unknown" : service, api == null ? "unknown" : api,
                    filteredOrPaginated(context.request())));
        });
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        guard(() -> {
            CallState call = attributes.getAttribute(state);
            if (call == null) {
                return;
            }
            long now = nanoTime.getAsLong();
            long sdkBackoffNanos = call.attempts == 0 ? 0 : sdkBackoffNanos(attributes);
            if (call.current != null) {
                // the previous attempt got no response (connection failure, timeout): it ended when the
                // SDK's backoff began
                Attempt previous = call.current;
                previous.sdkException = "NoResponse";
                if (sdkBackoffNanos >= 0) {
                    previous.endNanos = Math.max(previous.startNanos, now - sdkBackoffNanos);
                }
                finishAttempt(call);
            }
            Attempt a = new Attempt();
            a.number = ++call.attempts;
            a.startNanos = now;
            a.startEpochMicros = epochMicros();
            if (a.number == 1) {
                a.backoffMicros = 0;
            } else if (sdkBackoffNanos >= 0) {
                a.backoffMicros = sdkBackoffNanos / 1_000;
            } else {
                a.backoffMicros = Math.max(0, (a.startNanos - call.lastEndNanos) / 1_000);
            }
            describeRequest(context.httpRequest(), a);
            call.current = a;
        });
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        guard(() -> {
            CallState call = attributes.getAttribute(state);
            if (call == null || call.current == null) {
                return;
            }
            Attempt a = call.current;
            a.endNanos = nanoTime.getAsLong();
            a.status = context.httpResponse().statusCode();
            a.requestId = context.httpResponse().firstMatchingHeader("x-amzn-RequestId")
                    .or(() -> context.httpResponse().firstMatchingHeader("x-amz-request-id")).orElse(null);
            context.httpResponse().firstMatchingHeader("x-amzn-query-error")
                    .ifPresent(q -> a.errorCode = q.contains(";") ? q.substring(0, q.indexOf(';')) : q);
            if (a.errorCode == null) {
                context.httpResponse().firstMatchingHeader("x-amzn-ErrorType")
                        .ifPresent(t -> a.errorCode = t.contains(":") ? t.substring(0, t.indexOf(':')) : t);
            }
        });
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        CallState call = attributes.getAttribute(state);
        if (call == null || call.current == null || body.isEmpty()) {
            return body;
        }
        Attempt a = call.current;
        try {
            InputStream in = body.get();
            if (a.status >= 300) {
                byte[] buffer = in.readNBytes(MAX_ERROR_BODY);
                merge(a, ResponseBodies.parse(buffer, buffer.length));
                finishAttempt(call);
                return Optional.of(new SequenceInputStream(new ByteArrayInputStream(buffer), in));
            }
            if (a.requestId == null) {
                BufferedInputStream buffered = new BufferedInputStream(in, PEEK * 2);
                buffered.mark(PEEK);
                byte[] head = buffered.readNBytes(PEEK);
                buffered.reset();
                a.requestId = ResponseBodies.parse(head, head.length).requestId();
                finishAttempt(call);
                return Optional.of(buffered);
            }
            finishAttempt(call);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return body;
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        guard(() -> {
            CallState call = attributes.getAttribute(state);
            if (call == null) {
                return;
            }
            if (call.current != null) {
                if (call.current.status == 0) {
                    call.current.status = context.httpResponse().statusCode();
                }
                finishAttempt(call);
            }
            reportCall(call, null);
        });
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        guard(() -> {
            CallState call = attributes.getAttribute(state);
            if (call == null) {
                return;
            }
            Throwable failure = context.exception();
            if (call.current != null) {
                Attempt a = call.current;
                describeFailure(a, failure);
                finishAttempt(call);
            }
            reportCall(call, failure);
        });
    }

    private void describeFailure(Attempt a, Throwable failure) {
        if (failure instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
            if (a.errorCode == null) {
                a.errorCode = ase.awsErrorDetails().errorCode();
                a.errorMessage = ase.awsErrorDetails().errorMessage();
            }
            if (a.status == 0) {
                a.status = ase.statusCode();
            }
            if (a.requestId == null) {
                a.requestId = ase.requestId();
            }
        } else if (a.status == 0) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            a.sdkException = root.getClass().getSimpleName();
            a.sdkExceptionMessage = failure.getMessage();
        }
    }

    private void finishAttempt(CallState call) {
        Attempt a = call.current;
        call.current = null;
        if (a.endNanos < 0) {
            a.endNanos = nanoTime.getAsLong();
        }
        call.lastEndNanos = a.endNanos;
        call.last = a;
        sink.attempt(new ObservedAttempt(call.callNumber, a.number, call.service, a.signingName, call.api,
                a.startEpochMicros, Math.max(0, (a.endNanos - a.startNanos) / 1_000), a.backoffMicros, a.status,
                a.errorCode, a.errorMessage, a.sdkException, a.sdkExceptionMessage, a.requestId, a.accessKey,
                a.region, a.userAgent, a.fqdn, call.filtered));
    }

    private void reportCall(CallState call, Throwable failure) {
        if (call.reported) {
            return;
        }
        call.reported = true;
        Attempt last = call.last;
        boolean retryable = last != null && (last.status == 0 || last.status >= 500 || last.status == 429);
        String sdkException = null;
        String sdkMessage = null;
        if (failure != null && (last == null || last.status == 0)) {
            sdkException = failure.getClass().getSimpleName();
            sdkMessage = failure.getMessage();
        }
        sink.call(new ObservedCall(call.callNumber, call.service, call.api, call.startEpochMicros,
                Math.max(0, (nanoTime.getAsLong() - call.startNanos) / 1_000), call.attempts,
                last == null ? 0 : last.status, last == null ? null : last.errorCode,
                last == null ? null : last.errorMessage, sdkException, sdkMessage,
                failure != null && retryable && call.attempts > 1,
                last == null ? null : last.accessKey, last == null ? null : last.region,
                last == null ? null : last.userAgent));
    }

    private static void merge(Attempt a, ResponseBodies.Facts facts) {
        if (facts.errorCode() != null) {
            a.errorCode = facts.errorCode();
        }
        if (facts.errorMessage() != null) {
            a.errorMessage = facts.errorMessage();
        }
        if (a.requestId == null) {
            a.requestId = facts.requestId();
        }
    }

    private static void describeRequest(SdkHttpRequest request, Attempt a) {
        a.userAgent = request.firstMatchingHeader("User-Agent").orElse(null);
        a.fqdn = request.port() == defaultPort(request.protocol())
                ? request.host() : request.host() + ":" + request.port();
        request.firstMatchingHeader("Authorization").ifPresent(auth -> {
            int c = auth.indexOf("Credential=");
            if (c < 0) {
                return;
            }
            int end = auth.indexOf(',', c);
            String[] scope = auth.substring(c + "Credential=".length(), end < 0 ? auth.length() : end).trim().split("/");
            if (scope.length >= 4) {
                a.accessKey = Redaction.accessKeyId(scope[0]);
                a.region = scope[2];
                a.signingName = scope[3];
            }
        });
    }

    /**
     * The delay the SDK's retry strategy slept before the current attempt, in nanoseconds, or -1 when this
     * SDK version does not expose it (then the measured gap is used).
     */
    private static long sdkBackoffNanos(ExecutionAttributes attributes) {
        try {
            java.time.Duration d = attributes.getAttribute(
                    software.amazon.awssdk.core.internal.http.pipeline.stages.utils.RetryableStageHelper
                            .LAST_BACKOFF_DELAY_DURATION);
            return d == null ? -1 : d.toNanos();
        } catch (LinkageError | RuntimeException e) {
            return -1;
        }
    }

    private static int defaultPort(String protocol) {
        return "https".equalsIgnoreCase(protocol) ? 443 : 80;
    }

    /**
     * Whether an SDK request carries a filter, pagination or id-list parameter (the sandbox's rule for the
     * larger non-mutating bucket, see docs/sandbox.md); null when it has none of those fields.
     */
    static Boolean filteredOrPaginated(SdkRequest request) {
        boolean known = false;
        for (String field : List.of("Filters", "MaxResults", "NextToken", "InstanceIds", "GroupIds", "GroupNames",
                "VolumeIds")) {
            Optional<Object> value;
            try {
                value = request.getValueForField(field, Object.class);
            } catch (RuntimeException e) {
                continue;
            }
            if (request.sdkFields().stream().anyMatch(f -> field.equals(f.memberName()))) {
                known = true;
            }
            if (value.isPresent() && !(value.get() instanceof List<?> list && list.isEmpty())
                    && !isAutoConstructEmpty(value.get())) {
                return true;
            }
        }
        return known ? Boolean.FALSE : null;
    }

    private static boolean isAutoConstructEmpty(Object value) {
        return value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>;
    }

    private long epochMicros() {
        Instant now = wallClock.instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private static void guard(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // observing must never break the caller's call
        }
    }
}
