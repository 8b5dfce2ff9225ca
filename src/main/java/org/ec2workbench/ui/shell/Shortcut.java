package org.ec2workbench.ui.shell;

import java.util.List;

/**
 * A keyboard shortcut and what it does, as listed in Help.
 *
 * @param keys   the keys as shown ("Ctrl+1", "Wheel")
 * @param where  where it works ("Everywhere", "Timeline")
 * @param action what it does
 */
public record Shortcut(String keys, String where, String action) {

    /** Every shortcut of the workbench, for the Help window. */
    public static List<Shortcut> all() {
        return List.of(
                new Shortcut("Ctrl+1 … Ctrl+6", "Everywhere", "Show Timeline, Backoff, Experiment, Events, Lessons, Connection"),
                new Shortcut("Ctrl+Shift+D", "Everywhere", "Switch light / dark theme"),
                new Shortcut("Ctrl+O", "Everywhere", "Open a session file"),
                new Shortcut("Ctrl+S", "Everywhere", "Save the current session as…"),
                new Shortcut("Ctrl+E", "Everywhere", "Export the current session (CSV / HAR)"),
                new Shortcut("F1", "Everywhere", "This help"),
                new Shortcut("Ctrl+Q", "Everywhere", "Quit"),
                new Shortcut("F", "Timeline", "Follow live (keep the newest attempts in view)"),
                new Shortcut("Mouse wheel", "Timeline", "Zoom around the pointer"),
                new Shortcut("Drag", "Timeline", "Pan in time (stops following)"),
                new Shortcut("Shift+Drag", "Timeline", "Rubber-band: zoom to the selected time range"),
                new Shortcut("Click", "Timeline", "Select an attempt and show its details"),
                new Shortcut("+ / −", "Timeline", "Zoom in / out around the centre"),
                new Shortcut("← / →", "Timeline", "Pan a tenth of the view"),
                new Shortcut("0", "Timeline", "Fit everything"),
                new Shortcut("Ctrl+F", "Timeline", "Search (action, code, request id, source)"),
                new Shortcut("Ctrl+Enter", "Experiment", "Run the experiment"),
                new Shortcut("Escape", "Experiment", "Cancel the running experiment"),
                new Shortcut("Ctrl+P", "Backoff", "Export the plot as PNG"));
    }
}
