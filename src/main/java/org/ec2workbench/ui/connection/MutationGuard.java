package org.ec2workbench.ui.connection;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Asks the user before anything changes a real AWS account. The models describe what they are about to send
 * as a {@link Prompt}; the view answers (a dialog in the app, a script in tests). Free of {@code javafx.scene}.
 */
@FunctionalInterface
public interface MutationGuard {

    /** What the user may answer. */
    enum Choice {
        /** Ask EC2 whether the call would be allowed (DryRun), changing nothing. */
        DRY_RUN,
        /** Send the real calls. */
        SEND,
        /** Send nothing. */
        CANCEL
    }

    /**
     * One question.
     *
     * @param title   short header, e.g. "Mutating calls against AWS"
     * @param text      what would be sent and what it creates
     * @param sendLabel what the {@link Choice#SEND} button says, e.g. "Send to AWS"
     * @param choices   the answers offered, in button order; the first is the default (DryRun when offered)
     */
    record Prompt(String title, String text, String sendLabel, List<Choice> choices) {
        public Prompt {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(sendLabel, "sendLabel");
            choices = List.copyOf(choices);
            if (!choices.contains(Choice.CANCEL)) {
                throw new IllegalArgumentException("a prompt must let the user cancel");
            }
        }

        /** Whether a DryRun is offered (and, being first, the default answer). */
        public boolean offersDryRun() {
            return !choices.isEmpty() && choices.get(0) == Choice.DRY_RUN;
        }
    }

    /** Asks {@code prompt}; {@code answer} hears the choice exactly once, on the caller's (FX) thread. */
    void ask(Prompt prompt, Consumer<Choice> answer);

    /** Until a view installs a real guard, nothing mutating is sent to AWS: always {@link Choice#CANCEL}. */
    MutationGuard REFUSE = (prompt, answer) -> answer.accept(Choice.CANCEL);
}
