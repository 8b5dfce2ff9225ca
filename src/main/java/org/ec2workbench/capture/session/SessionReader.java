package org.ec2workbench.capture.session;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.capture.Fault;
import org.ec2workbench.capture.SourceKind;

/**
 * Reopens a session file into a fresh {@link AttemptStore}. Lines that are not valid attempts (a crash
 * mid-line, hand edits, disk trouble) are reported with file and line number and skipped; the rest loads.
 * Call ids are re-issued by the new store, keeping the grouping of attempts into calls.
 */
public final class SessionReader {

    private static final int BATCH = 8_192;

    /**
     * A line that could not be read.
     *
     * @param file   the session file
     * @param line   its 1-based line number
     * @param reason what is wrong
     */
    public record Problem(Path file, long line, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + reason;
        }
    }

    /**
     * A loaded session.
     *
     * @param store    the attempts
     * @param label    the label from the header ("" if none)
     * @param created  the creation time from the header ("" if none)
     * @param problems the lines skipped
     */
    public record Loaded(AttemptStore store, String label, String created, List<Problem> problems) {
    }

    private SessionReader() {
    }

    /** Reads {@code file}. Throws only if the file itself cannot be read. */
    public static Loaded read(Path file) throws IOException {
        AttemptStore store = new AttemptStore();
        List<Problem> problems = new ArrayList<>();
        Map<Long, Integer> callIds = new HashMap<>();
        List<Attempt> batch = new ArrayList<>(BATCH);
        String label = "";
        String created = "";
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Map<String, Object> fields = fields(line);
                    if (fields.containsKey("format")) {
                        if (!SessionFormat.FORMAT.equals(fields.get("format"))) {
                            problems.add(new Problem(file, number, "not an ec2-workbench session header"));
                        }
                        label = String.valueOf(fields.getOrDefault("label", ""));
                        created = String.valueOf(fields.getOrDefault("created", ""));
                        continue;
                    }
                    batch.add(attempt(fields, callIds, store));
                } catch (IOException | RuntimeException e) {
                    problems.add(new Problem(file, number, e.getMessage() == null ? e.toString() : e.getMessage()));
                }
                if (batch.size() == BATCH) {
                    store.appendAll(batch);
                    batch.clear();
                }
            }
        }
        store.appendAll(batch);
        return new Loaded(store, label, created, List.copyOf(problems));
    }

    /** The fields of one flat JSON object (strings and integers only). */
    private static Map<String, Object> fields(String line) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser p = SessionFormat.JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (v) {
                    case VALUE_STRING -> fields.put(name, p.getText());
                    case VALUE_NUMBER_INT -> fields.put(name, p.getLongValue());
                    case VALUE_NULL -> { }
                    default -> throw new IOException("field " + name + " has an unexpected " + v);
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IOException("unterminated object");
            }
            if (p.nextToken() != null) {
                throw new IOException("text after the object");
            }
        }
        return fields;
    }

    private static Attempt attempt(Map<String, Object> f, Map<Long, Integer> callIds, AttemptStore store) {
        long call = number(f, SessionFormat.CALL);
        Integer callId = callIds.computeIfAbsent(call, c -> store.newCallId());
        return Attempt.builder()
                .startMicros(number(f, SessionFormat.START))
                .durationMicros(number(f, SessionFormat.DURATION))
                .service(text(f, SessionFormat.SERVICE)).action(text(f, SessionFormat.ACTION))
                .bucket(text(f, SessionFormat.BUCKET))
                .httpStatus((int) number(f, SessionFormat.STATUS))
                .errorCode(text(f, SessionFormat.CODE)).errorMessage(text(f, SessionFormat.MESSAGE))
                .category(ErrorCategory.valueOf(required(f, SessionFormat.CATEGORY).toUpperCase(Locale.ROOT)))
                .fault(Fault.valueOf(required(f, SessionFormat.FAULT).toUpperCase(Locale.ROOT)))
                .requestId(text(f, SessionFormat.REQUEST_ID))
                .callId(callId).attemptNumber((int) number(f, SessionFormat.ATTEMPT))
                .backoffMicros(number(f, SessionFormat.BACKOFF))
                .sourceKind(SourceKind.valueOf(required(f, SessionFormat.SOURCE_KIND).toUpperCase(Locale.ROOT)))
                .source(text(f, SessionFormat.SOURCE)).principal(text(f, SessionFormat.PRINCIPAL))
                .build();
    }

    private static long number(Map<String, Object> f, String name) {
        Object v = f.get(name);
        if (!(v instanceof Long l)) {
            throw new IllegalArgumentException(v == null ? "missing " + name : name + " is not an integer");
        }
        return l;
    }

    private static String text(Map<String, Object> f, String name) {
        Object v = f.get(name);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException(name + " is not a string");
        }
        return (String) v;
    }

    private static String required(Map<String, Object> f, String name) {
        String v = text(f, name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }
}
