package org.ec2workbench.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A small file recording which AWS resources each event subscription created, written before they are
 * created and cleared after they are deleted, so the next start can remove what a crashed session left
 * behind. One JSON object per line; unreadable lines are reported and skipped. Thread-safe within one
 * process (the app runs one ledger per file).
 */
public final class SubscriptionLedger {

    private static final Logger LOG = Logger.getLogger(SubscriptionLedger.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One subscription's resources.
     *
     * @param sessionId  the session that owns them
     * @param connection which endpoint and region they live in (only cleaned up through the same one)
     * @param queueName  the SQS queue
     * @param ruleName   the rule on the default bus
     * @param targetId   the rule's target id
     * @param created    when the entry was written
     */
    public record Entry(String sessionId, String connection, String queueName, String ruleName, String targetId,
                        Instant created) {
        public Entry {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(queueName, "queueName");
            Objects.requireNonNull(ruleName, "ruleName");
            Objects.requireNonNull(targetId, "targetId");
            Objects.requireNonNull(created, "created");
        }
    }

    private final Path file;

    /** A ledger in {@code file} (created on the first write, with its directory). */
    public SubscriptionLedger(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /**
     * The default place: {@code subscriptions.jsonl} in the app's data directory (XDG_DATA_HOME or
     * ~/.local/share on Linux, %APPDATA% on Windows, ~/Library/Application Support on macOS).
     */
    public static Path defaultPath() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        Path base;
        if (os.contains("win") && System.getenv("APPDATA") != null) {
            base = Path.of(System.getenv("APPDATA"));
        } else if (os.contains("mac")) {
            base = home.resolve("Library").resolve("Application Support");
        } else if (System.getenv("XDG_DATA_HOME") != null && !System.getenv("XDG_DATA_HOME").isBlank()) {
            base = Path.of(System.getenv("XDG_DATA_HOME"));
        } else {
            base = home.resolve(".local").resolve("share");
        }
        return base.resolve("ec2-workbench").resolve("subscriptions.jsonl");
    }

    /** Every readable entry. */
    public synchronized List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the subscription ledger " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                out.add(new Entry(n.get("sessionId").asText(), n.get("connection").asText(), n.get("queueName").asText(),
                        n.get("ruleName").asText(), n.get("targetId").asText(), Instant.parse(n.get("created").asText())));
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.log(Level.WARNING, "{0}:{1}: skipping an unreadable ledger line", new Object[] {file, i + 1});
            }
        }
        return out;
    }

    /** The entries on {@code connection} of every session but {@code ownSessionId}: what crashed sessions left. */
    public synchronized List<Entry> leftovers(String connection, String ownSessionId) {
        return entries().stream()
                .filter(e -> e.connection().equals(connection) && !e.sessionId().equals(ownSessionId)).toList();
    }

    /** Records {@code entry} (replacing one of the same session). */
    public synchronized void add(Entry entry) {
        List<Entry> all = entries();
        all.removeIf(e -> e.sessionId().equals(entry.sessionId()));
        all.add(entry);
        write(all);
    }

    /** Forgets the entry of {@code sessionId}. */
    public synchronized void remove(String sessionId) {
        List<Entry> all = entries();
        if (all.removeIf(e -> e.sessionId().equals(sessionId))) {
            write(all);
        }
    }

    private void write(List<Entry> entries) {
        StringBuilder text = new StringBuilder();
        for (Entry e : entries) {
            text.append(JSON.createObjectNode().put("sessionId", e.sessionId()).put("connection", e.connection())
                    .put("queueName", e.queueName()).put("ruleName", e.ruleName()).put("targetId", e.targetId())
                    .put("created", e.created().toString())).append('\n');
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "subscriptions", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the subscription ledger " + file, e);
        }
    }
}
