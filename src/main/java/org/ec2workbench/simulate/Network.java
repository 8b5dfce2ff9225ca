package org.ec2workbench.simulate;

import java.util.random.RandomGenerator;

/**
 * One-way network delay, |N(mean, sd)| as in Brooker's simulation (a normal distribution folded at zero:
 * simple, and close enough for comparing strategies).
 */
record Network(double meanMillis, double sdMillis) {

    /** Brooker's network: mean 10 ms, standard deviation 2 ms. */
    static final Network BROOKER = new Network(10, 2);

    /** A delay in nanoseconds drawn from {@code random}. */
    long delayNanos(RandomGenerator random) {
        return (long) (Math.abs(random.nextGaussian(meanMillis, sdMillis)) * 1_000_000);
    }
}
