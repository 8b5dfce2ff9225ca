package org.ec2workbench.sandbox.iam;

import java.util.Locale;

/** IAM's glob matching: {@code *} matches any run of characters, {@code ?} exactly one. */
final class Wildcards {

    private Wildcards() {
    }

    /** Whether {@code text} matches {@code pattern}, optionally ignoring case. */
    static boolean matches(String pattern, String text, boolean ignoreCase) {
        if (ignoreCase) {
            pattern = pattern.toLowerCase(Locale.ROOT);
            text = text.toLowerCase(Locale.ROOT);
        }
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = -1;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /**
     * Whether an ARN matches an ARN pattern as IAM compares them: segment by segment for the first five
     * colon-separated parts (a wildcard does not cross a colon there), then the resource part as a whole.
     * {@code *} alone matches everything.
     */
    static boolean arnMatches(String pattern, String arn) {
        if ("*".equals(pattern)) {
            return true;
        }
        String[] p = pattern.split(":", 6);
        String[] a = arn.split(":", 6);
        if (p.length != 6 || a.length != 6) {
            return matches(pattern, arn, false);
        }
        for (int i = 0; i < 6; i++) {
            if (!matches(p[i], a[i], false)) {
                return false;
            }
        }
        return true;
    }
}
