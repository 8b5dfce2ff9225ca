package org.ec2workbench.ui.timeline;

/** What one lane of the timeline groups. */
public enum LaneMode {
    /** One lane per API action. */
    ACTION("Lane per action"),
    /** One lane per source (process, user agent, the workbench). */
    SOURCE("Lane per source");

    private final String label;

    LaneMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
