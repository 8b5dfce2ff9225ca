package org.ec2workbench.sandbox.world;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * A real RSA private key (PKCS#1 PEM) generated from the world's seeded randomness, so CreateKeyPair is
 * deterministic by seed. Test keys for a sandbox: never use them for anything that matters.
 *
 * @param pem         the PEM text EC2 returns as {@code keyMaterial}
 * @param fingerprint SHA-1 of the DER key, colon-separated hex
 */
public record KeyMaterial(String pem, String fingerprint) {

    private static final BigInteger E = BigInteger.valueOf(65537);

    /** A 2048-bit RSA key from {@code random}. */
    public static KeyMaterial generate(RandomGenerator random) {
        Random source = new Random(random.nextLong());
        while (true) {
            BigInteger p = BigInteger.probablePrime(1024, source);
            BigInteger q = BigInteger.probablePrime(1024, source);
            BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
            if (p.equals(q) || !phi.gcd(E).equals(BigInteger.ONE)) {
                continue;
            }
            BigInteger n = p.multiply(q);
            BigInteger d = E.modInverse(phi);
            byte[] der = sequence(integer(BigInteger.ZERO), integer(n), integer(E), integer(d), integer(p),
                    integer(q), integer(d.mod(p.subtract(BigInteger.ONE))), integer(d.mod(q.subtract(BigInteger.ONE))),
                    integer(q.modInverse(p)));
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
            return new KeyMaterial("-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----",
                    fingerprint(der));
        }
    }

    private static String fingerprint(byte[] der) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(der);
            StringBuilder out = new StringBuilder();
            for (byte b : digest) {
                if (out.length() > 0) {
                    out.append(':');
                }
                out.append(String.format("%02x", b & 0xff));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    private static byte[] integer(BigInteger value) {
        return tagged(0x02, value.toByteArray());
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        return tagged(0x30, content.toByteArray());
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 4);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
