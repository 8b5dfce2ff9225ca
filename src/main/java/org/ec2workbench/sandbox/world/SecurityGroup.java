package org.ec2workbench.sandbox.world;

import java.util.List;

/**
 * A VPC security group.
 *
 * @param ingress inbound rules
 * @param egress  outbound rules
 */
public record SecurityGroup(long seq, String id, String name, String description, String vpcId, String ownerId,
                            String region, List<Rule> ingress, List<Rule> egress, Visibility visibility) {

    /**
     * One permission: a protocol and port range open to CIDR ranges and/or other groups.
     *
     * @param protocol {@code tcp}, {@code udp}, {@code icmp} or {@code -1} (all)
     * @param fromPort first port, or null for all
     * @param toPort   last port, or null for all
     * @param cidrs    IPv4 ranges
     * @param groupIds source/destination groups
     */
    public record Rule(String protocol, Integer fromPort, Integer toPort, List<String> cidrs, List<String> groupIds) {

        /** Whether {@code other} has the same protocol and ports. */
        public boolean samePorts(Rule other) {
            return protocol.equals(other.protocol) && java.util.Objects.equals(fromPort, other.fromPort)
                    && java.util.Objects.equals(toPort, other.toPort);
        }
    }

    SecurityGroup withRules(List<Rule> newIngress, List<Rule> newEgress) {
        return new SecurityGroup(seq, id, name, description, vpcId, ownerId, region, List.copyOf(newIngress),
                List.copyOf(newEgress), visibility);
    }

    /** The group's ARN. */
    public String arn() {
        return "arn:aws:ec2:" + region + ":" + ownerId + ":security-group/" + id;
    }
}
