package org.ec2workbench.capture;

/**
 * AWS request ids are usually UUIDs (36 characters); the store keeps those as two longs and rebuilds the
 * exact text, case included. Anything else is kept as text.
 */
final class RequestIds {

    private static final char[] LOWER = "0123456789abcdef".toCharArray();
    private static final char[] UPPER = "0123456789ABCDEF".toCharArray();

    private RequestIds() {
    }

    /** Whether {@code s} is a UUID whose letters all have one case (so it round-trips exactly). */
    static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < 36; i++) {
            char ch = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (ch != '-') {
                    return false;
                }
            } else if (ch >= 'a' && ch <= 'f') {
                lower = true;
            } else if (ch >= 'A' && ch <= 'F') {
                upper = true;
            } else if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return !(lower && upper);
    }

    /** Whether a UUID accepted by {@link #isUuid} has no upper-case letter. */
    static boolean isLowerCase(String uuid) {
        for (int i = 0; i < uuid.length(); i++) {
            char ch = uuid.charAt(i);
            if (ch >= 'A' && ch <= 'F') {
                return false;
            }
        }
        return true;
    }

    static long uuidHigh(String uuid) {
        return hex(uuid, 0, 18);
    }

    static long uuidLow(String uuid) {
        return hex(uuid, 19, 36);
    }

    private static long hex(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch != '-') {
                v = v << 4 | Character.digit(ch, 16);
            }
        }
        return v;
    }

    static String uuidText(long high, long low, boolean upperCase) {
        char[] digits = upperCase ? UPPER : LOWER;
        char[] out = new char[36];
        int pos = 35;
        for (int n = 0; n < 16; n++, pos--) {
            if (pos == 23) {
                out[pos--] = '-';
            }
            out[pos] = digits[(int) (low >>> (4 * n)) & 15];
        }
        for (int n = 0; n < 16; n++, pos--) {
            if (pos == 18 || pos == 13 || pos == 8) {
                out[pos--] = '-';
            }
            out[pos] = digits[(int) (high >>> (4 * n)) & 15];
        }
        return new String(out);
    }
}
