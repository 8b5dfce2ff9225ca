package org.ec2workbench.sandbox.world;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.sandbox.protocol.ApiException;
import org.ec2workbench.sandbox.world.Ids.Kind;

/**
 * The sandbox's EC2 world: per account and Region a default network, public images, and the instances,
 * security groups, key pairs, volumes and tags callers create. It runs on a time-scaled clock; instances
 * move through their lifecycle on their own; new resources reach the read replicas after sampled delays.
 * Everything random comes from one seeded generator, so the same seed and the same request sequence give
 * the same world. Mutations are serialised on this object; reads return immutable values.
 */
public final class World implements WorldView, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(World.class.getName());
    private static final DateTimeFormatter REASON_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'").withZone(ZoneOffset.UTC);

    private final WorldSettings settings;
    private final ScaledClock clock;
    private final long seed;
    private final SplittableRandom random;
    private final Map<String, Area> areas = new HashMap<>();
    private final PriorityQueue<Due> due = new PriorityQueue<>();
    private final List<StateChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery;
    private final List<StateChange> undelivered = new ArrayList<>();
    private volatile long nextDueNanos = Long.MAX_VALUE;
    private long seq;
    private long dueSeq;

    /**
     * A new world.
     *
     * @param baseClock the wall clock (or a virtual one) the world's clock is scaled from
     * @param timeScale how many times faster than {@code baseClock} the world runs
     * @param seed      seeds every random choice
     */
    public World(WorldSettings settings, Clock baseClock, double timeScale, long seed) {
        this.settings = settings;
        this.clock = new ScaledClock(baseClock, timeScale);
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.delivery = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sandbox-state-changes");
            t.setDaemon(true);
            return t;
        });
    }

    /** The settings this world runs with. */
    public WorldSettings settings() {
        return settings;
    }

    @Override
    public ScaledClock clock() {
        return clock;
    }

    @Override
    public void addStateChangeListener(StateChangeListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeStateChangeListener(StateChangeListener listener) {
        listeners.remove(listener);
    }

    /** Stops delivering state changes. */
    @Override
    public void close() {
        delivery.shutdown();
        try {
            delivery.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- time

    /** Applies every transition that is due by now. Cheap when nothing is due. */
    public void advance() {
        if (clock.nanoTime() < nextDueNanos) {
            return;
        }
        synchronized (this) {
            advanceLocked();
            flushLocked();
        }
    }

    /** The replica the next request lands on. */
    public synchronized int pickReplica() {
        return settings.replicas() == 1 ? 0 : random.nextInt(settings.replicas());
    }

    /** A fresh unique request id in UUID form, from the seeded generator. */
    public synchronized String newRequestId() {
        long hi = random.nextLong();
        long lo = random.nextLong();
        return String.format("%08x-%04x-4%03x-%04x-%012x", hi >>> 32, (hi >>> 16) & 0xffff, hi & 0xfff,
                (lo >>> 48) & 0x3fff | 0x8000, lo & 0xffffffffffffL);
    }

    private void advanceLocked() {
        long now = clock.nanoTime();
        while (!due.isEmpty() && due.peek().atNanos <= now) {
            Due d = due.poll();
            apply(d);
        }
        nextDueNanos = due.isEmpty() ? Long.MAX_VALUE : due.peek().atNanos;
    }

    private void schedule(long at, Area area, String id, DueKind kind) {
        due.add(new Due(at, dueSeq++, area, id, kind));
        nextDueNanos = Math.min(nextDueNanos, at);
    }

    private void apply(Due d) {
        Area area = d.area;
        switch (d.kind) {
            case INSTANCE -> {
                Instance i = area.instances.get(d.id);
                if (i == null || i.nextTransitionNanos() != d.atNanos) {
                    return;
                }
                switch (i.state()) {
                    case PENDING -> transition(area, i, InstanceState.RUNNING, d.atNanos, Long.MAX_VALUE,
                            null, null, "");
                    case STOPPING -> transition(area, i, InstanceState.STOPPED, d.atNanos, Long.MAX_VALUE,
                            "Client.UserInitiatedShutdown", "Client.UserInitiatedShutdown: User initiated shutdown",
                            i.transitionReason());
                    case SHUTTING_DOWN -> {
                        long removeAt = d.atNanos + settings.terminatedVisibleFor().toNanos();
                        transition(area, i, InstanceState.TERMINATED, d.atNanos, removeAt,
                                "Client.UserInitiatedShutdown", "Client.UserInitiatedShutdown: User initiated shutdown",
                                i.transitionReason());
                        releaseVolumes(area, i.id(), d.atNanos);
                    }
                    case TERMINATED -> {
                        area.instances.remove(i.id());
                        area.tags.remove(i.id());
                    }
                    default -> {
                    }
                }
            }
            case VOLUME -> {
                Volume v = area.volumes.get(d.id);
                if (v != null && v.nextTransitionNanos() == d.atNanos && v.state().equals("creating")) {
                    area.volumes.put(v.id(), v.with("available", null, Long.MAX_VALUE));
                }
            }
        }
    }

    private void releaseVolumes(Area area, String instanceId, long now) {
        for (Volume v : List.copyOf(area.volumes.values())) {
            Volume.Attachment a = v.attachment();
            if (a != null && a.instanceId().equals(instanceId)) {
                if (a.deleteOnTermination()) {
                    area.volumes.remove(v.id());
                    area.tags.remove(v.id());
                } else {
                    area.volumes.put(v.id(), v.with("available", null, Long.MAX_VALUE));
                }
            }
        }
    }

    private Instance transition(Area area, Instance i, InstanceState to, long at, long next, String reasonCode,
                                String reasonMessage, String reason) {
        Instance moved = i.moved(to, at, next, reasonCode, reasonMessage, reason);
        area.instances.put(i.id(), moved);
        if (next != Long.MAX_VALUE) {
            schedule(next, area, i.id(), DueKind.INSTANCE);
        }
        undelivered.add(new StateChange(i.id(), i.state(), to, clock.instantAt(at), area.region, area.account));
        return moved;
    }

    private void flushLocked() {
        if (undelivered.isEmpty()) {
            return;
        }
        List<StateChange> batch = List.copyOf(undelivered);
        undelivered.clear();
        if (listeners.isEmpty() || delivery.isShutdown()) {
            return;
        }
        delivery.execute(() -> {
            for (StateChange change : batch) {
                for (StateChangeListener listener : listeners) {
                    try {
                        listener.onStateChange(change);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "state-change listener failed", e);
                    }
                }
            }
        });
    }

    private long sample(Duration median, double spread) {
        long nanos = median.toNanos();
        if (nanos == 0) {
            return 0;
        }
        double factor = spread == 0 ? 1 : Math.exp(spread * random.nextGaussian());
        return (long) (nanos * Math.min(factor, 20));
    }

    private Visibility newVisibility(long now) {
        long[] at = new long[settings.replicas()];
        for (int r = 0; r < at.length; r++) {
            at[r] = now + sample(settings.propagationMedian(), settings.propagationSpread());
        }
        return new Visibility(at);
    }

    private String hex17() {
        return String.format("0%016x", random.nextLong());
    }

    // ---------------------------------------------------------------- areas

    private Area area(String account, String region) {
        String key = account + '/' + region;
        Area area = areas.get(key);
        if (area == null) {
            area = new Area(account, region, seed);
            areas.put(key, area);
        }
        return area;
    }

    /** The default network of an account in a Region. */
    public synchronized Network network(String account, String region) {
        return area(account, region).network;
    }

    /** The public images of a Region. */
    public synchronized List<Image> images(String account, String region) {
        return area(account, region).images;
    }

    /** The zones of a Region. */
    public static List<String> zones(String region) {
        int count = region.equals("us-east-1") ? 6 : 3;
        List<String> zones = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            zones.add(region + (char) ('a' + i));
        }
        return zones;
    }

    /** The zone id (e.g. use1-az1) of a zone name. */
    public static String zoneId(String zone) {
        String region = zone.substring(0, zone.length() - 1);
        String[] parts = region.split("-");
        StringBuilder code = new StringBuilder();
        if (parts.length >= 3) {
            code.append(parts[0]);
            for (int i = 1; i < parts.length - 1; i++) {
                code.append(parts[i].charAt(0));
            }
            code.append(parts[parts.length - 1]);
        } else {
            code.append(region.replace("-", ""));
        }
        return code + "-az" + (zone.charAt(zone.length() - 1) - 'a' + 1);
    }

    // ---------------------------------------------------------------- reads

    @Override
    public synchronized List<Instance> instances(String account, String region) {
        advanceLocked();
        flushLocked();
        return List.copyOf(area(account, region).instances.values());
    }

    /** An instance regardless of visibility, or null. */
    public synchronized Instance instance(String account, String region, String id) {
        advanceLocked();
        flushLocked();
        return area(account, region).instances.get(id);
    }

    /** Security groups in creation order. */
    public synchronized List<SecurityGroup> securityGroups(String account, String region) {
        return List.copyOf(area(account, region).groups.values());
    }

    /** Key pairs in creation order. */
    public synchronized List<KeyPair> keyPairs(String account, String region) {
        return List.copyOf(area(account, region).keyPairs.values());
    }

    /** Volumes in creation order. */
    public synchronized List<Volume> volumes(String account, String region) {
        advanceLocked();
        flushLocked();
        return List.copyOf(area(account, region).volumes.values());
    }

    /** The tags of a resource, in insertion order (empty map when none). */
    public synchronized Map<String, String> tags(String account, String region, String resourceId) {
        Map<String, String> tags = area(account, region).tags.get(resourceId);
        return tags == null ? Map.of() : tags;
    }

    /** Every tag of an account in a Region: resource id → its tags, in tagging order. */
    public synchronized Map<String, Map<String, String>> allTags(String account, String region) {
        return new LinkedHashMap<>(area(account, region).tags);
    }

    /** How many instances count toward the limit now (recently terminated ones included). */
    public synchronized int countedInstances(String account, String region) {
        advanceLocked();
        flushLocked();
        return counted(area(account, region));
    }

    private int counted(Area area) {
        long now = clock.nanoTime();
        long countsFor = settings.terminatedCountsFor().toNanos();
        int n = 0;
        for (Instance i : area.instances.values()) {
            if (i.state() != InstanceState.TERMINATED || now - i.stateSinceNanos() < countsFor) {
                n++;
            }
        }
        return n;
    }

    /** Whether a resource is visible to {@code replica} now. */
    public boolean visible(Visibility visibility, int replica) {
        return visibility.visibleTo(replica, clock.nanoTime());
    }

    @Override
    public synchronized WorldSnapshot snapshot() {
        advanceLocked();
        flushLocked();
        long now = clock.nanoTime();
        List<Instance> all = new ArrayList<>();
        List<WorldSnapshot.Propagation> propagating = new ArrayList<>();
        for (Area area : areas.values()) {
            all.addAll(area.instances.values());
            List<Map.Entry<String, Visibility>> vis = new ArrayList<>();
            area.instances.values().forEach(i -> vis.add(Map.entry(i.id(), i.visibility())));
            area.groups.values().forEach(g -> vis.add(Map.entry(g.id(), g.visibility())));
            area.keyPairs.values().forEach(k -> vis.add(Map.entry(k.id(), k.visibility())));
            area.volumes.values().forEach(v -> vis.add(Map.entry(v.id(), v.visibility())));
            for (Map.Entry<String, Visibility> e : vis) {
                Visibility v = e.getValue();
                if (v.settledAtNanos() > now) {
                    int seen = 0;
                    for (int r = 0; r < settings.replicas(); r++) {
                        seen += v.visibleTo(r, now) ? 1 : 0;
                    }
                    propagating.add(new WorldSnapshot.Propagation(e.getKey(), area.account, area.region, seen,
                            settings.replicas(), clock.instantAt(v.settledAtNanos())));
                }
            }
        }
        all.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        return new WorldSnapshot(clock.instantAt(now), clock.scale(), List.copyOf(all), List.copyOf(propagating));
    }

    // ---------------------------------------------------------------- instances

    /**
     * What RunInstances asks for, already validated for syntax and resolved to existing, visible resources.
     *
     * @param minCount    launch at least this many or fail
     * @param maxCount    launch up to this many
     * @param tags        tags for the instances
     * @param volumeTags  tags for their root volumes
     * @param clientToken idempotency token, or null
     */
    public record LaunchSpec(String account, String region, Image image, String instanceType, String keyName,
                             Network.Subnet subnet, List<SecurityGroup> groups, int minCount, int maxCount,
                             Map<String, String> tags, Map<String, String> volumeTags, String clientToken) {
    }

    /** The instances of one reservation. */
    public record Launch(String reservationId, List<Instance> instances) {
    }

    /** Launches instances, or {@code InstanceLimitExceeded} when not even {@code minCount} fit. */
    public synchronized Launch launch(LaunchSpec spec) {
        advanceLocked();
        Area area = area(spec.account(), spec.region());
        if (spec.clientToken() != null) {
            String existing = area.clientTokens.get(spec.clientToken());
            if (existing != null) {
                List<Instance> same = new ArrayList<>();
                area.instances.values().forEach(i -> {
                    if (i.reservationId().equals(existing)) {
                        same.add(i);
                    }
                });
                flushLocked();
                return new Launch(existing, same);
            }
        }
        int room = settings.instanceLimit() - counted(area);
        if (room < spec.minCount()) {
            throw ApiException.client("InstanceLimitExceeded", "You have requested more instances ("
                    + (counted(area) + spec.minCount()) + ") than your current instance limit of "
                    + settings.instanceLimit() + " allows for the specified instance type. Please visit "
                    + "http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.");
        }
        int count = Math.min(spec.maxCount(), room);
        long now = clock.nanoTime();
        Instant launchTime = clock.instantAt(now).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String reservationId = "r-" + hex17();
        List<Instance> launched = new ArrayList<>(count);
        List<Instance.GroupRef> groupRefs = new ArrayList<>();
        for (SecurityGroup g : spec.groups()) {
            groupRefs.add(new Instance.GroupRef(g.id(), g.name()));
        }
        for (int n = 0; n < count; n++) {
            String id = "i-" + hex17();
            int host = area.nextHost.merge(spec.subnet().id(), 1, Integer::sum);
            String privateIp = "172.31." + (spec.subnet().thirdOctetBase() + host / 250) + "." + (4 + host % 250);
            String publicIp = (3 + random.nextInt(50)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + (1 + random.nextInt(254));
            String mac = String.format("0e:%02x:%02x:%02x:%02x:%02x", random.nextInt(256), random.nextInt(256),
                    random.nextInt(256), random.nextInt(256), random.nextInt(256));
            String rootVolume = null;
            if (spec.image().ebsBacked()) {
                rootVolume = "vol-" + hex17();
            }
            long next = now + sample(settings.pendingMedian(), settings.durationSpread());
            Instance i = new Instance(seq++, id, reservationId, spec.account(), spec.region(), spec.subnet().zone(),
                    spec.image().id(), spec.instanceType(), spec.keyName(), spec.subnet().id(),
                    area.network.vpcId(), privateIp, publicIp, mac, "eni-" + hex17(), List.copyOf(groupRefs), n,
                    launchTime, InstanceState.PENDING, "pending", "pending", "", spec.image().rootDeviceType(),
                    spec.image().rootDeviceName(), rootVolume, launchTime, spec.image().architecture(),
                    spec.clientToken(), newVisibility(now), next, now);
            area.instances.put(id, i);
            schedule(next, area, id, DueKind.INSTANCE);
            if (!spec.tags().isEmpty()) {
                area.tags.put(id, frozen(spec.tags()));
            }
            if (rootVolume != null) {
                area.volumes.put(rootVolume, new Volume(seq++, rootVolume, spec.account(), spec.region(),
                        spec.subnet().zone(), spec.image().rootVolumeSize(), "gp3", 3000, spec.image().snapshotId(),
                        false, launchTime, "in-use", new Volume.Attachment(id, spec.image().rootDeviceName(),
                        "attached", launchTime, true), i.visibility(), Long.MAX_VALUE));
                if (!spec.volumeTags().isEmpty()) {
                    area.tags.put(rootVolume, frozen(spec.volumeTags()));
                }
            }
            undelivered.add(new StateChange(id, null, InstanceState.PENDING, clock.instantAt(now), area.region,
                    area.account));
            launched.add(i);
        }
        if (spec.clientToken() != null) {
            area.clientTokens.put(spec.clientToken(), reservationId);
        }
        flushLocked();
        return new Launch(reservationId, List.copyOf(launched));
    }

    /** One instance's state change as the Start/Stop/Terminate replies show it. */
    public record Change(String instanceId, InstanceState previous, InstanceState current) {
    }

    /** What a state-changing action does. */
    public enum Command { START, STOP, TERMINATE, REBOOT }

    /**
     * Starts, stops, terminates or reboots instances. Every id must be visible to {@code replica}, else the
     * NotFound error and nothing changes (a NotFound terminate leaves the instance running).
     */
    public synchronized List<Change> command(String account, String region, int replica, List<String> ids,
                                             Command command) {
        advanceLocked();
        Area area = area(account, region);
        List<Instance> targets = requireVisibleInstances(area, replica, ids);
        long now = clock.nanoTime();
        for (Instance i : targets) {
            InstanceState s = i.state();
            switch (command) {
                case STOP -> {
                    if (s == InstanceState.PENDING || s == InstanceState.SHUTTING_DOWN || s == InstanceState.TERMINATED) {
                        throw ApiException.client("IncorrectInstanceState", "The instance '" + i.id()
                                + "' is not in a state from which it can be stopped.");
                    }
                    if (!"ebs".equals(i.rootDeviceType())) {
                        throw ApiException.client("UnsupportedOperation", "The instance '" + i.id()
                                + "' does not have an 'ebs' root device type and cannot be stopped.");
                    }
                }
                case START -> {
                    if (s == InstanceState.STOPPING || s == InstanceState.SHUTTING_DOWN || s == InstanceState.TERMINATED) {
                        throw ApiException.client("IncorrectInstanceState", "The instance '" + i.id()
                                + "' is not in a state from which it can be started.");
                    }
                }
                case REBOOT -> {
                    if (s == InstanceState.TERMINATED || s == InstanceState.SHUTTING_DOWN) {
                        throw ApiException.client("IncorrectInstanceState", "The instance '" + i.id()
                                + "' is not in a state from which it can be rebooted.");
                    }
                }
                case TERMINATE -> {
                }
            }
        }
        List<Change> changes = new ArrayList<>(targets.size());
        String reason = "User initiated (" + REASON_TIME.format(clock.instantAt(now)) + ")";
        for (Instance i : targets) {
            InstanceState before = i.state();
            Instance after = i;
            switch (command) {
                case STOP -> {
                    if (before == InstanceState.RUNNING) {
                        after = transition(area, i, InstanceState.STOPPING, now,
                                now + sample(settings.stoppingMedian(), settings.durationSpread()),
                                null, null, reason);
                    }
                }
                case START -> {
                    if (before == InstanceState.STOPPED) {
                        after = transition(area, i, InstanceState.PENDING, now,
                                now + sample(settings.pendingMedian(), settings.durationSpread()), null, null, "");
                        String publicIp = (3 + random.nextInt(50)) + "." + random.nextInt(256) + "."
                                + random.nextInt(256) + "." + (1 + random.nextInt(254));
                        after = after.withPublicIp(publicIp,
                                clock.instantAt(now).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                        area.instances.put(i.id(), after);
                    }
                }
                case TERMINATE -> {
                    if (before != InstanceState.SHUTTING_DOWN && before != InstanceState.TERMINATED) {
                        after = transition(area, i, InstanceState.SHUTTING_DOWN, now,
                                now + sample(settings.shuttingDownMedian(), settings.durationSpread()),
                                "Client.UserInitiatedShutdown", "Client.UserInitiatedShutdown: User initiated shutdown",
                                reason);
                    }
                }
                case REBOOT -> {
                }
            }
            changes.add(new Change(i.id(), before, after.state()));
        }
        flushLocked();
        return changes;
    }

    private List<Instance> requireVisibleInstances(Area area, int replica, List<String> ids) {
        List<Instance> found = new ArrayList<>(ids.size());
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            Instance i = area.instances.get(id);
            if (i == null || !visible(i.visibility(), replica)) {
                missing.add(id);
            } else {
                found.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw Ids.notFound(Kind.INSTANCE, missing);
        }
        return found;
    }

    // ---------------------------------------------------------------- security groups

    /** Creates a security group with the default allow-all egress rule. */
    public synchronized SecurityGroup createSecurityGroup(String account, String region, String name,
                                                          String description, String vpcId,
                                                          Map<String, String> tags) {
        Area area = area(account, region);
        if (!area.network.vpcId().equals(vpcId)) {
            throw Ids.notFound(Kind.VPC, List.of(vpcId));
        }
        for (SecurityGroup g : area.groups.values()) {
            if (g.name().equals(name) && g.vpcId().equals(vpcId)) {
                throw ApiException.client("InvalidGroup.Duplicate",
                        "The security group '" + name + "' already exists for VPC '" + vpcId + "'");
            }
        }
        long now = clock.nanoTime();
        SecurityGroup group = new SecurityGroup(seq++, "sg-" + hex17(), name, description, vpcId, account, region,
                List.of(), List.of(new SecurityGroup.Rule("-1", null, null, List.of("0.0.0.0/0"), List.of())),
                newVisibility(now));
        area.groups.put(group.id(), group);
        if (!tags.isEmpty()) {
            area.tags.put(group.id(), frozen(tags));
        }
        return group;
    }

    /** A visible group by id, or the NotFound error. */
    public synchronized SecurityGroup requireGroup(String account, String region, int replica, String id) {
        SecurityGroup g = area(account, region).groups.get(id);
        if (g == null || !visible(g.visibility(), replica)) {
            throw Ids.notFound(Kind.SECURITY_GROUP, List.of(id));
        }
        return g;
    }

    /** A visible group of the default VPC by name, or the NotFound error. */
    public synchronized SecurityGroup requireGroupByName(String account, String region, int replica, String name) {
        for (SecurityGroup g : area(account, region).groups.values()) {
            if (g.name().equals(name) && visible(g.visibility(), replica)) {
                return g;
            }
        }
        throw ApiException.client("InvalidGroup.NotFound",
                "The security group '" + name + "' does not exist in default VPC '"
                        + area(account, region).network.vpcId() + "'");
    }

    /** Deletes a group unless it is the default group or still used by an instance. */
    public synchronized void deleteSecurityGroup(String account, String region, int replica, String id) {
        advanceLocked();
        Area area = area(account, region);
        SecurityGroup g = requireGroup(account, region, replica, id);
        if (g.name().equals("default")) {
            throw ApiException.client("CannotDelete", "the specified group: \"" + id
                    + "\" name: \"default\" cannot be deleted by a user");
        }
        for (Instance i : area.instances.values()) {
            if (i.state() != InstanceState.TERMINATED
                    && i.groups().stream().anyMatch(ref -> ref.id().equals(id))) {
                throw ApiException.client("DependencyViolation", "resource " + id + " has a dependent object");
            }
        }
        area.groups.remove(id);
        area.tags.remove(id);
        flushLocked();
    }

    /** Adds ingress or egress rules; a rule that already exists is {@code InvalidPermission.Duplicate}. */
    public synchronized SecurityGroup authorize(String account, String region, int replica, String groupId,
                                                boolean ingress, List<SecurityGroup.Rule> rules) {
        Area area = area(account, region);
        SecurityGroup g = requireGroup(account, region, replica, groupId);
        List<SecurityGroup.Rule> current = new ArrayList<>(ingress ? g.ingress() : g.egress());
        for (SecurityGroup.Rule rule : rules) {
            for (String ref : rule.groupIds()) {
                requireGroup(account, region, replica, ref);
            }
            int at = indexOfPorts(current, rule);
            if (at < 0) {
                current.add(rule);
                continue;
            }
            SecurityGroup.Rule existing = current.get(at);
            List<String> cidrs = new ArrayList<>(existing.cidrs());
            List<String> groups = new ArrayList<>(existing.groupIds());
            for (String cidr : rule.cidrs()) {
                if (cidrs.contains(cidr)) {
                    throw duplicate(rule, cidr);
                }
                cidrs.add(cidr);
            }
            for (String ref : rule.groupIds()) {
                if (groups.contains(ref)) {
                    throw duplicate(rule, ref);
                }
                groups.add(ref);
            }
            current.set(at, new SecurityGroup.Rule(existing.protocol(), existing.fromPort(), existing.toPort(),
                    List.copyOf(cidrs), List.copyOf(groups)));
        }
        SecurityGroup updated = ingress ? g.withRules(current, g.egress()) : g.withRules(g.ingress(), current);
        area.groups.put(groupId, updated);
        return updated;
    }

    /** Removes rules; a rule that is not there is {@code InvalidPermission.NotFound}. */
    public synchronized SecurityGroup revoke(String account, String region, int replica, String groupId,
                                             boolean ingress, List<SecurityGroup.Rule> rules) {
        Area area = area(account, region);
        SecurityGroup g = requireGroup(account, region, replica, groupId);
        List<SecurityGroup.Rule> current = new ArrayList<>(ingress ? g.ingress() : g.egress());
        for (SecurityGroup.Rule rule : rules) {
            int at = indexOfPorts(current, rule);
            if (at < 0) {
                throw notFoundRule();
            }
            SecurityGroup.Rule existing = current.get(at);
            List<String> cidrs = new ArrayList<>(existing.cidrs());
            List<String> groups = new ArrayList<>(existing.groupIds());
            if (!cidrs.containsAll(rule.cidrs()) || !groups.containsAll(rule.groupIds())) {
                throw notFoundRule();
            }
            cidrs.removeAll(rule.cidrs());
            groups.removeAll(rule.groupIds());
            if (cidrs.isEmpty() && groups.isEmpty()) {
                current.remove(at);
            } else {
                current.set(at, new SecurityGroup.Rule(existing.protocol(), existing.fromPort(), existing.toPort(),
                        List.copyOf(cidrs), List.copyOf(groups)));
            }
        }
        SecurityGroup updated = ingress ? g.withRules(current, g.egress()) : g.withRules(g.ingress(), current);
        area.groups.put(groupId, updated);
        return updated;
    }

    private static ApiException notFoundRule() {
        return ApiException.client("InvalidPermission.NotFound",
                "The specified rule does not exist in this security group.");
    }

    private static ApiException duplicate(SecurityGroup.Rule rule, String peer) {
        String protocol = rule.protocol().equals("-1") ? "ALL" : rule.protocol().toUpperCase(java.util.Locale.ROOT);
        return ApiException.client("InvalidPermission.Duplicate", "the specified rule \"peer: " + peer + ", "
                + protocol + ", from port: " + rule.fromPort() + ", to port: " + rule.toPort()
                + ", ALLOW\" already exists");
    }

    private static int indexOfPorts(List<SecurityGroup.Rule> rules, SecurityGroup.Rule rule) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).samePorts(rule)) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- key pairs

    /** A created key pair with its private key (returned once, never stored). */
    public record CreatedKeyPair(KeyPair keyPair, String material) {
    }

    /** Creates a key pair; a taken name is {@code InvalidKeyPair.Duplicate}. */
    public synchronized CreatedKeyPair createKeyPair(String account, String region, String name, String keyType,
                                                     Map<String, String> tags) {
        Area area = area(account, region);
        if (area.keyPairs.containsKey(name)) {
            throw ApiException.client("InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
        }
        KeyMaterial material = KeyMaterial.generate(random);
        long now = clock.nanoTime();
        KeyPair pair = new KeyPair(seq++, "key-" + hex17(), name, material.fingerprint(), keyType,
                clock.instantAt(now).truncatedTo(java.time.temporal.ChronoUnit.MILLIS), account, region,
                newVisibility(now));
        area.keyPairs.put(name, pair);
        if (!tags.isEmpty()) {
            area.tags.put(pair.id(), frozen(tags));
        }
        return new CreatedKeyPair(pair, material.pem());
    }

    /** A visible key pair by name, or null. */
    public synchronized KeyPair keyPair(String account, String region, int replica, String name) {
        KeyPair k = area(account, region).keyPairs.get(name);
        return k != null && visible(k.visibility(), replica) ? k : null;
    }

    /**
     * Deletes a key pair by name or id. Like EC2, deleting an unknown name succeeds; an unknown id is
     * {@code InvalidKeyPair.NotFound}. Returns the deleted pair's id, or null.
     */
    public synchronized String deleteKeyPair(String account, String region, int replica, String name, String id) {
        Area area = area(account, region);
        KeyPair target = null;
        for (KeyPair k : area.keyPairs.values()) {
            if ((name != null && k.name().equals(name) || id != null && k.id().equals(id))
                    && visible(k.visibility(), replica)) {
                target = k;
            }
        }
        if (target == null) {
            if (id != null) {
                throw Ids.notFound(Kind.KEY_PAIR, List.of(id));
            }
            return null;
        }
        area.keyPairs.remove(target.name());
        area.tags.remove(target.id());
        return target.id();
    }

    // ---------------------------------------------------------------- volumes

    /** Creates a volume in {@code zone}; it is {@code creating} for a sampled while, then available. */
    public synchronized Volume createVolume(String account, String region, String zone, int size, String type,
                                            Integer iops, String snapshotId, boolean encrypted,
                                            Map<String, String> tags) {
        advanceLocked();
        Area area = area(account, region);
        if (!zones(region).contains(zone)) {
            throw ApiException.client("InvalidZone.NotFound", "The zone '" + zone + "' does not exist.");
        }
        long now = clock.nanoTime();
        long next = now + Math.max(1, sample(settings.volumeCreateMedian(), settings.durationSpread()));
        Volume v = new Volume(seq++, "vol-" + hex17(), account, region, zone, size, type, iops, snapshotId, encrypted,
                clock.instantAt(now).truncatedTo(java.time.temporal.ChronoUnit.MILLIS), "creating", null,
                newVisibility(now), next);
        area.volumes.put(v.id(), v);
        schedule(next, area, v.id(), DueKind.VOLUME);
        if (!tags.isEmpty()) {
            area.tags.put(v.id(), frozen(tags));
        }
        flushLocked();
        return v;
    }

    /** A visible volume, or the NotFound error. */
    public synchronized Volume requireVolume(String account, String region, int replica, String id) {
        advanceLocked();
        flushLocked();
        Volume v = area(account, region).volumes.get(id);
        if (v == null || !visible(v.visibility(), replica)) {
            throw Ids.notFound(Kind.VOLUME, List.of(id));
        }
        return v;
    }

    /** Attaches an available volume to a running or stopped instance in the same zone. */
    public synchronized Volume attachVolume(String account, String region, int replica, String volumeId,
                                            String instanceId, String device) {
        Area area = area(account, region);
        Volume v = requireVolume(account, region, replica, volumeId);
        Instance i = requireVisibleInstances(area, replica, List.of(instanceId)).get(0);
        if (!v.state().equals("available")) {
            throw v.attachment() != null
                    ? ApiException.client("VolumeInUse", volumeId + " is already attached to an instance")
                    : ApiException.client("IncorrectState", "vol '" + volumeId + "' is in the '" + v.state()
                    + "' state.");
        }
        if (i.state() != InstanceState.RUNNING && i.state() != InstanceState.STOPPED) {
            throw ApiException.client("IncorrectState", "Instance '" + instanceId + "' is not 'running' or 'stopped'.");
        }
        if (!i.zone().equals(v.zone())) {
            throw ApiException.client("InvalidVolume.ZoneMismatch", "The volume '" + volumeId
                    + "' is not in the same availability zone as instance '" + instanceId + "'");
        }
        for (Volume other : area.volumes.values()) {
            Volume.Attachment a = other.attachment();
            if (a != null && a.instanceId().equals(instanceId) && a.device().equals(device)) {
                throw ApiException.client("InvalidParameterValue", "Invalid value '" + device
                        + "' for unixDevice. Attachment point " + device + " is already in use");
            }
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Volume attached = v.with("in-use", new Volume.Attachment(instanceId, device, "attached", now, false),
                Long.MAX_VALUE);
        area.volumes.put(volumeId, attached);
        return attached;
    }

    /** Detaches a volume. */
    public synchronized Volume detachVolume(String account, String region, int replica, String volumeId,
                                            String instanceId) {
        Area area = area(account, region);
        Volume v = requireVolume(account, region, replica, volumeId);
        Volume.Attachment a = v.attachment();
        if (a == null) {
            throw ApiException.client("IncorrectState", "Volume '" + volumeId + "' is in the '" + v.state()
                    + "' state.");
        }
        if (instanceId != null && !a.instanceId().equals(instanceId)) {
            throw ApiException.client("InvalidAttachment.NotFound", "Volume '" + volumeId
                    + "' is not attached to instance '" + instanceId + "'");
        }
        Instance i = area.instances.get(a.instanceId());
        if (i != null && volumeId.equals(i.rootVolumeId()) && i.state() != InstanceState.STOPPED) {
            throw ApiException.client("OperationNotPermitted", "Unable to detach root volume '" + volumeId
                    + "' from instance '" + a.instanceId() + "'");
        }
        Volume detached = v.with("available", null, Long.MAX_VALUE);
        area.volumes.put(volumeId, detached);
        return v;
    }

    /** Deletes an unattached volume. */
    public synchronized void deleteVolume(String account, String region, int replica, String volumeId) {
        Area area = area(account, region);
        Volume v = requireVolume(account, region, replica, volumeId);
        if (v.attachment() != null) {
            throw ApiException.client("VolumeInUse", "Volume " + volumeId + " is currently attached to "
                    + v.attachment().instanceId());
        }
        area.volumes.remove(volumeId);
        area.tags.remove(volumeId);
    }

    // ---------------------------------------------------------------- tags

    /** Whether a resource id names something visible to {@code replica}; else the right NotFound error. */
    private void requireTaggable(Area area, int replica, String id) {
        Kind kind = Ids.kindOf(id);
        if (kind == null || kind == Kind.KEY_PAIR && !Ids.wellFormed(kind, id) || kind != Kind.KEY_PAIR
                && !Ids.wellFormed(kind, id)) {
            throw ApiException.client("InvalidID", "The ID '" + id + "' is not valid");
        }
        Visibility v = switch (kind) {
            case INSTANCE -> area.instances.containsKey(id) ? area.instances.get(id).visibility() : null;
            case SECURITY_GROUP -> area.groups.containsKey(id) ? area.groups.get(id).visibility() : null;
            case VOLUME -> area.volumes.containsKey(id) ? area.volumes.get(id).visibility() : null;
            case KEY_PAIR -> area.keyPairs.values().stream().filter(k -> k.id().equals(id))
                    .map(KeyPair::visibility).findFirst().orElse(null);
            case IMAGE -> area.images.stream().anyMatch(im -> im.id().equals(id)) ? Visibility.ALWAYS : null;
            case VPC -> area.network.vpcId().equals(id) ? Visibility.ALWAYS : null;
            case SUBNET -> area.network.subnets().stream().anyMatch(s -> s.id().equals(id)) ? Visibility.ALWAYS : null;
            default -> null;
        };
        if (v == null || !visible(v, replica)) {
            throw Ids.notFound(kind, List.of(id));
        }
    }

    /** The API resource type of an id, as DescribeTags shows it. */
    public static String resourceType(String id) {
        Kind kind = Ids.kindOf(id);
        if (kind == null) {
            return "unknown";
        }
        return switch (kind) {
            case INSTANCE -> "instance";
            case SECURITY_GROUP -> "security-group";
            case VOLUME -> "volume";
            case IMAGE -> "image";
            case SUBNET -> "subnet";
            case VPC -> "vpc";
            case KEY_PAIR -> "key-pair";
            case RESERVATION -> "reservation";
            case NETWORK_INTERFACE -> "network-interface";
        };
    }

    /** Adds or overwrites tags on resources; at most 50 tags per resource. */
    public synchronized void createTags(String account, String region, int replica, List<String> ids,
                                        Map<String, String> tags) {
        advanceLocked();
        Area area = area(account, region);
        for (String id : ids) {
            requireTaggable(area, replica, id);
        }
        for (String id : ids) {
            Map<String, String> merged = new LinkedHashMap<>(area.tags.getOrDefault(id, Map.of()));
            merged.putAll(tags);
            if (merged.size() > 50) {
                throw ApiException.client("TagLimitExceeded",
                        "The maximum number of Tags for a resource has been reached.");
            }
        }
        for (String id : ids) {
            Map<String, String> merged = new LinkedHashMap<>(area.tags.getOrDefault(id, Map.of()));
            merged.putAll(tags);
            area.tags.put(id, frozen(merged));
        }
        flushLocked();
    }

    /**
     * Removes tags. {@code tags} maps key → value, where a null value removes the key whatever its value
     * and an empty map removes every tag.
     */
    public synchronized void deleteTags(String account, String region, int replica, List<String> ids,
                                        Map<String, String> tags) {
        Area area = area(account, region);
        for (String id : ids) {
            requireTaggable(area, replica, id);
        }
        for (String id : ids) {
            Map<String, String> current = area.tags.get(id);
            if (current == null) {
                continue;
            }
            Map<String, String> kept = new LinkedHashMap<>(current);
            if (tags.isEmpty()) {
                kept.clear();
            }
            for (Map.Entry<String, String> e : tags.entrySet()) {
                String value = kept.get(e.getKey());
                if (value != null && (e.getValue() == null || e.getValue().equals(value))) {
                    kept.remove(e.getKey());
                }
            }
            if (kept.isEmpty()) {
                area.tags.remove(id);
            } else {
                area.tags.put(id, frozen(kept));
            }
        }
    }

    // ---------------------------------------------------------------- internals

    /** Tag maps are replaced, never changed, so readers may keep them (and compare them by identity). */
    private static Map<String, String> frozen(Map<String, String> tags) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    private enum DueKind { INSTANCE, VOLUME }

    private record Due(long atNanos, long order, Area area, String id, DueKind kind) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = Long.compare(atNanos, o.atNanos);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    /** One account in one Region. */
    private static final class Area {
        final String account;
        final String region;
        final Network network;
        final List<Image> images;
        final Map<String, Instance> instances = new LinkedHashMap<>();
        final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
        final Map<String, KeyPair> keyPairs = new LinkedHashMap<>();
        final Map<String, Volume> volumes = new LinkedHashMap<>();
        final Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        final Map<String, String> clientTokens = new HashMap<>();
        final Map<String, Integer> nextHost = new HashMap<>();

        Area(String account, String region, long seed) {
            this.account = account;
            this.region = region;
            // Own generator per area, so the default network does not depend on which area was used first.
            SplittableRandom ids = new SplittableRandom(seed ^ (account + '/' + region).hashCode() * 0x9E3779B97F4A7C15L);
            String vpcId = "vpc-" + String.format("0%016x", ids.nextLong());
            List<Network.Subnet> subnets = new ArrayList<>();
            int n = 0;
            for (String zone : zones(region)) {
                String subnetId = "subnet-" + String.format("0%016x", ids.nextLong());
                int third = n * 16;
                subnets.add(new Network.Subnet(subnetId, zone, zoneId(zone), "172.31." + third + ".0/20", third,
                        "arn:aws:ec2:" + region + ":" + account + ":subnet/" + subnetId));
                n++;
            }
            this.network = new Network(vpcId, "172.31.0.0/16", "dopt-" + String.format("0%016x", ids.nextLong()),
                    List.copyOf(subnets));
            this.images = Images.publicImages(region);
            String defaultGroup = "sg-" + String.format("0%016x", ids.nextLong());
            groups.put(defaultGroup, new SecurityGroup(-1, defaultGroup, "default", "default VPC security group", vpcId,
                    account, region, List.of(new SecurityGroup.Rule("-1", null, null, List.of(), List.of(defaultGroup))),
                    List.of(new SecurityGroup.Rule("-1", null, null, List.of("0.0.0.0/0"), List.of())),
                    Visibility.ALWAYS));
        }
    }
}
