package org.ec2workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;
import org.ec2workbench.sandbox.ScopeOnlyAccessControl;
import org.ec2workbench.sandbox.iam.IamConfig;
import org.ec2workbench.sandbox.iam.IamConfigException;
import org.ec2workbench.sandbox.iam.IamUser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sandbox}: runs the EC2 sandbox alone until interrupted, for the AWS CLI, SDKs and other tools. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Runs the EC2 sandbox on 127.0.0.1 until interrupted and prints how to point tools at it.")
public final class SandboxCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", description = "Port to listen on (0 = any free port; default ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--bind", description = "Address to bind (default ${DEFAULT-VALUE}).")
    private String bind = "127.0.0.1";

    @Option(names = "--seed", description = "Seed for every random choice (default ${DEFAULT-VALUE}).")
    private long seed = 1;

    @Option(names = "--preset", description = "realistic, lesson or calm (default ${DEFAULT-VALUE}).")
    private Preset preset = Preset.REALISTIC;

    @Option(names = "--time-scale", description = "The sandbox world runs X times faster than the wall clock "
            + "(default ${DEFAULT-VALUE}).", paramLabel = "X")
    private double timeScale = 1;

    @Option(names = "--iam", paramLabel = "FILE", description = "IAM users with their keys and policies, "
            + "{\"principals\":[{\"name\":…,\"accessKeyId\":…,\"secretAccessKey\":…,\"policies\":[…]}]} "
            + "(see docs/identity.md); the administrator always exists.")
    private Path iamFile;

    @Option(names = "--no-iam", description = "No identity: signatures are not checked, any key is the "
            + "administrator and everything is allowed (for benchmarks and quick experiments).")
    private boolean noIam;

    @Option(names = "--instance-limit", paramLabel = "N", description = "Instances the account may have, recently "
            + "terminated ones included (default: the preset's).")
    private Integer instanceLimit;

    private final CountDownLatch stopRequested;

    /** The command as the launcher runs it: it stops when the JVM is interrupted (Ctrl-C, SIGTERM). */
    public SandboxCommand() {
        this(null);
    }

    /** A command that also stops when {@code stop} is counted down (for tests and embedding). */
    SandboxCommand(CountDownLatch stop) {
        this.stopRequested = stop;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535, was " + port);
        }
        if (!(timeScale > 0) || timeScale > 1_000_000) {
            throw new ParameterException(spec.commandLine(), "--time-scale must be > 0 and at most 1000000");
        }
        if (instanceLimit != null && instanceLimit < 1) {
            throw new ParameterException(spec.commandLine(), "--instance-limit must be >= 1, was " + instanceLimit);
        }
        List<IamUser> users = List.of();
        if (iamFile != null && noIam) {
            throw new ParameterException(spec.commandLine(), "--iam and --no-iam exclude each other");
        }
        if (iamFile != null) {
            try {
                users = IamConfig.load(iamFile);
            } catch (IamConfigException e) {
                throw new ParameterException(spec.commandLine(), "--iam " + e.getMessage());
            }
        }
        Sandbox sandbox;
        try {
            Sandbox.Builder builder = Sandbox.builder().port(port).bindAddress(bind).seed(seed).preset(preset)
                    .timeScale(timeScale).iamUsers(users);
            if (instanceLimit != null) {
                builder.instanceLimit(instanceLimit);
            }
            if (noIam) {
                builder.accessControl(new ScopeOnlyAccessControl(), ScopeOnlyAccessControl.DEFAULT_CREDENTIALS);
            }
            sandbox = builder.build().start();
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            spec.commandLine().getErr().println("Cannot start the sandbox: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            return 1;
        }
        CountDownLatch stopped = stopRequested != null ? stopRequested : new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Credentials keys = sandbox.defaultCredentials();
        PrintWriter out = spec.commandLine().getOut();
        out.println(sandbox.endpoint());
        out.println("export AWS_ENDPOINT_URL=" + sandbox.endpoint() + " AWS_ACCESS_KEY_ID=" + keys.accessKeyId()
                + " AWS_SECRET_ACCESS_KEY=" + keys.secretAccessKey() + " AWS_REGION=us-east-1"
                + " AWS_DEFAULT_REGION=us-east-1");
        out.println("# preset " + preset.name().toLowerCase(java.util.Locale.ROOT) + ", time scale " + timeScale
                + ", seed " + seed + "; state at " + sandbox.endpoint() + "/_sandbox/state; Ctrl-C stops it");
        if (noIam) {
            out.println("# IAM: off (no-IAM mode): signatures are not checked and every key is the administrator");
        } else {
            out.println("# IAM: SigV4 verified, policies enforced; principals (" + sandbox.principals()
                    .map(p -> String.join(", ", p.users().stream().map(IamUser::name).toList())).orElse("none")
                    + ") at " + sandbox.endpoint() + "/_sandbox/iam");
        }
        // Older CLIs silently ignore AWS_ENDPOINT_URL and would send the call to the real AWS endpoint.
        out.println("# AWS CLI v2 before 2.13 and v1 before 1.29 ignore AWS_ENDPOINT_URL: pass --endpoint-url "
                + sandbox.endpoint());
        out.flush();
        stopped.await();
        if (stopRequested != null) {
            Runtime.getRuntime().removeShutdownHook(hook);
            sandbox.close();
        }
        return 0;
    }
}
