package org.ec2workbench.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.ec2workbench.lessons.course.DescribeAfterRunLesson;
import org.ec2workbench.lessons.course.DescribeBurstLesson;
import org.ec2workbench.lessons.course.DryRunAuthorizationLesson;
import org.ec2workbench.lessons.course.EventsVsPollingLesson;
import org.ec2workbench.lessons.course.FilteredVsUnfilteredLesson;
import org.ec2workbench.lessons.course.InstanceLimitLesson;
import org.ec2workbench.lessons.course.RetryStormLesson;
import org.ec2workbench.lessons.course.SecurityGroupNotFoundLesson;
import org.ec2workbench.lessons.course.TerminateNotFoundLesson;

/** The course: every lesson's texts paired with the script that runs it. */
public final class Lessons {

    /** Scripts by lesson id. */
    private static final Map<String, Supplier<LessonScript>> SCRIPTS = Map.of(
            "describe-after-run", DescribeAfterRunLesson::new,
            "terminate-not-found", TerminateNotFoundLesson::new,
            "security-group-not-found", SecurityGroupNotFoundLesson::new,
            "instance-limit", InstanceLimitLesson::new,
            "describe-burst", DescribeBurstLesson::new,
            "filtered-vs-unfiltered", FilteredVsUnfilteredLesson::new,
            "events-vs-polling", EventsVsPollingLesson::new,
            "dry-run-authorization", DryRunAuthorizationLesson::new,
            "retry-storm", RetryStormLesson::new);

    private Lessons() {
    }

    /** Every lesson in course order. */
    public static List<Lesson> all() {
        List<Lesson> lessons = new ArrayList<>();
        for (LessonDefinition definition : LessonTexts.loadAll()) {
            Supplier<LessonScript> script = SCRIPTS.get(definition.id());
            lessons.add(new Lesson(definition, Optional.ofNullable(script),
                    script != null ? "" : "its script"));
        }
        return List.copyOf(lessons);
    }

    /** The lesson with this id, or this course number ("1".."9"). */
    public static Optional<Lesson> find(String idOrNumber) {
        return all().stream()
                .filter(l -> l.id().equals(idOrNumber) || Integer.toString(l.definition().number()).equals(idOrNumber))
                .findFirst();
    }
}
