package org.ec2workbench.sandbox.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One condition of a statement: an operator (with its optional {@code ForAnyValue:}/{@code ForAllValues:}
 * set qualifier and {@code IfExists} suffix), a condition key and the values it is compared with. Values
 * of one key are alternatives (OR); the statement's conditions all must hold (AND).
 *
 * @param operator  the operator as written, e.g. {@code ForAnyValue:StringLikeIfExists}
 * @param key       the condition key, e.g. {@code ec2:InstanceType} (matched case-insensitively)
 * @param values    the policy's values
 */
public record Condition(String operator, String key, List<String> values) {

    /** The operators understood, without qualifier or IfExists. */
    enum Operator {
        STRING_EQUALS("StringEquals", false), STRING_NOT_EQUALS("StringNotEquals", true),
        STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false),
        STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true),
        STRING_LIKE("StringLike", false), STRING_NOT_LIKE("StringNotLike", true),
        ARN_EQUALS("ArnEquals", false), ARN_LIKE("ArnLike", false),
        ARN_NOT_EQUALS("ArnNotEquals", true), ARN_NOT_LIKE("ArnNotLike", true),
        BOOL("Bool", false),
        NUMERIC_EQUALS("NumericEquals", false), NUMERIC_NOT_EQUALS("NumericNotEquals", true),
        NUMERIC_LESS_THAN("NumericLessThan", false), NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", false),
        NUMERIC_GREATER_THAN("NumericGreaterThan", false),
        NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", false),
        NULL("Null", false);

        final String text;
        final boolean negated;

        Operator(String text, boolean negated) {
            this.text = text;
            this.negated = negated;
        }
    }

    private enum SetQualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    public Condition {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
        if (parse(operator).isEmpty()) {
            throw new IllegalArgumentException("unsupported condition operator " + operator);
        }
    }

    /** Whether {@code operator} is a condition operator this evaluator understands. */
    static boolean isSupported(String operator) {
        return parse(operator).isPresent();
    }

    private record Parsed(SetQualifier qualifier, Operator operator, boolean ifExists) {
    }

    private static Optional<Parsed> parse(String text) {
        SetQualifier qualifier = SetQualifier.NONE;
        String rest = text;
        if (rest.startsWith("ForAnyValue:")) {
            qualifier = SetQualifier.FOR_ANY_VALUE;
            rest = rest.substring("ForAnyValue:".length());
        } else if (rest.startsWith("ForAllValues:")) {
            qualifier = SetQualifier.FOR_ALL_VALUES;
            rest = rest.substring("ForAllValues:".length());
        }
        boolean ifExists = rest.endsWith("IfExists");
        if (ifExists) {
            rest = rest.substring(0, rest.length() - "IfExists".length());
        }
        for (Operator op : Operator.values()) {
            if (op.text.equals(rest)) {
                if (op == Operator.NULL && (ifExists || qualifier != SetQualifier.NONE)) {
                    return Optional.empty();
                }
                return Optional.of(new Parsed(qualifier, op, ifExists));
            }
        }
        return Optional.empty();
    }

    /**
     * Evaluates this condition against the request context.
     *
     * @param context condition keys (lower case) to their values in the request
     */
    boolean holds(Map<String, List<String>> context) {
        Parsed parsed = parse(operator).orElseThrow();
        List<String> actual = context.getOrDefault(key.toLowerCase(Locale.ROOT), List.of());
        if (parsed.operator == Operator.NULL) {
            boolean absent = actual.isEmpty();
            return values.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
        }
        if (actual.isEmpty()) {
            return parsed.ifExists || parsed.qualifier == SetQualifier.FOR_ALL_VALUES
                    || (parsed.qualifier == SetQualifier.NONE && parsed.operator.negated);
        }
        Operator op = parsed.operator;
        return switch (parsed.qualifier) {
            case NONE -> actual.stream().anyMatch(a -> matchesAny(op, a)) != op.negated;
            case FOR_ANY_VALUE -> actual.stream().anyMatch(a -> matchesAny(op, a) != op.negated);
            case FOR_ALL_VALUES -> actual.stream().allMatch(a -> matchesAny(op, a) != op.negated);
        };
    }

    /** Whether {@code actual} matches one of the policy values under the un-negated form of {@code op}. */
    private boolean matchesAny(Operator op, String actual) {
        for (String expected : values) {
            if (matchesOne(op, expected, actual)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesOne(Operator op, String expected, String actual) {
        return switch (op) {
            case STRING_EQUALS, STRING_NOT_EQUALS -> expected.equals(actual);
            case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE -> expected.equalsIgnoreCase(actual);
            case STRING_LIKE, STRING_NOT_LIKE -> Wildcards.matches(expected, actual, false);
            case ARN_EQUALS, ARN_LIKE, ARN_NOT_EQUALS, ARN_NOT_LIKE -> Wildcards.arnMatches(expected, actual);
            case BOOL -> expected.equalsIgnoreCase(actual);
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_EQUALS,
                    NUMERIC_GREATER_THAN, NUMERIC_GREATER_THAN_EQUALS -> numeric(op, expected, actual);
            case NULL -> throw new IllegalStateException("Null is evaluated separately");
        };
    }

    /** Compares numbers; a value that is not a number matches nothing. */
    private static boolean numeric(Operator op, String expected, String actual) {
        int c;
        try {
            c = Double.compare(Double.parseDouble(actual.trim()), Double.parseDouble(expected.trim()));
        } catch (NumberFormatException e) {
            return false;
        }
        return switch (op) {
            case NUMERIC_LESS_THAN -> c < 0;
            case NUMERIC_LESS_THAN_EQUALS -> c <= 0;
            case NUMERIC_GREATER_THAN -> c > 0;
            case NUMERIC_GREATER_THAN_EQUALS -> c >= 0;
            default -> c == 0;
        };
    }
}
