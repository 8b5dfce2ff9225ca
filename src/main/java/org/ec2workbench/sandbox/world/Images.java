package org.ec2workbench.sandbox.world;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;

/**
 * The public images every sandbox Region offers: several EBS-backed ones and one instance-store one.
 * Their ids are derived from name and Region only, so scripts can rely on them across seeds.
 */
final class Images {

    private static final String AMAZON = "137112412989";

    private Images() {
    }

    static List<Image> publicImages(String region) {
        return List.of(
                image(region, "al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64", "Amazon Linux 2023 AMI 2023.6.20241212.0 x86_64 HVM kernel-6.1",
                        AMAZON, "amazon", "x86_64", "ebs", "/dev/xvda", 8, "2024-12-12T19:34:27.000Z"),
                image(region, "al2023-ami-2023.6.20241212.0-kernel-6.1-arm64", "Amazon Linux 2023 AMI 2023.6.20241212.0 arm64 HVM kernel-6.1",
                        AMAZON, "amazon", "arm64", "ebs", "/dev/xvda", 8, "2024-12-12T19:34:30.000Z"),
                image(region, "amzn2-ami-hvm-2.0.20241217.0-x86_64-gp2", "Amazon Linux 2 AMI 2.0.20241217.0 x86_64 HVM gp2",
                        AMAZON, "amazon", "x86_64", "ebs", "/dev/xvda", 8, "2024-12-17T22:03:11.000Z"),
                image(region, "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241210",
                        "Canonical, Ubuntu, 24.04, amd64 noble image", "099720109477", null, "x86_64", "ebs",
                        "/dev/sda1", 8, "2024-12-10T08:21:55.000Z"),
                image(region, "debian-12-amd64-20241201-1948", "Debian 12 (20241201-1948)", "136693071363", null,
                        "x86_64", "ebs", "/dev/xvda", 8, "2024-12-01T20:12:40.000Z"),
                image(region, "amzn-ami-minimal-hvm-2018.03.0.20231218.0-x86_64-s3",
                        "Amazon Linux AMI 2018.03.0 x86_64 Minimal HVM instance-store", AMAZON, "amazon", "x86_64",
                        "instance-store", "/dev/sda1", 0, "2023-12-18T23:01:40.000Z"));
    }

    private static Image image(String region, String name, String description, String owner, String alias,
                               String arch, String rootType, String rootDevice, int size, String created) {
        String id = "ami-" + stableHex(region + "/" + name);
        String snapshot = rootType.equals("ebs") ? "snap-" + stableHex("snapshot/" + region + "/" + name) : null;
        return new Image(id, name, description, owner, alias, arch, "Linux/UNIX", rootType, rootDevice, snapshot, size,
                Instant.parse(created), region);
    }

    private static String stableHex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder("0");
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", digest[i] & 0xff));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
