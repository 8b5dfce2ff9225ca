package org.ec2workbench.ui.prefs;

/**
 * Where the main window was and how big.
 *
 * @param x         left edge in screen coordinates
 * @param y         top edge in screen coordinates
 * @param width     width, positive
 * @param height    height, positive
 * @param maximized whether it was maximized
 */
public record WindowBounds(double x, double y, double width, double height, boolean maximized) {

    public WindowBounds {
        if (!(width > 0) || !(height > 0) || !Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("Window bounds must be finite with a positive size: "
                    + x + "," + y + " " + width + "x" + height);
        }
    }
}
