package org.ec2workbench.capture;

import java.util.Objects;

/**
 * One HTTP attempt of one API call, from any source. Immutable; build with {@link #builder()}. Times are in
 * microseconds: {@link #startMicros()} since the epoch, {@link #durationMicros()} and
 * {@link #backoffMicros()} as lengths. Optional text fields are {@code null} when unknown.
 *
 * <p>The attempts of one call share a {@link #callId()} (issued by {@link AttemptStore#newCallId()}) and are
 * numbered from 1; {@link #backoffMicros()} is the wait between the end of the previous attempt and the
 * start of this one (0 for the first attempt).
 */
public final class Attempt {

    private final String service;
    private final String action;
    private final String bucket;
    private final long startMicros;
    private final long durationMicros;
    private final int httpStatus;
    private final String errorCode;
    private final String errorMessage;
    private final ErrorCategory category;
    private final Fault fault;
    private final String requestId;
    private final int callId;
    private final int attemptNumber;
    private final long backoffMicros;
    private final SourceKind sourceKind;
    private final String source;
    private final String principal;

    private Attempt(Builder b) {
        this.service = b.service;
        this.action = b.action;
        this.bucket = b.bucket;
        this.startMicros = b.startMicros;
        this.durationMicros = b.durationMicros;
        this.httpStatus = b.httpStatus;
        this.errorCode = b.errorCode;
        this.errorMessage = b.errorMessage;
        this.category = b.category;
        this.fault = b.fault;
        this.requestId = b.requestId;
        this.callId = b.callId;
        this.attemptNumber = b.attemptNumber;
        this.backoffMicros = b.backoffMicros;
        this.sourceKind = b.sourceKind;
        this.source = b.source;
        this.principal = b.principal;
    }

    /** A builder with no fields set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this attempt's fields, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The service's signing name, e.g. {@code ec2}, {@code sts}. */
    public String service() {
        return service;
    }

    /** The API action, e.g. {@code DescribeInstances}. */
    public String action() {
        return action;
    }

    /** The throttling bucket the attempt draws from (a category such as {@code non-mutating}, or the action's own bucket); {@code null} when unknown. */
    public String bucket() {
        return bucket;
    }

    /** Start of the attempt, microseconds since the epoch. */
    public long startMicros() {
        return startMicros;
    }

    /** How long the attempt took, microseconds. */
    public long durationMicros() {
        return durationMicros;
    }

    /** End of the attempt, microseconds since the epoch. */
    public long endMicros() {
        return startMicros + durationMicros;
    }

    /** The HTTP status, or 0 when no response arrived (connection failure, timeout). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The AWS error code, e.g. {@code RequestLimitExceeded}; {@code null} on success. */
    public String errorCode() {
        return errorCode;
    }

    /** The AWS error message; {@code null} when none or not kept. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The error category ({@link ErrorCategory#NONE} on success). */
    public ErrorCategory category() {
        return category;
    }

    /** Client or server fault ({@link Fault#NONE} on success). */
    public Fault fault() {
        return fault;
    }

    /** The AWS request id; {@code null} when unknown. */
    public String requestId() {
        return requestId;
    }

    /** The call this attempt belongs to. */
    public int callId() {
        return callId;
    }

    /** The attempt's number within its call, from 1. */
    public int attemptNumber() {
        return attemptNumber;
    }

    /** The backoff wait before this attempt, microseconds (0 for a first attempt). */
    public long backoffMicros() {
        return backoffMicros;
    }

    /** Where the record came from. */
    public SourceKind sourceKind() {
        return sourceKind;
    }

    /** Who made the call: a user agent, a process or client id, or {@code workbench}; {@code null} when unknown. */
    public String source() {
        return source;
    }

    /** The principal (an IAM ARN, or a redacted access key id); {@code null} when unknown. */
    public String principal() {
        return principal;
    }

    /** Whether the attempt succeeded (no error code and a 2xx status). */
    public boolean succeeded() {
        return category == ErrorCategory.NONE;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Attempt a)) {
            return false;
        }
        return startMicros == a.startMicros && durationMicros == a.durationMicros && httpStatus == a.httpStatus
                && callId == a.callId && attemptNumber == a.attemptNumber && backoffMicros == a.backoffMicros
                && service.equals(a.service) && action.equals(a.action) && Objects.equals(bucket, a.bucket)
                && Objects.equals(errorCode, a.errorCode) && Objects.equals(errorMessage, a.errorMessage)
                && category == a.category && fault == a.fault && Objects.equals(requestId, a.requestId)
                && sourceKind == a.sourceKind && Objects.equals(source, a.source)
                && Objects.equals(principal, a.principal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, startMicros, callId, attemptNumber, requestId);
    }

    @Override
    public String toString() {
        return service + ":" + action + " call " + callId + " #" + attemptNumber + " @" + startMicros + "us "
                + durationMicros + "us " + httpStatus + (errorCode == null ? "" : " " + errorCode)
                + " " + category + (requestId == null ? "" : " " + requestId);
    }

    /** Configures an {@link Attempt}; {@link #build()} checks that the fields make sense together. */
    public static final class Builder {
        private String service;
        private String action;
        private String bucket;
        private long startMicros = -1;
        private long durationMicros;
        private int httpStatus;
        private String errorCode;
        private String errorMessage;
        private ErrorCategory category;
        private Fault fault;
        private String requestId;
        private int callId;
        private int attemptNumber = 1;
        private long backoffMicros;
        private SourceKind sourceKind = SourceKind.WORKBENCH;
        private String source;
        private String principal;

        private Builder() {
        }

        private Builder(Attempt a) {
            service = a.service;
            action = a.action;
            bucket = a.bucket;
            startMicros = a.startMicros;
            durationMicros = a.durationMicros;
            httpStatus = a.httpStatus;
            errorCode = a.errorCode;
            errorMessage = a.errorMessage;
            category = a.category;
            fault = a.fault;
            requestId = a.requestId;
            callId = a.callId;
            attemptNumber = a.attemptNumber;
            backoffMicros = a.backoffMicros;
            sourceKind = a.sourceKind;
            source = a.source;
            principal = a.principal;
        }

        /** The service's signing name (required). */
        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /** The API action (required). */
        public Builder action(String action) {
            this.action = action;
            return this;
        }

        /** The throttling bucket, or {@code null}. */
        public Builder bucket(String bucket) {
            this.bucket = emptyToNull(bucket);
            return this;
        }

        /** Start, microseconds since the epoch (required, ≥ 0). */
        public Builder startMicros(long startMicros) {
            this.startMicros = startMicros;
            return this;
        }

        /** Duration, microseconds (≥ 0). */
        public Builder durationMicros(long durationMicros) {
            this.durationMicros = durationMicros;
            return this;
        }

        /** The HTTP status, 0 when no response arrived. */
        public Builder httpStatus(int httpStatus) {
            this.httpStatus = httpStatus;
            return this;
        }

        /** The AWS error code, or {@code null} on success. */
        public Builder errorCode(String errorCode) {
            this.errorCode = emptyToNull(errorCode);
            return this;
        }

        /** The AWS error message, or {@code null}. */
        public Builder errorMessage(String errorMessage) {
            this.errorMessage = emptyToNull(errorMessage);
            return this;
        }

        /** The error category; defaults to {@link ErrorCategory#NONE} without an error code. */
        public Builder category(ErrorCategory category) {
            this.category = category;
            return this;
        }

        /** The fault; defaults from the HTTP status (0 and 5xx server, otherwise client) when an error is present. */
        public Builder fault(Fault fault) {
            this.fault = fault;
            return this;
        }

        /** The AWS request id, or {@code null}. */
        public Builder requestId(String requestId) {
            this.requestId = emptyToNull(requestId);
            return this;
        }

        /** The call id (from {@link AttemptStore#newCallId()}; ≥ 0). */
        public Builder callId(int callId) {
            this.callId = callId;
            return this;
        }

        /** The attempt's number within its call, from 1. */
        public Builder attemptNumber(int attemptNumber) {
            this.attemptNumber = attemptNumber;
            return this;
        }

        /** The backoff wait before this attempt, microseconds (≥ 0). */
        public Builder backoffMicros(long backoffMicros) {
            this.backoffMicros = backoffMicros;
            return this;
        }

        /** Where the record came from (default {@link SourceKind#WORKBENCH}). */
        public Builder sourceKind(SourceKind sourceKind) {
            this.sourceKind = sourceKind;
            return this;
        }

        /** Who made the call (user agent, process, client id), or {@code null}. */
        public Builder source(String source) {
            this.source = emptyToNull(source);
            return this;
        }

        /** The principal (ARN or redacted access key id), or {@code null}. */
        public Builder principal(String principal) {
            this.principal = emptyToNull(principal);
            return this;
        }

        /** The attempt; throws {@link IllegalArgumentException} naming the first field that is wrong. */
        public Attempt build() {
            require(service != null && !service.isBlank(), "service is required");
            require(action != null && !action.isBlank(), "action is required");
            require(startMicros >= 0, "startMicros must be >= 0 (microseconds since the epoch), was " + startMicros);
            require(durationMicros >= 0, "durationMicros must be >= 0, was " + durationMicros);
            require(backoffMicros >= 0, "backoffMicros must be >= 0, was " + backoffMicros);
            require(httpStatus >= 0 && httpStatus <= 999, "httpStatus must be 0 (no response) or 100..999, was " + httpStatus);
            require(attemptNumber >= 1 && attemptNumber <= Short.MAX_VALUE,
                    "attemptNumber must be 1.." + Short.MAX_VALUE + ", was " + attemptNumber);
            require(callId >= 0, "callId must be >= 0, was " + callId);
            require(sourceKind != null, "sourceKind is required");
            if (category == null) {
                require(errorCode == null && httpStatus >= 100 && httpStatus < 400,
                        "category is required for an attempt that failed (" + errorCode + ", HTTP " + httpStatus + ")");
                category = ErrorCategory.NONE;
            }
            if (fault == null) {
                fault = category == ErrorCategory.NONE ? Fault.NONE
                        : httpStatus >= 500 || httpStatus == 0 ? Fault.SERVER : Fault.CLIENT;
            }
            require(category == ErrorCategory.NONE || fault != Fault.NONE, "an error needs a fault");
            return new Attempt(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }

        private static String emptyToNull(String s) {
            return s == null || s.isEmpty() ? null : s;
        }
    }
}
