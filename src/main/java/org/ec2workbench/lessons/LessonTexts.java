package org.ec2workbench.lessons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads the lesson texts from {@code /org/ec2workbench/lessons/}: {@code index.txt} names the lessons in
 * course order, one id per line, and {@code <id>.json} holds each one. Every file is checked completely
 * (no blank text, at least two steps, exactly one correct answer, every placeholder declared), so a broken
 * text fails loudly with its file and field instead of showing a half-empty lesson.
 */
public final class LessonTexts {

    /** The resource folder of the lesson texts. */
    public static final String FOLDER = "/org/ec2workbench/lessons/";

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Set<String> FIELDS = Set.of("id", "number", "title", "goal", "phenomenon",
            "observations", "steps", "conclusion", "check");

    private static final ObjectMapper JSON = new ObjectMapper();

    private LessonTexts() {
    }

    /** Every lesson of the course, in order. */
    public static List<LessonDefinition> loadAll() {
        List<LessonDefinition> lessons = new ArrayList<>();
        for (String id : index()) {
            LessonDefinition lesson = load(id);
            if (lesson.number() != lessons.size() + 1) {
                throw new LessonFormatException(id + ".json: number is " + lesson.number()
                        + " but index.txt puts it at position " + (lessons.size() + 1));
            }
            lessons.add(lesson);
        }
        return List.copyOf(lessons);
    }

    /** The lesson ids in course order, from {@code index.txt}. */
    public static List<String> index() {
        try (InputStream in = open("index.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> ids = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String id = line.strip();
                if (!id.isEmpty() && !id.startsWith("#")) {
                    if (ids.contains(id)) {
                        throw new LessonFormatException("index.txt: lesson " + id + " is listed twice");
                    }
                    ids.add(id);
                }
            }
            return List.copyOf(ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One lesson's texts. */
    public static LessonDefinition load(String id) {
        if (!ID.matcher(id).matches()) {
            throw new LessonFormatException("not a lesson id: '" + id + "'");
        }
        try (InputStream in = open(id + ".json")) {
            return parse(id + ".json", JSON.readTree(in), id);
        } catch (IOException e) {
            throw new LessonFormatException(id + ".json: not valid JSON: " + e.getMessage());
        }
    }

    /** Parses and checks one lesson file's JSON; {@code file} names it in error messages. */
    static LessonDefinition parse(String file, JsonNode root, String expectedId) {
        Reader r = new Reader(file);
        if (root == null || !root.isObject()) {
            throw r.fail("", "must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw r.fail(name, "unknown field (expected one of " + FIELDS + ")");
            }
        }
        String id = r.text(root, "id");
        if (!id.equals(expectedId)) {
            throw r.fail("id", "is '" + id + "' but the file is named for '" + expectedId + "'");
        }
        JsonNode number = root.get("number");
        if (number == null || !number.canConvertToInt() || number.asInt() < 1) {
            throw r.fail("number", "must be a positive whole number");
        }
        Map<String, String> observations = new LinkedHashMap<>();
        JsonNode obs = r.object(root, "observations");
        for (Iterator<Map.Entry<String, JsonNode>> it = obs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                throw r.fail("observations." + e.getKey(), "must say what the value means");
            }
            observations.put(e.getKey(), e.getValue().asText());
        }
        if (observations.isEmpty()) {
            throw r.fail("observations", "must declare at least one observation");
        }
        JsonNode stepsNode = r.array(root, "steps");
        if (stepsNode.size() < 2) {
            throw r.fail("steps", "needs at least two steps, has " + stepsNode.size());
        }
        List<LessonDefinition.Step> steps = new ArrayList<>();
        for (int i = 0; i < stepsNode.size(); i++) {
            String at = "steps[" + i + "].";
            JsonNode s = stepsNode.get(i);
            LessonDefinition.Step step = new LessonDefinition.Step(r.text(s, at + "title"), r.text(s, at + "text"),
                    r.text(s, at + "narration"));
            r.declared(observations, step.narration(), at + "narration");
            steps.add(step);
        }
        String conclusion = r.text(root, "conclusion");
        r.declared(observations, conclusion, "conclusion");
        JsonNode check = r.object(root, "check");
        JsonNode answersNode = r.array(check, "check.answers");
        List<LessonDefinition.Answer> answers = new ArrayList<>();
        for (int i = 0; i < answersNode.size(); i++) {
            String at = "check.answers[" + i + "].";
            JsonNode a = answersNode.get(i);
            JsonNode correct = a.get("correct");
            if (correct == null || !correct.isBoolean()) {
                throw r.fail(at + "correct", "must be true or false");
            }
            LessonDefinition.Answer answer = new LessonDefinition.Answer(r.text(a, at + "text"),
                    correct.asBoolean(), r.text(a, at + "feedback"));
            r.declared(observations, answer.feedback(), at + "feedback");
            answers.add(answer);
        }
        if (answers.size() < 2) {
            throw r.fail("check.answers", "needs at least two answers, has " + answers.size());
        }
        long correctCount = answers.stream().filter(LessonDefinition.Answer::correct).count();
        if (correctCount != 1) {
            throw r.fail("check.answers", "needs exactly one correct answer, has " + correctCount);
        }
        return new LessonDefinition(id, number.asInt(), r.text(root, "title"), r.text(root, "goal"),
                r.text(root, "phenomenon"), observations, steps, conclusion,
                new LessonDefinition.CheckQuestion(r.text(check, "check.question"), answers));
    }

    private static InputStream open(String name) {
        InputStream in = LessonTexts.class.getResourceAsStream(FOLDER + name);
        if (in == null) {
            throw new LessonFormatException("missing lesson resource " + FOLDER + name);
        }
        return in;
    }

    /** Field access with error messages that name the file and the field path. */
    private record Reader(String file) {

        String text(JsonNode node, String path) {
            JsonNode v = node.get(last(path));
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw fail(path, "must be a non-blank string");
            }
            return v.asText().strip();
        }

        JsonNode object(JsonNode node, String path) {
            JsonNode v = node.get(last(path));
            if (v == null || !v.isObject()) {
                throw fail(path, "must be an object");
            }
            return v;
        }

        JsonNode array(JsonNode node, String path) {
            JsonNode v = node.get(last(path));
            if (v == null || !v.isArray()) {
                throw fail(path, "must be an array");
            }
            return v;
        }

        void declared(Map<String, String> observations, String template, String path) {
            for (String name : Narration.placeholders(template)) {
                if (!observations.containsKey(name)) {
                    throw fail(path, "uses {" + name + "} which is not declared under observations");
                }
            }
        }

        LessonFormatException fail(String path, String problem) {
            return new LessonFormatException(file + ": " + (path.isEmpty() ? "" : path + " ") + problem);
        }

        private static String last(String path) {
            return path.substring(path.lastIndexOf('.') + 1);
        }
    }
}
