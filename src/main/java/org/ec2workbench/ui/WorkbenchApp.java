package org.ec2workbench.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application. (Replaced by the real shell in the UI work.) */
public final class WorkbenchApp extends Application {

    @Override
    public void start(Stage stage) {
        stage.setTitle("EC2 API Workbench");
        stage.setScene(new Scene(new Label("EC2 API Workbench"), 800, 600));
        stage.show();
    }
}
