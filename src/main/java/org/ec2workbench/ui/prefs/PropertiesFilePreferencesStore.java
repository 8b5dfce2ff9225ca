package org.ec2workbench.ui.prefs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Preferences in a small properties file (by default {@code ui.properties} in the platform's config
 * directory, see {@link ConfigDirectory}). A missing or unreadable file means "no preferences yet"; writes
 * go to a temporary file first and replace the old one, so a crash never leaves half a file.
 */
public final class PropertiesFilePreferencesStore implements PreferencesStore {

    private final Path file;
    private final Properties values = new Properties();

    /** A store backed by {@code file}; loads it now if it exists. */
    public PropertiesFilePreferencesStore(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                values.clear(); // a corrupt preferences file is not worth refusing to start over
            }
        }
    }

    /** The store in the user's config directory. */
    public static PropertiesFilePreferencesStore userDefault() {
        return new PropertiesFilePreferencesStore(ConfigDirectory.resolve().resolve("ui.properties"));
    }

    /** The file this store reads and writes. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    @Override
    public synchronized void put(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.setProperty(key, value);
        }
    }

    @Override
    public synchronized void flush() {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "ui", ".properties.tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                values.store(out, "EC2 API Workbench UI preferences");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write preferences to " + file, e);
        }
    }
}
