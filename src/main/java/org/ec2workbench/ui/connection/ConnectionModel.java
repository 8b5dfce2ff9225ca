package org.ec2workbench.ui.connection;

import java.net.SocketException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ec2workbench.aws.Connection;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.csm.CsmListener;
import org.ec2workbench.sandbox.Credentials;
import org.ec2workbench.sandbox.Preset;
import org.ec2workbench.sandbox.Sandbox;

/**
 * The Connection page's view-model and the owner of what it starts: the embedded sandbox (started in the
 * background, never on the FX thread) or an AWS profile and region, and the CSM listener that feeds other
 * processes' calls into the session. Results of background work are posted through the {@code fx}
 * executor ({@code Platform::runLater} in the app, a direct executor in tests). Free of
 * {@code javafx.scene}.
 */
public final class ConnectionModel implements AutoCloseable {

    /** The region the sandbox answers for. */
    public static final String SANDBOX_REGION = "us-east-1";

    private final Executor background;
    private final Executor fx;
    private final AttemptStore session;
    private final AwsProfiles awsProfiles;
    private final BiFunction<String, String, Connection> awsConnector;
    private volatile Sandbox sandbox;
    private CsmListener csm;

    // Properties
    private final ObjectProperty<ConnectionMode> mode = new SimpleObjectProperty<>(this, "mode", ConnectionMode.SANDBOX);
    private final ReadOnlyObjectWrapper<SandboxState> sandboxState = new ReadOnlyObjectWrapper<>(this, "sandboxState",
            SandboxState.STOPPED);
    private final ReadOnlyStringWrapper sandboxError = new ReadOnlyStringWrapper(this, "sandboxError", "");
    private final ReadOnlyStringWrapper endpoint = new ReadOnlyStringWrapper(this, "endpoint", "");
    private final ReadOnlyStringWrapper exportLine = new ReadOnlyStringWrapper(this, "exportLine", "");
    private final ObjectProperty<Preset> preset = new SimpleObjectProperty<>(this, "preset", Preset.LESSON);
    private final DoubleProperty timeScale = new SimpleDoubleProperty(this, "timeScale", 1);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 1);
    private final ObservableList<String> profiles = FXCollections.observableArrayList();
    private final StringProperty profile = new SimpleStringProperty(this, "profile");
    private final StringProperty region = new SimpleStringProperty(this, "region", SANDBOX_REGION);
    private final ObservableList<String> regions = FXCollections.observableArrayList(AwsProfiles.regions());
    private final ReadOnlyBooleanWrapper csmEnabled = new ReadOnlyBooleanWrapper(this, "csmEnabled", false);
    private final IntegerProperty csmPort = new SimpleIntegerProperty(this, "csmPort", CsmListener.DEFAULT_PORT);
    private final ReadOnlyStringWrapper csmStatus = new ReadOnlyStringWrapper(this, "csmStatus", "Off");
    private final ReadOnlyObjectWrapper<Connection> connection = new ReadOnlyObjectWrapper<>(this, "connection");
    private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper(this, "label", "Not connected");

    /**
     * A model that starts things on {@code background}, reports back through {@code fx}, feeds CSM
     * attempts into {@code session} and lists the profiles of {@code awsProfiles}.
     */
    public ConnectionModel(Executor background, Executor fx, AttemptStore session, AwsProfiles awsProfiles) {
        this(background, fx, session, awsProfiles, Connection::awsProfile);
    }

    /**
     * As above, with {@code awsConnector} making the connection for a (profile, region) in AWS mode. The app
     * uses {@link Connection#awsProfile}; tests point it at a sandbox to run AWS mode's exact code path.
     */
    public ConnectionModel(Executor background, Executor fx, AttemptStore session, AwsProfiles awsProfiles,
            BiFunction<String, String, Connection> awsConnector) {
        this.awsConnector = Objects.requireNonNull(awsConnector, "awsConnector");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.session = Objects.requireNonNull(session, "session");
        this.awsProfiles = Objects.requireNonNull(awsProfiles, "awsProfiles");
        profiles.setAll(awsProfiles.names());
        if (!profiles.isEmpty()) {
            profile.set(profiles.get(0));
        }
        profile.addListener((obs, was, now) -> {
            if (now != null) {
                awsProfiles.region(now).ifPresent(region::set);
            }
        });
    }

    /** Sandbox or AWS. */
    public ReadOnlyObjectProperty<ConnectionMode> modeProperty() {
        return mode;
    }

    /** The sandbox's state. */
    public ReadOnlyObjectProperty<SandboxState> sandboxStateProperty() {
        return sandboxState.getReadOnlyProperty();
    }

    /** Why the sandbox failed to start, empty otherwise. */
    public ReadOnlyStringProperty sandboxErrorProperty() {
        return sandboxError.getReadOnlyProperty();
    }

    /** The sandbox endpoint, empty until it runs. */
    public ReadOnlyStringProperty endpointProperty() {
        return endpoint.getReadOnlyProperty();
    }

    /** The shell line that points the AWS CLI and SDKs at the sandbox. */
    public ReadOnlyStringProperty exportLineProperty() {
        return exportLine.getReadOnlyProperty();
    }

    /** Preset of the next sandbox start. */
    public ObjectProperty<Preset> presetProperty() {
        return preset;
    }

    /** Time scale of the next sandbox start. */
    public DoubleProperty timeScaleProperty() {
        return timeScale;
    }

    /** Seed of the next sandbox start. */
    public LongProperty seedProperty() {
        return seed;
    }

    /** Profile names from the SDK's profile files. */
    public ObservableList<String> profiles() {
        return profiles;
    }

    /** The chosen profile. */
    public StringProperty profileProperty() {
        return profile;
    }

    /** The chosen region (AWS mode). */
    public StringProperty regionProperty() {
        return region;
    }

    /** Every region the SDK knows. */
    public ObservableList<String> regions() {
        return regions;
    }

    /** Whether the CSM listener runs. */
    public ReadOnlyBooleanProperty csmEnabledProperty() {
        return csmEnabled.getReadOnlyProperty();
    }

    /** The CSM port (used when the listener is next started). */
    public IntegerProperty csmPortProperty() {
        return csmPort;
    }

    /** What the CSM listener is doing. */
    public ReadOnlyStringProperty csmStatusProperty() {
        return csmStatus.getReadOnlyProperty();
    }

    /** The environment line that makes AWS CLI / boto3 processes report to the listener. */
    public String csmEnvironmentLine() {
        return "AWS_CSM_ENABLED=true AWS_CSM_PORT=" + csmPort.get();
    }

    /** The active connection, null while none is usable. */
    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /** What the status bar says about the connection. */
    public ReadOnlyStringProperty labelProperty() {
        return label.getReadOnlyProperty();
    }

    /** Whether the workbench talks to an AWS account: mutating calls then need confirmation (FX thread). */
    public boolean awsMode() {
        return mode.get() == ConnectionMode.AWS;
    }

    /** The running sandbox, if any. */
    public Optional<Sandbox> sandbox() {
        return Optional.ofNullable(sandbox);
    }

    // Commands

    /** Uses the sandbox, starting it in the background if it is not running. */
    public void useSandbox() {
        mode.set(ConnectionMode.SANDBOX);
        if (sandboxState.get() == SandboxState.RUNNING) {
            publishSandbox(sandbox);
        } else if (sandboxState.get() != SandboxState.STARTING) {
            startSandbox();
        }
    }

    /** (Re)starts the sandbox with the current preset, time scale and seed, in the background. */
    public void startSandbox() {
        if (sandboxState.get() == SandboxState.STARTING) {
            return;
        }
        Preset p = preset.get();
        double scale = timeScale.get();
        long s = seed.get();
        Sandbox old = sandbox;
        sandbox = null;
        sandboxState.set(SandboxState.STARTING);
        sandboxError.set("");
        if (mode.get() == ConnectionMode.SANDBOX) {
            connection.set(null);
            label.set("Starting sandbox…");
        }
        background.execute(() -> {
            if (old != null) {
                old.close();
            }
            try {
                Sandbox started = Sandbox.builder().preset(p).timeScale(scale).seed(s).build().start();
                fx.execute(() -> {
                    sandbox = started;
                    if (mode.get() == ConnectionMode.SANDBOX) {
                        publishSandbox(started);
                    } else {
                        describeSandbox(started);
                    }
                    sandboxState.set(SandboxState.RUNNING);
                });
            } catch (RuntimeException e) {
                fx.execute(() -> {
                    sandboxState.set(SandboxState.FAILED);
                    sandboxError.set(String.valueOf(e.getMessage()));
                    if (mode.get() == ConnectionMode.SANDBOX) {
                        label.set("Sandbox failed to start");
                    }
                });
            }
        });
    }

    /** Uses real AWS through the chosen profile and region. */
    public void useAws() {
        String p = profile.get();
        String r = region.get();
        if (p == null || p.isBlank()) {
            throw new IllegalStateException("No AWS profile chosen (none found in the SDK's profile files)");
        }
        if (r == null || r.isBlank()) {
            throw new IllegalStateException("No region chosen for profile " + p);
        }
        mode.set(ConnectionMode.AWS);
        Connection c = awsConnector.apply(p, r);
        connection.set(c);
        label.set("AWS " + c.label());
    }

    /** Starts or stops the CSM listener; a port already in use is reported, not thrown. */
    public void setCsmEnabled(boolean enabled) {
        if (enabled == csmEnabled.get()) {
            return;
        }
        if (!enabled) {
            csm.close();
            csm = null;
            csmEnabled.set(false);
            csmStatus.set("Off");
            return;
        }
        try {
            csm = CsmListener.start(session, csmPort.get());
            csmEnabled.set(true);
            csmStatus.set("Listening on UDP 127.0.0.1:" + csm.port());
        } catch (SocketException | IllegalArgumentException e) {
            csmStatus.set("Cannot listen on UDP port " + csmPort.get() + ": " + e.getMessage());
        }
    }

    /** A one-line summary of the CSM listener's counters (FX thread, e.g. from a timer). */
    public void refreshCsmStatus() {
        if (csm != null) {
            csmStatus.set(String.format(Locale.ROOT, "Listening on UDP 127.0.0.1:%d · %,d attempts · %,d malformed",
                    csm.port(), csm.attempts(), csm.malformed()));
        }
    }

    /** Stops the sandbox and the CSM listener. */
    @Override
    public void close() {
        if (csm != null) {
            csm.close();
            csm = null;
        }
        Sandbox s = sandbox;
        sandbox = null;
        if (s != null) {
            s.close();
        }
    }

    private void publishSandbox(Sandbox s) {
        Credentials keys = s.defaultCredentials();
        connection.set(Connection.sandbox(s.endpoint(), SANDBOX_REGION, keys.accessKeyId(), keys.secretAccessKey()));
        describeSandbox(s);
        label.set("Sandbox (" + s.preset().name().toLowerCase(Locale.ROOT) + ")");
    }

    private void describeSandbox(Sandbox s) {
        Credentials keys = s.defaultCredentials();
        endpoint.set(s.endpoint().toString());
        exportLine.set("export AWS_ENDPOINT_URL=" + s.endpoint() + " AWS_ACCESS_KEY_ID=" + keys.accessKeyId()
                + " AWS_SECRET_ACCESS_KEY=" + keys.secretAccessKey() + " AWS_REGION=" + SANDBOX_REGION);
    }
}
