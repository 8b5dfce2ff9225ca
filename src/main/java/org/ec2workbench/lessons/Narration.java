package org.ec2workbench.lessons;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills narration templates: each {@code {name}} becomes the formatted observation of that name. */
public final class Narration {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][A-Za-z0-9]*)}");

    /** What a placeholder becomes when the run did not measure that value (the phenomenon did not occur). */
    public static final String NOT_MEASURED = "(not measured)";

    private Narration() {
    }

    /** The template with every placeholder replaced by the matching observation's formatted value. */
    public static String render(String template, Map<String, Observation> observations) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Observation o = observations.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(o == null ? NOT_MEASURED : o.formatted()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The observation names a template refers to, in order of first use. */
    public static Set<String> placeholders(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
