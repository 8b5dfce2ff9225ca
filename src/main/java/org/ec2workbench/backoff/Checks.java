package org.ec2workbench.backoff;

/** The argument checks the engine's builders share, so every limiter words its errors alike. */
final class Checks {

    private Checks() {
    }

    /** {@code value} if it is finite and > 0; otherwise "NAME must be > 0, was VALUE". */
    static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
        return value;
    }

    /** {@code value} if it lies in (0, 1] ({@code includeZero}: [0, 1]); otherwise a precise message. */
    static double fraction(String name, double value, boolean includeZero) {
        boolean ok = includeZero ? value >= 0 && value <= 1 : value > 0 && value <= 1;
        if (!ok) {
            throw new IllegalArgumentException(name + " must be in " + (includeZero ? "[0, 1]" : "(0, 1]")
                    + ", was " + value);
        }
        return value;
    }
}
