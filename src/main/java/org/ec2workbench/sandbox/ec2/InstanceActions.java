package org.ec2workbench.sandbox.ec2;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ec2workbench.sandbox.protocol.ApiException;
import org.ec2workbench.sandbox.protocol.QueryParams;
import org.ec2workbench.sandbox.protocol.Xml;
import org.ec2workbench.sandbox.world.Ids;
import org.ec2workbench.sandbox.world.Ids.Kind;
import org.ec2workbench.sandbox.world.Image;
import org.ec2workbench.sandbox.world.Instance;
import org.ec2workbench.sandbox.world.InstanceState;
import org.ec2workbench.sandbox.world.Network;
import org.ec2workbench.sandbox.world.SecurityGroup;
import org.ec2workbench.sandbox.world.World;

/** RunInstances, DescribeInstances, DescribeInstanceStatus, Start/Stop/Reboot/TerminateInstances, GetConsoleOutput. */
final class InstanceActions {

    private static final Pattern INSTANCE_TYPE = Pattern.compile(
            "(t2|t3|t3a|t4g|m1|m5|m5a|m6a|m6i|m6g|m7i|m7g|c5|c6i|c6g|c7i|c7g|r5|r6i|r6g|r7g)\\."
                    + "(nano|micro|small|medium|large|xlarge|2xlarge|4xlarge|8xlarge|12xlarge|16xlarge|24xlarge)");
    private static final Map<String, Function<Instance, Collection<String>>> FILTERS = instanceFilters();

    private InstanceActions() {
    }

    static void register(Map<String, Ec2Handler.Action> actions) {
        actions.put("RunInstances", InstanceActions::runInstances);
        actions.put("DescribeInstances", InstanceActions::describeInstances);
        actions.put("DescribeInstanceStatus", InstanceActions::describeInstanceStatus);
        actions.put("StartInstances", c -> command(c, World.Command.START));
        actions.put("StopInstances", c -> command(c, World.Command.STOP));
        actions.put("TerminateInstances", c -> command(c, World.Command.TERMINATE));
        actions.put("RebootInstances", c -> command(c, World.Command.REBOOT));
        actions.put("GetConsoleOutput", InstanceActions::getConsoleOutput);
    }

    // ---------------------------------------------------------------- RunInstances

    private static void runInstances(Call c) {
        QueryParams p = c.params;
        String imageId = p.required("ImageId");
        if (!p.has("MinCount")) {
            throw ApiException.missing("MinCount");
        }
        if (!p.has("MaxCount")) {
            throw ApiException.missing("MaxCount");
        }
        int min = p.integer("MinCount", 1);
        int max = p.integer("MaxCount", 1);
        if (min < 1) {
            throw ApiException.client("InvalidParameterValue", "Value (" + min
                    + ") for parameter minCount is invalid. Expecting a value greater than 0.");
        }
        if (max < min) {
            throw ApiException.client("InvalidParameterValue", "Value (" + max
                    + ") for parameter maxCount is invalid. Expecting a value greater than or equal to minCount.");
        }
        Ids.requireWellFormed(Kind.IMAGE, imageId);
        String type = p.get("InstanceType", "m1.small");
        if (!INSTANCE_TYPE.matcher(type).matches()) {
            throw ApiException.client("InvalidParameterValue",
                    "The following supplied instance types do not exist: [" + type + "]");
        }
        Image image = c.world.images(c.account, c.region).stream().filter(i -> i.id().equals(imageId)).findFirst()
                .orElseThrow(() -> Ids.notFound(Kind.IMAGE, List.of(imageId)));
        String typeArch = type.substring(0, type.indexOf('.')).endsWith("g") ? "arm64" : "x86_64";
        if (!typeArch.equals(image.architecture())) {
            throw ApiException.client("InvalidParameterValue", "The architecture '" + typeArch
                    + "' of the specified instance type does not match the architecture '" + image.architecture()
                    + "' of the specified AMI. Specify an instance type and an AMI that have matching architectures,"
                    + " and try again.");
        }
        String keyName = p.get("KeyName");
        if (keyName != null && c.world.keyPair(c.account, c.region, c.replica, keyName) == null) {
            throw Ids.notFound(Kind.KEY_PAIR, List.of(keyName));
        }
        Network network = c.world.network(c.account, c.region);
        QueryParams nic = p.structures("NetworkInterface").stream().findFirst().orElse(QueryParams.of(Map.of()));
        Network.Subnet subnet = subnet(c, network, p.get("SubnetId", nic.get("SubnetId")));
        List<String> groupIds = new ArrayList<>(p.list("SecurityGroupId"));
        groupIds.addAll(nic.list("SecurityGroupId"));
        List<SecurityGroup> groups = new ArrayList<>();
        for (String id : groupIds) {
            Ids.requireWellFormed(Kind.SECURITY_GROUP, id);
            groups.add(c.world.requireGroup(c.account, c.region, c.replica, id));
        }
        for (String name : p.list("SecurityGroup")) {
            groups.add(c.world.requireGroupByName(c.account, c.region, c.replica, name));
        }
        if (groups.isEmpty()) {
            groups.add(c.world.requireGroupByName(c.account, c.region, c.replica, "default"));
        }
        List<String> taggable = List.of("instance", "volume", "network-interface");
        Map<String, String> tags = c.tagSpecifications("instance", taggable);
        Map<String, String> volumeTags = c.tagSpecifications("volume", taggable);

        List<String> arns = new ArrayList<>();
        arns.add(c.arn("instance/*"));
        if (image.ebsBacked()) {
            arns.add(c.arn("volume/*"));
        }
        arns.add(image.arn());
        arns.add(subnet.arn());
        arns.add(c.arn("network-interface/*"));
        if (keyName != null) {
            arns.add(c.arn("key-pair/" + keyName));
        }
        new LinkedHashSet<>(groups).forEach(g -> arns.add(g.arn()));
        Map<String, List<String>> conditions = c.conditions();
        conditions.put("ec2:InstanceType", List.of(type));
        Map<String, String> allRequestTags = new LinkedHashMap<>(tags);
        allRequestTags.putAll(volumeTags);
        Call.requestTags(conditions, allRequestTags);
        c.authorize(arns, conditions);

        c.takeResourceTokens(max);
        World.Launch launch;
        try {
            launch = c.world.launch(new World.LaunchSpec(c.account, c.region, image, type, keyName, subnet,
                    List.copyOf(new LinkedHashSet<>(groups)), min, max, tags, volumeTags, p.get("ClientToken")));
        } catch (ApiException e) {
            c.throttler.refundResources(c.account, c.region, c.action, max);
            throw e;
        }
        if (launch.instances().size() < max) {
            c.throttler.refundResources(c.account, c.region, c.action, max - launch.instances().size());
        }
        Xml x = c.xml;
        x.leaf("reservationId", launch.reservationId()).leaf("ownerId", c.account);
        writeGroupSet(x, List.of());
        x.open("instancesSet");
        Map<String, Map<String, String>> allTags = c.world.allTags(c.account, c.region);
        for (Instance i : launch.instances()) {
            writeInstance(x, i, allTags.getOrDefault(i.id(), Map.of()));
        }
        x.close("instancesSet");
    }

    private static Network.Subnet subnet(Call c, Network network, String subnetId) {
        if (subnetId != null) {
            Ids.requireWellFormed(Kind.SUBNET, subnetId);
            return network.subnets().stream().filter(s -> s.id().equals(subnetId)).findFirst()
                    .orElseThrow(() -> Ids.notFound(Kind.SUBNET, List.of(subnetId)));
        }
        String zone = c.params.get("Placement.AvailabilityZone");
        if (zone != null) {
            return network.subnets().stream().filter(s -> s.zone().equals(zone)).findFirst()
                    .orElseThrow(() -> ApiException.client("InvalidParameterValue",
                            "Invalid availability zone: [" + zone + "]"));
        }
        return network.subnets().get(0);
    }

    // ---------------------------------------------------------------- DescribeInstances

    private static void describeInstances(Call c) {
        QueryParams p = c.params;
        List<String> ids = describedIds(p);
        Filters filters = Filters.parse(p);
        c.authorizeAll();
        Map<String, Map<String, String>> tags = c.world.allTags(c.account, c.region);
        List<Instance> selected = visibleInstances(c, ids);
        List<Instance> matched = filters.apply(selected, FILTERS, i -> tags.getOrDefault(i.id(), Map.of()));
        Pages.Page<Instance> page = Pages.page(matched, p, c.action, 5, 1000);
        Xml x = c.xml;
        x.open("reservationSet");
        String open = null;
        for (Instance i : page.items()) {
            if (!i.reservationId().equals(open)) {
                if (open != null) {
                    x.close("instancesSet").close("item");
                }
                open = i.reservationId();
                x.open("item").leaf("reservationId", open).leaf("ownerId", i.ownerId());
                writeGroupSet(x, List.of());
                x.open("instancesSet");
            }
            x.fragment(c.renderCache.instance(i, tags.getOrDefault(i.id(), Map.of())));
        }
        if (open != null) {
            x.close("instancesSet").close("item");
        }
        x.close("reservationSet");
        x.leaf("nextToken", page.nextToken());
    }

    /** {@code InstanceId.N}, checked, and never together with MaxResults. */
    private static List<String> describedIds(QueryParams p) {
        List<String> ids = p.list("InstanceId");
        ids.forEach(id -> Ids.requireWellFormed(Kind.INSTANCE, id));
        if (!ids.isEmpty() && p.has("MaxResults")) {
            throw ApiException.client("InvalidParameterCombination",
                    "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        return ids;
    }

    /** The instances this request may see: the named ones (NotFound for any unseen) or every visible one. */
    private static List<Instance> visibleInstances(Call c, List<String> ids) {
        return Selection.select(c.world.instances(c.account, c.region),
                i -> c.world.visible(i.visibility(), c.replica), Instance::id, ids,
                missing -> Ids.notFound(Kind.INSTANCE, missing));
    }

    static void writeGroupSet(Xml x, List<Instance.GroupRef> groups) {
        if (groups.isEmpty()) {
            x.empty("groupSet");
            return;
        }
        x.open("groupSet");
        for (Instance.GroupRef g : groups) {
            x.open("item").leaf("groupId", g.id()).leaf("groupName", g.name()).close("item");
        }
        x.close("groupSet");
    }

    private static void writeState(Xml x, String element, InstanceState state) {
        x.open(element).leaf("code", state.code()).leaf("name", state.apiName()).close(element);
    }

    static void writeInstance(Xml x, Instance i, Map<String, String> tags) {
        boolean hasAddress = i.state() == InstanceState.RUNNING || i.state() == InstanceState.PENDING;
        String privateDns = privateDns(i);
        x.open("item")
                .leaf("instanceId", i.id())
                .leaf("imageId", i.imageId());
        writeState(x, "instanceState", i.state());
        x.leaf("privateDnsName", i.state() == InstanceState.TERMINATED ? "" : privateDns)
                .leaf("dnsName", hasAddress && i.publicIp() != null ? publicDns(i) : "")
                .leaf("reason", i.transitionReason() == null ? "" : i.transitionReason())
                .leaf("keyName", i.keyName())
                .leaf("amiLaunchIndex", i.launchIndex())
                .empty("productCodes")
                .leaf("instanceType", i.instanceType())
                .leaf("launchTime", i.launchTime())
                .open("placement").leaf("availabilityZone", i.zone()).leaf("groupName", "")
                .leaf("tenancy", "default").close("placement")
                .open("monitoring").leaf("state", "disabled").close("monitoring");
        if (i.state() != InstanceState.TERMINATED) {
            x.leaf("subnetId", i.subnetId()).leaf("vpcId", i.vpcId()).leaf("privateIpAddress", i.privateIp());
            if (hasAddress) {
                x.leaf("ipAddress", i.publicIp());
            }
        }
        x.leaf("sourceDestCheck", true);
        writeGroupSet(x, i.state() == InstanceState.TERMINATED ? List.of() : i.groups());
        if (i.stateReasonCode() != null) {
            x.open("stateReason").leaf("code", i.stateReasonCode()).leaf("message", i.stateReasonMessage())
                    .close("stateReason");
        }
        x.leaf("architecture", i.architecture())
                .leaf("rootDeviceType", i.rootDeviceType())
                .leaf("rootDeviceName", i.rootDeviceName());
        if (i.rootVolumeId() != null && i.state() != InstanceState.TERMINATED) {
            x.open("blockDeviceMapping").open("item").leaf("deviceName", i.rootDeviceName())
                    .open("ebs").leaf("volumeId", i.rootVolumeId()).leaf("status", "attached")
                    .leaf("attachTime", i.rootAttachTime()).leaf("deleteOnTermination", true).close("ebs")
                    .close("item").close("blockDeviceMapping");
        } else {
            x.empty("blockDeviceMapping");
        }
        x.leaf("virtualizationType", "hvm")
                .leaf("clientToken", i.clientToken() == null ? "" : i.clientToken());
        Tags.write(x, tags);
        x.leaf("hypervisor", "xen");
        if (i.state() != InstanceState.TERMINATED) {
            x.open("networkInterfaceSet").open("item")
                    .leaf("networkInterfaceId", i.networkInterfaceId())
                    .leaf("subnetId", i.subnetId())
                    .leaf("vpcId", i.vpcId())
                    .leaf("description", "")
                    .leaf("ownerId", i.ownerId())
                    .leaf("status", "in-use")
                    .leaf("macAddress", i.macAddress())
                    .leaf("privateIpAddress", i.privateIp())
                    .leaf("privateDnsName", privateDns)
                    .leaf("sourceDestCheck", true);
            writeGroupSet(x, i.groups());
            x.open("attachment").leaf("attachmentId", "eni-attach-" + i.networkInterfaceId().substring(4))
                    .leaf("deviceIndex", 0).leaf("status", "attached").leaf("attachTime", i.launchTime())
                    .leaf("deleteOnTermination", true).leaf("networkCardIndex", 0).close("attachment");
            if (hasAddress && i.publicIp() != null) {
                x.open("association").leaf("publicIp", i.publicIp()).leaf("publicDnsName", publicDns(i))
                        .leaf("ipOwnerId", "amazon").close("association");
            }
            x.open("privateIpAddressesSet").open("item").leaf("privateIpAddress", i.privateIp())
                    .leaf("privateDnsName", privateDns).leaf("primary", true);
            if (hasAddress && i.publicIp() != null) {
                x.open("association").leaf("publicIp", i.publicIp()).leaf("publicDnsName", publicDns(i))
                        .leaf("ipOwnerId", "amazon").close("association");
            }
            x.close("item").close("privateIpAddressesSet").empty("ipv6AddressesSet")
                    .leaf("interfaceType", "interface").close("item").close("networkInterfaceSet");
        } else {
            x.empty("networkInterfaceSet");
        }
        x.leaf("ebsOptimized", false)
                .leaf("enaSupport", true)
                .open("cpuOptions").leaf("coreCount", 1).leaf("threadsPerCore", 2).close("cpuOptions")
                .open("capacityReservationSpecification").leaf("capacityReservationPreference", "open")
                .close("capacityReservationSpecification")
                .open("hibernationOptions").leaf("configured", false).close("hibernationOptions")
                .open("metadataOptions").leaf("state", "applied").leaf("httpTokens", "required")
                .leaf("httpPutResponseHopLimit", 2).leaf("httpEndpoint", "enabled")
                .leaf("httpProtocolIpv6", "disabled").leaf("instanceMetadataTags", "disabled")
                .close("metadataOptions")
                .open("enclaveOptions").leaf("enabled", false).close("enclaveOptions")
                .leaf("bootMode", "uefi-preferred")
                .leaf("platformDetails", "Linux/UNIX")
                .leaf("usageOperation", "RunInstances")
                .leaf("usageOperationUpdateTime", i.launchTime())
                .open("privateDnsNameOptions").leaf("hostnameType", "ip-name")
                .leaf("enableResourceNameDnsARecord", false).leaf("enableResourceNameDnsAAAARecord", false)
                .close("privateDnsNameOptions")
                .open("maintenanceOptions").leaf("autoRecovery", "default").close("maintenanceOptions")
                .leaf("currentInstanceBootMode", "legacy-bios")
                .close("item");
    }

    private static String privateDns(Instance i) {
        String host = "ip-" + i.privateIp().replace('.', '-');
        return i.region().equals("us-east-1") ? host + ".ec2.internal" : host + "." + i.region() + ".compute.internal";
    }

    private static String publicDns(Instance i) {
        String host = "ec2-" + i.publicIp().replace('.', '-');
        return i.region().equals("us-east-1") ? host + ".compute-1.amazonaws.com"
                : host + "." + i.region() + ".compute.amazonaws.com";
    }

    private static Map<String, Function<Instance, Collection<String>>> instanceFilters() {
        Map<String, Function<Instance, Collection<String>>> f = new HashMap<>();
        f.put("instance-id", i -> List.of(i.id()));
        f.put("instance-state-name", i -> List.of(i.state().apiName()));
        f.put("instance-state-code", i -> List.of(Integer.toString(i.state().code())));
        f.put("instance-type", i -> List.of(i.instanceType()));
        f.put("image-id", i -> List.of(i.imageId()));
        f.put("vpc-id", i -> List.of(i.vpcId()));
        f.put("subnet-id", i -> List.of(i.subnetId()));
        f.put("availability-zone", i -> List.of(i.zone()));
        f.put("key-name", i -> i.keyName() == null ? List.of() : List.of(i.keyName()));
        f.put("private-ip-address", i -> List.of(i.privateIp()));
        f.put("ip-address", i -> i.publicIp() == null ? List.of() : List.of(i.publicIp()));
        f.put("reservation-id", i -> List.of(i.reservationId()));
        f.put("root-device-type", i -> List.of(i.rootDeviceType()));
        f.put("root-device-name", i -> List.of(i.rootDeviceName()));
        f.put("architecture", i -> List.of(i.architecture()));
        Function<Instance, Collection<String>> groupIds = i -> i.groups().stream().map(Instance.GroupRef::id).toList();
        Function<Instance, Collection<String>> groupNames =
                i -> i.groups().stream().map(Instance.GroupRef::name).toList();
        f.put("group-id", groupIds);
        f.put("instance.group-id", groupIds);
        f.put("group-name", groupNames);
        f.put("instance.group-name", groupNames);
        f.put("private-dns-name", i -> List.of(privateDns(i)));
        f.put("dns-name", i -> i.publicIp() == null ? List.of() : List.of(publicDns(i)));
        f.put("owner-id", i -> List.of(i.ownerId()));
        f.put("launch-index", i -> List.of(Integer.toString(i.launchIndex())));
        f.put("client-token", i -> i.clientToken() == null ? List.of() : List.of(i.clientToken()));
        f.put("network-interface.network-interface-id", i -> List.of(i.networkInterfaceId()));
        f.put("block-device-mapping.volume-id", i -> i.rootVolumeId() == null ? List.of() : List.of(i.rootVolumeId()));
        f.put("launch-time", i -> List.of(Xml.TIMESTAMP.format(i.launchTime())));
        return Map.copyOf(f);
    }

    // ---------------------------------------------------------------- DescribeInstanceStatus

    private static void describeInstanceStatus(Call c) {
        QueryParams p = c.params;
        List<String> ids = describedIds(p);
        boolean includeAll = p.bool("IncludeAllInstances", false);
        Filters filters = Filters.parse(p);
        c.authorizeAll();
        long now = c.world.clock().nanoTime();
        List<Instance> selected = new ArrayList<>();
        for (Instance i : visibleInstances(c, ids)) {
            if (includeAll || i.state() == InstanceState.RUNNING) {
                selected.add(i);
            }
        }
        Map<String, Function<Instance, Collection<String>>> fields = new HashMap<>();
        fields.put("availability-zone", i -> List.of(i.zone()));
        fields.put("instance-state-name", i -> List.of(i.state().apiName()));
        fields.put("instance-state-code", i -> List.of(Integer.toString(i.state().code())));
        fields.put("system-status.status", i -> List.of(status(i, now)));
        fields.put("instance-status.status", i -> List.of(status(i, now)));
        List<Instance> matched = filters.apply(selected, fields, null);
        Pages.Page<Instance> page = Pages.page(matched, p, c.action, 5, 1000);
        Xml x = c.xml;
        x.open("instanceStatusSet");
        for (Instance i : page.items()) {
            String status = status(i, now);
            String detail = status.equals("ok") ? "passed" : status.equals("initializing") ? "initializing"
                    : "not-applicable";
            x.open("item").leaf("instanceId", i.id()).leaf("availabilityZone", i.zone())
                    .leaf("availabilityZoneId", World.zoneId(i.zone()));
            writeState(x, "instanceState", i.state());
            for (String element : new String[] {"systemStatus", "instanceStatus"}) {
                x.open(element).leaf("status", status).open("details").open("item").leaf("name", "reachability")
                        .leaf("status", detail).close("item").close("details").close(element);
            }
            x.open("attachedEbsStatus").leaf("status", status).open("details").open("item")
                    .leaf("name", "reachability").leaf("status", detail).close("item").close("details")
                    .close("attachedEbsStatus");
            x.close("item");
        }
        x.close("instanceStatusSet");
        x.leaf("nextToken", page.nextToken());
    }

    /** Status checks: initializing for two minutes after reaching running, then ok. */
    private static String status(Instance i, long now) {
        if (i.state() != InstanceState.RUNNING) {
            return "not-applicable";
        }
        return now - i.stateSinceNanos() < 120_000_000_000L ? "initializing" : "ok";
    }

    // ---------------------------------------------------------------- Start/Stop/Terminate/Reboot

    private static void command(Call c, World.Command command) {
        List<String> ids = c.params.list("InstanceId");
        if (ids.isEmpty()) {
            throw ApiException.missing("InstanceId");
        }
        ids.forEach(id -> Ids.requireWellFormed(Kind.INSTANCE, id));
        for (String id : ids) {
            Map<String, List<String>> conditions = c.conditions();
            Instance known = c.world.instance(c.account, c.region, id);
            if (known != null) {
                conditions.put("ec2:InstanceType", List.of(known.instanceType()));
                Call.resourceTags(conditions, c.world.tags(c.account, c.region, id));
            }
            c.check(List.of(c.arn("instance/" + id)), conditions);
        }
        c.authorized();
        if (command != World.Command.REBOOT) {
            c.takeResourceTokens(ids.size());
        }
        List<World.Change> changes = c.world.command(c.account, c.region, c.replica, ids, command);
        Xml x = c.xml;
        if (command == World.Command.REBOOT) {
            x.leaf("return", true);
            return;
        }
        x.open("instancesSet");
        for (World.Change change : changes) {
            x.open("item").leaf("instanceId", change.instanceId());
            writeState(x, "currentState", change.current());
            writeState(x, "previousState", change.previous());
            x.close("item");
        }
        x.close("instancesSet");
    }

    // ---------------------------------------------------------------- GetConsoleOutput

    private static void getConsoleOutput(Call c) {
        String id = c.params.required("InstanceId");
        Ids.requireWellFormed(Kind.INSTANCE, id);
        c.authorize(List.of(c.arn("instance/" + id)), c.conditions());
        Instance i = visibleInstances(c, List.of(id)).get(0);
        Xml x = c.xml;
        x.leaf("instanceId", id);
        Instant now = c.world.clock().instant();
        x.leaf("timestamp", now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        boolean neverBooted = i.state() == InstanceState.PENDING && "pending".equals(i.stateReasonCode());
        if (!neverBooted) {
            x.leaf("output", Base64.getEncoder().encodeToString(consoleText(i).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** A boot log made from the instance's own facts. */
    private static String consoleText(Instance i) {
        String host = "ip-" + i.privateIp().replace('.', '-');
        String kernel = i.architecture().equals("arm64") ? "6.1.119-129.201.amzn2023.aarch64"
                : "6.1.119-129.201.amzn2023.x86_64";
        return "[    0.000000] Linux version " + kernel + " (mockbuild@sandbox) #1 SMP\n"
                + "[    0.000000] Command line: BOOT_IMAGE=(hd0,gpt1)/boot/vmlinuz-" + kernel + " root="
                + i.rootDeviceName() + " console=tty0 console=ttyS0,115200n8\n"
                + "[    0.412733] Instance " + i.id() + " of type " + i.instanceType() + " in " + i.zone() + "\n"
                + "[    2.918120] ena 0000:00:05.0 eth0: Elastic Network Adapter (ENA) found at mem, mac addr "
                + i.macAddress() + "\n"
                + "[    6.204511] cloud-init[1412]: Cloud-init v. 22.2.2 running 'init' at "
                + Xml.TIMESTAMP.format(i.launchTime()) + ". Up 6.20 seconds.\n"
                + "[    6.377902] cloud-init[1412]: ci-info: | eth0 | True | " + i.privateIp() + " | "
                + i.macAddress() + " |\n"
                + "[   11.530017] cloud-init[1710]: Cloud-init v. 22.2.2 finished. Datasource DataSourceEc2Local. "
                + "Up 11.53 seconds\n\n"
                + "Amazon Linux 2023\nKernel " + kernel + " on an " + i.architecture() + " (-)\n\n"
                + host + " login: ";
    }
}
