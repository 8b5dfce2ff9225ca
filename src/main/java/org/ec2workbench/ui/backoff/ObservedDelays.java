package org.ec2workbench.ui.backoff;

import java.util.ArrayList;
import java.util.List;
import org.ec2workbench.capture.AttemptStore;

/**
 * The backoff delays actually observed in a session: for every retry attempt (attempt number n &gt; 1),
 * the wait before it, keyed by retry number n − 1. The newest {@code limit} retries are kept.
 *
 * @param points observed (retry, seconds) pairs
 */
public record ObservedDelays(List<Point> points) {

    /**
     * One observed wait.
     *
     * @param retry   retry number (1 = before the second attempt)
     * @param seconds the wait
     */
    public record Point(int retry, double seconds) {
    }

    /** No observations. */
    public static ObservedDelays none() {
        return new ObservedDelays(List.of());
    }

    /** The retries of {@code snapshot}, newest {@code limit} of them. */
    public static ObservedDelays from(AttemptStore.Snapshot snapshot, int limit) {
        List<Point> points = new ArrayList<>();
        for (int i = snapshot.size() - 1; i >= 0 && points.size() < limit; i--) {
            int attempt = snapshot.attemptNumber(i);
            if (attempt > 1) {
                points.add(new Point(attempt - 1, snapshot.backoffMicros(i) / 1e6));
            }
        }
        return new ObservedDelays(List.copyOf(points));
    }
}
