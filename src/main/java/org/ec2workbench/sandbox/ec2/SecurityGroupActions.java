package org.ec2workbench.sandbox.ec2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ec2workbench.sandbox.protocol.ApiException;
import org.ec2workbench.sandbox.protocol.QueryParams;
import org.ec2workbench.sandbox.protocol.Xml;
import org.ec2workbench.sandbox.world.Ids;
import org.ec2workbench.sandbox.world.Ids.Kind;
import org.ec2workbench.sandbox.world.SecurityGroup;

/** Create/Describe/DeleteSecurityGroup(s), Authorize/RevokeSecurityGroupIngress and -Egress. */
final class SecurityGroupActions {

    private static final Pattern CIDR = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}/(3[0-2]|[12]?\\d)");
    private static final Map<String, Function<SecurityGroup, Collection<String>>> FILTERS = filters();

    private SecurityGroupActions() {
    }

    static void register(Map<String, Ec2Handler.Action> actions) {
        actions.put("CreateSecurityGroup", SecurityGroupActions::create);
        actions.put("DescribeSecurityGroups", SecurityGroupActions::describe);
        actions.put("DeleteSecurityGroup", SecurityGroupActions::delete);
        actions.put("AuthorizeSecurityGroupIngress", c -> changeRules(c, true, true));
        actions.put("RevokeSecurityGroupIngress", c -> changeRules(c, true, false));
        actions.put("AuthorizeSecurityGroupEgress", c -> changeRules(c, false, true));
        actions.put("RevokeSecurityGroupEgress", c -> changeRules(c, false, false));
    }

    private static void create(Call c) {
        String name = c.params.required("GroupName");
        String description = c.params.required("GroupDescription");
        if (name.length() > 255 || description.length() > 255) {
            throw ApiException.client("InvalidParameterValue",
                    "Group names and descriptions must be at most 255 characters.");
        }
        if (name.startsWith("sg-")) {
            throw ApiException.client("InvalidParameterValue", "Group names may not be in the format sg-*");
        }
        String vpcId = c.params.get("VpcId");
        if (vpcId != null) {
            Ids.requireWellFormed(Kind.VPC, vpcId);
        } else {
            vpcId = c.world.network(c.account, c.region).vpcId();
        }
        Map<String, String> tags = c.tagSpecifications("security-group", List.of("security-group"));
        Map<String, List<String>> conditions = c.conditions();
        Call.requestTags(conditions, tags);
        c.authorize(List.of(c.arn("security-group/*"), c.arn("vpc/" + vpcId)), conditions);
        SecurityGroup g = c.world.createSecurityGroup(c.account, c.region, name, description, vpcId, tags);
        c.xml.leaf("return", true).leaf("groupId", g.id());
        Tags.write(c.xml, tags);
        c.xml.leaf("securityGroupArn", g.arn());
    }

    private static SecurityGroup target(Call c) {
        String id = c.params.get("GroupId");
        if (id != null) {
            Ids.requireWellFormed(Kind.SECURITY_GROUP, id);
            return c.world.requireGroup(c.account, c.region, c.replica, id);
        }
        String name = c.params.get("GroupName");
        if (name == null) {
            throw ApiException.missing("GroupId");
        }
        return c.world.requireGroupByName(c.account, c.region, c.replica, name);
    }

    private static void authorizeOn(Call c, String groupId) {
        Map<String, List<String>> conditions = c.conditions();
        Call.resourceTags(conditions, c.world.tags(c.account, c.region, groupId));
        c.authorize(List.of(c.arn("security-group/" + groupId)), conditions);
    }

    private static void delete(Call c) {
        String id = c.params.get("GroupId");
        if (id != null) {
            Ids.requireWellFormed(Kind.SECURITY_GROUP, id);
        }
        authorizeOn(c, id != null ? id : "*");
        SecurityGroup g = target(c);
        c.world.deleteSecurityGroup(c.account, c.region, c.replica, g.id());
        c.xml.leaf("return", true).leaf("groupId", g.id());
    }

    private static void changeRules(Call c, boolean ingress, boolean add) {
        String id = c.params.get("GroupId");
        if (id != null) {
            Ids.requireWellFormed(Kind.SECURITY_GROUP, id);
        } else if (!ingress || c.params.get("GroupName") == null) {
            throw ApiException.missing("GroupId");
        }
        List<SecurityGroup.Rule> rules = rules(c.params);
        if (rules.isEmpty()) {
            throw ApiException.missing("IpPermissions");
        }
        authorizeOn(c, id != null ? id : "*");
        SecurityGroup g = target(c);
        if (add) {
            c.world.authorize(c.account, c.region, c.replica, g.id(), ingress, rules);
        } else {
            c.world.revoke(c.account, c.region, c.replica, g.id(), ingress, rules);
        }
        c.xml.leaf("return", true);
    }

    /** Rules from {@code IpPermissions.N.*}, or from the legacy top-level IpProtocol/FromPort/ToPort/CidrIp. */
    static List<SecurityGroup.Rule> rules(QueryParams p) {
        List<SecurityGroup.Rule> rules = new ArrayList<>();
        for (QueryParams perm : p.structures("IpPermissions")) {
            List<String> cidrs = new ArrayList<>();
            for (QueryParams range : perm.structures("IpRanges")) {
                cidrs.add(range.required("CidrIp"));
            }
            List<String> groups = new ArrayList<>();
            for (QueryParams pair : perm.structures("Groups")) {
                groups.add(pair.required("GroupId"));
            }
            for (QueryParams pair : perm.structures("UserIdGroupPairs")) {
                groups.add(pair.required("GroupId"));
            }
            rules.add(rule(perm.get("IpProtocol"), perm.get("FromPort"), perm.get("ToPort"), cidrs, groups));
        }
        if (rules.isEmpty() && (p.has("IpProtocol") || p.has("CidrIp"))) {
            List<String> cidrs = p.has("CidrIp") ? List.of(p.get("CidrIp")) : List.of();
            List<String> groups = p.has("SourceSecurityGroupName") ? List.of(p.get("SourceSecurityGroupName"))
                    : List.of();
            rules.add(rule(p.get("IpProtocol"), p.get("FromPort"), p.get("ToPort"), cidrs, groups));
        }
        return rules;
    }

    private static SecurityGroup.Rule rule(String protocol, String from, String to, List<String> cidrs,
                                           List<String> groups) {
        if (protocol == null || protocol.isEmpty()) {
            throw ApiException.missing("IpProtocol");
        }
        String p = switch (protocol.toLowerCase(Locale.ROOT)) {
            case "tcp", "6" -> "tcp";
            case "udp", "17" -> "udp";
            case "icmp", "1" -> "icmp";
            case "-1", "all" -> "-1";
            default -> throw ApiException.client("InvalidParameterValue",
                    "Invalid value '" + protocol + "' for IP protocol. Unknown protocol.");
        };
        Integer fromPort = port(from);
        Integer toPort = port(to);
        if (p.equals("tcp") || p.equals("udp")) {
            if (fromPort == null || toPort == null) {
                throw ApiException.client("InvalidParameterValue",
                        "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange");
            }
            if (fromPort < 0 || toPort > 65535 || fromPort > toPort) {
                throw ApiException.client("InvalidParameterValue", "Invalid value '" + fromPort + "-" + toPort
                        + "' for portRange. Ports must be 0-65535 and from <= to.");
            }
        }
        if (p.equals("-1")) {
            fromPort = null;
            toPort = null;
        }
        for (String cidr : cidrs) {
            if (!CIDR.matcher(cidr).matches()) {
                throw ApiException.client("InvalidParameterValue", "Value (" + cidr
                        + ") for parameter cidrIp is invalid. This is not a valid CIDR block.");
            }
        }
        for (String g : groups) {
            Ids.requireWellFormed(Kind.SECURITY_GROUP, g);
        }
        if (cidrs.isEmpty() && groups.isEmpty()) {
            throw ApiException.missing("IpRanges");
        }
        return new SecurityGroup.Rule(p, fromPort, toPort, List.copyOf(new LinkedHashSet<>(cidrs)),
                List.copyOf(new LinkedHashSet<>(groups)));
    }

    private static Integer port(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.client("InvalidParameterValue", "Invalid value '" + value + "' for port.");
        }
    }

    private static void describe(Call c) {
        QueryParams p = c.params;
        List<String> ids = p.list("GroupId");
        ids.forEach(id -> Ids.requireWellFormed(Kind.SECURITY_GROUP, id));
        List<String> names = p.list("GroupName");
        Filters filters = Filters.parse(p);
        c.authorizeAll();
        List<SecurityGroup> visible = new ArrayList<>();
        for (SecurityGroup g : c.world.securityGroups(c.account, c.region)) {
            if (c.world.visible(g.visibility(), c.replica)) {
                visible.add(g);
            }
        }
        List<SecurityGroup> selected = visible;
        if (!ids.isEmpty() || !names.isEmpty()) {
            Set<String> missingIds = new LinkedHashSet<>(ids);
            Set<String> missingNames = new LinkedHashSet<>(names);
            selected = new ArrayList<>();
            for (SecurityGroup g : visible) {
                boolean byId = missingIds.remove(g.id()) || ids.contains(g.id());
                boolean byName = missingNames.remove(g.name()) || names.contains(g.name());
                if (byId || byName) {
                    selected.add(g);
                }
            }
            if (!missingIds.isEmpty()) {
                throw Ids.notFound(Kind.SECURITY_GROUP, List.copyOf(missingIds));
            }
            if (!missingNames.isEmpty()) {
                throw ApiException.client("InvalidGroup.NotFound", "The security group '"
                        + missingNames.iterator().next() + "' does not exist in default VPC '"
                        + c.world.network(c.account, c.region).vpcId() + "'");
            }
        }
        Map<String, Map<String, String>> tags = c.world.allTags(c.account, c.region);
        List<SecurityGroup> matched = filters.apply(selected, FILTERS, g -> tags.getOrDefault(g.id(), Map.of()));
        Pages.Page<SecurityGroup> page = Pages.page(matched, p, c.action, 5, 1000);
        Xml x = c.xml;
        x.open("securityGroupInfo");
        for (SecurityGroup g : page.items()) {
            x.open("item").leaf("ownerId", g.ownerId()).leaf("groupId", g.id()).leaf("groupName", g.name())
                    .leaf("groupDescription", g.description()).leaf("vpcId", g.vpcId());
            writeRules(x, "ipPermissions", g.ingress(), g.ownerId());
            writeRules(x, "ipPermissionsEgress", g.egress(), g.ownerId());
            Tags.write(x, tags.getOrDefault(g.id(), Map.of()));
            x.leaf("securityGroupArn", g.arn()).close("item");
        }
        x.close("securityGroupInfo");
        x.leaf("nextToken", page.nextToken());
    }

    private static void writeRules(Xml x, String element, List<SecurityGroup.Rule> rules, String owner) {
        if (rules.isEmpty()) {
            x.empty(element);
            return;
        }
        x.open(element);
        for (SecurityGroup.Rule r : rules) {
            x.open("item").leaf("ipProtocol", r.protocol());
            if (r.fromPort() != null) {
                x.leaf("fromPort", r.fromPort());
            }
            if (r.toPort() != null) {
                x.leaf("toPort", r.toPort());
            }
            if (r.groupIds().isEmpty()) {
                x.empty("groups");
            } else {
                x.open("groups");
                r.groupIds().forEach(g -> x.open("item").leaf("userId", owner).leaf("groupId", g).close("item"));
                x.close("groups");
            }
            if (r.cidrs().isEmpty()) {
                x.empty("ipRanges");
            } else {
                x.open("ipRanges");
                r.cidrs().forEach(cidr -> x.open("item").leaf("cidrIp", cidr).close("item"));
                x.close("ipRanges");
            }
            x.empty("ipv6Ranges").empty("prefixListIds").close("item");
        }
        x.close(element);
    }

    private static Map<String, Function<SecurityGroup, Collection<String>>> filters() {
        Map<String, Function<SecurityGroup, Collection<String>>> f = new HashMap<>();
        f.put("group-id", g -> List.of(g.id()));
        f.put("group-name", g -> List.of(g.name()));
        f.put("vpc-id", g -> List.of(g.vpcId()));
        f.put("description", g -> List.of(g.description()));
        f.put("owner-id", g -> List.of(g.ownerId()));
        f.put("ip-permission.protocol", g -> g.ingress().stream().map(SecurityGroup.Rule::protocol).toList());
        f.put("ip-permission.from-port", g -> g.ingress().stream().filter(r -> r.fromPort() != null)
                .map(r -> r.fromPort().toString()).toList());
        f.put("ip-permission.to-port", g -> g.ingress().stream().filter(r -> r.toPort() != null)
                .map(r -> r.toPort().toString()).toList());
        f.put("ip-permission.cidr", g -> g.ingress().stream().flatMap(r -> r.cidrs().stream()).toList());
        f.put("ip-permission.group-id", g -> g.ingress().stream().flatMap(r -> r.groupIds().stream()).toList());
        f.put("egress.ip-permission.cidr", g -> g.egress().stream().flatMap(r -> r.cidrs().stream()).toList());
        f.put("egress.ip-permission.protocol", g -> g.egress().stream().map(SecurityGroup.Rule::protocol).toList());
        return Map.copyOf(f);
    }
}
