package org.ec2workbench.capture.session;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the workbench keeps its data, per platform: {@code $XDG_DATA_HOME} (default
 * {@code ~/.local/share}) on Linux, {@code %APPDATA%} on Windows, {@code ~/Library/Application Support} on
 * macOS; always under an {@code ec2-workbench} sub-directory.
 */
public final class DataDirectories {

    private final Function<String, String> env;
    private final String osName;
    private final Path home;

    /** Directories derived from the given environment, {@code os.name} and home directory. */
    public DataDirectories(Function<String, String> env, String osName, Path home) {
        this.env = Objects.requireNonNull(env, "env");
        this.osName = Objects.requireNonNull(osName, "osName").toLowerCase(Locale.ROOT);
        this.home = Objects.requireNonNull(home, "home");
    }

    /** Directories of this process's environment. */
    public static DataDirectories system() {
        return new DataDirectories(System::getenv, System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home")));
    }

    /** The workbench's data directory. */
    public Path dataHome() {
        Path base;
        if (osName.startsWith("windows")) {
            String appData = env.apply("APPDATA");
            base = isSet(appData) ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
        } else if (osName.startsWith("mac")) {
            base = home.resolve("Library").resolve("Application Support");
        } else {
            String xdg = env.apply("XDG_DATA_HOME");
            base = isSet(xdg) && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        }
        return base.resolve("ec2-workbench");
    }

    /** Where session files live. */
    public Path sessions() {
        return dataHome().resolve("sessions");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
