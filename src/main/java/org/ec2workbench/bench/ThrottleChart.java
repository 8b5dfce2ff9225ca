package org.ec2workbench.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.ec2workbench.simulate.ThrottleSimulation;

/**
 * Draws throttle results as an SVG bar chart: per strategy, goodput as a percentage of the refill rate
 * and the share of attempts that were throttled, with the 95 % goodput and 5 % throttled targets marked.
 */
public final class ThrottleChart {

    private static final int ROW = 22;
    private static final int LABEL = 230;
    private static final int BAR = 300;
    private static final int GAP = 40;
    private static final double GOODPUT_MAX = 150;
    private static final double THROTTLED_MAX = 100;

    private ThrottleChart() {
    }

    /** Writes {@code rows} as a self-contained SVG document titled {@code title}. */
    public static void writeSvg(List<ThrottleSimulation.Row> rows, String title, PrintWriter out) {
        int top = 60;
        int width = LABEL + 2 * BAR + GAP + 20;
        int height = top + rows.size() * ROW + 30;
        int goodputX = LABEL;
        int throttledX = LABEL + BAR + GAP;
        out.printf(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height);
        out.printf(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height);
        out.printf(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", escape(title));
        out.printf(Locale.ROOT, "<text x=\"%d\" y=\"45\">goodput, %% of refill (target ≥ 95)</text>%n", goodputX);
        out.printf(Locale.ROOT, "<text x=\"%d\" y=\"45\">throttled attempts, %% (target ≤ 5)</text>%n", throttledX);
        for (int i = 0; i < rows.size(); i++) {
            ThrottleSimulation.Row row = rows.get(i);
            int y = top + i * ROW;
            double throttledPct = row.attempts() == 0 ? 0 : 100.0 * row.throttledAttempts() / row.attempts();
            boolean gaveUp = row.givenUp() > 0;
            out.printf(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LABEL - 8, y + 14,
                    escape(row.strategy() + (gaveUp ? " (gave up " + row.givenUp() + ")" : "")));
            bar(out, goodputX, y, row.goodputPct() / GOODPUT_MAX, gaveUp ? "#b0b0b0" : "#2f7ed8",
                    String.format(Locale.ROOT, "%.1f", row.goodputPct()));
            bar(out, throttledX, y, throttledPct / THROTTLED_MAX, "#d9534f",
                    String.format(Locale.ROOT, "%.1f", throttledPct));
        }
        int bottom = top + rows.size() * ROW;
        target(out, goodputX + (int) (BAR * 95 / GOODPUT_MAX), top - 5, bottom);
        target(out, throttledX + (int) (BAR * 5 / THROTTLED_MAX), top - 5, bottom);
        out.println("</svg>");
        out.flush();
    }

    private static void bar(PrintWriter out, int x, int y, double fraction, String colour, String label) {
        int length = (int) Math.round(BAR * Math.max(0, Math.min(1, fraction)));
        out.printf(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", x, y + 3,
                length, ROW - 6, colour);
        out.printf(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + length + 4, y + 15, label);
    }

    private static void target(PrintWriter out, int x, int y1, int y2) {
        out.printf(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\" "
                + "stroke-dasharray=\"4 3\"/>%n", x, y1, x, y2);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
