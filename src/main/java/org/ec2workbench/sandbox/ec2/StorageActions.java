package org.ec2workbench.sandbox.ec2;

import java.util.ArrayList;
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
import org.ec2workbench.sandbox.world.Instance;
import org.ec2workbench.sandbox.world.KeyPair;
import org.ec2workbench.sandbox.world.Volume;
import org.ec2workbench.sandbox.world.World;

/** Key pairs, EBS volumes and tags. */
final class StorageActions {

    private static final Pattern DEVICE = Pattern.compile("/dev/(sd[b-z]|xvd[b-z]|sd[f-p][1-6]?)");
    private static final Set<String> VOLUME_TYPES = Set.of("gp2", "gp3", "io1", "io2", "st1", "sc1", "standard");
    private static final Map<String, Function<Volume, Collection<String>>> VOLUME_FILTERS = volumeFilters();

    private StorageActions() {
    }

    static void register(Map<String, Ec2Handler.Action> actions) {
        actions.put("CreateKeyPair", StorageActions::createKeyPair);
        actions.put("DescribeKeyPairs", StorageActions::describeKeyPairs);
        actions.put("DeleteKeyPair", StorageActions::deleteKeyPair);
        actions.put("CreateVolume", StorageActions::createVolume);
        actions.put("DescribeVolumes", StorageActions::describeVolumes);
        actions.put("AttachVolume", StorageActions::attachVolume);
        actions.put("DetachVolume", StorageActions::detachVolume);
        actions.put("DeleteVolume", StorageActions::deleteVolume);
        actions.put("CreateTags", StorageActions::createTags);
        actions.put("DeleteTags", StorageActions::deleteTags);
        actions.put("DescribeTags", StorageActions::describeTags);
    }

    // ---------------------------------------------------------------- key pairs

    private static void createKeyPair(Call c) {
        String name = c.params.required("KeyName");
        if (name.length() > 255) {
            throw ApiException.client("InvalidParameterValue", "Key names must be at most 255 characters.");
        }
        String type = c.params.get("KeyType", "rsa");
        if (!type.equals("rsa")) {
            throw ApiException.client("InvalidParameterValue", "Value (" + type
                    + ") for parameter KeyType is invalid. The sandbox creates rsa keys only.");
        }
        String format = c.params.get("KeyFormat", "pem");
        if (!format.equals("pem")) {
            throw ApiException.client("InvalidParameterValue", "Value (" + format
                    + ") for parameter KeyFormat is invalid. The sandbox returns pem keys only.");
        }
        Map<String, String> tags = c.tagSpecifications("key-pair", List.of("key-pair"));
        Map<String, List<String>> conditions = c.conditions();
        Call.requestTags(conditions, tags);
        c.authorize(List.of(c.arn("key-pair/" + name)), conditions);
        World.CreatedKeyPair created = c.world.createKeyPair(c.account, c.region, name, type, tags);
        KeyPair k = created.keyPair();
        c.xml.leaf("keyName", k.name()).leaf("keyFingerprint", k.fingerprint())
                .leaf("keyMaterial", created.material()).leaf("keyPairId", k.id());
        Tags.write(c.xml, tags);
    }

    private static void describeKeyPairs(Call c) {
        List<String> names = c.params.list("KeyName");
        List<String> ids = c.params.list("KeyPairId");
        Filters filters = Filters.parse(c.params);
        c.authorizeAll();
        List<KeyPair> visible = new ArrayList<>();
        for (KeyPair k : c.world.keyPairs(c.account, c.region)) {
            if (c.world.visible(k.visibility(), c.replica)) {
                visible.add(k);
            }
        }
        List<KeyPair> selected = visible;
        if (!names.isEmpty() || !ids.isEmpty()) {
            Set<String> missingNames = new LinkedHashSet<>(names);
            Set<String> missingIds = new LinkedHashSet<>(ids);
            selected = new ArrayList<>();
            for (KeyPair k : visible) {
                boolean byName = missingNames.remove(k.name()) | names.contains(k.name());
                boolean byId = missingIds.remove(k.id()) | ids.contains(k.id());
                if (byName || byId) {
                    selected.add(k);
                }
            }
            if (!missingNames.isEmpty()) {
                throw Ids.notFound(Kind.KEY_PAIR, List.of(missingNames.iterator().next()));
            }
            if (!missingIds.isEmpty()) {
                throw Ids.notFound(Kind.KEY_PAIR, List.of(missingIds.iterator().next()));
            }
        }
        Map<String, Map<String, String>> tags = c.world.allTags(c.account, c.region);
        Map<String, Function<KeyPair, Collection<String>>> fields = new HashMap<>();
        fields.put("key-name", k -> List.of(k.name()));
        fields.put("key-pair-id", k -> List.of(k.id()));
        fields.put("fingerprint", k -> List.of(k.fingerprint()));
        fields.put("key-type", k -> List.of(k.keyType()));
        List<KeyPair> matched = filters.apply(selected, fields, k -> tags.getOrDefault(k.id(), Map.of()));
        Xml x = c.xml;
        x.open("keySet");
        for (KeyPair k : matched) {
            x.open("item").leaf("keyPairId", k.id()).leaf("keyType", k.keyType());
            Tags.write(x, tags.getOrDefault(k.id(), Map.of()));
            x.leaf("createTime", k.createTime()).leaf("keyName", k.name()).leaf("keyFingerprint", k.fingerprint())
                    .close("item");
        }
        x.close("keySet");
    }

    private static void deleteKeyPair(Call c) {
        String name = c.params.get("KeyName");
        String id = c.params.get("KeyPairId");
        if ((name == null || name.isEmpty()) && (id == null || id.isEmpty())) {
            throw ApiException.missing("KeyName");
        }
        if (id != null && !Ids.wellFormed(Kind.KEY_PAIR, id)) {
            throw ApiException.client("InvalidKeyPair.Malformed", "Invalid id: \"" + id + "\" (expecting \"key-...\")");
        }
        c.authorize(List.of(c.arn("key-pair/" + (name != null ? name : "*"))), c.conditions());
        String deleted = c.world.deleteKeyPair(c.account, c.region, c.replica, name, id);
        c.xml.leaf("return", true).leaf("keyPairId", deleted);
    }

    // ---------------------------------------------------------------- volumes

    private static void createVolume(Call c) {
        QueryParams p = c.params;
        String zone = p.required("AvailabilityZone");
        String type = p.get("VolumeType", "gp2");
        if (!VOLUME_TYPES.contains(type)) {
            throw ApiException.client("InvalidParameterValue", "Value (" + type
                    + ") for parameter volumeType is invalid. Expected: 'standard', 'io1', 'io2', 'gp2', 'sc1', 'st1' "
                    + "or 'gp3'.");
        }
        String snapshotId = p.get("SnapshotId");
        if (!p.has("Size") && snapshotId == null) {
            throw ApiException.client("MissingParameter", "The request must contain the parameter size or snapshotId");
        }
        int size = p.integer("Size", 8);
        int minSize = type.equals("io1") || type.equals("io2") ? 4 : type.equals("st1") || type.equals("sc1") ? 125 : 1;
        int maxSize = type.equals("standard") ? 1024 : 16384;
        if (size < minSize || size > maxSize) {
            throw ApiException.client("InvalidParameterValue", "Volume of " + size + "GiB is "
                    + (size < minSize ? "too small; minimum is " + minSize : "too large; maximum is " + maxSize)
                    + "GiB");
        }
        Integer iops = p.has("Iops") ? p.integer("Iops", 0) : type.equals("gp3") ? Integer.valueOf(3000)
                : type.equals("gp2") ? Integer.valueOf(Math.max(100, Math.min(16000, size * 3))) : null;
        if ((type.equals("io1") || type.equals("io2")) && iops == null) {
            throw ApiException.missing("Iops");
        }
        boolean encrypted = p.bool("Encrypted", false);
        Map<String, String> tags = c.tagSpecifications("volume", List.of("volume"));
        Map<String, List<String>> conditions = c.conditions();
        conditions.put("ec2:VolumeType", List.of(type));
        Call.requestTags(conditions, tags);
        c.authorize(List.of(c.arn("volume/*")), conditions);
        Volume v = c.world.createVolume(c.account, c.region, zone, size, type, iops, snapshotId, encrypted, tags);
        writeVolumeFields(c.xml, v);
        Tags.write(c.xml, tags);
    }

    private static void writeVolumeFields(Xml x, Volume v) {
        x.leaf("volumeId", v.id()).leaf("size", v.size()).leaf("snapshotId", v.snapshotId() == null ? ""
                        : v.snapshotId()).leaf("availabilityZone", v.zone()).leaf("status", v.state())
                .leaf("createTime", v.createTime());
        if (v.iops() != null) {
            x.leaf("iops", v.iops());
        }
        x.leaf("volumeType", v.volumeType()).leaf("encrypted", v.encrypted()).leaf("multiAttachEnabled", false);
        if (v.volumeType().equals("gp3")) {
            x.leaf("throughput", 125);
        }
    }

    private static void describeVolumes(Call c) {
        QueryParams p = c.params;
        List<String> ids = p.list("VolumeId");
        ids.forEach(id -> Ids.requireWellFormed(Kind.VOLUME, id));
        Filters filters = Filters.parse(p);
        c.authorizeAll();
        List<Volume> selected = Selection.select(c.world.volumes(c.account, c.region),
                v -> c.world.visible(v.visibility(), c.replica), Volume::id, ids,
                missing -> Ids.notFound(Kind.VOLUME, List.of(missing.get(0))));
        Map<String, Map<String, String>> tags = c.world.allTags(c.account, c.region);
        List<Volume> matched = filters.apply(selected, VOLUME_FILTERS, v -> tags.getOrDefault(v.id(), Map.of()));
        Pages.Page<Volume> page = Pages.page(matched, p, c.action, 5, 500);
        Xml x = c.xml;
        x.open("volumeSet");
        for (Volume v : page.items()) {
            x.open("item");
            writeVolumeFields(x, v);
            if (v.attachment() == null) {
                x.empty("attachmentSet");
            } else {
                x.open("attachmentSet").open("item");
                writeAttachment(x, v.id(), v.attachment(), v.attachment().status());
                x.close("item").close("attachmentSet");
            }
            Tags.write(x, tags.getOrDefault(v.id(), Map.of()));
            x.close("item");
        }
        x.close("volumeSet");
        x.leaf("nextToken", page.nextToken());
    }

    private static void writeAttachment(Xml x, String volumeId, Volume.Attachment a, String status) {
        x.leaf("volumeId", volumeId).leaf("instanceId", a.instanceId()).leaf("device", a.device())
                .leaf("status", status).leaf("attachTime", a.attachTime())
                .leaf("deleteOnTermination", a.deleteOnTermination());
    }

    private static void authorizeVolume(Call c, String volumeId, String instanceId) {
        Ids.requireWellFormed(Kind.VOLUME, volumeId);
        List<String> arns = new ArrayList<>();
        arns.add(c.arn("volume/" + volumeId));
        Map<String, List<String>> conditions = c.conditions();
        Call.resourceTags(conditions, c.world.tags(c.account, c.region, volumeId));
        if (instanceId != null) {
            Ids.requireWellFormed(Kind.INSTANCE, instanceId);
            arns.add(c.arn("instance/" + instanceId));
        }
        c.authorize(arns, conditions);
    }

    private static void attachVolume(Call c) {
        String volumeId = c.params.required("VolumeId");
        String instanceId = c.params.required("InstanceId");
        String device = c.params.required("Device");
        if (!DEVICE.matcher(device).matches()) {
            throw ApiException.client("InvalidParameterValue", "Value (" + device
                    + ") for parameter device is invalid. " + device + " is not a valid EBS device name.");
        }
        authorizeVolume(c, volumeId, instanceId);
        Volume v = c.world.attachVolume(c.account, c.region, c.replica, volumeId, instanceId, device);
        writeAttachment(c.xml, v.id(), v.attachment(), "attaching");
    }

    private static void detachVolume(Call c) {
        String volumeId = c.params.required("VolumeId");
        String instanceId = c.params.get("InstanceId");
        authorizeVolume(c, volumeId, instanceId);
        Volume v = c.world.detachVolume(c.account, c.region, c.replica, volumeId, instanceId);
        writeAttachment(c.xml, v.id(), v.attachment(), "detaching");
    }

    private static void deleteVolume(Call c) {
        String volumeId = c.params.required("VolumeId");
        authorizeVolume(c, volumeId, null);
        c.world.deleteVolume(c.account, c.region, c.replica, volumeId);
        c.xml.leaf("return", true);
    }

    private static Map<String, Function<Volume, Collection<String>>> volumeFilters() {
        Map<String, Function<Volume, Collection<String>>> f = new HashMap<>();
        f.put("volume-id", v -> List.of(v.id()));
        f.put("status", v -> List.of(v.state()));
        f.put("size", v -> List.of(Integer.toString(v.size())));
        f.put("volume-type", v -> List.of(v.volumeType()));
        f.put("availability-zone", v -> List.of(v.zone()));
        f.put("encrypted", v -> List.of(Boolean.toString(v.encrypted())));
        f.put("snapshot-id", v -> v.snapshotId() == null ? List.of() : List.of(v.snapshotId()));
        f.put("attachment.instance-id", v -> v.attachment() == null ? List.of() : List.of(v.attachment().instanceId()));
        f.put("attachment.status", v -> v.attachment() == null ? List.of() : List.of(v.attachment().status()));
        f.put("attachment.device", v -> v.attachment() == null ? List.of() : List.of(v.attachment().device()));
        f.put("attachment.delete-on-termination", v -> v.attachment() == null ? List.of()
                : List.of(Boolean.toString(v.attachment().deleteOnTermination())));
        f.put("create-time", v -> List.of(Xml.TIMESTAMP.format(v.createTime())));
        return Map.copyOf(f);
    }

    // ---------------------------------------------------------------- tags

    private static List<String> resourceIds(Call c) {
        List<String> ids = c.params.list("ResourceId");
        if (ids.isEmpty()) {
            throw ApiException.missing("ResourceId");
        }
        if (ids.size() > 1000) {
            throw ApiException.client("InvalidParameterValue", "At most 1000 resources can be tagged at once.");
        }
        return ids;
    }

    private static void authorizeTagging(Call c, List<String> ids, Map<String, String> tags) {
        List<String> arns = new ArrayList<>();
        for (String id : ids) {
            String type = World.resourceType(id);
            arns.add(type.equals("image") ? "arn:aws:ec2:" + c.region + "::image/" + id : c.arn(type + "/" + id));
        }
        Map<String, List<String>> conditions = c.conditions();
        Call.requestTags(conditions, tags);
        if (ids.size() == 1) {
            Call.resourceTags(conditions, c.world.tags(c.account, c.region, ids.get(0)));
        }
        c.authorize(arns, conditions);
    }

    private static void createTags(Call c) {
        List<String> ids = resourceIds(c);
        Map<String, String> tags = Tags.parse(c.params, "Tag", true);
        if (tags.isEmpty()) {
            throw ApiException.missing("Tag");
        }
        authorizeTagging(c, ids, tags);
        c.world.createTags(c.account, c.region, c.replica, ids, tags);
        c.xml.leaf("return", true);
    }

    private static void deleteTags(Call c) {
        List<String> ids = resourceIds(c);
        Map<String, String> tags = Tags.parse(c.params, "Tag", false);
        Map<String, String> requestTags = new LinkedHashMap<>();
        tags.forEach((k, v) -> requestTags.put(k, v == null ? "" : v));
        authorizeTagging(c, ids, requestTags);
        c.world.deleteTags(c.account, c.region, c.replica, ids, tags);
        c.xml.leaf("return", true);
    }

    private record TagRow(String resourceId, String resourceType, String key, String value) {
    }

    private static void describeTags(Call c) {
        Filters filters = Filters.parse(c.params);
        c.authorizeAll();
        List<TagRow> rows = new ArrayList<>();
        Map<String, Instance> instances = new HashMap<>();
        c.world.instances(c.account, c.region).forEach(i -> instances.put(i.id(), i));
        for (Map.Entry<String, Map<String, String>> e : c.world.allTags(c.account, c.region).entrySet()) {
            Instance i = instances.get(e.getKey());
            if (i != null && !c.world.visible(i.visibility(), c.replica)) {
                continue;
            }
            String type = World.resourceType(e.getKey());
            e.getValue().forEach((k, v) -> rows.add(new TagRow(e.getKey(), type, k, v)));
        }
        Map<String, Function<TagRow, Collection<String>>> fields = new HashMap<>();
        fields.put("resource-id", r -> List.of(r.resourceId()));
        fields.put("resource-type", r -> List.of(r.resourceType()));
        fields.put("key", r -> List.of(r.key()));
        fields.put("value", r -> List.of(r.value()));
        fields.put("tag-key", r -> List.of(r.key()));
        fields.put("tag-value", r -> List.of(r.value()));
        List<TagRow> matched = filters.apply(rows, fields, null);
        Pages.Page<TagRow> page = Pages.page(matched, c.params, c.action, 5, 1000);
        Xml x = c.xml;
        x.open("tagSet");
        for (TagRow r : page.items()) {
            x.open("item").leaf("resourceId", r.resourceId()).leaf("resourceType", r.resourceType())
                    .leaf("key", r.key()).leaf("value", r.value()).close("item");
        }
        x.close("tagSet");
        x.leaf("nextToken", page.nextToken());
    }
}
