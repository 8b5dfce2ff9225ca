package org.ec2workbench.ui.shell;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Help › Keyboard shortcuts: a table of every {@link Shortcut}. */
public final class HelpWindow {

    private HelpWindow() {
    }

    /** The table of shortcuts (also used by tests). */
    public static TableView<Shortcut> shortcutTable() {
        TableView<Shortcut> table = new TableView<>();
        table.setId("shortcut-table");
        table.getColumns().add(column("Keys", Shortcut::keys, 150));
        table.getColumns().add(column("Where", Shortcut::where, 100));
        table.getColumns().add(column("Action", Shortcut::action, 420));
        table.getItems().setAll(Shortcut.all());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    /** Shows the shortcuts in a window owned by {@code owner}. */
    public static Stage show(Window owner) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("Keyboard shortcuts");
        BorderPane pane = new BorderPane(shortcutTable());
        pane.setId("help-window");
        stage.setScene(new Scene(pane, 700, 520));
        stage.show();
        return stage;
    }

    private static TableColumn<Shortcut, String> column(String title,
            java.util.function.Function<Shortcut, String> value, double width) {
        TableColumn<Shortcut, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }
}
