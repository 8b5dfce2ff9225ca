package org.ec2workbench.sandbox.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An EventBridge / CloudWatch Events event pattern, compiled once and matched against many events.
 *
 * <p>Supported syntax (as documented for EventBridge): arrays of exact values (strings, numbers compared
 * numerically, booleans, null); {@code prefix} and {@code suffix} (each optionally with
 * {@code equals-ignore-case}); {@code equals-ignore-case}; {@code wildcard} ({@code *}, escaped as
 * {@code \*}); {@code anything-but} with a value, a list, or a {@code prefix}/{@code suffix}/
 * {@code equals-ignore-case}/{@code wildcard}; {@code numeric} ranges; {@code exists}; nested objects;
 * {@code $or}. An array in the event matches when any of its elements matches, and arrays of objects are
 * flattened so {@code {"a":{"b":[1]}}} matches {@code {"a":[{"b":2},{"b":1}]}}. Within a field the
 * listed matchers are alternatives (OR); across fields they must all match (AND).
 *
 * <p>Immutable and thread-safe.
 */
public final class EventPattern {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectRule root;
    private final String text;

    private EventPattern(ObjectRule root, String text) {
        this.root = root;
        this.text = text;
    }

    /**
     * Compiles a pattern from its JSON text.
     *
     * @throws InvalidEventPatternException with the reason EventBridge would give
     */
    public static EventPattern parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventPatternException("Pattern is empty");
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventPatternException("Filter is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEventPatternException("Filter is not an object");
        }
        return new EventPattern(compileObject(node, ""), json);
    }

    /** The pattern text as given. */
    public String text() {
        return text;
    }

    /** Whether {@code event} (a JSON object) matches this pattern. */
    public boolean matches(JsonNode event) {
        return event != null && event.isObject() && root.matches(List.of(event));
    }

    /** Parses {@code eventJson} and matches it; malformed JSON never matches. */
    public boolean matches(String eventJson) {
        try {
            return matches(JSON.readTree(eventJson));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return text;
    }

    // Compilation -----------------------------------------------------------------------------------

    private static ObjectRule compileObject(JsonNode object, String path) {
        List<FieldRule> fields = new ArrayList<>();
        List<List<ObjectRule>> ors = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode value = e.getValue();
            if ("$or".equals(name)) {
                ors.add(compileOr(value, path));
            } else if (value.isObject()) {
                if (value.isEmpty()) {
                    throw new InvalidEventPatternException("Empty objects are not allowed");
                }
                fields.add(new FieldRule(name, compileObject(value, path + name + "."), null));
            } else if (value.isArray()) {
                fields.add(new FieldRule(name, null, compileLeaf(value, path + name)));
            } else {
                throw new InvalidEventPatternException("\"" + path + name + "\" must be an object or an array");
            }
        }
        return new ObjectRule(List.copyOf(fields), List.copyOf(ors));
    }

    private static List<ObjectRule> compileOr(JsonNode value, String path) {
        if (!value.isArray() || value.size() < 2) {
            throw new InvalidEventPatternException("\"$or\" must be an array of at least two objects");
        }
        List<ObjectRule> alternatives = new ArrayList<>();
        for (JsonNode alt : value) {
            if (!alt.isObject() || alt.isEmpty()) {
                throw new InvalidEventPatternException("\"$or\" must be an array of at least two objects");
            }
            alternatives.add(compileObject(alt, path));
        }
        return List.copyOf(alternatives);
    }

    private static List<ValueMatcher> compileLeaf(JsonNode array, String path) {
        if (array.isEmpty()) {
            throw new InvalidEventPatternException("Empty arrays are not allowed (\"" + path + "\")");
        }
        List<ValueMatcher> matchers = new ArrayList<>();
        for (JsonNode item : array) {
            if (item.isObject()) {
                matchers.add(compileMatchObject(item, path));
            } else if (item.isArray()) {
                throw new InvalidEventPatternException("Match value must be String, number, true, false, or null");
            } else {
                matchers.add(new Exact(item));
            }
        }
        return List.copyOf(matchers);
    }

    private static ValueMatcher compileMatchObject(JsonNode item, String path) {
        if (item.size() != 1) {
            throw new InvalidEventPatternException("A match expression must have exactly one key (\"" + path + "\")");
        }
        Map.Entry<String, JsonNode> e = item.fields().next();
        String type = e.getKey();
        JsonNode arg = e.getValue();
        switch (type) {
            case "prefix":
                return stringOrIgnoreCase(arg, "prefix", Prefix::new);
            case "suffix":
                return stringOrIgnoreCase(arg, "suffix", Suffix::new);
            case "equals-ignore-case":
                return new IgnoreCase(requireText(arg, "equals-ignore-case"));
            case "wildcard":
                return new Wildcard(requireText(arg, "wildcard"));
            case "exists":
                if (!arg.isBoolean()) {
                    throw new InvalidEventPatternException("exists match pattern must be either true or false.");
                }
                return new Exists(arg.booleanValue());
            case "numeric":
                return Numeric.compile(arg);
            case "anything-but":
                return compileAnythingBut(arg);
            default:
                throw new InvalidEventPatternException("Unrecognized match type " + type);
        }
    }

    private interface StringMatcherFactory {
        ValueMatcher create(String value, boolean ignoreCase);
    }

    private static ValueMatcher stringOrIgnoreCase(JsonNode arg, String type, StringMatcherFactory factory) {
        if (arg.isTextual()) {
            return factory.create(arg.textValue(), false);
        }
        if (arg.isObject() && arg.size() == 1 && arg.has("equals-ignore-case")) {
            return factory.create(requireText(arg.get("equals-ignore-case"), type + " equals-ignore-case"), true);
        }
        throw new InvalidEventPatternException(type + " match pattern must be a string");
    }

    private static String requireText(JsonNode arg, String type) {
        if (!arg.isTextual()) {
            throw new InvalidEventPatternException(type + " match pattern must be a string");
        }
        return arg.textValue();
    }

    private static ValueMatcher compileAnythingBut(JsonNode arg) {
        List<ValueMatcher> excluded = new ArrayList<>();
        if (arg.isArray()) {
            if (arg.isEmpty()) {
                throw new InvalidEventPatternException("Empty arrays are not allowed (anything-but)");
            }
            for (JsonNode v : arg) {
                if (v.isContainerNode()) {
                    throw new InvalidEventPatternException("Inside anything but list, start|null|boolean is not supported.");
                }
                excluded.add(new Exact(v));
            }
        } else if (arg.isObject()) {
            if (arg.size() != 1) {
                throw new InvalidEventPatternException("anything-but takes exactly one match expression");
            }
            String type = arg.fieldNames().next();
            if (!List.of("prefix", "suffix", "equals-ignore-case", "wildcard").contains(type)) {
                throw new InvalidEventPatternException("Unsupported anything-but pattern: " + type);
            }
            JsonNode inner = arg.get(type);
            if (inner.isArray()) {
                for (JsonNode v : inner) {
                    excluded.add(compileMatchObject(JSON.createObjectNode().set(type, v), "anything-but"));
                }
            } else {
                excluded.add(compileMatchObject(arg, "anything-but"));
            }
        } else {
            excluded.add(new Exact(arg));
        }
        return new AnythingBut(List.copyOf(excluded));
    }

    // Matching --------------------------------------------------------------------------------------

    /** The values of one field across {@code nodes}, with event arrays flattened into their elements. */
    private static List<JsonNode> children(List<JsonNode> nodes, String field) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            if (n.isObject() && n.has(field)) {
                flattenInto(n.get(field), out);
            }
        }
        return out;
    }

    private static void flattenInto(JsonNode value, List<JsonNode> out) {
        if (value.isArray()) {
            for (JsonNode element : value) {
                flattenInto(element, out);
            }
        } else {
            out.add(value);
        }
    }

    private record ObjectRule(List<FieldRule> fields, List<List<ObjectRule>> ors) {
        boolean matches(List<JsonNode> nodes) {
            for (FieldRule f : fields) {
                if (!f.matches(nodes)) {
                    return false;
                }
            }
            for (List<ObjectRule> alternatives : ors) {
                if (alternatives.stream().noneMatch(alt -> alt.matches(nodes))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One field of the pattern: a nested object rule or a list of leaf matchers (alternatives). */
    private record FieldRule(String name, ObjectRule nested, List<ValueMatcher> leaf) {
        boolean matches(List<JsonNode> nodes) {
            List<JsonNode> values = children(nodes, name);
            if (nested != null) {
                return nested.matches(values);
            }
            if (values.isEmpty()) {
                return leaf.stream().anyMatch(ValueMatcher::matchesAbsent);
            }
            for (ValueMatcher m : leaf) {
                for (JsonNode v : values) {
                    if (m.matches(v)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private interface ValueMatcher {
        /** Whether a present value matches. */
        boolean matches(JsonNode value);

        /** Whether an absent field matches (only {@code exists: false} does). */
        default boolean matchesAbsent() {
            return false;
        }
    }

    private record Exact(JsonNode expected) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            if (expected.isNumber() && value.isNumber()) {
                return expected.decimalValue().compareTo(value.decimalValue()) == 0;
            }
            if (expected.isNull()) {
                return value.isNull();
            }
            if (expected.isBoolean()) {
                return value.isBoolean() && value.booleanValue() == expected.booleanValue();
            }
            return expected.isTextual() && value.isTextual() && expected.textValue().equals(value.textValue());
        }
    }

    private record Prefix(String prefix, boolean ignoreCase) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            return value.isTextual() && value.textValue().regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
        }
    }

    private record Suffix(String suffix, boolean ignoreCase) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            if (!value.isTextual()) {
                return false;
            }
            String s = value.textValue();
            return s.length() >= suffix.length()
                    && s.regionMatches(ignoreCase, s.length() - suffix.length(), suffix, 0, suffix.length());
        }
    }

    private record IgnoreCase(String expected) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            return value.isTextual()
                    && value.textValue().toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT));
        }
    }

    private record Exists(boolean shouldExist) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            return shouldExist;
        }

        @Override
        public boolean matchesAbsent() {
            return !shouldExist;
        }
    }

    private record AnythingBut(List<ValueMatcher> excluded) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            if (value.isContainerNode()) {
                return false;
            }
            return excluded.stream().noneMatch(m -> m.matches(value));
        }
    }

    /** {@code *} matches any run of characters; {@code \*} is a literal star. */
    private static final class Wildcard implements ValueMatcher {
        private final List<String> literals;

        Wildcard(String pattern) {
            if (pattern.contains("**")) {
                throw new InvalidEventPatternException("Consecutive wildcard characters at pos " + pattern.indexOf("**"));
            }
            List<String> parts = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\\' && i + 1 < pattern.length() && (pattern.charAt(i + 1) == '*' || pattern.charAt(i + 1) == '\\')) {
                    current.append(pattern.charAt(++i));
                } else if (c == '*') {
                    parts.add(current.toString());
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            parts.add(current.toString());
            this.literals = List.copyOf(parts);
        }

        @Override
        public boolean matches(JsonNode value) {
            if (!value.isTextual()) {
                return false;
            }
            String s = value.textValue();
            String first = literals.get(0);
            if (literals.size() == 1) {
                return s.equals(first);
            }
            if (!s.startsWith(first)) {
                return false;
            }
            String last = literals.get(literals.size() - 1);
            int pos = first.length();
            int end = s.length() - last.length();
            if (end < pos || !s.endsWith(last)) {
                return false;
            }
            for (int i = 1; i < literals.size() - 1; i++) {
                int found = s.indexOf(literals.get(i), pos);
                if (found < 0 || found + literals.get(i).length() > end) {
                    return false;
                }
                pos = found + literals.get(i).length();
            }
            return true;
        }
    }

    /** A conjunction of comparisons, e.g. {@code [">", 0, "<=", 5]}. */
    private record Numeric(List<String> operators, List<BigDecimal> operands) implements ValueMatcher {

        static Numeric compile(JsonNode arg) {
            if (!arg.isArray() || arg.isEmpty() || arg.size() % 2 != 0 || arg.size() > 4) {
                throw new InvalidEventPatternException("Value of numeric must be an array of operator/number pairs");
            }
            List<String> ops = new ArrayList<>();
            List<BigDecimal> nums = new ArrayList<>();
            for (int i = 0; i < arg.size(); i += 2) {
                JsonNode op = arg.get(i);
                JsonNode num = arg.get(i + 1);
                if (!op.isTextual() || !List.of("<", "<=", "=", ">", ">=").contains(op.textValue())) {
                    throw new InvalidEventPatternException("Unrecognized numeric range operator: " + op);
                }
                if (!num.isNumber()) {
                    throw new InvalidEventPatternException("Value of " + op.textValue() + " must be numeric");
                }
                ops.add(op.textValue());
                nums.add(num.decimalValue());
            }
            if (ops.size() == 2) {
                boolean lower0 = ops.get(0).startsWith(">");
                boolean lower1 = ops.get(1).startsWith(">");
                if (ops.contains("=") || lower0 == lower1) {
                    throw new InvalidEventPatternException("Bad numeric range: needs one lower and one upper bound");
                }
                BigDecimal low = lower0 ? nums.get(0) : nums.get(1);
                BigDecimal high = lower0 ? nums.get(1) : nums.get(0);
                if (low.compareTo(high) >= 0) {
                    throw new InvalidEventPatternException("Bottom must be less than top");
                }
            }
            return new Numeric(List.copyOf(ops), List.copyOf(nums));
        }

        @Override
        public boolean matches(JsonNode value) {
            if (!value.isNumber()) {
                return false;
            }
            BigDecimal v = value.decimalValue();
            for (int i = 0; i < operators.size(); i++) {
                int c = v.compareTo(operands.get(i));
                boolean ok = switch (operators.get(i)) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case "=" -> c == 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }
}
