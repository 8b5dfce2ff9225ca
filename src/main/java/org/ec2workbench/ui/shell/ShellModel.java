package org.ec2workbench.ui.shell;

import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.ec2workbench.ui.prefs.UiPreferences;

/**
 * State of the main window: which page is shown, the theme, and what the status bar says. Changed only
 * through the command methods; views observe the properties. Free of {@code javafx.scene}.
 */
public final class ShellModel {

    private final UiPreferences preferences;

    // Properties
    private final ObjectProperty<Page> page = new SimpleObjectProperty<>(this, "page", Page.TIMELINE);
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme", false);
    private final StringProperty statusMessage = new SimpleStringProperty(this, "statusMessage", "");
    private final StringProperty connection = new SimpleStringProperty(this, "connection", "Not connected");
    private final StringProperty endpoint = new SimpleStringProperty(this, "endpoint", "");
    private final LongProperty attemptCount = new SimpleLongProperty(this, "attemptCount", 0);
    private final LongProperty throttledCount = new SimpleLongProperty(this, "throttledCount", 0);
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);

    /** A model that restores and remembers its page and theme through {@code preferences}. */
    public ShellModel(UiPreferences preferences) {
        this.preferences = Objects.requireNonNull(preferences, "preferences");
        darkTheme.set(preferences.darkTheme());
        preferences.lastPage().ifPresent(name -> {
            try {
                page.set(Page.valueOf(name));
            } catch (IllegalArgumentException ignored) {
                // a page from another version: keep the default
            }
        });
    }

    /** The page shown. */
    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page;
    }

    /** Whether the dark theme is on. */
    public ReadOnlyBooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    /** The status bar's message (the latest thing that happened). */
    public StringProperty statusMessageProperty() {
        return statusMessage;
    }

    /** What the app is connected to, e.g. "Sandbox" or "profile dev (eu-west-1)". */
    public StringProperty connectionProperty() {
        return connection;
    }

    /** The endpoint clients talk to, empty for real AWS. */
    public StringProperty endpointProperty() {
        return endpoint;
    }

    /** Attempts captured in the current session. */
    public LongProperty attemptCountProperty() {
        return attemptCount;
    }

    /** Throttled attempts in the current session. */
    public LongProperty throttledCountProperty() {
        return throttledCount;
    }

    /** Background progress for the status bar: 0 none, 0..1 known, -1 indeterminate. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    // Commands

    /** Shows {@code target}. */
    public void show(Page target) {
        page.set(Objects.requireNonNull(target, "target"));
        preferences.setLastPage(target.name());
    }

    /** Switches between the light and the dark theme. */
    public void toggleTheme() {
        setDarkTheme(!darkTheme.get());
    }

    /** Chooses the theme. */
    public void setDarkTheme(boolean dark) {
        darkTheme.set(dark);
        preferences.setDarkTheme(dark);
    }

    /** The preferences this model writes to. */
    public UiPreferences preferences() {
        return preferences;
    }
}
