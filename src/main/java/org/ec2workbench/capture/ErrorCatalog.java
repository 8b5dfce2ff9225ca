package org.ec2workbench.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What each EC2 error code means for the caller: client or server fault, an {@link ErrorCategory} and one
 * line of advice. Loaded from {@code ec2-error-catalog.tsv} (every code of the AWS EC2 error-code
 * reference); codes it does not list (other services, new codes) are classified from the HTTP status and
 * the shape of the code. CloudTrail's {@code Client.} / {@code Server.} prefixes are understood.
 */
public final class ErrorCatalog {

    private static final String RESOURCE = "ec2-error-catalog.tsv";
    private static final ErrorCatalog EC2 = load();

    /**
     * One classified error code.
     *
     * @param code     the code without a {@code Client.}/{@code Server.} prefix
     * @param fault    client or server
     * @param category the category
     * @param advice   one line of advice
     * @param listed   whether the catalog lists the code (false: inferred from status and shape)
     */
    public record Entry(String code, Fault fault, ErrorCategory category, String advice, boolean listed) {
        public Entry {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(advice, "advice");
        }
    }

    private final Map<String, Entry> entries;

    private ErrorCatalog(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** The EC2 catalog shipped with the workbench. */
    public static ErrorCatalog ec2() {
        return EC2;
    }

    /** Every code the catalog lists. */
    public Set<String> codes() {
        return entries.keySet();
    }

    /** The listed entry for {@code code} (a {@code Client.}/{@code Server.} prefix is ignored). */
    public Optional<Entry> lookup(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(entries.get(stripPrefix(code)));
    }

    /**
     * Classifies an attempt's outcome: the listed entry when the code is known, otherwise an inference from
     * the HTTP status and the code's shape. Without a code, a 1xx–3xx status is a success
     * ({@link ErrorCategory#NONE}), status 0 (no response) and 5xx are server errors.
     */
    public Entry classify(String code, int httpStatus) {
        if (code == null || code.isBlank()) {
            if (httpStatus >= 100 && httpStatus < 400) {
                return new Entry("", Fault.NONE, ErrorCategory.NONE, "", true);
            }
            code = httpStatus == 0 ? "NoResponse" : "Http" + httpStatus;
        }
        Optional<Entry> listed = lookup(code);
        if (listed.isPresent()) {
            return listed.get();
        }
        return infer(code, httpStatus);
    }

    private static Entry infer(String rawCode, int httpStatus) {
        String code = stripPrefix(rawCode);
        String lower = code.toLowerCase(Locale.ROOT);
        ErrorCategory category;
        if (lower.contains("throttl") || lower.contains("requestlimitexceeded") || lower.contains("toomanyrequests")
                || lower.contains("slowdown") || lower.contains("ratelimit") || httpStatus == 429) {
            category = ErrorCategory.THROTTLING;
        } else if (lower.contains("unauthorized") || lower.contains("accessdenied") || lower.contains("forbidden")
                || lower.contains("authfailure") || lower.contains("signature") || lower.contains("invalidclienttokenid")
                || lower.contains("expiredtoken") || httpStatus == 401 || httpStatus == 403) {
            category = ErrorCategory.AUTHORIZATION;
        } else if (lower.contains("insufficient") && lower.contains("capacity")) {
            category = ErrorCategory.CAPACITY;
        } else if (lower.contains("limitexceeded") || lower.contains("quotaexceeded")) {
            category = ErrorCategory.LIMIT;
        } else if (lower.endsWith("notfound") || lower.endsWith("notfoundexception") || lower.contains(".notfound")
                || lower.startsWith("nosuch")) {
            category = ErrorCategory.CONSISTENCY;
        } else if (httpStatus >= 500 || httpStatus == 0 || rawCode.startsWith("Server.") || lower.contains("internal")
                || lower.contains("unavailable")) {
            category = ErrorCategory.SERVER;
        } else {
            category = ErrorCategory.VALIDATION;
        }
        Fault fault = httpStatus >= 500 || httpStatus == 0 || rawCode.startsWith("Server.")
                || (httpStatus < 400 && category == ErrorCategory.SERVER) ? Fault.SERVER : Fault.CLIENT;
        return new Entry(code, fault, category, INFERRED_ADVICE.get(category), false);
    }

    private static final Map<ErrorCategory, String> INFERRED_ADVICE = Map.of(
            ErrorCategory.THROTTLING, "Throttled: retry with capped exponential backoff and jitter, and lower the call rate.",
            ErrorCategory.AUTHORIZATION, "Check the credentials and the principal's IAM policy for this action and resource.",
            ErrorCategory.CAPACITY, "The service lacks capacity right now: retry later with backoff, or choose another type or zone.",
            ErrorCategory.LIMIT, "A limit or quota is reached: free resources or request a higher quota; retrying soon will not help.",
            ErrorCategory.CONSISTENCY, "If the resource was just created it may not be visible yet: retry a read with backoff; if it persists, check the id and Region.",
            ErrorCategory.SERVER, "A service-side or network failure: retry with capped exponential backoff and jitter.",
            ErrorCategory.VALIDATION, "The request was rejected as invalid (see the message): fix it; retrying unchanged will fail again.");

    private static String stripPrefix(String code) {
        if (code.startsWith("Client.")) {
            return code.substring("Client.".length());
        }
        if (code.startsWith("Server.")) {
            return code.substring("Server.".length());
        }
        return code;
    }

    private static ErrorCatalog load() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (InputStream in = ErrorCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 4) {
                    throw new IllegalStateException(RESOURCE + " line " + number + ": expected 4 tab-separated fields");
                }
                Fault fault = Fault.valueOf(f[1].toUpperCase(Locale.ROOT));
                entries.put(f[0], new Entry(f[0], fault, ErrorCategory.valueOf(f[2]), f[3], true));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ErrorCatalog(entries);
    }
}
