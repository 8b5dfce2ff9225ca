package org.ec2workbench.capture;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Interns the strings of one store column: each distinct value gets a small id, 0 standing for
 * {@code null}. Writers call {@link #idOf} under the store's lock; readers call {@link #valueOf} from any
 * thread, for ids they read from rows published after the id was issued.
 *
 * <p>Bounded: once {@code maxEntries} values or {@code maxChars} characters are held, new values map to
 * the reserved {@link #OVERFLOW} value, so a flood of distinct garbage cannot grow the heap.
 */
final class StringDictionary {

    /** What a value that did not fit reads back as. */
    static final String OVERFLOW = "(not kept: dictionary full)";

    private final int maxEntries;
    private final long maxChars;
    private final java.util.function.UnaryOperator<String> transform;
    private final Map<String, Integer> ids = new HashMap<>();
    private volatile String[] values = new String[16];
    private int count = 1; // id 0 is null
    private long chars;
    private int overflowId = -1;

    StringDictionary(int maxEntries, long maxChars) {
        this(maxEntries, maxChars, java.util.function.UnaryOperator.identity());
    }

    /** A dictionary that keeps {@code transform(value)} for each new value (e.g. redacted text). */
    StringDictionary(int maxEntries, long maxChars, java.util.function.UnaryOperator<String> transform) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
        this.transform = transform;
    }

    /** The id of {@code value}, adding it if new (callers hold the store's lock). */
    int idOf(String value) {
        if (value == null) {
            return 0;
        }
        Integer id = ids.get(value);
        if (id != null) {
            return id;
        }
        if (count >= maxEntries - 1 || chars + value.length() > maxChars) {
            if (overflowId < 0) {
                overflowId = add(OVERFLOW);
            }
            return overflowId;
        }
        int added = add(transform.apply(value));
        ids.put(value, added);
        return added;
    }

    private int add(String value) {
        String[] current = values;
        if (count == current.length) {
            current = Arrays.copyOf(current, current.length * 2);
        }
        int id = count++;
        current[id] = value;
        values = current; // volatile write publishes the entry
        ids.put(value, id);
        chars += value.length();
        return id;
    }

    /** The value of {@code id}; {@code null} for 0. */
    String valueOf(int id) {
        return id == 0 ? null : values[id];
    }

    /** Number of distinct values held (without {@code null}). */
    int size() {
        return count - 1;
    }

    /** A rough count of the heap this dictionary holds, in bytes. */
    long estimatedBytes() {
        // map entry + Integer + String header + (latin-1) chars + array slot
        return (long) values.length * 4 + (long) size() * (32 + 16 + 24 + 16) + chars;
    }
}
