package org.ec2workbench.ui.connection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The app's {@link MutationGuard}: a modal warning dialog whose buttons are the prompt's choices, the first
 * one (DryRun when offered) being the default. Closing the dialog counts as Cancel.
 */
public final class DialogMutationGuard implements MutationGuard {

    /** The id of the dialog's pane, for tests: {@code mutation-guard}. Buttons: {@code guard-dry-run}, … */
    public static final String PANE_ID = "mutation-guard";

    private final Supplier<Window> owner;

    /** A guard whose dialogs belong to the window {@code owner} supplies (may supply null). */
    public DialogMutationGuard(Supplier<Window> owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    @Override
    public void ask(Prompt prompt, Consumer<Choice> answer) {
        Map<ButtonType, Choice> choices = new HashMap<>();
        List<ButtonType> buttons = new ArrayList<>();
        for (Choice c : prompt.choices()) {
            ButtonType b = switch (c) {
                case DRY_RUN -> new ButtonType("DryRun first", ButtonBar.ButtonData.OTHER);
                case SEND -> new ButtonType(prompt.sendLabel(), ButtonBar.ButtonData.OK_DONE);
                case CANCEL -> ButtonType.CANCEL;
            };
            choices.put(b, c);
            buttons.add(b);
        }
        Alert alert = new Alert(Alert.AlertType.WARNING, prompt.text(), buttons.toArray(ButtonType[]::new));
        alert.setTitle(prompt.title());
        alert.setHeaderText(prompt.title());
        alert.getDialogPane().setId(PANE_ID);
        alert.getDialogPane().setPrefWidth(520);
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
        }
        for (ButtonType b : buttons) {
            Button node = (Button) alert.getDialogPane().lookupButton(b);
            node.setId("guard-" + choices.get(b).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            node.setDefaultButton(b == buttons.get(0));
        }
        Choice chosen = alert.showAndWait().map(choices::get).orElse(Choice.CANCEL);
        answer.accept(chosen == null ? Choice.CANCEL : chosen);
    }
}
