package org.ec2workbench.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionLedgerTest {

    @TempDir
    Path dir;

    private static SubscriptionLedger.Entry entry(String session) {
        return new SubscriptionLedger.Entry(session, "sandbox http://127.0.0.1:4566", "ec2wb-" + session,
                "ec2wb-" + session, "ec2wb-queue", Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void entriesSurviveANewLedgerOnTheSameFile() {
        Path file = dir.resolve("nested").resolve("ledger.jsonl");
        SubscriptionLedger ledger = new SubscriptionLedger(file);
        ledger.add(entry("a"));
        ledger.add(entry("b"));
        ledger.add(entry("a"));
        assertThat(new SubscriptionLedger(file).entries()).extracting(SubscriptionLedger.Entry::sessionId)
                .containsExactly("b", "a");
        ledger.remove("b");
        assertThat(new SubscriptionLedger(file).entries()).containsExactly(entry("a"));
    }

    @Test
    void unreadableLinesAreSkippedAndTheRestKept() throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        SubscriptionLedger ledger = new SubscriptionLedger(file);
        ledger.add(entry("good"));
        Files.writeString(file, Files.readString(file) + "{broken\n{\"sessionId\":\"half\"}\n");
        assertThat(ledger.entries()).containsExactly(entry("good"));
        ledger.add(entry("next"));
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void aMissingFileIsAnEmptyLedger() {
        assertThat(new SubscriptionLedger(dir.resolve("none.jsonl")).entries()).isEqualTo(List.of());
        assertThat(SubscriptionLedger.defaultPath().getFileName().toString()).isEqualTo("subscriptions.jsonl");
    }
}
