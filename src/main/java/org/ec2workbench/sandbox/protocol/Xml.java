package org.ec2workbench.sandbox.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * A small, fast XML writer for Query-protocol replies: elements opened and closed in order, text escaped,
 * written straight into UTF-8 bytes. Not a general XML library: no attributes beyond the root namespace.
 */
public final class Xml {

    /** ISO-8601 with milliseconds and Z, the form EC2 uses for timestamps. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private byte[] out;
    private int size;

    /** A writer with an initial capacity in bytes. */
    public Xml(int capacity) {
        out = new byte[Math.max(64, capacity)];
        raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    /** Opens the root element with its namespace. */
    public Xml root(String name, String namespace) {
        put('<');
        raw(name);
        raw(" xmlns=\"");
        raw(namespace);
        raw("\">");
        return this;
    }

    /** Opens an element. */
    public Xml open(String name) {
        put('<');
        raw(name);
        put('>');
        return this;
    }

    /** Closes an element. */
    public Xml close(String name) {
        put('<');
        put('/');
        raw(name);
        put('>');
        return this;
    }

    /** An element holding escaped text; nothing at all when {@code value} is null. */
    public Xml leaf(String name, String value) {
        if (value != null) {
            open(name);
            escape(value);
            close(name);
        }
        return this;
    }

    /** An element holding a number. */
    public Xml leaf(String name, long value) {
        open(name);
        raw(Long.toString(value));
        return close(name);
    }

    /** An element holding a boolean. */
    public Xml leaf(String name, boolean value) {
        open(name);
        raw(value ? "true" : "false");
        return close(name);
    }

    /** An element holding a timestamp; nothing when null. */
    public Xml leaf(String name, Instant value) {
        if (value != null) {
            open(name);
            raw(TIMESTAMP.format(value));
            close(name);
        }
        return this;
    }

    /** An empty element, e.g. an empty list. */
    public Xml empty(String name) {
        put('<');
        raw(name);
        put('/');
        put('>');
        return this;
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }

    private void put(char c) {
        ensure(1);
        out[size++] = (byte) c;
    }

    /** Appends markup known to be ASCII (names, numbers): the low byte of each char is the character. */
    @SuppressWarnings("deprecation")
    private void raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        ascii.getBytes(0, n, out, size);
        size += n;
    }

    /** Appends an already written fragment (e.g. a cached element). */
    public Xml fragment(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** A writer for a fragment, without the XML declaration. */
    public static Xml fragmentWriter(int capacity) {
        Xml xml = new Xml(capacity);
        xml.size = 0;
        return xml;
    }

    private void escape(String value) {
        int n = value.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '<' && c != '>' && c != '&' && c != '"') {
                if (size == out.length) {
                    ensure(1);
                }
                out[size++] = (byte) c;
                continue;
            }
            switch (c) {
                case '<' -> raw("&lt;");
                case '>' -> raw("&gt;");
                case '&' -> raw("&amp;");
                case '"' -> raw("&quot;");
                case '\r' -> raw("&#13;");
                case '\n', '\t' -> put(c);
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validPair(value, i)) {
                        raw("&#xFFFD;");
                    } else if (Character.isHighSurrogate(c)) {
                        utf8(value.substring(i, i + 2));
                        i++;
                    } else {
                        utf8(String.valueOf(c));
                    }
                }
            }
        }
    }

    private static boolean validPair(String value, int i) {
        return Character.isHighSurrogate(value.charAt(i)) && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
    }

    private void utf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, size, bytes.length);
        size += bytes.length;
    }

    /** The document as UTF-8 bytes. */
    public byte[] toBytes() {
        return Arrays.copyOf(out, size);
    }

    /** The document as text. */
    @Override
    public String toString() {
        return new String(out, 0, size, StandardCharsets.UTF_8);
    }
}
