package org.ec2workbench.capture.session;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.recorder.Redaction;

/**
 * Exports a session's attempts: CSV (one row per attempt) and HAR 1.2 (one entry per attempt, opens in a
 * browser's devtools). Text passes through {@link Redaction#scrub}. HAR URLs are synthesised from service
 * and action ({@code https://ec2.amazonaws.com/?Action=DescribeInstances}): the workbench does not keep
 * request bodies or endpoints.
 */
public final class Exports {

    /** CSV columns, in order. */
    public static final String CSV_HEADER = "start_utc,start_us,duration_us,service,action,bucket,http_status,"
            + "error_code,category,fault,request_id,call_id,attempt,backoff_us,source_kind,source,principal,error_message";

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Exports() {
    }

    /** Writes every attempt of {@code s} as CSV (RFC 4180 quoting) with a header row. */
    public static void writeCsv(AttemptStore.Snapshot s, Writer out) throws IOException {
        out.write(CSV_HEADER);
        out.write("\r\n");
        for (int i = 0; i < s.size(); i++) {
            out.write(ISO_MILLIS.format(instant(s.startMicros(i))));
            out.write(',');
            out.write(Long.toString(s.startMicros(i)));
            out.write(',');
            out.write(Long.toString(s.durationMicros(i)));
            cell(out, s.service(i));
            cell(out, s.action(i));
            cell(out, s.bucket(i));
            out.write(',');
            out.write(Integer.toString(s.httpStatus(i)));
            cell(out, s.errorCode(i));
            cell(out, s.category(i).name());
            cell(out, s.fault(i).name());
            cell(out, s.requestId(i));
            out.write(',');
            out.write(Integer.toString(s.callId(i)));
            out.write(',');
            out.write(Integer.toString(s.attemptNumber(i)));
            out.write(',');
            out.write(Long.toString(s.backoffMicros(i)));
            cell(out, s.sourceKind(i).name());
            cell(out, s.source(i));
            cell(out, s.principal(i));
            cell(out, s.errorMessage(i));
            out.write("\r\n");
        }
        out.flush();
    }

    private static void cell(Writer out, String value) throws IOException {
        out.write(',');
        if (value == null) {
            return;
        }
        String v = Redaction.scrub(value);
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            out.write('"');
            out.write(v.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(v);
        }
    }

    /** Writes every attempt of {@code s} as a HAR 1.2 log. */
    public static void writeHar(AttemptStore.Snapshot s, OutputStream out, String creatorVersion) throws IOException {
        try (JsonGenerator g = SessionFormat.JSON.createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeObjectFieldStart("log");
            g.writeStringField("version", "1.2");
            g.writeObjectFieldStart("creator");
            g.writeStringField("name", "EC2 API Workbench");
            g.writeStringField("version", creatorVersion);
            g.writeEndObject();
            g.writeArrayFieldStart("entries");
            for (int i = 0; i < s.size(); i++) {
                harEntry(g, s, i);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        out.flush();
    }

    private static void harEntry(JsonGenerator g, AttemptStore.Snapshot s, int i) throws IOException {
        double millis = s.durationMicros(i) / 1_000.0;
        String action = s.action(i);
        g.writeStartObject();
        g.writeStringField("startedDateTime", ISO_MILLIS.format(instant(s.startMicros(i))));
        g.writeNumberField("time", millis);
        g.writeObjectFieldStart("request");
        g.writeStringField("method", "POST");
        g.writeStringField("url", "https://" + s.service(i) + ".amazonaws.com/?Action=" + action);
        g.writeStringField("httpVersion", "HTTP/1.1");
        g.writeArrayFieldStart("cookies");
        g.writeEndArray();
        g.writeArrayFieldStart("headers");
        g.writeEndArray();
        g.writeArrayFieldStart("queryString");
        g.writeStartObject();
        g.writeStringField("name", "Action");
        g.writeStringField("value", action);
        g.writeEndObject();
        g.writeEndArray();
        g.writeNumberField("headersSize", -1);
        g.writeNumberField("bodySize", -1);
        g.writeEndObject();

        int status = s.httpStatus(i);
        g.writeObjectFieldStart("response");
        g.writeNumberField("status", status);
        g.writeStringField("statusText", s.errorCode(i) == null ? (status == 0 ? "" : "OK") : Redaction.scrub(s.errorCode(i)));
        g.writeStringField("httpVersion", "HTTP/1.1");
        g.writeArrayFieldStart("cookies");
        g.writeEndArray();
        g.writeArrayFieldStart("headers");
        if (s.requestId(i) != null) {
            g.writeStartObject();
            g.writeStringField("name", "x-amzn-RequestId");
            g.writeStringField("value", s.requestId(i));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("content");
        g.writeNumberField("size", 0);
        g.writeStringField("mimeType", "text/xml");
        if (s.errorCode(i) != null) {
            g.writeStringField("text", "<Response><Errors><Error><Code>" + xml(s.errorCode(i)) + "</Code><Message>"
                    + xml(s.errorMessage(i) == null ? "" : s.errorMessage(i)) + "</Message></Error></Errors><RequestID>"
                    + xml(s.requestId(i) == null ? "" : s.requestId(i)) + "</RequestID></Response>");
        }
        g.writeEndObject();
        g.writeStringField("redirectURL", "");
        g.writeNumberField("headersSize", -1);
        g.writeNumberField("bodySize", -1);
        g.writeEndObject();

        g.writeObjectFieldStart("cache");
        g.writeEndObject();
        g.writeObjectFieldStart("timings");
        g.writeNumberField("send", 0);
        g.writeNumberField("wait", millis);
        g.writeNumberField("receive", 0);
        g.writeEndObject();
        g.writeStringField("comment", "call " + s.callId(i) + " attempt " + s.attemptNumber(i) + ", backoff before it "
                + s.backoffMicros(i) / 1_000.0 + " ms, " + s.category(i).name().toLowerCase(java.util.Locale.ROOT));
        // Chromium's devtools files entries by this field; without it API calls show as "script".
        g.writeStringField("_resourceType", "fetch");
        g.writeNumberField("_callId", s.callId(i));
        g.writeNumberField("_attempt", s.attemptNumber(i));
        g.writeNumberField("_backoffMs", s.backoffMicros(i) / 1_000.0);
        g.writeStringField("_category", s.category(i).name());
        g.writeStringField("_fault", s.fault(i).name());
        if (s.bucket(i) != null) {
            g.writeStringField("_bucket", s.bucket(i));
        }
        g.writeStringField("_sourceKind", s.sourceKind(i).name());
        if (s.source(i) != null) {
            g.writeStringField("_source", Redaction.scrub(s.source(i)));
        }
        if (s.principal(i) != null) {
            g.writeStringField("_principal", Redaction.scrub(s.principal(i)));
        }
        g.writeEndObject();
    }

    private static String xml(String s) {
        return Redaction.scrub(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }
}
