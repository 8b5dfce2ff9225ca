package org.ec2workbench.sandbox.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A small, fast XML writer for Query-protocol replies: elements opened and closed in order, text escaped.
 * Not a general XML library: no attributes beyond the root namespace.
 */
public final class Xml {

    /** ISO-8601 with milliseconds and Z, the form EC2 uses for timestamps. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StringBuilder out;

    /** A writer with an initial capacity. */
    public Xml(int capacity) {
        out = new StringBuilder(capacity);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    /** Opens the root element with its namespace. */
    public Xml root(String name, String namespace) {
        out.append('<').append(name).append(" xmlns=\"").append(namespace).append("\">");
        return this;
    }

    /** Opens an element. */
    public Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    /** Closes an element. */
    public Xml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** An element holding escaped text; nothing at all when {@code value} is null. */
    public Xml leaf(String name, String value) {
        if (value != null) {
            out.append('<').append(name).append('>');
            escape(value);
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /** An element holding a number. */
    public Xml leaf(String name, long value) {
        out.append('<').append(name).append('>').append(value).append("</").append(name).append('>');
        return this;
    }

    /** An element holding a boolean. */
    public Xml leaf(String name, boolean value) {
        out.append('<').append(name).append('>').append(value).append("</").append(name).append('>');
        return this;
    }

    /** An element holding a timestamp; nothing when null. */
    public Xml leaf(String name, Instant value) {
        if (value != null) {
            out.append('<').append(name).append('>');
            TIMESTAMP.formatTo(value, out);
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /** An empty element, e.g. an empty list. */
    public Xml empty(String name) {
        out.append('<').append(name).append("/>");
        return this;
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append("&#xFFFD;");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** The document. */
    @Override
    public String toString() {
        return out.toString();
    }
}
