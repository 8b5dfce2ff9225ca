package org.ec2workbench.recorder;

/** Receives what an {@link AttemptInterceptor} observes. Implementations must be thread-safe and never throw. */
public interface AttemptSink {

    /** A new call starts; returns its number (unique per sink). */
    long beginCall();

    /** One attempt ended (successfully or not). */
    void attempt(ObservedAttempt attempt);

    /** The call ended; its attempts were all reported before. */
    void call(ObservedCall call);
}
