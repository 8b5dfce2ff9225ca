package org.ec2workbench.sandbox.events;

import java.util.UUID;
import java.util.random.RandomGenerator;

/** Version-4 UUIDs drawn from a seeded generator, so ids repeat with the seed. */
public final class Uuids {

    private Uuids() {
    }

    /** The next UUID from {@code random} (synchronized on it, so a shared generator is safe). */
    public static String next(RandomGenerator random) {
        synchronized (random) {
            long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
            long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(hi, lo).toString();
        }
    }
}
