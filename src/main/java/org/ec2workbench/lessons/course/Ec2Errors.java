package org.ec2workbench.lessons.course;

import org.ec2workbench.backoff.Classification;
import org.ec2workbench.backoff.Classifier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Reads AWS error codes off SDK exceptions and classifies them for the backoff engine. */
final class Ec2Errors {

    private Ec2Errors() {
    }

    /** The AWS error code of {@code failure} ("none" when it is not a service error). */
    static String code(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException e && e.awsErrorDetails() != null
                    && e.awsErrorDetails().errorCode() != null) {
                return e.awsErrorDetails().errorCode();
            }
        }
        return failure == null ? "none" : failure.getClass().getSimpleName();
    }

    /** Whether {@code failure} is a not-yet-visible error such as {@code InvalidInstanceID.NotFound}. */
    static boolean notFound(Throwable failure) {
        return code(failure).endsWith(".NotFound");
    }

    /** EC2's meaning of a failure: NotFound right after a create is "not yet visible", 503 throttling. */
    static Classification classify(Throwable failure) {
        String code = code(failure);
        if (code.endsWith(".NotFound")) {
            return Classification.NOT_YET_VISIBLE;
        }
        if (code.equals("RequestLimitExceeded") || code.equals("Throttling")) {
            return Classification.THROTTLING;
        }
        if (failure instanceof AwsServiceException e && e.statusCode() >= 500) {
            return Classification.RETRYABLE;
        }
        return Classification.TERMINAL;
    }

    /** {@link #classify} as an engine classifier. */
    static Classifier classifier() {
        return Classifier.ofFailures(Ec2Errors::classify);
    }
}
