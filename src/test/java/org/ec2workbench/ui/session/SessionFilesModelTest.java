package org.ec2workbench.ui.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.capture.Attempt;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.capture.session.Exports;
import org.ec2workbench.ui.prefs.InMemoryPreferencesStore;
import org.ec2workbench.ui.prefs.UiPreferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFilesModelTest {

    private static final long T0 = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    private final UiPreferences prefs = new UiPreferences(new InMemoryPreferencesStore());

    private static Clock fixedClock() {
        return new org.ec2workbench.backoff.VirtualClock(Instant.parse("2026-11-22T05:00:00Z"));
    }

    private static AttemptStore sample() {
        AttemptStore store = new AttemptStore();
        int first = store.newCallId();
        int second = store.newCallId();
        store.append(Attempt.builder().service("ec2").action("RunInstances").bucket("mutating").startMicros(T0)
                .durationMicros(40_000).httpStatus(503).errorCode("RequestLimitExceeded")
                .errorMessage("Request limit exceeded.").category(ErrorCategory.THROTTLING).callId(first)
                .attemptNumber(1).requestId("r-1").source("workbench").build());
        store.append(Attempt.builder().service("ec2").action("RunInstances").bucket("mutating")
                .startMicros(T0 + 300_000).durationMicros(50_000).httpStatus(200).callId(first).attemptNumber(2)
                .backoffMicros(260_000).requestId("r-2").source("workbench").build());
        store.append(Attempt.builder().service("ec2").action("DescribeInstances").bucket("non-mutating")
                .startMicros(T0 + 400_000).durationMicros(20_000).httpStatus(200).callId(second)
                .requestId("r-3").source("boto3").build());
        return store;
    }

    private static List<Attempt> attempts(AttemptStore store) {
        AttemptStore.Snapshot s = store.snapshot();
        List<Attempt> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(s.attempt(i));
        }
        return out;
    }

    @Test
    void saveThenOpenGivesTheSameAttemptsAndKeepsCallsApart() throws IOException {
        AttemptStore original = sample();
        Path file = dir.resolve("saved.jsonl");
        SessionFilesModel saving = new SessionFilesModel(prefs, original, fixedClock());
        assertThat(saving.saveAs(file)).isEqualTo(3);
        assertThat(saving.saveAs(file)).as("saving again replaces, not appends").isEqualTo(3);

        AttemptStore target = sample(); // already holds calls with the same ids as the file
        SessionFilesModel opening = new SessionFilesModel(prefs, target, fixedClock());
        SessionFilesModel.Opened opened = opening.read(file);
        assertThat(opened.skipped()).isZero();
        assertThat(opened.summary()).isEqualTo("Opened saved.jsonl: 3 attempts added to the timeline");
        assertThat(opening.load(opened)).isEqualTo(3);

        List<Attempt> all = attempts(target);
        assertThat(all).hasSize(6);
        List<Attempt> loaded = all.subList(3, 6);
        List<Attempt> expected = attempts(original);
        for (int i = 0; i < 3; i++) {
            assertThat(loaded.get(i).toBuilder().callId(expected.get(i).callId()).build()).isEqualTo(expected.get(i));
        }
        assertThat(loaded.get(0).callId()).isEqualTo(loaded.get(1).callId());
        assertThat(loaded.get(2).callId()).isNotEqualTo(loaded.get(0).callId());
        assertThat(all.subList(0, 3).stream().map(Attempt::callId))
                .doesNotContainAnyElementsOf(loaded.stream().map(Attempt::callId).toList());
        assertThat(opening.recent()).containsExactly(file.toAbsolutePath().normalize());
    }

    @Test
    void corruptLinesAreSkippedAndReportedWithFileAndLine() throws IOException {
        Path file = dir.resolve("damaged.jsonl");
        new SessionFilesModel(prefs, sample(), fixedClock()).saveAs(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.add(2, "{\"this is\": not json");
        lines.add("garbage");
        Files.write(file, lines, StandardCharsets.UTF_8);

        SessionFilesModel.Opened opened = new SessionFilesModel(prefs, new AttemptStore(), fixedClock()).read(file);
        assertThat(opened.attempts()).isEqualTo(3);
        assertThat(opened.skipped()).isEqualTo(2);
        assertThat(opened.summary()).startsWith("Opened damaged.jsonl: 3 attempts added to the timeline; skipped 2 unreadable lines, first ")
                .contains(file + ":3");
    }

    @Test
    void recentListIsMostRecentFirstLimitedToEightAndPrunesMissingFiles() throws IOException {
        SessionFilesModel model = new SessionFilesModel(prefs, sample(), fixedClock());
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Path f = dir.resolve("s" + i + ".jsonl");
            model.saveAs(f);
            files.add(f.toAbsolutePath().normalize());
        }
        assertThat(model.recent()).hasSize(SessionFilesModel.MAX_RECENT)
                .containsExactly(files.get(9), files.get(8), files.get(7), files.get(6), files.get(5), files.get(4),
                        files.get(3), files.get(2));
        model.remember(files.get(4));
        assertThat(model.recent().get(0)).isEqualTo(files.get(4));

        Files.delete(files.get(9));
        Files.delete(files.get(4));
        assertThat(model.recent()).containsExactly(files.get(8), files.get(7), files.get(6), files.get(5),
                files.get(3), files.get(2));
        assertThat(prefs.recentSessions()).hasSize(6).doesNotContain(files.get(9).toString());
    }

    @Test
    void exportsWriteCsvAndHarAndMissingFilesFailClearly() throws IOException {
        SessionFilesModel model = new SessionFilesModel(prefs, sample(), fixedClock());
        Path csv = dir.resolve("out.csv");
        assertThat(model.exportCsv(csv)).isEqualTo(3);
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(rows.get(0)).isEqualTo(Exports.CSV_HEADER);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).contains("RunInstances").contains("RequestLimitExceeded");

        Path har = dir.resolve("out.har");
        assertThat(model.exportHar(har)).isEqualTo(3);
        assertThat(Files.readString(har)).contains("\"log\"").contains("DescribeInstances");

        assertThatThrownBy(() -> model.read(dir.resolve("missing.jsonl"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> model.exportCsv(dir.resolve("no/such/dir/out.csv"))).isInstanceOf(IOException.class);
    }
}
