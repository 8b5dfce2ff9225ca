package org.ec2workbench.sandbox.ec2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.ec2workbench.sandbox.protocol.ApiException;
import org.ec2workbench.sandbox.protocol.Xml;
import org.ec2workbench.sandbox.world.Ids;
import org.ec2workbench.sandbox.world.Ids.Kind;
import org.ec2workbench.sandbox.world.Image;
import org.ec2workbench.sandbox.world.Network;
import org.ec2workbench.sandbox.world.World;

/** What exists before the caller creates anything: images, the default VPC and subnets, Regions, zones, account attributes. */
final class CatalogActions {

    /** The Regions the sandbox lists (it serves any Region named in a credential scope). */
    static final List<String> REGIONS = List.of("ap-northeast-1", "ap-northeast-2", "ap-south-1", "ap-southeast-1",
            "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3",
            "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2");

    private CatalogActions() {
    }

    static void register(Map<String, Ec2Handler.Action> actions) {
        actions.put("DescribeImages", CatalogActions::describeImages);
        actions.put("DescribeVpcs", CatalogActions::describeVpcs);
        actions.put("DescribeSubnets", CatalogActions::describeSubnets);
        actions.put("DescribeRegions", CatalogActions::describeRegions);
        actions.put("DescribeAvailabilityZones", CatalogActions::describeAvailabilityZones);
        actions.put("DescribeAccountAttributes", CatalogActions::describeAccountAttributes);
    }

    private static void describeImages(Call c) {
        List<String> ids = c.params.list("ImageId");
        ids.forEach(id -> Ids.requireWellFormed(Kind.IMAGE, id));
        List<String> owners = c.params.list("Owner");
        Filters filters = Filters.parse(c.params);
        c.authorizeAll();
        List<Image> images = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>(ids);
        for (Image image : c.world.images(c.account, c.region)) {
            if (!ids.isEmpty() && !ids.contains(image.id())) {
                continue;
            }
            missing.remove(image.id());
            if (!owners.isEmpty() && !owners.contains(image.ownerId()) && !owners.contains(image.ownerAlias())) {
                continue;
            }
            images.add(image);
        }
        if (!missing.isEmpty()) {
            throw Ids.notFound(Kind.IMAGE, List.copyOf(missing));
        }
        Map<String, Function<Image, Collection<String>>> f = new HashMap<>();
        f.put("image-id", i -> List.of(i.id()));
        f.put("name", i -> List.of(i.name()));
        f.put("description", i -> List.of(i.description()));
        f.put("owner-id", i -> List.of(i.ownerId()));
        f.put("owner-alias", i -> i.ownerAlias() == null ? List.of() : List.of(i.ownerAlias()));
        f.put("architecture", i -> List.of(i.architecture()));
        f.put("root-device-type", i -> List.of(i.rootDeviceType()));
        f.put("root-device-name", i -> List.of(i.rootDeviceName()));
        f.put("state", i -> List.of("available"));
        f.put("is-public", i -> List.of("true"));
        f.put("image-type", i -> List.of("machine"));
        f.put("virtualization-type", i -> List.of("hvm"));
        f.put("hypervisor", i -> List.of("xen"));
        f.put("platform-details", i -> List.of(i.platformDetails()));
        Map<String, Map<String, String>> tags = c.world.allTags(c.account, c.region);
        List<Image> matched = filters.apply(images, f, i -> tags.getOrDefault(i.id(), Map.of()));
        Pages.Page<Image> page = Pages.page(matched, c.params, c.action, 1, 1000);
        Xml x = c.xml;
        x.open("imagesSet");
        for (Image i : page.items()) {
            x.open("item").leaf("imageId", i.id()).leaf("imageLocation", (i.ownerAlias() != null ? i.ownerAlias()
                            : i.ownerId()) + "/" + i.name()).leaf("imageState", "available")
                    .leaf("imageOwnerId", i.ownerId()).leaf("creationDate", i.creationDate())
                    .leaf("isPublic", true).leaf("architecture", i.architecture()).leaf("imageType", "machine")
                    .leaf("platformDetails", i.platformDetails()).leaf("usageOperation", "RunInstances");
            if (i.ownerAlias() != null) {
                x.leaf("imageOwnerAlias", i.ownerAlias());
            }
            x.leaf("name", i.name()).leaf("description", i.description())
                    .leaf("rootDeviceType", i.rootDeviceType()).leaf("rootDeviceName", i.rootDeviceName());
            if (i.ebsBacked()) {
                x.open("blockDeviceMapping").open("item").leaf("deviceName", i.rootDeviceName()).open("ebs")
                        .leaf("snapshotId", i.snapshotId()).leaf("volumeSize", i.rootVolumeSize())
                        .leaf("deleteOnTermination", true).leaf("volumeType", "gp3").leaf("iops", 3000)
                        .leaf("throughput", 125).leaf("encrypted", false).close("ebs").close("item")
                        .close("blockDeviceMapping");
            } else {
                x.empty("blockDeviceMapping");
            }
            x.leaf("virtualizationType", "hvm");
            Tags.write(x, tags.getOrDefault(i.id(), Map.of()));
            x.leaf("hypervisor", "xen").leaf("enaSupport", true).leaf("sriovNetSupport", "simple")
                    .leaf("bootMode", "uefi-preferred").leaf("imdsSupport", "v2.0")
                    .leaf("deprecationTime", i.creationDate().plus(java.time.Duration.ofDays(730)))
                    .close("item");
        }
        x.close("imagesSet");
        x.leaf("nextToken", page.nextToken());
    }

    private static void describeVpcs(Call c) {
        List<String> ids = c.params.list("VpcId");
        ids.forEach(id -> Ids.requireWellFormed(Kind.VPC, id));
        Filters filters = Filters.parse(c.params);
        c.authorizeAll();
        Network n = c.world.network(c.account, c.region);
        for (String id : ids) {
            if (!id.equals(n.vpcId())) {
                throw Ids.notFound(Kind.VPC, List.of(id));
            }
        }
        Map<String, Map<String, String>> tags = c.world.allTags(c.account, c.region);
        Map<String, Function<Network, Collection<String>>> f = new HashMap<>();
        f.put("vpc-id", v -> List.of(v.vpcId()));
        f.put("cidr", v -> List.of(v.cidr()));
        f.put("cidr-block-association.cidr-block", v -> List.of(v.cidr()));
        f.put("is-default", v -> List.of("true"));
        f.put("isDefault", v -> List.of("true"));
        f.put("state", v -> List.of("available"));
        f.put("owner-id", v -> List.of(c.account));
        f.put("dhcp-options-id", v -> List.of(v.dhcpOptionsId()));
        List<Network> matched = filters.apply(List.of(n), f, v -> tags.getOrDefault(v.vpcId(), Map.of()));
        Pages.Page<Network> page = Pages.page(matched, c.params, c.action, 5, 1000);
        Xml x = c.xml;
        x.open("vpcSet");
        for (Network v : page.items()) {
            x.open("item").leaf("vpcId", v.vpcId()).leaf("ownerId", c.account).leaf("state", "available")
                    .leaf("cidrBlock", v.cidr()).open("cidrBlockAssociationSet").open("item")
                    .leaf("cidrBlock", v.cidr()).leaf("associationId", "vpc-cidr-assoc-" + v.vpcId().substring(4))
                    .open("cidrBlockState").leaf("state", "associated").close("cidrBlockState").close("item")
                    .close("cidrBlockAssociationSet").leaf("dhcpOptionsId", v.dhcpOptionsId())
                    .leaf("instanceTenancy", "default").leaf("isDefault", true);
            Tags.write(x, tags.getOrDefault(v.vpcId(), Map.of()));
            x.close("item");
        }
        x.close("vpcSet");
        x.leaf("nextToken", page.nextToken());
    }

    private static void describeSubnets(Call c) {
        List<String> ids = c.params.list("SubnetId");
        ids.forEach(id -> Ids.requireWellFormed(Kind.SUBNET, id));
        Filters filters = Filters.parse(c.params);
        c.authorizeAll();
        Network n = c.world.network(c.account, c.region);
        List<Network.Subnet> subnets = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>(ids);
        for (Network.Subnet s : n.subnets()) {
            if (ids.isEmpty() || ids.contains(s.id())) {
                subnets.add(s);
                missing.remove(s.id());
            }
        }
        if (!missing.isEmpty()) {
            throw Ids.notFound(Kind.SUBNET, List.copyOf(missing));
        }
        Map<String, Map<String, String>> tags = c.world.allTags(c.account, c.region);
        Map<String, Function<Network.Subnet, Collection<String>>> f = new HashMap<>();
        f.put("subnet-id", s -> List.of(s.id()));
        f.put("vpc-id", s -> List.of(n.vpcId()));
        f.put("availability-zone", s -> List.of(s.zone()));
        f.put("availabilityZone", s -> List.of(s.zone()));
        f.put("availability-zone-id", s -> List.of(s.zoneId()));
        f.put("cidr-block", s -> List.of(s.cidr()));
        f.put("cidr", s -> List.of(s.cidr()));
        f.put("cidrBlock", s -> List.of(s.cidr()));
        f.put("default-for-az", s -> List.of("true"));
        f.put("defaultForAz", s -> List.of("true"));
        f.put("state", s -> List.of("available"));
        f.put("owner-id", s -> List.of(c.account));
        f.put("map-public-ip-on-launch", s -> List.of("true"));
        f.put("subnet-arn", s -> List.of(s.arn()));
        List<Network.Subnet> matched = filters.apply(subnets, f, s -> tags.getOrDefault(s.id(), Map.of()));
        Pages.Page<Network.Subnet> page = Pages.page(matched, c.params, c.action, 5, 1000);
        Xml x = c.xml;
        x.open("subnetSet");
        for (Network.Subnet s : page.items()) {
            x.open("item").leaf("subnetId", s.id()).leaf("subnetArn", s.arn()).leaf("state", "available")
                    .leaf("ownerId", c.account).leaf("vpcId", n.vpcId()).leaf("cidrBlock", s.cidr())
                    .empty("ipv6CidrBlockAssociationSet").leaf("availableIpAddressCount", 4091)
                    .leaf("availabilityZone", s.zone()).leaf("availabilityZoneId", s.zoneId())
                    .leaf("defaultForAz", true).leaf("mapPublicIpOnLaunch", true)
                    .leaf("assignIpv6AddressOnCreation", false).leaf("enableDns64", false)
                    .leaf("ipv6Native", false).open("privateDnsNameOptionsOnLaunch")
                    .leaf("hostnameType", "ip-name").leaf("enableResourceNameDnsARecord", false)
                    .leaf("enableResourceNameDnsAAAARecord", false).close("privateDnsNameOptionsOnLaunch");
            Tags.write(x, tags.getOrDefault(s.id(), Map.of()));
            x.close("item");
        }
        x.close("subnetSet");
        x.leaf("nextToken", page.nextToken());
    }

    private static void describeRegions(Call c) {
        List<String> names = c.params.list("RegionName");
        Filters filters = Filters.parse(c.params);
        c.authorizeAll();
        List<String> regions = new ArrayList<>();
        for (String name : names) {
            if (!REGIONS.contains(name)) {
                throw ApiException.client("InvalidParameterValue", "Invalid region: " + name);
            }
        }
        for (String r : REGIONS) {
            if (names.isEmpty() || names.contains(r)) {
                regions.add(r);
            }
        }
        Map<String, Function<String, Collection<String>>> f = new HashMap<>();
        f.put("region-name", r -> List.of(r));
        f.put("endpoint", r -> List.of(endpoint(r)));
        f.put("opt-in-status", r -> List.of("opt-in-not-required"));
        Xml x = c.xml;
        x.open("regionInfo");
        for (String r : filters.apply(regions, f, null)) {
            x.open("item").leaf("regionName", r).leaf("regionEndpoint", endpoint(r))
                    .leaf("optInStatus", "opt-in-not-required").close("item");
        }
        x.close("regionInfo");
    }

    private static String endpoint(String region) {
        return "ec2." + region + ".amazonaws.com";
    }

    private static void describeAvailabilityZones(Call c) {
        List<String> names = c.params.list("ZoneName");
        List<String> zoneIds = c.params.list("ZoneId");
        Filters filters = Filters.parse(c.params);
        c.authorizeAll();
        List<String> zones = new ArrayList<>();
        for (String z : World.zones(c.region)) {
            if ((names.isEmpty() && zoneIds.isEmpty()) || names.contains(z) || zoneIds.contains(World.zoneId(z))) {
                zones.add(z);
            }
        }
        for (String name : names) {
            if (!World.zones(c.region).contains(name)) {
                throw ApiException.client("InvalidParameterValue", "Invalid availability zone: [" + name + "]");
            }
        }
        Map<String, Function<String, Collection<String>>> f = new HashMap<>();
        f.put("zone-name", z -> List.of(z));
        f.put("zone-id", z -> List.of(World.zoneId(z)));
        f.put("region-name", z -> List.of(c.region));
        f.put("state", z -> List.of("available"));
        f.put("zone-type", z -> List.of("availability-zone"));
        f.put("group-name", z -> List.of(c.region));
        f.put("opt-in-status", z -> List.of("opt-in-not-required"));
        Xml x = c.xml;
        x.open("availabilityZoneInfo");
        for (String z : filters.apply(zones, f, null)) {
            x.open("item").leaf("optInStatus", "opt-in-not-required").leaf("groupName", c.region)
                    .leaf("networkBorderGroup", c.region).leaf("zoneType", "availability-zone")
                    .leaf("zoneName", z).leaf("zoneId", World.zoneId(z)).leaf("zoneState", "available")
                    .leaf("regionName", c.region).empty("messageSet").close("item");
        }
        x.close("availabilityZoneInfo");
    }

    private static void describeAccountAttributes(Call c) {
        List<String> wanted = c.params.list("AttributeName");
        c.authorizeAll();
        Map<String, List<String>> attributes = new java.util.LinkedHashMap<>();
        attributes.put("supported-platforms", List.of("VPC"));
        attributes.put("vpc-max-security-groups-per-interface", List.of("5"));
        attributes.put("max-elastic-ips", List.of("5"));
        attributes.put("max-instances", List.of(Integer.toString(c.world.settings().instanceLimit())));
        attributes.put("vpc-max-elastic-ips", List.of("5"));
        attributes.put("default-vpc", List.of(c.world.network(c.account, c.region).vpcId()));
        for (String name : wanted) {
            if (!attributes.containsKey(name)) {
                throw ApiException.client("InvalidParameterValue", "Value (" + name
                        + ") for parameter attributeName is invalid. Unknown attribute.");
            }
        }
        Xml x = c.xml;
        x.open("accountAttributeSet");
        attributes.forEach((name, values) -> {
            if (wanted.isEmpty() || wanted.contains(name)) {
                x.open("item").leaf("attributeName", name).open("attributeValueSet");
                values.forEach(v -> x.open("item").leaf("attributeValue", v).close("item"));
                x.close("attributeValueSet").close("item");
            }
        });
        x.close("accountAttributeSet");
    }
}
