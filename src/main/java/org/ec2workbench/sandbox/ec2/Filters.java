package org.ec2workbench.sandbox.ec2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ec2workbench.sandbox.protocol.ApiException;
import org.ec2workbench.sandbox.protocol.QueryParams;

/**
 * EC2 {@code Filter.N.Name} / {@code Filter.N.Value.M} filters: a resource matches when, for every filter,
 * one of its values for that name matches one of the filter's values ({@code *} and {@code ?} are
 * wildcards). {@code tag:KEY}, {@code tag-key} and {@code tag-value} work on every taggable resource.
 */
final class Filters {

    private record Filter(String name, List<Pattern> values) {
    }

    private final List<Filter> filters;

    private Filters(List<Filter> filters) {
        this.filters = filters;
    }

    static Filters parse(QueryParams params) {
        List<Filter> filters = new ArrayList<>();
        for (QueryParams f : params.structures("Filter")) {
            String name = f.get("Name");
            if (name == null || name.isEmpty()) {
                throw ApiException.missing("Filter.N.Name");
            }
            List<String> values = f.list("Value");
            if (values.isEmpty()) {
                throw ApiException.client("InvalidParameterValue",
                        "The filter '" + name + "' must have at least one value.");
            }
            List<Pattern> patterns = new ArrayList<>(values.size());
            values.forEach(v -> patterns.add(glob(v)));
            filters.add(new Filter(name, patterns));
        }
        return new Filters(filters);
    }

    boolean isEmpty() {
        return filters.isEmpty();
    }

    /**
     * The items that match.
     *
     * @param fields the filter names this resource supports, each giving the item's values
     * @param tags   the item's tags, or null if the resource has none
     */
    <T> List<T> apply(List<T> items, Map<String, Function<T, Collection<String>>> fields,
                      Function<T, Map<String, String>> tags) {
        for (Filter f : filters) {
            boolean tagFilter = tags != null && (f.name.startsWith("tag:") || f.name.equals("tag-key")
                    || f.name.equals("tag-value"));
            if (!tagFilter && !fields.containsKey(f.name)) {
                throw ApiException.client("InvalidParameterValue", "The filter '" + f.name + "' is invalid");
            }
        }
        if (filters.isEmpty()) {
            return items;
        }
        List<T> kept = new ArrayList<>();
        for (T item : items) {
            if (matches(item, fields, tags)) {
                kept.add(item);
            }
        }
        return kept;
    }

    private <T> boolean matches(T item, Map<String, Function<T, Collection<String>>> fields,
                                Function<T, Map<String, String>> tags) {
        for (Filter f : filters) {
            Collection<String> values;
            if (tags != null && f.name.startsWith("tag:")) {
                String v = tags.apply(item).get(f.name.substring(4));
                values = v == null ? List.of() : List.of(v);
            } else if (tags != null && f.name.equals("tag-key")) {
                values = tags.apply(item).keySet();
            } else if (tags != null && f.name.equals("tag-value")) {
                values = tags.apply(item).values();
            } else {
                values = fields.get(f.name).apply(item);
            }
            if (!anyMatch(values, f.values)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyMatch(Collection<String> values, List<Pattern> patterns) {
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (Pattern p : patterns) {
                if (p.matcher(value).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Pattern glob(String value) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                literal.append(value.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
