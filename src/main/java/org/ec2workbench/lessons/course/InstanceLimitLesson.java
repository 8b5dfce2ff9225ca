package org.ec2workbench.lessons.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ec2workbench.backoff.RetryExecutor;
import org.ec2workbench.lessons.LessonContext;
import org.ec2workbench.lessons.Observation;
import org.ec2workbench.lessons.Verdict;
import software.amazon.awssdk.services.ec2.model.DescribeAccountAttributesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;

/** Lesson 4: launch/terminate cycles → InstanceLimitExceeded, because terminated instances still count. */
public final class InstanceLimitLesson extends SandboxLesson {

    private final List<String> launched = new ArrayList<>();

    /** A fresh script. */
    public InstanceLimitLesson() {
        super();
    }

    @Override
    public void step(int index, LessonContext context) {
        switch (index) {
            case 0 -> {
                String limit = sandbox.ec2().describeAccountAttributes(DescribeAccountAttributesRequest.builder()
                                .attributeNamesWithStrings("max-instances").build())
                        .accountAttributes().get(0).attributeValues().get(0).attributeValue();
                context.observe(Observation.count("instanceLimit", Long.parseLong(limit)));
            }
            case 1 -> {
                int limit = (int) context.observation("instanceLimit").orElseThrow().number();
                RetryExecutor terminator = visibilityRetrier(context);
                String refusal = "none";
                while (launched.size() <= 3 * limit) {
                    String id;
                    try {
                        id = launch(context);
                    } catch (RuntimeException e) {
                        refusal = Ec2Errors.code(e);
                        break;
                    }
                    launched.add(id);
                    untilVisible(context, () -> describe(id));
                    terminator.execute(() -> sandbox.ec2().terminateInstances(
                            TerminateInstancesRequest.builder().instanceIds(id).build()));
                    context.note("terminated " + id);
                }
                context.observe(Observation.count("launchesBeforeLimit", launched.size()));
                context.observe(Observation.text("limitError", refusal));
            }
            case 2 -> {
                List<Instance> all = untilVisible(context, () -> sandbox.ec2().describeInstances(
                                DescribeInstancesRequest.builder().instanceIds(launched).build()).reservations()
                        .stream().flatMap(r -> r.instances().stream()).toList()).value();
                long alive = all.stream().filter(i -> isOneOf(i, "pending", "running")).count();
                long ended = all.stream().filter(i -> isOneOf(i, "shutting-down", "terminated")).count();
                context.observe(Observation.count("runningWhenRefused", alive));
                context.observe(Observation.count("terminatedWhenRefused", ended));
            }
            default -> throw new IllegalArgumentException("no step " + index);
        }
    }

    private static boolean isOneOf(Instance instance, String... states) {
        return List.of(states).contains(instance.state().nameAsString());
    }

    @Override
    public Verdict verdict(Map<String, Observation> o) {
        String error = o.get("limitError").formatted();
        if (!error.equals("InstanceLimitExceeded")) {
            return Verdict.missing("no launch was refused with InstanceLimitExceeded (" + error + ")");
        }
        double running = o.get("runningWhenRefused").number();
        double limit = o.get("instanceLimit").number();
        if (running >= limit) {
            return Verdict.missing("the limit was really full: " + (long) running + " running of " + (long) limit);
        }
        return Verdict.occurred("InstanceLimitExceeded after " + o.get("launchesBeforeLimit").formatted()
                + " launches with only " + (long) running + " running of a limit of " + (long) limit + "; "
                + o.get("terminatedWhenRefused").formatted() + " terminated instances still counted");
    }
}
