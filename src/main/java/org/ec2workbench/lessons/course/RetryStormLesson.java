package org.ec2workbench.lessons.course;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.ec2workbench.backoff.AdaptiveRateLimiter;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.RetryBudget;
import org.ec2workbench.backoff.RetryPlan;
import org.ec2workbench.lessons.LessonContext;
import org.ec2workbench.lessons.Observation;
import org.ec2workbench.lessons.Verdict;

/** Lesson 9: many clients retrying without jitter vs full jitter with a retry budget and the adaptive limiter. */
public final class RetryStormLesson extends SandboxLesson {

    static final int CLIENTS = 20;
    static final int CALLS_PER_CLIENT = 3;

    /** A fresh script. */
    public RetryStormLesson() {
        super();
    }

    @Override
    public void step(int index, LessonContext context) throws InterruptedException {
        LessonSandbox.Bucket bucket = sandbox.bucket("DescribeInstances", true);
        switch (index) {
            case 0 -> {
                sandbox.warmUp(CLIENTS);
                context.observe(Observation.count("clients", CLIENTS));
                context.observe(Observation.count("callsPerClient", CALLS_PER_CLIENT));
                BackoffPolicy lockstep = BackoffPolicy.builder(BackoffPolicy.Kind.EXPONENTIAL)
                        .base(Duration.ofMillis(100)).cap(Duration.ofSeconds(5)).maxAttempts(8).build();
                crowdPhase(context, "storm", RetryPlan.builder(lockstep).clock(sandbox.clock())
                        .random(context.random()).build(), bucket, CLIENTS, CALLS_PER_CLIENT);
            }
            case 1 -> {
                BackoffPolicy jitter = BackoffPolicy.builder(BackoffPolicy.Kind.FULL_JITTER)
                        .base(Duration.ofMillis(100)).cap(Duration.ofSeconds(5)).maxAttempts(8).build();
                crowdPhase(context, "calm", RetryPlan.builder(jitter).clock(sandbox.clock()).random(context.random())
                        .budget(RetryBudget.sdkStandard())
                        .limiter(AdaptiveRateLimiter.sdkDefaults(sandbox.clock())).build(), bucket, CLIENTS,
                        CALLS_PER_CLIENT);
                double storm = context.observation("stormThrottled").orElseThrow().number();
                double calm = context.observation("calmThrottled").orElseThrow().number();
                context.observe(measured(Observation.text("throttledRatio", calm == 0 ? "infinitely"
                        : String.format(Locale.ROOT, "%.1fx", storm / calm))));
            }
            default -> throw new IllegalArgumentException("no step " + index);
        }
    }

    @Override
    public Verdict verdict(Map<String, Observation> o) {
        double storm = o.get("stormThrottled").number();
        Observation calm = o.get("calmThrottled");
        if (calm == null || storm <= calm.number()) {
            return Verdict.missing("clients without jitter were not throttled more (" + (long) storm + " vs "
                    + (calm == null ? "?" : calm.formatted()) + ")");
        }
        return Verdict.occurred("without jitter " + (long) storm + " throttled attempts, with jitter, budget and "
                + "adaptive limiter " + calm.formatted() + " (" + o.get("throttledRatio").formatted() + ")");
    }
}
