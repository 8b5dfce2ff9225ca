package org.ec2workbench.ui.shell;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The workbench's places, in navigation order; each has a shortcut {@code Shortcut+<n>}. */
public enum Page {
    TIMELINE("Timeline", Feather.ACTIVITY, "Every API attempt over time: throttling, NotFound, retries and the gaps between them."),
    BACKOFF("Backoff", Feather.TRENDING_UP, "Retry policies plotted: delay per attempt, envelopes, percentiles, contention."),
    EXPERIMENT("Experiment", Feather.ZAP, "Send a load to the connected endpoint and watch it on the timeline."),
    EVENTS("Events", Feather.BELL, "Instance state-change events versus polling."),
    LESSONS("Lessons", Feather.BOOK_OPEN, "Guided, reproducible experiments about EC2 API errors."),
    CONNECTION("Connection", Feather.SERVER, "The embedded sandbox or an AWS profile, and client-side monitoring.");

    private final String title;
    private final Ikon icon;
    private final String summary;

    Page(String title, Ikon icon, String summary) {
        this.title = title;
        this.icon = icon;
        this.summary = summary;
    }

    /** The name shown in the navigation. */
    public String title() {
        return title;
    }

    /** The navigation icon. */
    public Ikon icon() {
        return icon;
    }

    /** One line on what the page is for (navigation tooltip). */
    public String summary() {
        return summary;
    }

    /** The id of the page's navigation button, e.g. {@code nav-timeline}. */
    public String navId() {
        return "nav-" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The id of the page's content node, e.g. {@code page-timeline}. */
    public String pageId() {
        return "page-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
