package org.ec2workbench.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.value.ObservableBooleanValue;

/** Applies AtlantaFX's Primer light or dark theme to the whole application, following a property. */
public final class ThemeManager {

    private ThemeManager() {
    }

    /** Applies the theme now and whenever {@code dark} changes. Call on the FX thread. */
    public static void follow(ObservableBooleanValue dark) {
        apply(dark.get());
        dark.addListener((obs, was, now) -> apply(now));
    }

    /** Applies the dark ({@code true}) or light theme. */
    public static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
