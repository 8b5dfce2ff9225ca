package org.ec2workbench.ui.common;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.layout.Background;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * Colours for canvas drawing, taken from CSS so that one stylesheet (and the light/dark theme) decides
 * them: a hidden pane of regions, one per style class, whose background colour is read back. Add the
 * palette to the control's children so it gets the control's stylesheets.
 */
public final class CssPalette extends Pane {

    private final Map<String, Region> swatches = new HashMap<>();

    /** A palette with one swatch per style class. */
    public CssPalette(List<String> styleClasses) {
        setManaged(false);
        setVisible(false);
        for (String styleClass : styleClasses) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("swatch", styleClass);
            swatches.put(styleClass, swatch);
            getChildren().add(swatch);
        }
    }

    /** The colour CSS gives {@code styleClass} (grey before CSS has been applied or for unknown classes). */
    public Paint color(String styleClass) {
        Region swatch = swatches.get(styleClass);
        if (swatch != null) {
            Background background = swatch.getBackground();
            if (background != null && !background.getFills().isEmpty()) {
                return background.getFills().get(0).getFill();
            }
        }
        return Color.GRAY;
    }
}
