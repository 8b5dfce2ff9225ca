package org.ec2workbench.sandbox.world;

import java.util.List;

/**
 * The default VPC of an account in a Region, with one default subnet per zone.
 *
 * @param vpcId         the VPC id
 * @param cidr          the VPC range ({@code 172.31.0.0/16})
 * @param dhcpOptionsId its DHCP options set
 * @param subnets       one per zone
 */
public record Network(String vpcId, String cidr, String dhcpOptionsId, List<Subnet> subnets) {

    /** A default subnet. */
    public record Subnet(String id, String zone, String zoneId, String cidr, int thirdOctetBase, String arn) {
    }
}
