package org.ec2workbench.ui.prefs;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The platform's place for this app's settings: {@code $XDG_CONFIG_HOME/ec2-workbench} (default
 * {@code ~/.config/ec2-workbench}) on Linux, {@code %APPDATA%\ec2-workbench} on Windows and
 * {@code ~/Library/Application Support/ec2-workbench} on macOS.
 */
public final class ConfigDirectory {

    private static final String APP = "ec2-workbench";

    private ConfigDirectory() {
    }

    /** The directory for this process's OS, environment and home. */
    public static Path resolve() {
        return resolve(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The directory for the given OS name, environment and home directory. */
    public static Path resolve(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData == null || appData.isBlank() ? home.resolve("AppData").resolve("Roaming") : Path.of(appData))
                    .resolve(APP);
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve(APP);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return (xdg == null || xdg.isBlank() || !Path.of(xdg).isAbsolute() ? home.resolve(".config") : Path.of(xdg))
                .resolve(APP);
    }
}
