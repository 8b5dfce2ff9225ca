package org.ec2workbench;

import java.util.concurrent.Callable;
import org.ec2workbench.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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
                org.ec2workbench.cli.SimulateCommand.class,
                org.ec2workbench.cli.SandboxCommand.class,
                org.ec2workbench.cli.EventsCommand.class,
        })
public final class Main implements Callable<Integer> {

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
        javafx.application.Application.launch(org.ec2workbench.ui.WorkbenchApp.class);
        return 0;
    }
}
