package org.ec2workbench.ui.prefs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The typed preferences of the UI, on top of a {@link PreferencesStore}. */
public final class UiPreferences {

    private static final String DARK = "theme.dark";
    private static final String WINDOW = "window.";
    private static final String PAGE = "shell.page";
    private static final String RECENT = "sessions.recent";
    private static final int MAX_RECENT = 10;

    private final PreferencesStore store;

    /** Typed preferences over {@code store}. */
    public UiPreferences(PreferencesStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The underlying store. */
    public PreferencesStore store() {
        return store;
    }

    /** Whether the dark theme was chosen. */
    public boolean darkTheme() {
        return store.get(DARK).map(Boolean::parseBoolean).orElse(false);
    }

    /** Remembers the theme. */
    public void setDarkTheme(boolean dark) {
        store.put(DARK, Boolean.toString(dark));
    }

    /** The last window bounds, if they were saved and are sane. */
    public Optional<WindowBounds> windowBounds() {
        try {
            Optional<String> x = store.get(WINDOW + "x");
            if (x.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new WindowBounds(
                    Double.parseDouble(x.get()),
                    Double.parseDouble(store.get(WINDOW + "y").orElseThrow()),
                    Double.parseDouble(store.get(WINDOW + "width").orElseThrow()),
                    Double.parseDouble(store.get(WINDOW + "height").orElseThrow()),
                    Boolean.parseBoolean(store.get(WINDOW + "maximized").orElse("false"))));
        } catch (RuntimeException e) {
            return Optional.empty(); // damaged entries: fall back to the default size
        }
    }

    /** Remembers the window bounds. */
    public void setWindowBounds(WindowBounds bounds) {
        store.put(WINDOW + "x", Double.toString(bounds.x()));
        store.put(WINDOW + "y", Double.toString(bounds.y()));
        store.put(WINDOW + "width", Double.toString(bounds.width()));
        store.put(WINDOW + "height", Double.toString(bounds.height()));
        store.put(WINDOW + "maximized", Boolean.toString(bounds.maximized()));
    }

    /** The page shown last, by name. */
    public Optional<String> lastPage() {
        return store.get(PAGE);
    }

    /** Remembers the page shown. */
    public void setLastPage(String page) {
        store.put(PAGE, page);
    }

    /** Recently opened session files, most recent first. */
    public List<String> recentSessions() {
        return store.get(RECENT).map(s -> List.of(s.split("\n"))).orElse(List.of())
                .stream().filter(s -> !s.isBlank()).toList();
    }

    /** Puts {@code path} first in the recent list (at most ten are kept). */
    public void addRecentSession(String path) {
        List<String> recent = new ArrayList<>(recentSessions());
        recent.remove(path);
        recent.add(0, path);
        store.put(RECENT, String.join("\n", recent.subList(0, Math.min(MAX_RECENT, recent.size()))));
    }

    /** Replaces the recent list (most recent first), e.g. after pruning files that are gone. */
    public void setRecentSessions(List<String> paths) {
        store.put(RECENT, String.join("\n", paths.subList(0, Math.min(MAX_RECENT, paths.size()))));
    }

    /** A string preference with a default. */
    public String get(String key, String defaultValue) {
        return store.get(key).orElse(defaultValue);
    }

    /** Stores a string preference. */
    public void put(String key, String value) {
        store.put(key, value);
    }

    /** Writes everything to durable storage. */
    public void flush() {
        store.flush();
    }
}
