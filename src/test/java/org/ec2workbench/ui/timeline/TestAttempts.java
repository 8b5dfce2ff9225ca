package org.ec2workbench.ui.timeline;

import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.capture.SourceKind;

/** Attempt records for timeline tests. */
final class TestAttempts {

    static final long T0 = 1_700_000_000_000_000L;

    private TestAttempts() {
    }

    static Attempt ok(String action, long startMicros, long durationMicros, int call) {
        return Attempt.builder().service("ec2").action(action).bucket("non-mutating").startMicros(startMicros)
                .durationMicros(durationMicros).httpStatus(200).callId(call).requestId(requestId(call, 1))
                .source("aws-cli/2.15").sourceKind(SourceKind.CSM).build();
    }

    static Attempt throttled(String action, long startMicros, long durationMicros, int call, int attempt, long backoff) {
        return Attempt.builder().service("ec2").action(action).bucket("non-mutating").startMicros(startMicros)
                .durationMicros(durationMicros).httpStatus(503).errorCode("RequestLimitExceeded")
                .errorMessage("Request limit exceeded.").category(ErrorCategory.THROTTLING).callId(call)
                .attemptNumber(attempt).backoffMicros(backoff).requestId(requestId(call, attempt))
                .source("workbench").sourceKind(SourceKind.WORKBENCH).build();
    }

    static Attempt retryOk(String action, long startMicros, long durationMicros, int call, int attempt, long backoff) {
        return Attempt.builder().service("ec2").action(action).bucket("non-mutating").startMicros(startMicros)
                .durationMicros(durationMicros).httpStatus(200).callId(call).attemptNumber(attempt)
                .backoffMicros(backoff).requestId(requestId(call, attempt)).source("workbench").build();
    }

    static Attempt notFound(long startMicros, int call) {
        return Attempt.builder().service("ec2").action("DescribeInstances").bucket("non-mutating")
                .startMicros(startMicros).durationMicros(20_000).httpStatus(400)
                .errorCode("InvalidInstanceID.NotFound").category(ErrorCategory.CONSISTENCY).callId(call)
                .requestId(requestId(call, 1)).source("boto3").sourceKind(SourceKind.CSM).build();
    }

    static String requestId(int call, int attempt) {
        return String.format("%08x-0000-4000-8000-%012x", call, attempt);
    }
}
