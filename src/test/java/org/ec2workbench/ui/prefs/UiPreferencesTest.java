package org.ec2workbench.ui.prefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiPreferencesTest {

    @TempDir
    Path dir;

    @Test
    void windowBoundsAndThemeSurviveARestartThroughTheFile() {
        Path file = dir.resolve("sub").resolve("ui.properties");
        UiPreferences first = new UiPreferences(new PropertiesFilePreferencesStore(file));
        first.setDarkTheme(true);
        first.setWindowBounds(new WindowBounds(10, 20, 1300, 850, false));
        first.flush();

        UiPreferences second = new UiPreferences(new PropertiesFilePreferencesStore(file));
        assertThat(second.darkTheme()).isTrue();
        assertThat(second.windowBounds()).contains(new WindowBounds(10, 20, 1300, 850, false));
    }

    @Test
    void aCorruptFileMeansDefaults() throws Exception {
        Path file = dir.resolve("ui.properties");
        Files.write(file, new byte[] {'\\', 'u', '1'});
        UiPreferences prefs = new UiPreferences(new PropertiesFilePreferencesStore(file));
        assertThat(prefs.darkTheme()).isFalse();
        assertThat(prefs.windowBounds()).isEmpty();
    }

    @Test
    void damagedWindowEntriesAreIgnored() {
        InMemoryPreferencesStore store = new InMemoryPreferencesStore();
        store.put("window.x", "12");
        store.put("window.y", "oops");
        assertThat(new UiPreferences(store).windowBounds()).isEmpty();
    }

    @Test
    void recentSessionsKeepTheNewestTenWithoutDuplicates() {
        UiPreferences prefs = new UiPreferences(new InMemoryPreferencesStore());
        for (int i = 0; i < 12; i++) {
            prefs.addRecentSession("/s/" + i + ".jsonl");
        }
        prefs.addRecentSession("/s/5.jsonl");
        assertThat(prefs.recentSessions()).hasSize(10).startsWith("/s/5.jsonl", "/s/11.jsonl")
                .doesNotHaveDuplicates();
    }

    @Test
    void windowBoundsRejectNonsense() {
        assertThatThrownBy(() -> new WindowBounds(0, 0, 0, 10, false)).hasMessageContaining("positive size");
    }

    @Test
    void configDirectoryFollowsThePlatformConvention() {
        Path home = Path.of("/home/u");
        assertThat(ConfigDirectory.resolve("Linux", Map.of(), home)).isEqualTo(Path.of("/home/u/.config/ec2-workbench"));
        assertThat(ConfigDirectory.resolve("Linux", Map.of("XDG_CONFIG_HOME", "/x/cfg"), home))
                .isEqualTo(Path.of("/x/cfg/ec2-workbench"));
        assertThat(ConfigDirectory.resolve("Linux", Map.of("XDG_CONFIG_HOME", "relative"), home))
                .isEqualTo(Path.of("/home/u/.config/ec2-workbench"));
        assertThat(ConfigDirectory.resolve("Mac OS X", Map.of(), home))
                .isEqualTo(Path.of("/home/u/Library/Application Support/ec2-workbench"));
        assertThat(ConfigDirectory.resolve("Windows 11", Map.of("APPDATA", "/appdata"), home))
                .isEqualTo(Path.of("/appdata/ec2-workbench"));
    }
}
