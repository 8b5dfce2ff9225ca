package org.ec2workbench.lessons;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ec2workbench.backoff.Clock;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every HTTP attempt a lesson's SDK clients make, with its action, status and AWS error code, and
 * notes each one ("DescribeInstances: 400 InvalidInstanceID.NotFound, 12 ms"). Error codes are read from
 * the error body as it passes, so retried attempts are counted too, not only a call's last one.
 */
public final class AttemptTally implements ExecutionInterceptor {

    /**
     * One HTTP attempt.
     *
     * @param action    the operation, e.g. {@code DescribeInstances}
     * @param status    the HTTP status
     * @param errorCode the AWS error code, or empty on success
     * @param millis    how long the attempt took
     */
    public record Attempt(String action, int status, String errorCode, double millis) {

        /** Whether EC2 throttled it. */
        public boolean throttled() {
            return "RequestLimitExceeded".equals(errorCode) || "Throttling".equals(errorCode);
        }

        /** Whether it succeeded. */
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("lessonAttemptStarted");
    private static final ExecutionAttribute<String> ERROR = new ExecutionAttribute<>("lessonAttemptError");
    private static final Pattern CODE = Pattern.compile("<Code>([^<]+)</Code>|\"__type\"\\s*:\\s*\"(?:[^\"#]*#)?([^\"]+)\"");

    private final Clock clock;
    private final Consumer<String> notes;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    /** A tally timing attempts on {@code clock} and noting each to {@code notes}. */
    public AttemptTally(Clock clock, Consumer<String> notes) {
        this.clock = clock;
        this.notes = notes;
    }

    /** Every attempt so far. */
    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** How many attempts so far match {@code filter}. */
    public long count(Predicate<Attempt> filter) {
        return attempts.stream().filter(filter).count();
    }

    /** Forgets the attempts so far (between the phases of a lesson). */
    public void clear() {
        attempts.clear();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, clock.nanoTime());
        attributes.putAttribute(ERROR, "");
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                          ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (context.httpResponse().isSuccessful() || body.isEmpty()) {
            record(context.httpResponse().statusCode(), attributes);
            return body;
        }
        try (InputStream in = body.get()) {
            byte[] bytes = in.readAllBytes();
            Matcher m = CODE.matcher(new String(bytes, StandardCharsets.UTF_8));
            if (m.find()) {
                attributes.putAttribute(ERROR, m.group(1) != null ? m.group(1) : m.group(2));
            }
            record(context.httpResponse().statusCode(), attributes);
            return Optional.of(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(int status, ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        double millis = started == null ? 0 : (clock.nanoTime() - started) / 1e6;
        String action = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String error = attributes.getAttribute(ERROR);
        Attempt attempt = new Attempt(action, status, error == null ? "" : error, millis);
        attempts.add(attempt);
        notes.accept(String.format(java.util.Locale.ROOT, "%s: %d%s, %.0f ms", action, status,
                attempt.errorCode().isEmpty() ? " OK" : " " + attempt.errorCode(), millis));
    }
}
