package org.ec2workbench.ui.session;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.session.Exports;
import org.ec2workbench.capture.session.SessionReader;
import org.ec2workbench.capture.session.SessionWriter;
import org.ec2workbench.cli.VersionProvider;
import org.ec2workbench.ui.prefs.UiPreferences;

/**
 * The File menu's session work without any toolkit: open a session file into the current session, save
 * the session as a file, export it as CSV or HAR, and the recent-sessions list. The blocking methods do
 * file I/O and belong off the FX thread; the view runs them in tasks.
 */
public final class SessionFilesModel {

    /** How many recent session files the File menu offers. */
    public static final int MAX_RECENT = 8;

    private final UiPreferences preferences;
    private final AttemptStore session;
    private final Clock clock;

    /**
     * What opening a file gave.
     *
     * @param file     the file
     * @param loaded   its attempts, label and skipped lines
     */
    public record Opened(Path file, SessionReader.Loaded loaded) {

        /** Attempts read. */
        public int attempts() {
            return loaded.store().size();
        }

        /** Lines skipped as unreadable. */
        public int skipped() {
            return loaded.problems().size();
        }

        /** A one-line summary for the status bar, naming the skipped lines and the first problem if any. */
        public String summary() {
            String read = String.format("Opened %s: %,d attempt%s added to the timeline", file.getFileName(), attempts(),
                    attempts() == 1 ? "" : "s");
            if (skipped() == 0) {
                return read;
            }
            return read + String.format("; skipped %,d unreadable line%s, first %s", skipped(),
                    skipped() == 1 ? "" : "s", loaded.problems().get(0));
        }
    }

    /** A model appending opened sessions into {@code session}, remembering files in {@code preferences}. */
    public SessionFilesModel(UiPreferences preferences, AttemptStore session, Clock clock) {
        this.preferences = Objects.requireNonNull(preferences, "preferences");
        this.session = Objects.requireNonNull(session, "session");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The model clock's current instant (names suggested for new files). */
    public java.time.Instant now() {
        return clock.instant();
    }

    /** Reads {@code file} (blocking); corrupt lines are skipped and reported, not fatal. */
    public Opened read(Path file) throws IOException {
        return new Opened(file, SessionReader.read(file));
    }

    /**
     * Appends what {@link #read} gave to the current session, with fresh call ids so they never mix with
     * calls already there, and makes the file the most recent one. Returns the number of attempts added.
     */
    public int load(Opened opened) {
        AttemptStore.Snapshot s = opened.loaded().store().snapshot();
        Map<Integer, Integer> callIds = new HashMap<>();
        List<Attempt> attempts = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            Attempt a = s.attempt(i);
            int call = callIds.computeIfAbsent(a.callId(), c -> session.newCallId());
            attempts.add(a.toBuilder().callId(call).build());
        }
        session.appendAll(attempts);
        remember(opened.file());
        return attempts.size();
    }

    /**
     * Writes the current session's attempts to {@code file} (blocking), replacing it; the file only
     * appears once complete. Returns the number of attempts written.
     */
    public int saveAs(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".saving-", ".jsonl");
        try {
            Files.delete(tmp); // the writer writes the header only into a new file
            SessionWriter writer = SessionWriter.record(session, tmp, stem(target), clock.instant());
            writer.close();
            int written = writer.written();
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            remember(target);
            return written;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes the current session as CSV to {@code file} (blocking). Returns the number of rows. */
    public int exportCsv(Path file) throws IOException {
        AttemptStore.Snapshot s = session.snapshot();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Exports.writeCsv(s, out);
        }
        return s.size();
    }

    /** Writes the current session as a HAR 1.2 file to {@code file} (blocking). Returns the number of entries. */
    public int exportHar(Path file) throws IOException {
        AttemptStore.Snapshot s = session.snapshot();
        try (OutputStream out = Files.newOutputStream(file)) {
            Exports.writeHar(s, out, VersionProvider.version());
        }
        return s.size();
    }

    /** The recent session files that still exist, most recent first, at most {@link #MAX_RECENT}; prunes the rest. */
    public List<Path> recent() {
        List<String> stored = preferences.recentSessions();
        List<String> kept = stored.stream().filter(p -> Files.isRegularFile(Path.of(p))).limit(MAX_RECENT).toList();
        if (!kept.equals(stored)) {
            preferences.setRecentSessions(kept);
        }
        return kept.stream().map(Path::of).toList();
    }

    /** Makes {@code file} the most recent session file. */
    public void remember(Path file) {
        preferences.addRecentSession(file.toAbsolutePath().normalize().toString());
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
    }
}
