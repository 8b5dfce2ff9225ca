package org.ec2workbench;

import java.util.concurrent.Callable;
import org.ec2workbench.cli.SelfTest;
import org.ec2workbench.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The one launcher: the GUI when no command is given, otherwise the named command. Subcommands are the
 * headless faces of the same features (sandbox, simulators, capture, lessons).
 */
@Command(name = "ec2-workbench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "See, reproduce and fix EC2 API request errors. With no command, opens the workbench.",
        subcommands = {
                CommandLine.HelpCommand.class,
                org.ec2workbench.cli.LessonCommand.class,
                org.ec2workbench.cli.SimulateCommand.class,
                org.ec2workbench.cli.SandboxCommand.class,
                org.ec2workbench.cli.EventsCommand.class,
                org.ec2workbench.cli.BenchCommand.class,
                org.ec2workbench.cli.RecordCommand.class,
                org.ec2workbench.cli.CloudTrailCommand.class,
                org.ec2workbench.cli.ExportCommand.class,
        })
public final class Main implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--self-test",
            description = "Starts the sandbox, makes one call through the AWS SDK, prints the result and exits "
                    + "(0 when it worked); needs no display.")
    private boolean selfTest;

    /** Runs the command line and exits with its status (2 for usage errors). */
    public static void main(String[] args) {
        int status = commandLine().execute(args);
        if (status != 0 || args.length > 0) {
            System.exit(status);
        }
    }

    /** The configured command line, for the launcher and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        if (selfTest) {
            return new SelfTest(spec.commandLine().getOut(), spec.commandLine().getErr()).call();
        }
        javafx.application.Application.launch(org.ec2workbench.ui.WorkbenchApp.class);
        return 0;
    }
}
