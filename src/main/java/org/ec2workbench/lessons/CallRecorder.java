package org.ec2workbench.lessons;

import org.ec2workbench.backoff.Clock;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Records a run's calls somewhere else too (e.g. the capture store behind a timeline): makes the SDK
 * interceptor to add to every client of the run, timed by the run's clock (sandbox time, virtual or
 * scaled), so backoff gaps show as the lesson experienced them.
 */
@FunctionalInterface
public interface CallRecorder {

    /** The interceptor for a run whose time is {@code lessonClock}. */
    ExecutionInterceptor interceptor(Clock lessonClock);
}
