package org.ec2workbench.aws.capture;

import java.util.Objects;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptClassifier;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.SourceKind;
import org.ec2workbench.recorder.AttemptSink;
import org.ec2workbench.recorder.ObservedAttempt;
import org.ec2workbench.recorder.ObservedCall;
import org.ec2workbench.recorder.Redaction;

/**
 * Turns what the in-process {@link org.ec2workbench.recorder.AttemptInterceptor} observes into
 * {@link Attempt} records in an {@link AttemptStore}, classified by the error catalog and bucket table.
 */
public final class StoreAttemptSink implements AttemptSink {

    /** The source name of the workbench's own calls. */
    public static final String WORKBENCH_SOURCE = "workbench";

    private final AttemptStore store;
    private final AttemptClassifier classifier;
    private final String source;

    /** A sink appending to {@code store}; attempts are labelled with {@code source} (e.g. {@value #WORKBENCH_SOURCE}). */
    public StoreAttemptSink(AttemptStore store, AttemptClassifier classifier, String source) {
        this.store = Objects.requireNonNull(store, "store");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.source = source;
    }

    @Override
    public long beginCall() {
        return store.newCallId();
    }

    @Override
    public void attempt(ObservedAttempt a) {
        try {
            String code = a.errorCode() != null ? a.errorCode() : a.httpStatus() == 0 ? a.sdkException() : null;
            String message = a.errorCode() != null ? a.errorMessage() : a.sdkExceptionMessage();
            String service = a.signingName() != null ? a.signingName() : a.service();
            Attempt.Builder b = Attempt.builder()
                    .startMicros(a.startEpochMicros()).durationMicros(a.latencyMicros())
                    .backoffMicros(a.backoffMicros()).callId((int) a.callNumber()).attemptNumber(a.attemptNumber())
                    .requestId(a.requestId()).errorMessage(message)
                    .sourceKind(SourceKind.WORKBENCH).source(source)
                    .principal(Redaction.accessKeyId(a.accessKey()));
            classifier.classify(b, service, a.api(), a.httpStatus(), code, a.filteredOrPaginated());
            store.append(b.build());
        } catch (RuntimeException e) {
            // a record that cannot be built is dropped; the SDK call itself is unaffected
        }
    }

    @Override
    public void call(ObservedCall call) {
        // the attempts carry everything the store needs
    }
}
