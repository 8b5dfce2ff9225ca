package org.ec2workbench.ui.connection;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.ec2workbench.sandbox.Preset;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Connection page: sandbox or AWS profile, and the client-side monitoring listener. */
public final class ConnectionView {

    private final ConnectionModel model;
    private final ScrollPane root;
    private final Label message = new Label();

    /** The page over {@code model}. */
    public ConnectionView(ConnectionModel model) {
        this.model = Objects.requireNonNull(model, "model");
        VBox content = new VBox(16, modeSwitch(), sandboxCard(), awsCard(), csmCard(), message);
        content.setPadding(new Insets(16));
        content.setMaxWidth(900);
        content.getStyleClass().add("connection-page");
        message.setId("connection-message");
        message.setWrapText(true);
        message.getStyleClass().add(Styles.DANGER);
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        root.getStylesheets().add(ConnectionView.class.getResource("connection.css").toExternalForm());
    }

    /** The page's root node. */
    public ScrollPane root() {
        return root;
    }

    private Node modeSwitch() {
        ToggleGroup group = new ToggleGroup();
        ToggleButton sandbox = new ToggleButton("Sandbox", new FontIcon(Feather.BOX));
        sandbox.setId("mode-sandbox");
        sandbox.getStyleClass().add(Styles.LEFT_PILL);
        ToggleButton aws = new ToggleButton("AWS account", new FontIcon(Feather.CLOUD));
        aws.setId("mode-aws");
        aws.getStyleClass().add(Styles.RIGHT_PILL);
        group.getToggles().addAll(sandbox, aws);
        Runnable sync = () -> group.selectToggle(model.modeProperty().get() == ConnectionMode.SANDBOX ? sandbox : aws);
        model.modeProperty().addListener(o -> sync.run());
        sync.run();
        sandbox.setOnAction(e -> {
            model.useSandbox();
            sync.run();
        });
        aws.setOnAction(e -> {
            try {
                model.useAws();
                message.setText("");
            } catch (IllegalStateException ex) {
                message.setText(ex.getMessage());
            }
            sync.run();
        });
        Label connected = new Label();
        connected.setId("connection-label");
        connected.textProperty().bind(Bindings.concat("Connected to: ", model.labelProperty()));
        connected.getStyleClass().add(Styles.TEXT_MUTED);
        HBox box = new HBox(0, sandbox, aws);
        HBox row = new HBox(16, box, connected);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    private Node sandboxCard() {
        Label state = new Label();
        state.setId("sandbox-state");
        state.textProperty().bind(Bindings.createStringBinding(() -> switch (model.sandboxStateProperty().get()) {
            case STOPPED -> "Stopped";
            case STARTING -> "Starting…";
            case RUNNING -> "Running";
            case FAILED -> "Failed: " + model.sandboxErrorProperty().get();
        }, model.sandboxStateProperty(), model.sandboxErrorProperty()));
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("sandbox-progress");
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.sandboxStateProperty().isEqualTo(SandboxState.STARTING));
        progress.managedProperty().bind(progress.visibleProperty());

        TextField endpoint = readOnly("sandbox-endpoint", model.endpointProperty().get());
        endpoint.textProperty().bind(model.endpointProperty());
        TextField export = readOnly("sandbox-export", "");
        export.textProperty().bind(model.exportLineProperty());
        Button copy = copyButton("copy-export", export);

        ChoiceBox<Preset> preset = new ChoiceBox<>();
        preset.setId("sandbox-preset");
        preset.getItems().setAll(Preset.values());
        preset.valueProperty().bindBidirectional(model.presetProperty());
        preset.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Preset p) {
                return p == null ? "" : p.name().toLowerCase(java.util.Locale.ROOT);
            }

            @Override
            public Preset fromString(String s) {
                return Preset.valueOf(s.toUpperCase(java.util.Locale.ROOT));
            }
        });
        preset.setTooltip(new Tooltip("realistic: documented buckets and lags · lesson: a burst of ~30 calls "
                + "throttles, lags easy to see · calm: no throttling, no lag"));
        Spinner<Double> scale = new Spinner<>(0.1, 1000, model.timeScaleProperty().get(), 1);
        scale.setId("sandbox-time-scale");
        scale.setEditable(true);
        NumberSpinners.bind(scale, model.timeScaleProperty(), Number::doubleValue);
        scale.setTooltip(new Tooltip("The sandbox world runs this many times faster than the wall clock"));
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, (int) model.seedProperty().get());
        seed.setId("sandbox-seed");
        seed.setEditable(true);
        seed.valueProperty().addListener((obs, was, now) -> model.seedProperty().set(now));
        Button restart = new Button("Restart with these settings", new FontIcon(Feather.REFRESH_CW));
        restart.setId("sandbox-restart");
        restart.disableProperty().bind(model.sandboxStateProperty().isEqualTo(SandboxState.STARTING));
        restart.setOnAction(e -> model.startSandbox());

        GridPane grid = grid();
        grid.addRow(0, new Label("State"), new HBox(8, progress, state));
        grid.addRow(1, new Label("Endpoint"), endpoint);
        grid.addRow(2, new Label("For other tools"), new HBox(6, export, copy));
        grid.addRow(3, new Label("Preset"), preset);
        grid.addRow(4, new Label("Time scale"), scale);
        grid.addRow(5, new Label("Seed"), seed);
        grid.add(restart, 1, 6);
        HBox.setHgrow(export, Priority.ALWAYS);
        return card("Embedded sandbox", Feather.BOX,
                "An EC2 endpoint on 127.0.0.1 that throttles, lags and moves instances through their lifecycle. "
                        + "Paste the export line into a shell to point the AWS CLI, boto3 or an SDK at it.", grid);
    }

    private Node awsCard() {
        ComboBox<String> profile = new ComboBox<>(model.profiles());
        profile.setId("aws-profile");
        profile.valueProperty().bindBidirectional(model.profileProperty());
        profile.setPromptText(model.profiles().isEmpty() ? "No profiles found" : "Profile");
        ComboBox<String> region = new ComboBox<>(model.regions());
        region.setId("aws-region");
        region.setEditable(true);
        region.valueProperty().bindBidirectional(model.regionProperty());
        Button use = new Button("Use this profile", new FontIcon(Feather.LOG_IN));
        use.setId("aws-use");
        use.disableProperty().bind(model.profileProperty().isNull());
        use.setOnAction(e -> {
            try {
                model.useAws();
                message.setText("");
            } catch (IllegalStateException ex) {
                message.setText(ex.getMessage());
            }
        });
        GridPane grid = grid();
        grid.addRow(0, new Label("Profile"), profile);
        grid.addRow(1, new Label("Region"), region);
        grid.add(use, 1, 2);
        String text = model.profiles().isEmpty()
                ? "No profiles were found in ~/.aws/config or ~/.aws/credentials (or the files AWS_CONFIG_FILE and "
                        + "AWS_SHARED_CREDENTIALS_FILE name). Add one with `aws configure --profile NAME`."
                : "Profiles from the SDK's profile files; keys stay with the SDK. In AWS mode every mutating call "
                        + "asks for confirmation and offers a DryRun first.";
        return card("AWS account", Feather.CLOUD, text, grid);
    }

    private Node csmCard() {
        ToggleSwitch on = new ToggleSwitch("Listen for client-side monitoring");
        on.setId("csm-toggle");
        on.setSelected(model.csmEnabledProperty().get());
        on.selectedProperty().addListener((obs, was, now) -> {
            model.setCsmEnabled(now);
            if (now != model.csmEnabledProperty().get()) {
                on.setSelected(model.csmEnabledProperty().get());
            }
        });
        Spinner<Integer> port = new Spinner<>(1, 65535, model.csmPortProperty().get());
        port.setId("csm-port");
        port.setEditable(true);
        port.disableProperty().bind(model.csmEnabledProperty());
        TextField env = readOnly("csm-env", model.csmEnvironmentLine());
        port.valueProperty().addListener((obs, was, now) -> {
            model.csmPortProperty().set(now);
            env.setText(model.csmEnvironmentLine());
        });
        Button copy = copyButton("copy-csm-env", env);
        Label status = new Label();
        status.setId("csm-status");
        status.textProperty().bind(model.csmStatusProperty());
        GridPane grid = grid();
        grid.add(on, 0, 0, 2, 1);
        grid.addRow(1, new Label("UDP port"), port);
        grid.addRow(2, new Label("Environment"), new HBox(6, env, copy));
        grid.addRow(3, new Label("Status"), status);
        HBox.setHgrow(env, Priority.ALWAYS);
        return card("Client-side monitoring (CSM)", Feather.RADIO,
                "Run the AWS CLI or boto3 with this environment and their attempts appear on the timeline live.", grid);
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        javafx.scene.layout.ColumnConstraints keys = new javafx.scene.layout.ColumnConstraints(120);
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(keys, values);
        return grid;
    }

    private static Node card(String title, Feather icon, String text, Node body) {
        Label heading = new Label(title, new FontIcon(icon));
        heading.getStyleClass().add(Styles.TITLE_4);
        Label description = new Label(text);
        description.setWrapText(true);
        description.getStyleClass().add(Styles.TEXT_MUTED);
        VBox card = new VBox(10, heading, description, body);
        card.getStyleClass().add("connection-card");
        return card;
    }

    private static TextField readOnly(String id, String text) {
        TextField field = new TextField(text);
        field.setId(id);
        field.setEditable(false);
        field.getStyleClass().add("mono");
        return field;
    }

    private static Button copyButton(String id, TextField source) {
        Button copy = new Button(null, new FontIcon(Feather.COPY));
        copy.setId(id);
        copy.setTooltip(new Tooltip("Copy to the clipboard"));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(source.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        return copy;
    }
}
