package org.ec2workbench.recorder;

/**
 * Redacts access key ids before they are sent or written anywhere: the first four and last four characters
 * stay (enough to tell keys apart and see the key type), the middle becomes stars, e.g.
 * {@code AKIAIOSFODNN7EXAMPLE} → {@code AKIA************MPLE}. Secret keys are never handled at all.
 */
public final class Redaction {

    /** AWS access key ids: a four-letter type prefix and 16 upper-case letters or digits. */
    private static final java.util.regex.Pattern ACCESS_KEY_ID =
            java.util.regex.Pattern.compile("\\b(AKIA|ASIA|AIDA|AROA|AIPA|ANPA|ANVA|AGPA)[A-Z0-9]{12,}\\b");

    private Redaction() {
    }

    /** {@code text} with every access key id in it redacted; {@code null} stays {@code null}. */
    public static String scrub(String text) {
        if (text == null || text.length() < 16) {
            return text;
        }
        java.util.regex.Matcher m = ACCESS_KEY_ID.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(accessKeyId(m.group())));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** The redacted form of an access key id; {@code null} stays {@code null}, short values become stars. */
    public static String accessKeyId(String accessKeyId) {
        if (accessKeyId == null || accessKeyId.isEmpty()) {
            return accessKeyId;
        }
        if (isRedacted(accessKeyId)) {
            return accessKeyId;
        }
        int n = accessKeyId.length();
        if (n <= 8) {
            return "*".repeat(n);
        }
        return accessKeyId.substring(0, 4) + "*".repeat(n - 8) + accessKeyId.substring(n - 4);
    }

    /** Whether the value already is in redacted form (so redacting twice changes nothing). */
    public static boolean isRedacted(String value) {
        int n = value.length();
        if (n <= 8) {
            return value.chars().allMatch(c -> c == '*');
        }
        for (int i = 4; i < n - 4; i++) {
            if (value.charAt(i) != '*') {
                return false;
            }
        }
        return true;
    }
}
