package org.ec2workbench.lessons.course;

import java.util.Map;
import java.util.Set;
import org.ec2workbench.lessons.LessonContext;
import org.ec2workbench.lessons.Observation;
import org.ec2workbench.lessons.Verdict;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;

/** Lesson 2: TerminateInstances right after the launch → NotFound, yet the instance still runs. */
public final class TerminateNotFoundLesson extends SandboxLesson {

    private static final Set<String> ALIVE = Set.of("pending", "running");

    private String instanceId;

    /** A fresh script. */
    public TerminateNotFoundLesson() {
        super();
    }

    @Override
    public void step(int index, LessonContext context) {
        switch (index) {
            case 0 -> {
                instanceId = launchObserved(context);
            }
            case 1 -> {
                context.observe(Observation.text("terminateError", errorCodeOf(this::terminate)));
            }
            case 2 -> {
                Instance seen = untilVisible(context, () -> describe(instanceId)).value();
                context.observe(measured(Observation.text("stateAfterNotFound", seen.state().nameAsString())));
                context.observe(measured(Observation.millis("timeToVisible", sandbox.millisSince(launchedAt))));
            }
            case 3 -> {
                String state = visibilityRetrier(context).execute(this::terminate);
                context.observe(Observation.text("finalState", state));
            }
            default -> throw new IllegalArgumentException("no step " + index);
        }
    }

    private String terminate() {
        return sandbox.ec2().terminateInstances(TerminateInstancesRequest.builder().instanceIds(instanceId).build())
                .terminatingInstances().get(0).currentState().nameAsString();
    }

    @Override
    public Verdict verdict(Map<String, Observation> o) {
        String error = o.get("terminateError").formatted();
        Observation after = o.get("stateAfterNotFound");
        if (!error.equals("InvalidInstanceID.NotFound")) {
            return Verdict.missing("the immediate TerminateInstances answered " + error + ", not InvalidInstanceID.NotFound");
        }
        if (after == null || !ALIVE.contains(after.formatted())) {
            return Verdict.missing("after the NotFound the instance was " + (after == null ? "never seen" : after.formatted()));
        }
        return Verdict.occurred("TerminateInstances answered " + error + ", yet the instance was '" + after.formatted()
                + "' afterwards; terminated for real once confirmed ('" + o.get("finalState").formatted() + "')");
    }
}
