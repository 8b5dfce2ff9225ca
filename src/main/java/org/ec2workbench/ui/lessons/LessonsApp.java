package org.ec2workbench.ui.lessons;

import atlantafx.base.theme.PrimerLight;
import java.util.List;
import java.util.OptionalDouble;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ec2workbench.lessons.LessonSettings;
import org.ec2workbench.lessons.Lessons;

/** A window with only the Lessons pane: what {@code lesson run ID} (without --headless) opens. */
public final class LessonsApp extends Application {

    /** Opens the window on lesson {@code id} and returns when it is closed. */
    public static void open(String id, LessonSettings settings) {
        String scale = settings.timeScale().isPresent() ? Double.toString(settings.timeScale().getAsDouble()) : "";
        Application.launch(LessonsApp.class, id, Long.toString(settings.sandboxSeed()),
                Long.toString(settings.engineSeed()), scale);
    }

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        LessonSettings settings = LessonSettings.defaults();
        if (args.size() >= 3) {
            settings = new LessonSettings(Long.parseLong(args.get(1)), Long.parseLong(args.get(2)),
                    args.size() > 3 && !args.get(3).isEmpty()
                            ? OptionalDouble.of(Double.parseDouble(args.get(3))) : OptionalDouble.empty());
        }
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        LessonsPane pane = new LessonsPane(Lessons.all(), settings);
        if (!args.isEmpty()) {
            pane.select(args.get(0));
        }
        stage.setTitle("EC2 API Workbench — Lessons");
        stage.setScene(new Scene(pane, 1180, 800));
        stage.setOnHidden(e -> pane.close());
        stage.show();
    }
}
