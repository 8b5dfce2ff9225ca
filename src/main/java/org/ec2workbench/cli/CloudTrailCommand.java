package org.ec2workbench.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ec2workbench.capture.ErrorCatalog;
import org.ec2workbench.capture.RequestBuckets;
import org.ec2workbench.capture.cloudtrail.CloudTrailReader;
import org.ec2workbench.capture.cloudtrail.CloudTrailReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cloudtrail}: reads CloudTrail log files and prints who and what burns each EC2 request bucket. */
@Command(name = "cloudtrail", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Read CloudTrail log files (.json, .json.gz, folders of them) and print, per EC2 action and "
                + "request bucket, the peak calls per second against the bucket's refill rate, throttled and "
                + "failed calls by error code, and the principals and user agents behind them.")
public final class CloudTrailCommand implements Callable<Integer> {

    /** Output formats. */
    public enum Format {
        /** Aligned tables. */
        TEXT,
        /** One JSON object. */
        JSON
    }

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "CloudTrail log files or folders.")
    private List<Path> paths;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "How many principals and user agents to list (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Override
    public Integer call() throws IOException {
        if (top < 1) {
            throw new ParameterException(spec.commandLine(), "--top must be at least 1, was " + top);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CloudTrailReport report = new CloudTrailReport(ErrorCatalog.ec2(), RequestBuckets.ec2());
        CloudTrailReader.Summary summary;
        try {
            summary = CloudTrailReader.read(paths, report);
        } catch (NoSuchFileException e) {
            err.println("No such file or folder: " + e.getFile());
            return 1;
        }
        for (CloudTrailReader.Problem p : summary.problems()) {
            err.println("Skipped " + p);
        }
        if (format == Format.JSON) {
            json(out, summary, report);
        } else {
            text(out, summary, report);
        }
        out.flush();
        return summary.files() > 0 && summary.problems().size() == summary.files() ? 1 : 0;
    }

    private void text(PrintWriter out, CloudTrailReader.Summary summary, CloudTrailReport report) {
        out.printf("%d files, %d records: %d EC2 events, %d of other services (skipped)%s%n", summary.files(),
                summary.records(), report.ec2Events(), report.otherEvents(),
                summary.problems().isEmpty() ? "" : ", " + summary.problems().size() + " files unreadable");
        if (report.ec2Events() == 0) {
            out.println("No EC2 events.");
            return;
        }
        out.printf("From %s to %s%n%n", Instant.ofEpochMilli(report.firstMillis()), Instant.ofEpochMilli(report.lastMillis()));
        out.println("Calls per action and request bucket (peak: most calls in one second in one account and Region)");
        List<CloudTrailReport.ActionRow> rows = report.actions();
        int actionWidth = Math.max(6, rows.stream().mapToInt(r -> r.action().length()).max().orElse(6));
        int bucketWidth = Math.max(6, rows.stream().mapToInt(r -> r.bucket().length()).max().orElse(6));
        String rowFormat = "%-" + actionWidth + "s  %-" + bucketWidth + "s  %7s  %6s  %8s  %8s  %9s  %6s%n";
        out.printf(rowFormat, "ACTION", "BUCKET", "CALLS", "PEAK/S", "REFILL/S", "CAPACITY", "THROTTLED", "FAILED");
        for (CloudTrailReport.ActionRow r : rows) {
            out.printf(rowFormat, r.action(), r.bucket(), r.calls(), r.peakPerSecond() + (r.peakExceedsRefill() ? "!" : ""),
                    number(r.refillPerSecond()), number(r.capacity()), r.throttled(), r.failed());
        }
        out.println("(! = the peak second used more tokens than the bucket refills per second)");

        out.println();
        out.println("Throttled and failed calls by error code");
        List<CloudTrailReport.ErrorRow> errors = report.errorCodes();
        if (errors.isEmpty()) {
            out.println("  none");
        } else {
            int codeWidth = errors.stream().mapToInt(e -> e.code().length()).max().orElse(4);
            for (CloudTrailReport.ErrorRow e : errors) {
                out.printf("  %-" + codeWidth + "s  %7d  %s%n", e.code(), e.count(),
                        e.category().name().toLowerCase(Locale.ROOT));
            }
        }
        who(out, "Top principals behind throttled and failed calls", report.topPrincipals(top));
        who(out, "Top user agents behind throttled and failed calls", report.topUserAgents(top));
    }

    private static void who(PrintWriter out, String title, List<CloudTrailReport.WhoRow> rows) {
        out.println();
        out.println(title);
        if (rows.isEmpty()) {
            out.println("  none");
            return;
        }
        out.printf("  %9s  %6s  %s%n", "THROTTLED", "FAILED", "WHO");
        for (CloudTrailReport.WhoRow r : rows) {
            out.printf("  %9d  %6d  %s%n", r.throttled(), r.failed(), r.name());
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private void json(PrintWriter out, CloudTrailReader.Summary summary, CloudTrailReport report) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("files", summary.files());
            g.writeNumberField("records", summary.records());
            g.writeNumberField("ec2Events", report.ec2Events());
            g.writeNumberField("otherEvents", report.otherEvents());
            g.writeArrayFieldStart("problems");
            for (CloudTrailReader.Problem p : summary.problems()) {
                g.writeStartObject();
                g.writeStringField("file", p.file().toString());
                g.writeStringField("reason", p.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (report.ec2Events() > 0) {
                g.writeStringField("from", Instant.ofEpochMilli(report.firstMillis()).toString());
                g.writeStringField("to", Instant.ofEpochMilli(report.lastMillis()).toString());
            }
            g.writeArrayFieldStart("actions");
            for (CloudTrailReport.ActionRow r : report.actions()) {
                g.writeStartObject();
                g.writeStringField("action", r.action());
                g.writeStringField("bucket", r.bucket());
                g.writeNumberField("capacity", r.capacity());
                g.writeNumberField("refillPerSecond", r.refillPerSecond());
                g.writeNumberField("calls", r.calls());
                g.writeNumberField("peakPerSecond", r.peakPerSecond());
                g.writeStringField("peakAccountRegion", r.peakWhere());
                g.writeStringField("peakSecond", Instant.ofEpochSecond(r.peakEpochSecond()).toString());
                g.writeBooleanField("peakExceedsRefill", r.peakExceedsRefill());
                g.writeNumberField("throttled", r.throttled());
                g.writeNumberField("failed", r.failed());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("errorCodes");
            for (CloudTrailReport.ErrorRow e : report.errorCodes()) {
                g.writeStartObject();
                g.writeStringField("code", e.code());
                g.writeStringField("category", e.category().name().toLowerCase(Locale.ROOT));
                g.writeNumberField("count", e.count());
                g.writeEndObject();
            }
            g.writeEndArray();
            whoJson(g, "topPrincipals", "principal", report.topPrincipals(top));
            whoJson(g, "topUserAgents", "userAgent", report.topUserAgents(top));
            g.writeEndObject();
        }
        out.println();
    }

    private static void whoJson(JsonGenerator g, String field, String nameField, List<CloudTrailReport.WhoRow> rows)
            throws IOException {
        g.writeArrayFieldStart(field);
        for (CloudTrailReport.WhoRow r : rows) {
            g.writeStartObject();
            g.writeStringField(nameField, r.name());
            g.writeNumberField("throttled", r.throttled());
            g.writeNumberField("failed", r.failed());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
