package org.ec2workbench.capture.cloudtrail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.ec2workbench.recorder.Redaction;

/**
 * Streams CloudTrail records out of log files — {@code {"Records":[…]}} as CloudTrail writes them, or a bare
 * array — plain ({@code .json}) or gzipped ({@code .json.gz}), from files and folders (recursively). Only
 * one record is in memory at a time, so a folder of any size needs little heap. A file that is not
 * CloudTrail JSON is reported and skipped; the others still load.
 */
public final class CloudTrailReader {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /**
     * A file that could not be (fully) read.
     *
     * @param file   the file
     * @param reason what is wrong
     */
    public record Problem(Path file, String reason) {
        @Override
        public String toString() {
            return file + ": " + reason;
        }
    }

    /**
     * What a read covered.
     *
     * @param files    log files read
     * @param records  records seen
     * @param skipped  records without the fields every CloudTrail record has (eventName, eventTime)
     * @param problems files that failed
     */
    public record Summary(int files, long records, long skipped, List<Problem> problems) {
    }

    private CloudTrailReader() {
    }

    /** The log files under {@code paths} (files as given, folders searched for {@code .json} and {@code .json.gz}), sorted. */
    public static List<Path> logFiles(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(CloudTrailReader::isLogFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new java.nio.file.NoSuchFileException(p.toString(), null, "no such file or folder");
            }
        }
        return files;
    }

    private static boolean isLogFile(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".json") || name.endsWith(".json.gz");
    }

    /** Reads every record of every log file under {@code paths}, in file order, handing each to {@code sink}. */
    public static Summary read(List<Path> paths, Consumer<TrailEvent> sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        List<Path> files = logFiles(paths);
        List<Problem> problems = new ArrayList<>();
        long[] counts = new long[2];
        for (Path file : files) {
            try {
                readFile(file, sink, counts);
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem(file, e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        return new Summary(files.size(), counts[0], counts[1], List.copyOf(problems));
    }

    private static void readFile(Path file, Consumer<TrailEvent> sink, long[] counts) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                InputStream in = gzipped(raw);
                JsonParser p = FACTORY.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                // {"Records":[...]} (other top-level fields, e.g. digest files', are skipped)
                boolean found = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if ("Records".equals(name) && value == JsonToken.START_ARRAY) {
                        readArray(p, sink, counts);
                        found = true;
                    } else {
                        p.skipChildren();
                    }
                }
                if (!found) {
                    throw new IOException("no \"Records\" array: not a CloudTrail log file");
                }
            } else if (first == JsonToken.START_ARRAY) {
                readArray(p, sink, counts);
            } else {
                throw new IOException("not a CloudTrail log file (expected {\"Records\":[...]} or [...])");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("invalid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
    }

    private static InputStream gzipped(InputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    private static void readArray(JsonParser p, Consumer<TrailEvent> sink, long[] counts) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new IOException("file ends inside the records array");
            }
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                counts[1]++;
                continue;
            }
            JsonNode record = MAPPER.readTree(p);
            counts[0]++;
            TrailEvent event = event(record);
            if (event == null) {
                counts[1]++;
            } else {
                sink.accept(event);
            }
        }
    }

    private static TrailEvent event(JsonNode r) {
        String name = text(r, "eventName");
        String time = text(r, "eventTime");
        if (name == null || time == null) {
            return null;
        }
        long millis;
        try {
            millis = Instant.parse(time).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
        JsonNode identity = r.path("userIdentity");
        JsonNode params = r.path("requestParameters");
        boolean filtered = params.path("filterSet").path("items").size() > 0
                || params.hasNonNull("maxResults") || params.hasNonNull("nextToken")
                || params.path("filterSet").isArray() && params.path("filterSet").size() > 0;
        return new TrailEvent(text(r, "eventSource"), name, millis, text(r, "awsRegion"),
                text(r, "recipientAccountId"), text(r, "errorCode"),
                Redaction.scrub(text(r, "errorMessage")), text(r, "requestID"),
                Redaction.scrub(text(identity, "arn")), text(identity, "type"),
                Redaction.accessKeyId(text(identity, "accessKeyId")), Redaction.scrub(text(r, "userAgent")),
                text(r, "sourceIPAddress"), filtered);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }
}
