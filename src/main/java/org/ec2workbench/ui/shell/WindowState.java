package org.ec2workbench.ui.shell;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.ec2workbench.ui.prefs.UiPreferences;
import org.ec2workbench.ui.prefs.WindowBounds;

/** Restores the main window where it was and remembers where it is when it closes. */
public final class WindowState {

    private WindowState() {
    }

    /**
     * Puts {@code stage} at its remembered bounds when they still lie on a screen (a monitor may have been
     * unplugged); otherwise leaves the default size.
     */
    public static void restore(Stage stage, UiPreferences preferences) {
        preferences.windowBounds().ifPresent(b -> {
            Rectangle2D rect = new Rectangle2D(b.x(), b.y(), b.width(), b.height());
            boolean visible = Screen.getScreens().stream()
                    .anyMatch(s -> s.getVisualBounds().intersects(rect.getMinX(), rect.getMinY(), 100, 40));
            if (visible) {
                stage.setX(b.x());
                stage.setY(b.y());
            }
            stage.setWidth(b.width());
            stage.setHeight(b.height());
            stage.setMaximized(b.maximized());
        });
    }

    /** Writes the current bounds of {@code stage} into {@code preferences}. */
    public static void remember(Stage stage, UiPreferences preferences) {
        if (stage.getWidth() > 0 && stage.getHeight() > 0 && Double.isFinite(stage.getX())) {
            preferences.setWindowBounds(new WindowBounds(stage.getX(), stage.getY(),
                    stage.getWidth(), stage.getHeight(), stage.isMaximized()));
        }
    }
}
