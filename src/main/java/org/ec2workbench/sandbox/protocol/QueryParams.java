package org.ec2workbench.sandbox.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of an AWS Query request (form body or query string), decoded strictly: a broken percent
 * escape or invalid UTF-8 is an error, never a guess. Lists follow the Query convention
 * {@code Name.1}, {@code Name.2}, ...; structures {@code Name.Member}.
 */
public final class QueryParams {

    /** Most parameters one request may carry. */
    public static final int MAX_PARAMETERS = 2_000;

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    /** Parameters from already-decoded pairs (tests, internal callers). */
    public static QueryParams of(Map<String, String> values) {
        return new QueryParams(new LinkedHashMap<>(values));
    }

    /**
     * Parses {@code a=1&b=2} form encoding, merging several sources (query string, then body).
     *
     * @throws ApiException {@code MalformedQueryString} for broken encodings or too many parameters
     */
    public static QueryParams parse(String... sources) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String source : sources) {
            if (source == null || source.isEmpty()) {
                continue;
            }
            int start = 0;
            int length = source.length();
            while (start <= length) {
                int amp = source.indexOf('&', start);
                int end = amp < 0 ? length : amp;
                if (end > start) {
                    int eq = source.indexOf('=', start);
                    String name;
                    String value;
                    if (eq < 0 || eq > end) {
                        name = decode(source, start, end);
                        value = "";
                    } else {
                        name = decode(source, start, eq);
                        value = decode(source, eq + 1, end);
                    }
                    if (!name.isEmpty()) {
                        values.putIfAbsent(name, value);
                        if (values.size() > MAX_PARAMETERS) {
                            throw ApiException.client("MalformedQueryString",
                                    "The request carries more than " + MAX_PARAMETERS + " parameters.");
                        }
                    }
                }
                if (amp < 0) {
                    break;
                }
                start = amp + 1;
            }
        }
        return new QueryParams(values);
    }

    private static String decode(String source, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            char c = source.charAt(i);
            if (c == '%' || c == '+' || c > 0x7e || c < 0x20) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return source.substring(from, to);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = source.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= to) {
                    throw malformed();
                }
                int hi = Character.digit(source.charAt(i + 1), 16);
                int lo = Character.digit(source.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw malformed();
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw malformed();
        }
    }

    private static ApiException malformed() {
        return ApiException.client("MalformedQueryString", "The query string or form body has a broken encoding.");
    }

    /** The value, or null. */
    public String get(String name) {
        return values.get(name);
    }

    /** The value, or {@code fallback}. */
    public String get(String name, String fallback) {
        String value = values.get(name);
        return value == null ? fallback : value;
    }

    /** The value, or {@code MissingParameter}. */
    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw ApiException.missing(name);
        }
        return value;
    }

    /** Whether the parameter is present. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A boolean parameter ("true"/"false", any case); {@code fallback} when absent. */
    public boolean bool(String name, boolean fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw ApiException.invalidValue(name, value, "Expected true or false.");
    }

    /** An integer parameter; {@code fallback} when absent. */
    public int integer(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidValue(name, value, "Expected an integer.");
        }
    }

    /** Values of the list {@code prefix.1}, {@code prefix.2}, ... in index order. */
    public List<String> list(String prefix) {
        TreeMap<Integer, String> items = new TreeMap<>();
        String dotted = prefix + ".";
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(dotted)) {
                Integer index = index(key.substring(dotted.length()));
                if (index != null) {
                    items.put(index, e.getValue());
                }
            }
        }
        return items.isEmpty() ? List.of() : new ArrayList<>(items.values());
    }

    /**
     * The members of the structure list {@code prefix.N.*}, each as its own parameter set with the
     * {@code prefix.N.} stripped, in index order.
     */
    public List<QueryParams> structures(String prefix) {
        TreeMap<Integer, Map<String, String>> items = new TreeMap<>();
        String dotted = prefix + ".";
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(dotted)) {
                continue;
            }
            String rest = key.substring(dotted.length());
            int dot = rest.indexOf('.');
            if (dot <= 0) {
                continue;
            }
            Integer index = index(rest.substring(0, dot));
            if (index != null) {
                items.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(rest.substring(dot + 1), e.getValue());
            }
        }
        if (items.isEmpty()) {
            return List.of();
        }
        List<QueryParams> result = new ArrayList<>(items.size());
        items.values().forEach(m -> result.add(new QueryParams(m)));
        return result;
    }

    /** All parameters, read-only. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    private static Integer index(String text) {
        if (text.isEmpty() || text.length() > 6) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return null;
            }
        }
        int n = Integer.parseInt(text);
        return n >= 1 ? n : null;
    }
}
