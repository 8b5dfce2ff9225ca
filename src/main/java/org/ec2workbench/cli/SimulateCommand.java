package org.ec2workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.ec2workbench.simulate.BackoffSweep;
import org.ec2workbench.simulate.ThrottleSimulation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code simulate backoff} and {@code simulate throttle}: the contention simulators, in virtual time. */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run a contention simulator in virtual time and print its table (or CSV).",
        subcommands = {SimulateCommand.Backoff.class, SimulateCommand.Throttle.class})
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: use 'simulate backoff' or 'simulate throttle'");
    }

    /** Brooker's OCC experiment over a range of client counts. */
    @Command(name = "backoff",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = "Brooker's 2015 OCC experiment: N clients updating one row with optimistic concurrency "
                    + "(base 5 ms, cap 2 s, network |N(10 ms, 2 ms)|); mean writes and completion time per strategy.")
    static final class Backoff implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--clients", defaultValue = "10..190:10", converter = ClientCounts.class,
                description = "Client counts: FROM..TO:STEP, a list (10,50,100) or one number (default: ${DEFAULT-VALUE}).")
        private List<Integer> clients;

        @Option(names = "--runs", defaultValue = "100", description = "Runs averaged per cell (default: ${DEFAULT-VALUE}).")
        private int runs;

        @Option(names = "--seed", defaultValue = "2015", description = "Random seed; the same seed gives the same output (default: ${DEFAULT-VALUE}).")
        private long seed;

        @Option(names = "--threads", description = "Worker threads (default: the number of processors); does not change the output.")
        private Integer threads;

        @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV to FILE ('-' for standard output instead of the table).")
        private String csv;

        @Override
        public Integer call() {
            if (runs < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be >= 1, was " + runs);
            }
            if (threads != null && threads < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, was " + threads);
            }
            int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            List<BackoffSweep.Row> rows = new BackoffSweep(clients, BackoffSweep.STRATEGIES, runs, seed).run(workers);
            return emit(spec, csv, out -> BackoffSweep.writeTable(rows, out), out -> BackoffSweep.writeCsv(rows, out));
        }
    }

    /** Clients needing calls against an EC2 request token bucket, once per strategy. */
    @Command(name = "throttle",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = "N clients each needing K successful calls against an EC2-style token bucket; one row per "
                    + "strategy (every engine policy, with and without retry budget and adaptive limiter, and the SDK's "
                    + "standard, adaptive and legacy modes).")
    static final class Throttle implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--clients", defaultValue = "50", description = "Clients (default: ${DEFAULT-VALUE}).")
        private int clients;

        @Option(names = "--calls", defaultValue = "20", description = "Successful calls each client needs (default: ${DEFAULT-VALUE}).")
        private int calls;

        @Option(names = "--capacity", defaultValue = "100", description = "Bucket capacity, tokens (default: ${DEFAULT-VALUE}).")
        private double capacity;

        @Option(names = "--refill", defaultValue = "20", description = "Bucket refill, tokens per second (default: ${DEFAULT-VALUE}).")
        private double refill;

        @Option(names = "--seed", defaultValue = "2015", description = "Random seed; the same seed gives the same output (default: ${DEFAULT-VALUE}).")
        private long seed;

        @Option(names = "--one-app", description = "The clients are threads of one application sharing one SDK client, "
                + "so they share one retry budget and one rate limiter (as in 'bench throttle').")
        private boolean oneApplication;

        @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV to FILE ('-' for standard output instead of the table).")
        private String csv;

        @Override
        public Integer call() {
            ThrottleSimulation simulation;
            try {
                simulation = new ThrottleSimulation(clients, calls, capacity, refill, oneApplication);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
            }
            List<ThrottleSimulation.Row> rows = simulation.runAll(ThrottleSimulation.defaultStrategies(), seed);
            return emit(spec, csv, out -> ThrottleSimulation.writeTable(rows, out),
                    out -> ThrottleSimulation.writeCsv(rows, out));
        }
    }

    private static int emit(CommandSpec spec, String csv, Consumer<PrintWriter> table, Consumer<PrintWriter> csvWriter) {
        PrintWriter out = spec.commandLine().getOut();
        if ("-".equals(csv)) {
            csvWriter.accept(out);
            return 0;
        }
        table.accept(out);
        if (csv != null) {
            Path path = Path.of(csv);
            try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8))) {
                csvWriter.accept(file);
            } catch (IOException e) {
                spec.commandLine().getErr().println("cannot write " + path + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    /** Parses {@code FROM..TO:STEP}, {@code A,B,C} or {@code N}. */
    static final class ClientCounts implements CommandLine.ITypeConverter<List<Integer>> {
        @Override
        public List<Integer> convert(String value) {
            String text = value.trim();
            List<Integer> counts = new ArrayList<>();
            try {
                if (text.contains("..")) {
                    String[] rangeAndStep = text.split(":", 2);
                    String[] bounds = rangeAndStep[0].split("\\.\\.", 2);
                    int from = Integer.parseInt(bounds[0].trim());
                    int to = Integer.parseInt(bounds[1].trim());
                    int step = rangeAndStep.length == 2 ? Integer.parseInt(rangeAndStep[1].trim()) : 10;
                    if (step < 1 || from < 1 || to < from) {
                        throw new CommandLine.TypeConversionException("'" + value
                                + "' needs 1 <= FROM <= TO and STEP >= 1 (e.g. 10..190:10)");
                    }
                    for (int clients = from; clients <= to; clients += step) {
                        counts.add(clients);
                    }
                } else {
                    for (String part : text.split(",")) {
                        int clients = Integer.parseInt(part.trim());
                        if (clients < 1) {
                            throw new CommandLine.TypeConversionException("client counts must be >= 1, was " + clients);
                        }
                        counts.add(clients);
                    }
                }
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not FROM..TO:STEP, a comma-separated list or a number");
            }
            return List.copyOf(counts);
        }
    }
}
