package org.ec2workbench.ui;

import javafx.application.Application;
import javafx.stage.Stage;
import org.ec2workbench.ui.prefs.PropertiesFilePreferencesStore;

/** The JavaFX application: one workbench window with the user's preferences. */
public final class WorkbenchApp extends Application {

    private Workbench workbench;

    @Override
    public void start(Stage stage) {
        workbench = new Workbench(PropertiesFilePreferencesStore.userDefault());
        workbench.show(stage);
        workbench.startServices();
    }
}
