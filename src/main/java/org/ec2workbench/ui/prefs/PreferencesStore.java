package org.ec2workbench.ui.prefs;

import java.util.Optional;

/**
 * Where the UI keeps what it remembers between runs (window bounds, theme, recent sessions). Injected so
 * headless tests use {@link InMemoryPreferencesStore} and never touch the user's real settings.
 */
public interface PreferencesStore {

    /** The stored value of {@code key}, if any. */
    Optional<String> get(String key);

    /** Stores {@code value} under {@code key}; {@code null} removes it. */
    void put(String key, String value);

    /** Writes pending changes to durable storage (a no-op for in-memory stores). */
    void flush();
}
