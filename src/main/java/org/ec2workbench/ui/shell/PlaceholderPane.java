package org.ec2workbench.ui.shell;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What a page shows while its feature has not landed: what will appear there and what it waits for. Never
 * sample data.
 */
public final class PlaceholderPane extends VBox {

    /** A placeholder for {@code page} explaining {@code whatWillAppear}. */
    public PlaceholderPane(Page page, String whatWillAppear) {
        getStyleClass().add("placeholder-pane");
        setAlignment(Pos.CENTER);
        setSpacing(12);
        FontIcon icon = new FontIcon(page.icon());
        icon.getStyleClass().add("placeholder-icon");
        Label title = new Label(page.title());
        title.getStyleClass().addAll("title-2");
        Label text = new Label(whatWillAppear);
        text.getStyleClass().add("placeholder-text");
        text.setWrapText(true);
        text.setMaxWidth(560);
        getChildren().addAll(icon, title, text);
    }
}
