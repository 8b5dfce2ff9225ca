package org.ec2workbench.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LessonTextsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void allNineLessonsLoadCompleteAndInCourseOrder() {
        List<LessonDefinition> lessons = LessonTexts.loadAll();
        assertThat(lessons).extracting(LessonDefinition::id).containsExactly(
                "describe-after-run", "terminate-not-found", "security-group-not-found", "instance-limit",
                "describe-burst", "filtered-vs-unfiltered", "events-vs-polling", "dry-run-authorization",
                "retry-storm");
        for (LessonDefinition d : lessons) {
            assertThat(d.title()).as(d.id()).isNotBlank();
            assertThat(d.goal()).as(d.id()).isNotBlank();
            assertThat(d.phenomenon()).as(d.id()).isNotBlank();
            assertThat(d.steps()).as(d.id()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(d.check().answers()).as(d.id()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(d.check().answers().get(d.check().correctIndex()).correct()).isTrue();
        }
    }

    @Test
    void everyDeclaredObservationIsQuotedSomewhereAndEveryPlaceholderIsDeclared() {
        for (LessonDefinition d : LessonTexts.loadAll()) {
            Set<String> used = new HashSet<>(Narration.placeholders(d.conclusion()));
            d.steps().forEach(s -> used.addAll(Narration.placeholders(s.narration())));
            d.check().answers().forEach(a -> used.addAll(Narration.placeholders(a.feedback())));
            assertThat(d.observations().keySet()).as(d.id() + " declared = used").isEqualTo(used);
        }
    }

    @Test
    void narrationRendersWithoutLeftoverPlaceholdersWhenEverythingWasObserved() {
        for (LessonDefinition d : LessonTexts.loadAll()) {
            Map<String, Observation> all = new LinkedHashMap<>();
            d.observations().keySet().forEach(n -> all.put(n, Observation.count(n, 3)));
            for (LessonDefinition.Step s : d.steps()) {
                assertThat(Narration.render(s.narration(), all)).doesNotContain("{").doesNotContain(Narration.NOT_MEASURED);
            }
            assertThat(Narration.render(d.conclusion(), all)).doesNotContain("{");
        }
    }

    @Test
    void aPlaceholderThatIsNotDeclaredIsRejectedWithFileAndField() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(getClass().getResourceAsStream(
                LessonTexts.FOLDER + "describe-after-run.json"));
        root.put("conclusion", "It took {noSuchValue}.");
        assertThatThrownBy(() -> LessonTexts.parse("describe-after-run.json", root, "describe-after-run"))
                .isInstanceOf(LessonFormatException.class)
                .hasMessage("describe-after-run.json: conclusion uses {noSuchValue} which is not declared under observations");
    }

    @Test
    void twoCorrectAnswersAreRejected() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(getClass().getResourceAsStream(
                LessonTexts.FOLDER + "describe-after-run.json"));
        ((ObjectNode) root.get("check").get("answers").get(0)).put("correct", true);
        assertThatThrownBy(() -> LessonTexts.parse("x.json", root, "describe-after-run"))
                .hasMessage("x.json: check.answers needs exactly one correct answer, has 2");
    }

    @Test
    void unknownFieldsBlankTextsAndWrongIdsAreRejected() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(getClass().getResourceAsStream(
                LessonTexts.FOLDER + "describe-after-run.json"));
        ObjectNode unknown = root.deepCopy().put("titel", "typo");
        assertThatThrownBy(() -> LessonTexts.parse("x.json", unknown, "describe-after-run"))
                .hasMessageStartingWith("x.json: titel unknown field");
        ObjectNode blank = root.deepCopy().put("goal", "  ");
        assertThatThrownBy(() -> LessonTexts.parse("x.json", blank, "describe-after-run"))
                .hasMessage("x.json: goal must be a non-blank string");
        assertThatThrownBy(() -> LessonTexts.parse("x.json", root, "other-id"))
                .hasMessage("x.json: id is 'describe-after-run' but the file is named for 'other-id'");
        assertThatThrownBy(() -> LessonTexts.load("../etc/passwd"))
                .hasMessage("not a lesson id: '../etc/passwd'");
    }

    @Test
    void narrationFormatsUnitsAndMarksWhatWasNotMeasured() {
        Map<String, Observation> observed = Map.of(
                "n", Observation.count("n", 3),
                "t", Observation.millis("t", 4210),
                "q", Observation.millis("q", 350),
                "id", Observation.text("id", "i-0abc"));
        assertThat(Narration.render("{n} NotFound over {t} (first {q}) for {id}; {missing}", observed))
                .isEqualTo("3 NotFound over 4.2 s (first 350 ms) for i-0abc; " + Narration.NOT_MEASURED);
    }

    @Test
    void observationsValidateTheirNamesAndValues() {
        assertThatThrownBy(() -> Observation.count("Not camel", 1)).hasMessageContaining("camelCase");
        assertThatThrownBy(() -> Observation.millis("t", Double.NaN)).hasMessageContaining("finite");
        assertThat(Observation.count("calls", 12).line()).isEqualTo("calls = 12 count");
        assertThat(Observation.millis("wait", 1234.5).line()).isEqualTo("wait = 1234.5 ms (timing-bound)");
    }
}
