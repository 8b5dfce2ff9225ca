package org.ec2workbench.sandbox.ec2;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ec2workbench.sandbox.protocol.ApiException;
import org.ec2workbench.sandbox.protocol.QueryParams;
import org.ec2workbench.sandbox.protocol.Xml;

/** Tag parameters and the {@code tagSet} element. */
final class Tags {

    private Tags() {
    }

    /**
     * Reads {@code prefix.N.Key} / {@code prefix.N.Value}.
     *
     * @param valueRequired false for DeleteTags, where a missing value means "any value" (null in the map)
     */
    static Map<String, String> parse(QueryParams params, String prefix, boolean valueRequired) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (QueryParams tag : params.structures(prefix)) {
            String key = tag.get("Key");
            if (key == null) {
                throw ApiException.missing(prefix + ".N.Key");
            }
            if (key.isEmpty() || key.length() > 128) {
                throw ApiException.client("InvalidParameterValue",
                        "Tag key must be between 1 and 128 characters long.");
            }
            if (key.regionMatches(true, 0, "aws:", 0, 4)) {
                throw ApiException.client("InvalidParameterValue",
                        "Tag keys starting with 'aws:' are reserved for internal use");
            }
            String value = tag.get("Value");
            if (value == null && valueRequired) {
                value = "";
            }
            if (value != null && value.length() > 256) {
                throw ApiException.client("InvalidParameterValue",
                        "Tag value must be no longer than 256 characters.");
            }
            tags.put(key, value);
        }
        return tags;
    }

    /** Writes {@code <tagSet>} when there are tags. */
    static void write(Xml xml, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        xml.open("tagSet");
        tags.forEach((k, v) -> xml.open("item").leaf("key", k).leaf("value", v).close("item"));
        xml.close("tagSet");
    }
}
