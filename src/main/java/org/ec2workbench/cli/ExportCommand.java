package org.ec2workbench.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.session.Exports;
import org.ec2workbench.capture.session.SessionReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code export}: turns a session file (from {@code record} or the app) into CSV or HAR, the same files the
 * app's Session menu writes. The output appears whole or not at all: it is written beside the target and
 * moved into place.
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Export a session file as CSV (one row per attempt) or HAR 1.2 (one entry per attempt; "
                + "import it in a browser's devtools Network panel).")
public final class ExportCommand implements Callable<Integer> {

    /** Export formats. */
    public enum Format {
        /** Comma-separated values with a header row. */
        CSV,
        /** HTTP Archive 1.2. */
        HAR
    }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION", description = "A session file (.jsonl).")
    private Path session;

    @Option(names = "--format", paramLabel = "csv|har",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: from the --out extension, else csv).")
    private Format format;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Output file (default: the session file with .csv or .har in place of .jsonl).")
    private Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Format chosen = format != null ? format : fromExtension(out);
        Path target = out != null ? out : sibling(session, chosen);

        SessionReader.Loaded loaded;
        try {
            loaded = SessionReader.read(session);
        } catch (NoSuchFileException e) {
            stderr.println("No such session file: " + session);
            return 1;
        }
        for (SessionReader.Problem p : loaded.problems()) {
            stderr.println("Skipped " + p);
        }
        AttemptStore.Snapshot snapshot = loaded.store().snapshot();
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = parent.resolve("." + target.getFileName() + ".partial");
        try {
            try (OutputStream os = Files.newOutputStream(partial)) {
                if (chosen == Format.HAR) {
                    Exports.writeHar(snapshot, os, VersionProvider.version());
                } else {
                    Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                    Exports.writeCsv(snapshot, w);
                }
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        stdout.printf("Exported %d attempts as %s to %s%n", snapshot.size(), chosen.name(), target);
        stdout.flush();
        return 0;
    }

    private static Format fromExtension(Path file) {
        return file != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".har")
                ? Format.HAR : Format.CSV;
    }

    private static Path sibling(Path sessionFile, Format format) {
        String name = sessionFile.getFileName().toString();
        String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return sessionFile.resolveSibling(base + "." + format.name().toLowerCase(Locale.ROOT));
    }
}
