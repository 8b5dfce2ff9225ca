package org.ec2workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ec2workbench.AppDirs.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDirsTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxUsesXdgVariablesWhenSet() {
        AppDirs dirs = AppDirs.resolve(Platform.LINUX,
                Map.of("XDG_DATA_HOME", "/data/ada", "XDG_CONFIG_HOME", "/conf/ada"), HOME);

        assertThat(dirs.data()).isEqualTo(Path.of("/data/ada/ec2-workbench"));
        assertThat(dirs.config()).isEqualTo(Path.of("/conf/ada/ec2-workbench"));
    }

    @Test
    void linuxFallsBackToLocalShareAndConfigWhenXdgIsUnset() {
        AppDirs dirs = AppDirs.resolve(Platform.LINUX, Map.of(), HOME);

        assertThat(dirs.data()).isEqualTo(Path.of("/home/ada/.local/share/ec2-workbench"));
        assertThat(dirs.config()).isEqualTo(Path.of("/home/ada/.config/ec2-workbench"));
    }

    @Test
    void linuxIgnoresBlankAndRelativeXdgValuesAsTheSpecificationSays() {
        AppDirs dirs = AppDirs.resolve(Platform.LINUX,
                Map.of("XDG_DATA_HOME", "relative/share", "XDG_CONFIG_HOME", "  "), HOME);

        assertThat(dirs.data()).isEqualTo(Path.of("/home/ada/.local/share/ec2-workbench"));
        assertThat(dirs.config()).isEqualTo(Path.of("/home/ada/.config/ec2-workbench"));
    }

    @Test
    void windowsKeepsDataAndConfigInAppData() {
        // An absolute path of the test's own file system stands in for C:\Users\ada\AppData\Roaming.
        AppDirs dirs = AppDirs.resolve(Platform.WINDOWS, Map.of("APPDATA", "/Users/ada/AppData/Roaming"), HOME);

        assertThat(dirs.data()).isEqualTo(Path.of("/Users/ada/AppData/Roaming/ec2-workbench"));
        assertThat(dirs.config()).isEqualTo(dirs.data());
    }

    @Test
    void windowsFallsBackToTheRoamingProfileUnderHomeWithoutAppData() {
        AppDirs dirs = AppDirs.resolve(Platform.WINDOWS, Map.of("XDG_DATA_HOME", "/ignored"), HOME);

        assertThat(dirs.data()).isEqualTo(Path.of("/home/ada/AppData/Roaming/ec2-workbench"));
    }

    @Test
    void macosUsesApplicationSupportAndIgnoresXdg() {
        AppDirs dirs = AppDirs.resolve(Platform.MACOS, Map.of("XDG_DATA_HOME", "/ignored"), Path.of("/Users/ada"));

        assertThat(dirs.data()).isEqualTo(Path.of("/Users/ada/Library/Application Support/ec2-workbench"));
        assertThat(dirs.config()).isEqualTo(dirs.data());
    }

    @Test
    void platformFollowsOsName() {
        assertThat(Platform.fromOsName("Linux")).isEqualTo(Platform.LINUX);
        assertThat(Platform.fromOsName("FreeBSD")).isEqualTo(Platform.LINUX);
        assertThat(Platform.fromOsName("Windows 11")).isEqualTo(Platform.WINDOWS);
        assertThat(Platform.fromOsName("Mac OS X")).isEqualTo(Platform.MACOS);
    }

    @Test
    void currentUserGetsAnAbsoluteDirectoryNamedAfterTheApp() {
        AppDirs dirs = AppDirs.forCurrentUser();

        assertThat(dirs.data()).isAbsolute();
        assertThat(dirs.data().getFileName()).hasToString("ec2-workbench");
        assertThat(dirs.config()).isAbsolute();
        assertThat(dirs.config().getFileName()).hasToString("ec2-workbench");
    }

    @Test
    void createMakesTheDirectoriesOnlyWhenAsked(@TempDir Path temp) throws IOException {
        AppDirs dirs = AppDirs.resolve(Platform.LINUX, Map.of("XDG_DATA_HOME", temp.resolve("d").toString()), temp);
        assertThat(dirs.data()).doesNotExist();

        assertThat(dirs.createData()).isDirectory().isEqualTo(temp.resolve("d/ec2-workbench"));
        assertThat(dirs.createConfig()).isDirectory().isEqualTo(temp.resolve(".config/ec2-workbench"));
        assertThat(Files.isWritable(dirs.data())).isTrue();
    }

    @Test
    void rejectsRelativePathsWithTheOffendingValue() {
        assertThatThrownBy(() -> AppDirs.resolve(Platform.LINUX, Map.of(), Path.of("home")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'home'");
        assertThatThrownBy(() -> AppDirs.of(Path.of("rel"), Path.of("/abs")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rel'");
    }
}
