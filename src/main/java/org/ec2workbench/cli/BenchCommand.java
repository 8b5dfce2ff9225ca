package org.ec2workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ec2workbench.bench.ThrottleBench;
import org.ec2workbench.bench.ThrottleChart;
import org.ec2workbench.simulate.ThrottleSimulation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench ...}: benchmarks over real HTTP against the embedded sandbox. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks over real HTTP against the embedded sandbox.",
        subcommands = BenchCommand.Throttle.class)
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: bench throttle");
    }

    /** {@code bench throttle}: the SDK's retry modes against the engine's strategies, one sandbox each. */
    @Command(name = "throttle", mixinStandardHelpOptions = true,
            description = {"Workers of one app share a real SDK Ec2Client and need --calls successful filtered "
                    + "DescribeInstances each, against a sandbox with EC2's non-mutating bucket (100, 20/s).",
                    "Runs once per strategy: the SDK's standard, legacy and adaptive modes, then the engine's "
                    + "strategies through its SDK adapter. About 45 s per strategy at the defaults."})
    static final class Throttle implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--workers", defaultValue = "50", description = "Worker threads (default: ${DEFAULT-VALUE}).")
        private int workers;

        @Option(names = "--calls", defaultValue = "20", description = "Successful calls each worker needs (default: ${DEFAULT-VALUE}).")
        private int calls;

        @Option(names = "--seed", defaultValue = "2015", description = "Seed for the sandbox and for jitter (default: ${DEFAULT-VALUE}).")
        private long seed;

        @Option(names = "--strategies", split = ",", paramLabel = "NAME",
                description = "Only these strategies, comma-separated (default: all). Names as in the table.")
        private List<String> only;

        @Option(names = "--csv", paramLabel = "FILE", description = "Also write the results as CSV to FILE.")
        private Path csv;

        @Option(names = "--svg", paramLabel = "FILE", description = "Also draw the results as an SVG bar chart in FILE.")
        private Path svg;

        @Override
        public Integer call() throws InterruptedException {
            ThrottleBench bench;
            try {
                bench = new ThrottleBench(workers, calls, seed);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
            }
            List<ThrottleBench.Contender> contenders = select(ThrottleBench.allContenders());
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            err.printf("bench throttle: %d workers x %d calls, %d strategies, about %d s each%n",
                    workers, calls, contenders.size(), Math.round(workers * calls / ThrottleBench.REFILL_PER_SECOND));
            err.flush();
            List<ThrottleSimulation.Row> rows = bench.runAll(contenders, row -> {
                err.println("  done: " + row.csv());
                err.flush();
            });
            ThrottleSimulation.writeTable(rows, out);
            out.flush();
            String title = String.format(java.util.Locale.ROOT,
                    "bench throttle: %d workers x %d calls, bucket 100 / 20 per s", workers, calls);
            boolean written = write(csv, file -> ThrottleSimulation.writeCsv(rows, file), err)
                    & write(svg, file -> ThrottleChart.writeSvg(rows, title, file), err);
            return written ? 0 : 1;
        }

        private static boolean write(Path path, java.util.function.Consumer<PrintWriter> writer, PrintWriter err) {
            if (path == null) {
                return true;
            }
            try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8))) {
                writer.accept(file);
                return true;
            } catch (IOException e) {
                err.println("cannot write " + path + ": " + e.getMessage());
                return false;
            }
        }

        private List<ThrottleBench.Contender> select(List<ThrottleBench.Contender> all) {
            if (only == null || only.isEmpty()) {
                return all;
            }
            Map<String, ThrottleBench.Contender> byName = new LinkedHashMap<>();
            all.forEach(c -> byName.put(c.name(), c));
            List<ThrottleBench.Contender> chosen = new ArrayList<>();
            for (String name : only) {
                ThrottleBench.Contender contender = byName.get(name.trim());
                if (contender == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "Unknown strategy '" + name + "'. Known: " + String.join(", ", byName.keySet()));
                }
                chosen.add(contender);
            }
            return chosen;
        }
    }
}
