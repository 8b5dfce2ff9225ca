package org.ec2workbench.ui.experiment;

import java.util.List;
import java.util.Map;

/**
 * What an experiment did.
 *
 * @param sent       calls made (fewer than asked when cancelled)
 * @param succeeded  calls that succeeded, retries included
 * @param failed     calls that failed after their retries
 * @param failures   failed calls by error code
 * @param elapsedMs  wall time
 * @param created    resources created
 * @param cancelled  whether it was cancelled
 */
public record ExperimentResult(int sent, int succeeded, int failed, Map<String, Integer> failures, long elapsedMs,
        List<CreatedResource> created, boolean cancelled) {

    /** One line for the status area. */
    public String summary() {
        return String.format("%s%,d calls in %.1f s: %,d succeeded, %,d failed%s", cancelled ? "Cancelled after " : "",
                sent, elapsedMs / 1000.0, succeeded, failed, failures.isEmpty() ? "" : " " + failures);
    }
}
