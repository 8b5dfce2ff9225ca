package org.ec2workbench.capture.cloudtrail;

import java.util.Objects;
import java.util.function.Consumer;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptClassifier;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.SourceKind;

/**
 * Turns EC2 CloudTrail events into attempts in a store (other services' events are counted and skipped).
 * CloudTrail logs every request EC2 received, retries included, but neither HTTP status, duration nor
 * which call a retry belonged to: each event becomes attempt 1 of its own call, with duration 0 and the
 * status EC2 answers that error code with.
 */
public final class CloudTrailAttempts implements Consumer<TrailEvent> {

    private final AttemptStore store;
    private final AttemptClassifier classifier;
    private long appended;
    private long otherServices;

    /** Appends to {@code store}. */
    public CloudTrailAttempts(AttemptStore store, AttemptClassifier classifier) {
        this.store = Objects.requireNonNull(store, "store");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
    }

    @Override
    public void accept(TrailEvent e) {
        if (!e.isEc2()) {
            otherServices++;
            return;
        }
        Attempt.Builder b = Attempt.builder().startMicros(e.eventTimeMillis() * 1_000).durationMicros(0)
                .callId(store.newCallId()).attemptNumber(1).requestId(e.requestId()).errorMessage(e.errorMessage())
                .sourceKind(SourceKind.CLOUDTRAIL).source(e.userAgent()).principal(e.principal());
        classifier.classify(b, "ec2", e.eventName(), httpStatusOf(e.errorCode()), e.errorCode(), e.filteredOrPaginated());
        store.append(b.build());
        appended++;
    }

    /** EC2 events appended. */
    public long appended() {
        return appended;
    }

    /** Events of other services, skipped. */
    public long otherServices() {
        return otherServices;
    }

    /** The HTTP status EC2 answers {@code errorCode} with (CloudTrail does not record it). */
    public static int httpStatusOf(String errorCode) {
        if (errorCode == null || errorCode.isEmpty()) {
            return 200;
        }
        String code = errorCode.startsWith("Client.") || errorCode.startsWith("Server.")
                ? errorCode.substring(7) : errorCode;
        return switch (code) {
            case "RequestLimitExceeded", "Unavailable", "ServiceUnavailable" -> 503;
            case "UnauthorizedOperation", "OptInRequired", "Blocked" -> 403;
            case "AuthFailure" -> 401;
            case "DryRunOperation" -> 412;
            case "InternalError", "InternalFailure", "ServerInternal" -> 500;
            default -> errorCode.startsWith("Server.") ? 500 : 400;
        };
    }
}
