package org.ec2workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.events.LifecycleComparison;
import org.ec2workbench.events.PollingComparator;
import org.ec2workbench.events.PollingComparator.Detector;
import org.ec2workbench.events.SubscriptionLedger;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.ec2workbench.sandbox.events.SandboxEvents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code events}: instance state-change events, headless. */
@Command(name = "events", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Instance state-change events instead of polling.",
        subcommands = EventsCommand.Compare.class)
public final class EventsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: events compare");
    }

    /** {@code events compare}: events vs polling vs the SDK waiter on an embedded sandbox. */
    @Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Starts an embedded sandbox, takes one instance through launch, stop, start and terminate, "
                    + "and detects each transition with state-change events, a DescribeInstances poller and the SDK "
                    + "waiter; prints latency and calls per transition. Client intervals are divided by the time scale "
                    + "so the proportions stay real.")
    static final class Compare implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--time-scale", paramLabel = "X", description = "The sandbox runs X times faster (default ${DEFAULT-VALUE}).")
        private double timeScale = 10;

        @Option(names = "--preset", description = "realistic, lesson or calm (default ${DEFAULT-VALUE}).")
        private Preset preset = Preset.REALISTIC;

        @Option(names = "--seed", description = "Sandbox seed (default ${DEFAULT-VALUE}).")
        private long seed = 1;

        @Override
        public Integer call() throws Exception {
            if (!(timeScale > 0) || timeScale > 1000) {
                throw new ParameterException(spec.commandLine(), "--time-scale must be > 0 and at most 1000");
            }
            Map<String, Instant> truth = new ConcurrentHashMap<>();
            Path ledgerDir = Files.createTempDirectory("ec2wb-events");
            List<PollingComparator.Transition> results;
            try (Sandbox sandbox = Sandbox.builder().preset(preset).timeScale(timeScale).seed(seed).eventsAndQueues(false).build().start()) {
                // Ground truth first: the world tells this listener before the events bridge.
                sandbox.world().addStateChangeListener(c -> truth.put(c.instanceId() + "/" + c.current().apiName(),
                        Clock.system().instant()));
                SandboxEvents.install(sandbox, Clock.system(), seed);
                Credentials keys = sandbox.defaultCredentials();
                Connection connection = Connection.sandbox(sandbox.endpoint(), "us-east-1", keys.accessKeyId(),
                        keys.secretAccessKey());
                results = LifecycleComparison.run(connection, "compare", new SubscriptionLedger(ledgerDir.resolve("ledger.jsonl")),
                        LifecycleComparison.Settings.scaled(timeScale),
                        (id, state) -> Optional.ofNullable(truth.get(id + "/" + state)));
            } finally {
                Files.deleteIfExists(ledgerDir.resolve("ledger.jsonl"));
                Files.deleteIfExists(ledgerDir);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "# preset %s, time scale %s; latency = detection - transition (wall clock), in ms%n",
                    preset.name().toLowerCase(Locale.ROOT), timeScale);
            out.print(PollingComparator.table(results));
            for (Detector d : Detector.values()) {
                long describes = results.stream().mapToLong(t -> t.of(d).describeCalls()).sum();
                long other = results.stream().mapToLong(t -> t.of(d).otherCalls()).sum();
                long maxLatency = results.stream().map(t -> t.of(d).latency())
                        .filter(java.util.Objects::nonNull).mapToLong(java.time.Duration::toMillis).max().orElse(-1);
                long missed = results.stream().filter(t -> !t.of(d).detected()).count();
                out.printf(Locale.ROOT, "%-8s total describes %3d, other calls %3d, worst latency %6d ms, missed %d%n",
                        d.name().toLowerCase(Locale.ROOT), describes, other, maxLatency, missed);
            }
            out.flush();
            return 0;
        }
    }
}
