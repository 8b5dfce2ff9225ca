package org.ec2workbench.lessons.course;

import java.time.Duration;
import java.util.Map;
import org.ec2workbench.backoff.AdaptiveRateLimiter;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.RetryPlan;
import org.ec2workbench.lessons.LessonContext;
import org.ec2workbench.lessons.Observation;
import org.ec2workbench.lessons.Verdict;

/** Lesson 5: a burst of DescribeInstances → RequestLimitExceeded; no retries vs full jitter vs adaptive. */
public final class DescribeBurstLesson extends SandboxLesson {

    /** Threads sending the burst. */
    static final int THREADS = 8;

    private int burst;

    /** A fresh script. */
    public DescribeBurstLesson() {
        super();
    }

    @Override
    public void step(int index, LessonContext context) throws InterruptedException {
        LessonSandbox.Bucket bucket = sandbox.bucket("DescribeInstances", true);
        switch (index) {
            case 0 -> {
                sandbox.warmUp(THREADS);
                burst = (int) Math.ceil(bucket.capacity() * 2 / THREADS) * THREADS;
                context.observe(Observation.count("burstSize", burst));
                context.observe(Observation.count("bucketCapacity", (long) bucket.capacity()));
                Crowd.Outcome outcome = Crowd.run(sandbox, THREADS, burst / THREADS, sandbox.once(), this::describeRunning);
                context.observe(measured(Observation.count("noRetrySucceeded", outcome.succeeded())));
                context.observe(measured(Observation.count("noRetryFailed", outcome.failed())));
            }
            case 1 -> crowdPhase(context, "jitter", RetryPlan.builder(policy()).clock(sandbox.clock())
                    .random(context.random()).build(), bucket, THREADS, burst / THREADS);
            case 2 -> crowdPhase(context, "adaptive", RetryPlan.builder(policy()).clock(sandbox.clock())
                    .random(context.random()).limiter(AdaptiveRateLimiter.sdkDefaults(sandbox.clock())).build(), bucket, THREADS,
                    burst / THREADS);
            default -> throw new IllegalArgumentException("no step " + index);
        }
    }

    /** Full jitter from 100 ms to a 5 s cap, up to 12 attempts: patient enough to finish the burst. */
    static BackoffPolicy policy() {
        return BackoffPolicy.builder(BackoffPolicy.Kind.FULL_JITTER)
                .base(Duration.ofMillis(100)).cap(Duration.ofSeconds(5)).maxAttempts(12).build();
    }

    @Override
    public Verdict verdict(Map<String, Observation> o) {
        double failed = o.get("noRetryFailed").number();
        if (failed < 1) {
            return Verdict.missing("the burst without retries was never throttled");
        }
        double jitterLost = o.get("jitterGivenUp").number();
        double adaptiveLost = o.get("adaptiveGivenUp").number();
        if (jitterLost > 0 || adaptiveLost > 0) {
            return Verdict.missing("retrying still lost calls: " + (long) jitterLost + " with full jitter, "
                    + (long) adaptiveLost + " adaptive");
        }
        return Verdict.occurred((long) failed + " of " + o.get("burstSize").formatted()
                + " calls throttled without retries; full jitter and the adaptive limiter completed every call ("
                + o.get("jitterThrottled").formatted() + " and " + o.get("adaptiveThrottled").formatted()
                + " throttled attempts)");
    }
}
