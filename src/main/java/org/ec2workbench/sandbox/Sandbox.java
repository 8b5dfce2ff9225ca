package org.ec2workbench.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.sandbox.ec2.Ec2Handler;
import org.ec2workbench.sandbox.events.SandboxEvents;
import org.ec2workbench.sandbox.http.HttpServer;
import org.ec2workbench.sandbox.http.SandboxRouter;
import org.ec2workbench.sandbox.http.ServiceHandler;
import org.ec2workbench.sandbox.iam.AccessControl;
import org.ec2workbench.sandbox.iam.AccessKey;
import org.ec2workbench.sandbox.iam.IamAccessControl;
import org.ec2workbench.sandbox.iam.IamAdminHandler;
import org.ec2workbench.sandbox.iam.IamConfigException;
import org.ec2workbench.sandbox.iam.IamUser;
import org.ec2workbench.sandbox.iam.PrincipalStore;
import org.ec2workbench.sandbox.protocol.Xml;
import org.ec2workbench.sandbox.sts.StsHandler;
import org.ec2workbench.ec2.BucketCatalog;
import org.ec2workbench.sandbox.throttle.Throttler;
import org.ec2workbench.sandbox.world.Instance;
import org.ec2workbench.sandbox.world.World;
import org.ec2workbench.sandbox.world.WorldSettings;
import org.ec2workbench.sandbox.world.WorldSnapshot;
import org.ec2workbench.sandbox.world.WorldView;

/**
 * The embedded EC2 sandbox: an HTTP endpoint on 127.0.0.1 that speaks the EC2 Query API and STS (and, once
 * registered, CloudWatch Events and SQS), throttles like EC2, lags like EC2 and moves instances through
 * their lifecycle. Unless given another {@link AccessControl}, it verifies SigV4 signatures and evaluates IAM
 * policies ({@link IamAccessControl}) for the administrator and the users of {@link Builder#iamUsers}.
 * Build with {@link #builder()}, then {@link #start()}; {@link #close()} stops it.
 */
public final class Sandbox implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Builder config;
    private final World world;
    private SandboxEvents eventsAndQueues;
    private final Throttler throttler;
    private final Ec2Handler ec2;
    private final SandboxRouter router;
    private final IamAccessControl iam;
    private final AccessControl accessControl;
    private final ScheduledExecutorService ticker;
    private volatile Faults faults;
    private HttpServer server;

    private Sandbox(Builder b) {
        this.config = b;
        WorldSettings settings = b.worldSettings != null ? b.worldSettings : b.preset.worldSettings();
        if (b.instanceLimit > 0) {
            settings = settings.withInstanceLimit(b.instanceLimit);
        }
        this.world = new World(settings, b.clock, b.timeScale, b.seed);
        this.throttler = new Throttler(BucketCatalog.standard(), b.clock, b.preset.bucketScale(), b.preset.throttling());
        this.faults = b.faults;
        throttler.setIncidentFactor(faults.throttlingIncident());
        this.iam = b.accessControl == null ? identity(b) : null;
        this.accessControl = iam != null ? iam : b.accessControl;
        this.ec2 = new Ec2Handler(world, throttler, accessControl, () -> this.faults, b.seed);
        this.router = new SandboxRouter(accessControl, ec2, Ec2Handler::errorReply, world::newRequestId,
                this::stateJson);
        if (iam != null) {
            router.register(new StsHandler(iam));
            IamAdminHandler admin = new IamAdminHandler(iam.store());
            router.registerSandboxPath(IamAdminHandler.PATH, admin::handle);
        }
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-world-clock");
            t.setDaemon(true);
            return t;
        });
    }

    /** The identity module over the builder's users; signatures are dated by the wall clock, not the world's. */
    private static IamAccessControl identity(Builder b) {
        IamAccessControl iam = IamAccessControl.builder().clock(Clock.system())
                .store(new PrincipalStore()).random(new SplittableRandom(b.seed ^ 0x1DE7_1DE7L)).build();
        try {
            iam.store().putAll(b.iamUsers);
        } catch (IamConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return iam;
    }

    /** A builder with the realistic preset, seed 1, time scale 1, 127.0.0.1 and a free port. */
    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving. */
    public synchronized Sandbox start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = new HttpServer(config.bindAddress, config.port, router, config.maxConnections,
                    HttpServer.DEFAULT_MAX_BODY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + config.bindAddress.getHostAddress() + ":" + config.port, e);
        }
        if (config.eventsAndQueues) {
            eventsAndQueues = SandboxEvents.install(this, config.queuesClock, config.seed);
        }
        server.start();
        ticker.scheduleWithFixedDelay(world::advance, 20, 20, TimeUnit.MILLISECONDS);
        return this;
    }

    /** CloudWatch Events and SQS as this sandbox serves them, unless the builder turned them off. */
    public synchronized Optional<SandboxEvents> eventsAndQueues() {
        return Optional.ofNullable(eventsAndQueues);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:4566}. */
    public URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        String host = config.bindAddress.isAnyLocalAddress() ? "127.0.0.1" : config.bindAddress.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + server.port());
    }

    /** The bound port. */
    public int port() {
        return endpoint().getPort();
    }

    /** The default principal's keys (the administrator's, unless another access control was given). */
    public Credentials defaultCredentials() {
        if (iam == null) {
            return config.defaultCredentials;
        }
        AccessKey admin = iam.store().defaultCredentials();
        return new Credentials(admin.accessKeyId(), admin.secretAccessKey());
    }

    /** Who may do what: the identity module, or what the builder was given. Services registered later use it. */
    public AccessControl accessControl() {
        return accessControl;
    }

    /** The IAM users and their keys, when the sandbox runs its own identity module (the default). */
    public Optional<PrincipalStore> principals() {
        return iam == null ? Optional.empty() : Optional.of(iam.store());
    }

    /** The world, read-only. */
    public WorldView world() {
        return world;
    }

    /** The preset this sandbox runs. */
    public Preset preset() {
        return config.preset;
    }

    /** The time scale this sandbox runs. */
    public double timeScale() {
        return config.timeScale;
    }

    /** The EC2 request and resource buckets used so far, with their tokens now. */
    public List<Throttler.BucketState> buckets() {
        return throttler.snapshot();
    }

    /** Adds (or replaces) a service, e.g. sts, events or sqs; works before and after {@link #start()}. */
    public void register(ServiceHandler handler) {
        router.register(Objects.requireNonNull(handler, "handler"));
    }

    /** The fault knobs now in force. */
    public Faults faults() {
        return faults;
    }

    /** Changes the fault knobs while running. */
    public void setFaults(Faults newFaults) {
        throttler.setIncidentFactor(newFaults.throttlingIncident());
        this.faults = newFaults;
    }

    /** The read-only JSON view served at {@value SandboxRouter#STATE_PATH}. */
    public String stateJson() {
        WorldSnapshot snapshot = world.snapshot();
        ObjectNode root = JSON.createObjectNode();
        root.put("time", Xml.TIMESTAMP.format(snapshot.time()));
        root.put("timeScale", snapshot.timeScale());
        root.put("preset", config.preset.name().toLowerCase(java.util.Locale.ROOT));
        root.put("seed", config.seed);
        ObjectNode f = root.putObject("faults");
        f.put("addedLatencyMillis", faults.addedLatency().toMillis());
        f.put("serverErrorRate", faults.serverErrorRate());
        f.put("throttlingIncident", faults.throttlingIncident());
        ArrayNode buckets = root.putArray("buckets");
        for (Throttler.BucketState b : throttler.snapshot()) {
            ObjectNode n = buckets.addObject();
            n.put("account", b.account());
            n.put("region", b.region());
            n.put("name", b.name());
            n.put("category", b.category().name());
            n.put("capacity", b.capacity());
            n.put("refillPerSecond", b.refillPerSecond());
            n.put("tokens", Math.round(b.tokens() * 1000) / 1000.0);
        }
        ArrayNode propagations = root.putArray("propagations");
        for (WorldSnapshot.Propagation p : snapshot.propagations()) {
            ObjectNode n = propagations.addObject();
            n.put("resourceId", p.resourceId());
            n.put("account", p.account());
            n.put("region", p.region());
            n.put("replicasVisible", p.replicasVisible());
            n.put("replicas", p.replicas());
            n.put("settlesAt", Xml.TIMESTAMP.format(p.settlesAt()));
        }
        ArrayNode instances = root.putArray("instances");
        for (Instance i : snapshot.instances()) {
            ObjectNode n = instances.addObject();
            n.put("instanceId", i.id());
            n.put("account", i.ownerId());
            n.put("region", i.region());
            n.put("state", i.state().apiName());
            n.put("instanceType", i.instanceType());
            n.put("imageId", i.imageId());
            n.put("launchTime", Xml.TIMESTAMP.format(i.launchTime()));
            n.put("stateSince", Xml.TIMESTAMP.format(world.clock().instantAt(i.stateSinceNanos())));
            if (i.nextTransitionNanos() != Long.MAX_VALUE) {
                n.put("nextTransitionAt", Xml.TIMESTAMP.format(world.clock().instantAt(i.nextTransitionNanos())));
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("state view cannot be written", e);
        }
    }

    /** Stops serving and the world's clock. */
    @Override
    public synchronized void close() {
        if (eventsAndQueues != null) {
            eventsAndQueues.close();
        }
        ticker.shutdownNow();
        if (server != null) {
            server.close();
        }
        world.close();
    }

    /** Configures a {@link Sandbox}. */
    public static final class Builder {
        private long seed = 1;
        private Preset preset = Preset.REALISTIC;
        private double timeScale = 1;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private AccessControl accessControl;
        private Credentials defaultCredentials;
        private final List<IamUser> iamUsers = new ArrayList<>();
        private boolean eventsAndQueues = true;
        private Clock queuesClock = Clock.system();
        private Clock clock = Clock.system();
        private WorldSettings worldSettings;
        private int instanceLimit;
        private int maxConnections = 256;
        private Faults faults = Faults.NONE;

        private Builder() {
        }

        /** Seeds every random choice (ids, durations, lags, replicas, request ids). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Buckets, lags and lifecycles together. */
        public Builder preset(Preset value) {
            this.preset = Objects.requireNonNull(value, "preset");
            return this;
        }

        /** The world runs this many times faster than the clock (lifecycles and lags; not the buckets). */
        public Builder timeScale(double value) {
            if (!(value > 0) || value > 1_000_000) {
                throw new IllegalArgumentException("time scale must be > 0 and at most 1000000, was " + value);
            }
            this.timeScale = value;
            return this;
        }

        /** The address to bind (default 127.0.0.1). */
        public Builder bindAddress(String host) {
            try {
                this.bindAddress = InetAddress.getByName(Objects.requireNonNull(host, "host"));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("unknown bind address " + host, e);
            }
            return this;
        }

        /** The port (0 = any free port). */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * Replaces the identity module (e.g. with {@link ScopeOnlyAccessControl}, which checks no signature
         * and allows everything), with the default principal's keys to hand out.
         */
        public Builder accessControl(AccessControl value, Credentials defaults) {
            this.accessControl = Objects.requireNonNull(value, "accessControl");
            this.defaultCredentials = Objects.requireNonNull(defaults, "defaults");
            return this;
        }

        /** IAM users besides the administrator (e.g. from {@code --iam FILE}); one named admin replaces it. */
        public Builder iamUsers(List<IamUser> users) {
            iamUsers.addAll(List.copyOf(users));
            return this;
        }

        /** The clock the world and the buckets run on (a VirtualClock in tests). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** World settings replacing the preset's. */
        public Builder worldSettings(WorldSettings value) {
            this.worldSettings = Objects.requireNonNull(value, "worldSettings");
            return this;
        }

        /** The per-account, per-Region instance limit, replacing the preset's. */
        public Builder instanceLimit(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("instance limit must be >= 1, was " + value);
            }
            this.instanceLimit = value;
            return this;
        }

        /** Most connections served at once. */
        public Builder maxConnections(int value) {
            if (value < 1 || value > 10_000) {
                throw new IllegalArgumentException("maxConnections must be 1..10000, was " + value);
            }
            this.maxConnections = value;
            return this;
        }

        /** The fault knobs to start with. */
        public Builder faults(Faults value) {
            this.faults = Objects.requireNonNull(value, "faults");
            return this;
        }

        /**
         * Whether the sandbox also serves CloudWatch Events and SQS and turns every instance transition into
         * a state-change event (default true). Turn it off to install them yourself with
         * {@link SandboxEvents#install}, e.g. after a listener that must hear each transition first.
         */
        public Builder eventsAndQueues(boolean serve) {
            this.eventsAndQueues = serve;
            return this;
        }

        /** The clock of SQS timings (visibility timeouts, delays, long polls); the wall clock by default. */
        public Builder queuesClock(Clock clock) {
            this.queuesClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The sandbox, not yet started. */
        public Sandbox build() {
            return new Sandbox(this);
        }
    }
}
