package org.ec2workbench.capture.session;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.recorder.Redaction;

/**
 * The JSON Lines session format: a header line {@code {"format":"ec2-workbench-session","version":1,...}},
 * then one object per attempt with the fields below. Text fields pass through {@link Redaction#scrub} so an
 * access key id is never written in clear; secret keys are never part of an attempt at all.
 */
final class SessionFormat {

    static final String FORMAT = "ec2-workbench-session";
    static final int VERSION = 1;
    static final JsonFactory JSON = new JsonFactory();

    static final String START = "start_us";
    static final String DURATION = "duration_us";
    static final String SERVICE = "service";
    static final String ACTION = "action";
    static final String BUCKET = "bucket";
    static final String STATUS = "http_status";
    static final String CODE = "error_code";
    static final String MESSAGE = "error_message";
    static final String CATEGORY = "category";
    static final String FAULT = "fault";
    static final String REQUEST_ID = "request_id";
    static final String CALL = "call_id";
    static final String ATTEMPT = "attempt";
    static final String BACKOFF = "backoff_us";
    static final String SOURCE_KIND = "source_kind";
    static final String SOURCE = "source";
    static final String PRINCIPAL = "principal";

    private SessionFormat() {
    }

    /** Writes attempt {@code i} of {@code s} as one JSON object (no line break). */
    static void writeAttempt(JsonGenerator g, AttemptStore.Snapshot s, int i) throws IOException {
        g.writeStartObject();
        g.writeNumberField(START, s.startMicros(i));
        g.writeNumberField(DURATION, s.durationMicros(i));
        g.writeStringField(SERVICE, s.service(i));
        g.writeStringField(ACTION, s.action(i));
        text(g, BUCKET, s.bucket(i));
        g.writeNumberField(STATUS, s.httpStatus(i));
        text(g, CODE, s.errorCode(i));
        text(g, MESSAGE, s.errorMessage(i));
        g.writeStringField(CATEGORY, s.category(i).name());
        g.writeStringField(FAULT, s.fault(i).name());
        text(g, REQUEST_ID, s.requestId(i));
        g.writeNumberField(CALL, s.callId(i));
        g.writeNumberField(ATTEMPT, s.attemptNumber(i));
        g.writeNumberField(BACKOFF, s.backoffMicros(i));
        g.writeStringField(SOURCE_KIND, s.sourceKind(i).name());
        text(g, SOURCE, s.source(i));
        text(g, PRINCIPAL, s.principal(i));
        g.writeEndObject();
    }

    private static void text(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, Redaction.scrub(value));
        }
    }
}
