package org.ec2workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.csm.CsmListener;
import org.ec2workbench.capture.session.DataDirectories;
import org.ec2workbench.capture.session.SessionFiles;
import org.ec2workbench.capture.session.SessionWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code record}: captures Client-Side Monitoring traffic headless into a session file until interrupted
 * (SIGINT or SIGTERM flush and close the file), or for {@code --duration}.
 */
@Command(name = "record", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Capture the API calls of any AWS CLI, boto3 or SDK process (Client-Side Monitoring) into a "
                + "session file until interrupted.",
                "Point your tools at it with: AWS_CSM_ENABLED=true AWS_CSM_PORT=<port>"})
public final class RecordCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--csm-port", paramLabel = "PORT", defaultValue = "31000",
            description = "UDP port to listen on, on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int csmPort;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Session file to append to (default: a new file in the sessions directory).")
    private Path out;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop after this many seconds instead of waiting for Ctrl-C.")
    private Double durationSeconds;

    private final Clock clock;
    private final DataDirectories directories;

    /** The command on the system clock and data directories. */
    public RecordCommand() {
        this(Clock.system(), DataDirectories.system());
    }

    /** The command with an injected clock and data directories (tests). */
    public RecordCommand(Clock clock, DataDirectories directories) {
        this.clock = clock;
        this.directories = directories;
    }

    @Override
    public Integer call() throws Exception {
        if (csmPort < 0 || csmPort > 65_535) {
            throw new ParameterException(spec.commandLine(), "--csm-port must be 0..65535, was " + csmPort);
        }
        if (durationSeconds != null && !(durationSeconds > 0)) {
            throw new ParameterException(spec.commandLine(), "--duration must be a positive number of seconds");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Instant started = clock.instant();
        Path file = out != null ? out : SessionFiles.newSessionFile(directories.sessions(), started);

        AttemptStore store = new AttemptStore();
        SessionWriter writer;
        try {
            writer = SessionWriter.record(store, file, "record (CSM)", started);
        } catch (IOException e) {
            stderr.println("Cannot write session file " + file + ": " + e.getMessage());
            return 1;
        }
        CsmListener listener;
        try {
            listener = CsmListener.start(store, InetAddress.getLoopbackAddress(), csmPort, a -> { });
        } catch (BindException e) {
            writer.close();
            stderr.println("Cannot listen on UDP 127.0.0.1:" + csmPort + " (" + e.getMessage()
                    + "): is another recorder or the workbench already running? Try --csm-port.");
            return 1;
        } catch (SocketException e) {
            writer.close();
            stderr.println("Cannot listen on UDP 127.0.0.1:" + csmPort + ": " + e.getMessage());
            return 1;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        Runnable finish = () -> {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            listener.close();
            try {
                writer.close();
            } catch (IOException | RuntimeException e) {
                stderr.println("Error closing " + file + ": " + e.getMessage());
            }
            stdout.printf("Recorded %d attempts (%d datagrams, %d malformed and dropped) to %s%n",
                    writer.written(), listener.received(), listener.malformed(), file);
            stdout.flush();
            stopped.countDown();
        };
        Thread hook = new Thread(finish, "record-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        stdout.printf("Listening for CSM datagrams on udp://127.0.0.1:%d, recording to %s%n", listener.port(), file);
        stdout.printf("In another shell: export AWS_CSM_ENABLED=true AWS_CSM_PORT=%d%n", listener.port());
        stdout.println(durationSeconds == null ? "Press Ctrl-C to stop."
                : "Stopping after " + durationSeconds + " s.");
        stdout.flush();

        if (durationSeconds != null) {
            Duration d = Duration.ofNanos((long) (durationSeconds * 1e9));
            stopped.await(d.toNanos(), TimeUnit.NANOSECONDS);
            finish.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
            return 0;
        }
        stopped.await();
        return 0;
    }
}
