package org.ec2workbench.sandbox.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The SQS Query protocol (form-encoded {@code Action=...}, XML replies in namespace
 * {@code http://queue.amazonaws.com/doc/2012-11-05/}) translated to and from the JSON 1.0 shapes that
 * {@link SqsService} works on.
 */
final class SqsQueryProtocol {

    static final String NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsQueryProtocol() {
    }

    /** The JSON-shaped request for form parameters {@code form} (flattened {@code Name.N.Member} keys). */
    static ObjectNode toJson(Map<String, String> form) {
        ObjectNode p = JSON.createObjectNode();
        for (String scalar : new String[] {"QueueUrl", "QueueName", "QueueNamePrefix", "QueueOwnerAWSAccountId",
                "MaxResults", "NextToken", "MessageBody", "DelaySeconds", "MaxNumberOfMessages", "VisibilityTimeout",
                "WaitTimeSeconds", "ReceiptHandle", "ReceiveRequestAttemptId"}) {
            if (form.containsKey(scalar)) {
                p.put(scalar, form.get(scalar));
            }
        }
        ObjectNode attributes = nameValueMap(form, "Attribute", "Name", "Value");
        if (!attributes.isEmpty()) {
            p.set("Attributes", attributes);
        }
        ObjectNode tags = nameValueMap(form, "Tag", "Key", "Value");
        if (!tags.isEmpty()) {
            p.set(form.containsKey("QueueName") ? "tags" : "Tags", tags);
        }
        list(form, "AttributeName", p, "AttributeNames");
        list(form, "MessageSystemAttributeName", p, "MessageSystemAttributeNames");
        list(form, "MessageAttributeName", p, "MessageAttributeNames");
        list(form, "TagKey", p, "TagKeys");
        ObjectNode messageAttributes = JSON.createObjectNode();
        for (int i = 1; form.containsKey("MessageAttribute." + i + ".Name"); i++) {
            String prefix = "MessageAttribute." + i + ".Value.";
            ObjectNode value = messageAttributes.putObject(form.get("MessageAttribute." + i + ".Name"));
            for (String member : new String[] {"StringValue", "BinaryValue", "DataType"}) {
                if (form.containsKey(prefix + member)) {
                    value.put(member, form.get(prefix + member));
                }
            }
        }
        if (!messageAttributes.isEmpty()) {
            p.set("MessageAttributes", messageAttributes);
        }
        String batch = "DeleteMessageBatchRequestEntry";
        if (form.keySet().stream().anyMatch(k -> k.startsWith(batch + "."))) {
            ArrayNode entries = p.putArray("Entries");
            for (int i = 1; form.containsKey(batch + "." + i + ".Id") || form.containsKey(batch + "." + i + ".ReceiptHandle"); i++) {
                ObjectNode e = entries.addObject();
                e.put("Id", form.getOrDefault(batch + "." + i + ".Id", ""));
                e.put("ReceiptHandle", form.getOrDefault(batch + "." + i + ".ReceiptHandle", ""));
            }
        }
        return p;
    }

    private static ObjectNode nameValueMap(Map<String, String> form, String prefix, String key, String value) {
        ObjectNode out = JSON.createObjectNode();
        for (int i = 1; form.containsKey(prefix + "." + i + "." + key); i++) {
            out.put(form.get(prefix + "." + i + "." + key), form.getOrDefault(prefix + "." + i + "." + value, ""));
        }
        return out;
    }

    private static void list(Map<String, String> form, String prefix, ObjectNode p, String field) {
        if (form.containsKey(prefix + ".1")) {
            ArrayNode arr = p.putArray(field);
            for (int i = 1; form.containsKey(prefix + "." + i); i++) {
                arr.add(form.get(prefix + "." + i));
            }
        } else if (form.containsKey(prefix)) {
            p.putArray(field).add(form.get(prefix));
        }
    }

    /** The XML reply for a JSON-shaped result. */
    static String toXml(String operation, JsonNode result, String requestId) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\"?>");
        x.append('<').append(operation).append("Response xmlns=\"").append(NAMESPACE).append("\">");
        boolean hasResult = !result.isEmpty() || switch (operation) {
            case "ListQueues", "ReceiveMessage", "GetQueueAttributes", "ListQueueTags", "DeleteMessageBatch" -> true;
            default -> false;
        };
        if (hasResult) {
            x.append('<').append(operation).append("Result>");
            appendResult(x, operation, result);
            x.append("</").append(operation).append("Result>");
        }
        x.append("<ResponseMetadata><RequestId>").append(escape(requestId)).append("</RequestId></ResponseMetadata>");
        x.append("</").append(operation).append("Response>");
        return x.toString();
    }

    private static void appendResult(StringBuilder x, String operation, JsonNode r) {
        Iterator<Map.Entry<String, JsonNode>> it = r.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            switch (name) {
                case "Attributes" -> nameValues(x, "Attribute", "Name", v);
                case "Tags" -> nameValues(x, "Tag", "Key", v);
                case "QueueUrls" -> v.forEach(u -> element(x, "QueueUrl", u.asText()));
                case "Messages" -> v.forEach(m -> message(x, m));
                case "Successful" -> v.forEach(e -> {
                    x.append("<").append(operation).append("ResultEntry>");
                    fields(x, e);
                    x.append("</").append(operation).append("ResultEntry>");
                });
                case "Failed" -> v.forEach(e -> {
                    x.append("<BatchResultErrorEntry>");
                    fields(x, e);
                    x.append("</BatchResultErrorEntry>");
                });
                default -> element(x, name, v.asText());
            }
        }
    }

    private static void message(StringBuilder x, JsonNode m) {
        x.append("<Message>");
        Iterator<Map.Entry<String, JsonNode>> it = m.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "Attributes" -> nameValues(x, "Attribute", "Name", f.getValue());
                case "MessageAttributes" -> f.getValue().fields().forEachRemaining(a -> {
                    x.append("<MessageAttribute>");
                    element(x, "Name", a.getKey());
                    x.append("<Value>");
                    fields(x, a.getValue());
                    x.append("</Value></MessageAttribute>");
                });
                default -> element(x, f.getKey(), f.getValue().asText());
            }
        }
        x.append("</Message>");
    }

    private static void nameValues(StringBuilder x, String element, String keyName, JsonNode map) {
        map.fields().forEachRemaining(e -> {
            x.append('<').append(element).append('>');
            element(x, keyName, e.getKey());
            element(x, "Value", e.getValue().asText());
            x.append("</").append(element).append('>');
        });
    }

    private static void fields(StringBuilder x, JsonNode object) {
        object.fields().forEachRemaining(e -> element(x, e.getKey(), e.getValue().asText()));
    }

    private static void element(StringBuilder x, String name, String text) {
        x.append('<').append(name).append('>').append(escape(text)).append("</").append(name).append('>');
    }

    /** The Query protocol's error document. */
    static String errorXml(SqsException e, String requestId) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\"?><ErrorResponse xmlns=\"").append(NAMESPACE)
                .append("\"><Error>");
        element(x, "Type", e.faultType());
        element(x, "Code", e.queryCode());
        element(x, "Message", e.getMessage());
        x.append("<Detail/></Error>");
        element(x, "RequestId", requestId);
        return x.append("</ErrorResponse>").toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\r' -> b.append("&#xD;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
