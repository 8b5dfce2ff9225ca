package org.ec2workbench.capture.session;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ec2workbench.capture.AttemptStore;

/**
 * Appends a store's attempts to a JSON Lines session file as they arrive, flushing at least every
 * {@link #FLUSH_INTERVAL_MS} ms so that a crash loses at most about a second. The file is only ever
 * appended to. Attach with {@link #record(AttemptStore, Path, String, Instant)}; {@link #close()} writes what
 * is left, flushes and closes.
 */
public final class SessionWriter implements AutoCloseable {

    /** How often buffered lines reach the file. */
    public static final long FLUSH_INTERVAL_MS = 500;

    private static final System.Logger LOG = System.getLogger(SessionWriter.class.getName());

    private final Path file;
    private final AttemptStore store;
    private final BufferedWriter out;
    private final JsonGenerator json;
    private final ScheduledExecutorService flusher;
    private final AutoCloseable subscription;
    private int written;
    private boolean dirty;
    private boolean closed;
    private IOException failure;

    private SessionWriter(Path file, AttemptStore store, String label, Instant created) throws IOException {
        this.file = file;
        this.store = store;
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        this.json = SessionFormat.JSON.createGenerator(out);
        json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        json.configure(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM, false);
        json.setRootValueSeparator(null);
        if (fresh) {
            json.writeStartObject();
            json.writeStringField("format", SessionFormat.FORMAT);
            json.writeNumberField("version", SessionFormat.VERSION);
            json.writeStringField("created", created.toString());
            json.writeStringField("label", label == null ? "" : org.ec2workbench.recorder.Redaction.scrub(label));
            json.writeEndObject();
            json.flush();
            out.write('\n');
            out.flush();
        }
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "session-flush " + file.getFileName());
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushIfDirty, FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS, TimeUnit.MILLISECONDS);
        this.subscription = store.addListener((from, to) -> writeUpTo(to));
        writeUpTo(store.size());
    }

    /**
     * Starts recording {@code store} into {@code file} (created with a header if new, appended to if it
     * exists): the attempts already in the store, then every new one.
     */
    public static SessionWriter record(AttemptStore store, Path file, String label, Instant created) throws IOException {
        return new SessionWriter(Objects.requireNonNull(file, "file"), Objects.requireNonNull(store, "store"), label,
                Objects.requireNonNull(created, "created"));
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    /** Attempts written so far. */
    public synchronized int written() {
        return written;
    }

    private synchronized void writeUpTo(int size) {
        if (closed || failure != null || size <= written) {
            return;
        }
        AttemptStore.Snapshot s = store.snapshot();
        int end = Math.min(size, s.size());
        try {
            for (int i = written; i < end; i++) {
                SessionFormat.writeAttempt(json, s, i);
                json.flush();
                out.write('\n');
            }
            written = end;
            dirty = true;
        } catch (IOException e) {
            failure = e;
            LOG.log(Level.ERROR, "cannot write session file " + file + ": " + e.getMessage());
        }
    }

    private synchronized void flushIfDirty() {
        if (!dirty || closed || failure != null) {
            return;
        }
        try {
            out.flush();
            dirty = false;
        } catch (IOException e) {
            failure = e;
            LOG.log(Level.ERROR, "cannot flush session file " + file + ": " + e.getMessage());
        }
    }

    /** Writes the attempts not yet written, flushes and closes; throws if writing ever failed. */
    @Override
    public void close() throws IOException {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        flusher.shutdownNow();
        writeUpTo(store.size());
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                json.close();
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new UncheckedIOException("session file " + file, failure);
            }
        }
    }
}
