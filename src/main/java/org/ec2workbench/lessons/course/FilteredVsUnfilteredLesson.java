package org.ec2workbench.lessons.course;

import java.util.Locale;
import java.util.Map;
import org.ec2workbench.lessons.LessonContext;
import org.ec2workbench.lessons.Observation;
import org.ec2workbench.lessons.Unit;
import org.ec2workbench.lessons.Verdict;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;

/** Lesson 6: unfiltered, unpaginated DescribeInstances draws from a smaller bucket than filtered calls. */
public final class FilteredVsUnfilteredLesson extends SandboxLesson {

    private static final DescribeInstancesRequest UNFILTERED = DescribeInstancesRequest.builder().build();
    private static final DescribeInstancesRequest FILTERED = DescribeInstancesRequest.builder()
            .filters(Filter.builder().name("instance-state-name").values("running").build()).build();

    /** A fresh script. */
    public FilteredVsUnfilteredLesson() {
        super();
    }

    @Override
    public void step(int index, LessonContext context) throws InterruptedException {
        LessonSandbox.Bucket unfiltered = sandbox.bucket("DescribeInstances", false);
        LessonSandbox.Bucket filtered = sandbox.bucket("DescribeInstances", true);
        switch (index) {
            case 0 -> {
                sandbox.warmUp(1);
                context.observe(Observation.count("unfilteredCapacity", (long) unfiltered.capacity()));
                context.observe(measured(Observation.count("unfilteredBeforeThrottle", untilThrottled(UNFILTERED, 4 * filtered.capacity()))));
            }
            case 1 -> {
                sandbox.awaitFull(unfiltered);
                sandbox.awaitFull(filtered);
                context.observe(Observation.count("filteredCapacity", (long) filtered.capacity()));
                long filteredCount = untilThrottled(FILTERED, 4 * filtered.capacity());
                context.observe(measured(Observation.count("filteredBeforeThrottle", filteredCount)));
                double unfilteredCount = context.observation("unfilteredBeforeThrottle").orElseThrow().number();
                context.observe(measured(Observation.of("ratio", unfilteredCount == 0 ? 0 : 100 * filteredCount / unfilteredCount,
                        Unit.PERCENT, true)));
            }
            default -> throw new IllegalArgumentException("no step " + index);
        }
    }

    /** Calls one after another until the first RequestLimitExceeded; returns the successes before it. */
    private long untilThrottled(DescribeInstancesRequest request, double atMost) {
        long ok = 0;
        while (ok < atMost) {
            try {
                sandbox.ec2().describeInstances(request);
                ok++;
            } catch (RuntimeException e) {
                if (Ec2Errors.classify(e) == org.ec2workbench.backoff.Classification.THROTTLING) {
                    return ok;
                }
                throw e;
            }
        }
        throw new IllegalStateException(String.format(Locale.ROOT, "%d calls were never throttled", ok));
    }

    @Override
    public Verdict verdict(Map<String, Observation> o) {
        double unfiltered = o.get("unfilteredBeforeThrottle").number();
        Observation filtered = o.get("filteredBeforeThrottle");
        if (filtered == null || filtered.number() <= unfiltered) {
            return Verdict.missing("filtered calls did not last longer than unfiltered ones");
        }
        return Verdict.occurred("unfiltered DescribeInstances throttled after " + (long) unfiltered
                + " calls, filtered after " + filtered.formatted());
    }
}
