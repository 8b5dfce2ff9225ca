package org.ec2workbench.capture.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The session files in a directory: naming new ones and listing past ones, newest first. */
public final class SessionFiles {

    /** Session file extension. */
    public static final String EXTENSION = ".jsonl";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * A past session.
     *
     * @param file     the file
     * @param bytes    its size
     * @param modified when it was last written
     */
    public record Entry(Path file, long bytes, Instant modified) {
    }

    private SessionFiles() {
    }

    /** A new file name in {@code dir} for a session started at {@code start}, e.g. {@code session-20261122T031500Z.jsonl}. */
    public static Path newSessionFile(Path dir, Instant start) {
        Path file = dir.resolve("session-" + NAME.format(start) + EXTENSION);
        for (int n = 2; Files.exists(file); n++) {
            file = dir.resolve("session-" + NAME.format(start) + "-" + n + EXTENSION);
        }
        return file;
    }

    /** The session files in {@code dir}, newest first; empty if it does not exist. */
    public static List<Entry> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(f))
                    .map(f -> {
                        try {
                            return new Entry(f, Files.size(f), Files.getLastModifiedTime(f).toInstant());
                        } catch (IOException e) {
                            return new Entry(f, -1, Instant.EPOCH);
                        }
                    })
                    .sorted(Comparator.comparing(Entry::modified).reversed().thenComparing(e -> e.file().toString()))
                    .toList();
        }
    }
}
