package org.ec2workbench.simulate;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.BackoffPolicy.Kind;

/**
 * Brooker's experiment over a range of client counts and strategies, each cell the mean of many runs.
 * Every run has its own seed derived from (seed, clients, strategy, run), so the table is identical for
 * the same seed however many threads compute it.
 */
public final class BackoffSweep {

    /** The strategies of the article, in the order the tables list them. */
    public static final List<Kind> STRATEGIES = List.of(Kind.EXPONENTIAL, Kind.FULL_JITTER, Kind.EQUAL_JITTER,
            Kind.DECORRELATED_JITTER, Kind.NONE);

    /** CSV header. */
    public static final String CSV_HEADER = "clients,strategy,calls,completion_ms";

    /**
     * One cell of the table.
     *
     * @param clients      contending clients
     * @param strategy     the strategy's id
     * @param calls        mean writes per run
     * @param completionMs mean time until the last client succeeded, in milliseconds
     */
    public record Row(int clients, String strategy, double calls, double completionMs) {

        /** The row as CSV. */
        public String csv() {
            return String.format(Locale.ROOT, "%d,%s,%.1f,%.1f", clients, strategy, calls, completionMs);
        }
    }

    private final List<Integer> clientCounts;
    private final List<Kind> strategies;
    private final int runs;
    private final long seed;

    /** A sweep over {@code clientCounts} × {@code strategies}, {@code runs} runs per cell. */
    public BackoffSweep(List<Integer> clientCounts, List<Kind> strategies, int runs, long seed) {
        if (clientCounts.isEmpty()) {
            throw new IllegalArgumentException("at least one client count is needed");
        }
        for (int clients : clientCounts) {
            if (clients < 1) {
                throw new IllegalArgumentException("clients must be >= 1, was " + clients);
            }
        }
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1, was " + runs);
        }
        this.clientCounts = List.copyOf(clientCounts);
        this.strategies = List.copyOf(Objects.requireNonNull(strategies, "strategies"));
        this.runs = runs;
        this.seed = seed;
    }

    /** Runs the sweep on {@code threads} threads; rows ordered by clients, then strategy. */
    public List<Row> run(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Row>> cells = new ArrayList<>();
            for (int clients : clientCounts) {
                for (Kind strategy : strategies) {
                    cells.add(pool.submit(() -> cell(clients, strategy)));
                }
            }
            List<Row> rows = new ArrayList<>(cells.size());
            for (Future<Row> cell : cells) {
                rows.add(cell.get());
            }
            return List.copyOf(rows);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sweep failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The mean of {@code runs} runs for one cell. */
    public Row cell(int clients, Kind strategy) {
        BackoffPolicy policy = OccSimulation.brookerPolicy(strategy);
        OccSimulation simulation = new OccSimulation(policy);
        long calls = 0;
        double completion = 0;
        for (int run = 0; run < runs; run++) {
            OccSimulation.Result result = simulation.run(clients, runSeed(clients, strategy, run));
            calls += result.calls();
            completion += result.completionMillis();
        }
        return new Row(clients, policy.id(), (double) calls / runs, completion / runs);
    }

    private long runSeed(int clients, Kind strategy, int run) {
        long mixed = seed;
        mixed = mix(mixed ^ clients);
        mixed = mix(mixed ^ strategy.ordinal());
        return mix(mixed ^ run);
    }

    private static long mix(long z) {
        // SplitMix64's finalizer: spreads nearby inputs over the whole seed space.
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31) ^ 0x9e3779b97f4a7c15L;
    }

    /** Writes {@code rows} as CSV with its header. */
    public static void writeCsv(List<Row> rows, PrintWriter out) {
        Csv.write(CSV_HEADER, rows, Row::csv, out);
    }

    /** Writes {@code rows} as a readable table: one line per client count, calls and time per strategy. */
    public static void writeTable(List<Row> rows, PrintWriter out) {
        List<String> strategies = rows.stream().map(Row::strategy).distinct().toList();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%7s", "clients"));
        for (String strategy : strategies) {
            header.append(String.format(Locale.ROOT, " | %-30s", strategy + " calls / ms"));
        }
        out.print(header + "\n");
        out.print("-".repeat(header.length()) + "\n");
        List<Integer> counts = rows.stream().map(Row::clients).distinct().toList();
        for (int clients : counts) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%7d", clients));
            for (String strategy : strategies) {
                Row row = rows.stream().filter(r -> r.clients() == clients && r.strategy().equals(strategy)).findFirst()
                        .orElseThrow();
                line.append(String.format(Locale.ROOT, " | %10.1f / %-17.1f", row.calls(), row.completionMs()));
            }
            out.print(line + "\n");
        }
        out.flush();
    }
}
