package org.ec2workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the workbench keeps the user's files, in each platform's place, always in a subdirectory named
 * {@value #APP_DIR_NAME}:
 * <ul>
 *   <li>Linux and other Unix systems (XDG Base Directory): data in {@code $XDG_DATA_HOME} (default
 *       {@code ~/.local/share}), configuration in {@code $XDG_CONFIG_HOME} (default {@code ~/.config}).
 *       As the specification says, a relative value is invalid and ignored.</li>
 *   <li>Windows: both in {@code %APPDATA%} (the roaming profile; default {@code ~\AppData\Roaming}).</li>
 *   <li>macOS: both in {@code ~/Library/Application Support}.</li>
 * </ul>
 * Data is what the user produces (session files, ledgers); configuration is what they choose
 * (preferences, connection profiles). Nothing is created until {@link #createData()} or
 * {@link #createConfig()} is called. Tests and embedders use {@link #of(Path, Path)} to point
 * everything somewhere else.
 */
public final class AppDirs {

    /** The subdirectory every platform location gets. */
    public static final String APP_DIR_NAME = "ec2-workbench";

    /** The platform families whose conventions differ. */
    public enum Platform {
        /** Linux and every other Unix except macOS: the XDG Base Directory specification. */
        LINUX,
        /** Windows: {@code %APPDATA%}. */
        WINDOWS,
        /** macOS: {@code ~/Library/Application Support}. */
        MACOS;

        /** The platform family of an {@code os.name} value such as {@code Linux} or {@code Windows 11}. */
        public static Platform fromOsName(String osName) {
            String name = Objects.requireNonNull(osName, "osName").toLowerCase(Locale.ROOT);
            if (name.startsWith("windows")) {
                return WINDOWS;
            }
            if (name.startsWith("mac") || name.startsWith("darwin")) {
                return MACOS;
            }
            return LINUX;
        }
    }

    private final Path data;
    private final Path config;

    private AppDirs(Path data, Path config) {
        this.data = data;
        this.config = config;
    }

    /** The directories of the user running this JVM, from {@code os.name}, {@code user.home} and the environment. */
    public static AppDirs forCurrentUser() {
        return resolve(Platform.fromOsName(System.getProperty("os.name", "")), System.getenv(),
                Path.of(System.getProperty("user.home")));
    }

    /**
     * The directories a user with this home and environment gets on {@code platform}.
     *
     * @param platform    the platform family whose conventions apply
     * @param environment the environment variables ({@code XDG_DATA_HOME}, {@code XDG_CONFIG_HOME},
     *                    {@code APPDATA}); missing, blank and relative values fall back to the defaults
     * @param home        the user's home directory (absolute)
     */
    public static AppDirs resolve(Platform platform, Map<String, String> environment, Path home) {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(home, "home");
        if (!home.isAbsolute()) {
            throw new IllegalArgumentException("home must be an absolute path, got '" + home + "'");
        }
        return switch (platform) {
            case LINUX -> new AppDirs(
                    absoluteOr(environment.get("XDG_DATA_HOME"), home.resolve(".local").resolve("share"))
                            .resolve(APP_DIR_NAME),
                    absoluteOr(environment.get("XDG_CONFIG_HOME"), home.resolve(".config")).resolve(APP_DIR_NAME));
            case WINDOWS -> {
                Path appData = absoluteOr(environment.get("APPDATA"), home.resolve("AppData").resolve("Roaming"))
                        .resolve(APP_DIR_NAME);
                yield new AppDirs(appData, appData);
            }
            case MACOS -> {
                Path support = home.resolve("Library").resolve("Application Support").resolve(APP_DIR_NAME);
                yield new AppDirs(support, support);
            }
        };
    }

    /** Explicit directories (for tests, or a portable installation); both must be absolute. */
    public static AppDirs of(Path data, Path config) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        if (!data.isAbsolute() || !config.isAbsolute()) {
            throw new IllegalArgumentException(
                    "data and config must be absolute paths, got '" + data + "' and '" + config + "'");
        }
        return new AppDirs(data, config);
    }

    /** The data directory (session files, ledgers), which may not exist yet. */
    public Path data() {
        return data;
    }

    /** The configuration directory (preferences), which may not exist yet. */
    public Path config() {
        return config;
    }

    /** Creates the data directory if needed and returns it. */
    public Path createData() throws IOException {
        return Files.createDirectories(data);
    }

    /** Creates the configuration directory if needed and returns it. */
    public Path createConfig() throws IOException {
        return Files.createDirectories(config);
    }

    @Override
    public String toString() {
        return "AppDirs[data=" + data + ", config=" + config + "]";
    }

    private static Path absoluteOr(String value, Path fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            return fallback;
        }
        return path.isAbsolute() ? path : fallback;
    }
}
