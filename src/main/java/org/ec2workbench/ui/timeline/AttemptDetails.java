package org.ec2workbench.ui.timeline;

import java.time.Instant;
import java.util.Optional;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.capture.Fault;
import org.ec2workbench.capture.SourceKind;

/**
 * Everything the details pane shows about the selected attempt.
 *
 * @param index           the attempt's index in the store
 * @param service         service signing name
 * @param action          API action
 * @param bucket          throttling bucket, or null
 * @param start           when it started
 * @param durationMicros  how long it took
 * @param httpStatus      HTTP status, 0 without a response
 * @param errorCode       AWS error code, or null
 * @param errorMessage    AWS error message, or null
 * @param category        error category
 * @param fault           client or server
 * @param requestId       AWS request id, or null
 * @param attemptNumber   n in "attempt n of m"
 * @param attemptsInCall  m: the highest attempt number of the call seen so far
 * @param backoffMicros   the wait before this attempt
 * @param sourceKind      where the record came from
 * @param source          who made the call, or null
 * @param principal       the principal, or null
 * @param advice          what to do about the error, from the error catalog, when it has an entry
 */
public record AttemptDetails(int index, String service, String action, String bucket, Instant start,
        long durationMicros, int httpStatus, String errorCode, String errorMessage, ErrorCategory category,
        Fault fault, String requestId, int attemptNumber, int attemptsInCall, long backoffMicros,
        SourceKind sourceKind, String source, String principal, Optional<String> advice) {

    /** "attempt 2 of 3". */
    public String attemptText() {
        return "attempt " + attemptNumber + " of " + attemptsInCall;
    }
}
