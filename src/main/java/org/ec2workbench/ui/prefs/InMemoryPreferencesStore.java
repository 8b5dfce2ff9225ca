package org.ec2workbench.ui.prefs;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Preferences that live only as long as the object: for tests and for "--no-prefs" runs. */
public final class InMemoryPreferencesStore implements PreferencesStore {

    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    @Override
    public void flush() {
        // nothing durable
    }
}
