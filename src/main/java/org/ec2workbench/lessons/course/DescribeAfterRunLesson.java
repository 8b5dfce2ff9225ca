package org.ec2workbench.lessons.course;

import java.util.Map;
import org.ec2workbench.backoff.Poller;
import org.ec2workbench.lessons.AttemptTally;
import org.ec2workbench.lessons.LessonContext;
import org.ec2workbench.lessons.Observation;
import org.ec2workbench.lessons.Verdict;
import software.amazon.awssdk.services.ec2.model.Instance;

/** Lesson 1: RunInstances, DescribeInstances at once → NotFound, Describe with backoff until visible. */
public final class DescribeAfterRunLesson extends SandboxLesson {

    private String instanceId;

    /** A fresh script. */
    public DescribeAfterRunLesson() {
        super();
    }

    @Override
    public void step(int index, LessonContext context) {
        switch (index) {
            case 0 -> {
                instanceId = launchObserved(context);
            }
            case 1 -> {
                context.observe(Observation.text("firstDescribeError", errorCodeOf(() -> describe(instanceId))));
            }
            case 2 -> {
                Poller.Result<Instance> result = untilVisible(context, () -> describe(instanceId));
                long notFound = describeAttempts(sandbox.tally(), true);
                context.observe(measured(Observation.count("notFoundCount", notFound)));
                context.observe(measured(Observation.count("describeCalls", describeAttempts(sandbox.tally(), false))));
                context.observe(measured(Observation.millis("timeToVisible", sandbox.millisSince(launchedAt))));
                context.observe(measured(Observation.text("visibleState", result.value().state().nameAsString())));
                observeWaits(context, "pollWaits", index);
            }
            default -> throw new IllegalArgumentException("no step " + index);
        }
    }

    /** DescribeInstances attempts so far (only the NotFound ones if {@code notFoundOnly}). */
    static long describeAttempts(AttemptTally tally, boolean notFoundOnly) {
        return tally.count(a -> a.action().equals("DescribeInstances")
                && (!notFoundOnly || a.errorCode().equals("InvalidInstanceID.NotFound")));
    }

    @Override
    public Verdict verdict(Map<String, Observation> o) {
        Observation notFound = o.get("notFoundCount");
        if (notFound == null || notFound.number() < 1) {
            return Verdict.missing("DescribeInstances never answered InvalidInstanceID.NotFound");
        }
        return Verdict.occurred(notFound.formatted() + " InvalidInstanceID.NotFound over "
                + o.get("timeToVisible").formatted() + ", then visible ('" + o.get("visibleState").formatted() + "')");
    }
}
