package org.ec2workbench.aws.capture;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.capture.AttemptClassifier;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.recorder.AttemptInterceptor;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Records every attempt of the workbench's own SDK clients: add {@link #interceptor} to the
 * {@link org.ec2workbench.aws.ClientFactory} ({@code builder.addInterceptor(...)}).
 */
public final class WorkbenchCapture {

    private WorkbenchCapture() {
    }

    /** An interceptor recording into {@code store}, timed by {@code clock}. */
    public static ExecutionInterceptor interceptor(AttemptStore store, Clock clock) {
        return interceptor(store, clock, StoreAttemptSink.WORKBENCH_SOURCE);
    }

    /** As {@link #interceptor(AttemptStore, Clock)}, labelling the attempts with {@code source}. */
    public static ExecutionInterceptor interceptor(AttemptStore store, Clock clock, String source) {
        return new AttemptInterceptor(new StoreAttemptSink(store, AttemptClassifier.ec2(), source),
                wallClock(clock), clock::nanoTime);
    }

    /** The workbench clock seen as a {@link java.time.Clock} (what the recorder package takes). */
    static java.time.Clock wallClock(Clock clock) {
        return new java.time.Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.instant();
            }
        };
    }
}
