package org.ec2workbench.backoff;

import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} in virtual time: tasks wait in a queue ordered by due time (ties in scheduling
 * order) and run, one at a time on the calling thread, when {@link #runUntilIdle()} or
 * {@link #runFor(long)} moves its {@link VirtualClock} forward to them. Many concurrent asynchronous
 * retries interleave exactly and reproducibly, with no threads and no sleeping. Thread-safe for
 * scheduling; run it from one thread.
 */
public final class VirtualScheduler implements Scheduler {

    private record Task(long due, long sequence, Runnable body, boolean[] cancelled) implements Comparable<Task> {
        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(due, other.due);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final VirtualClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long nextSequence;

    /** A scheduler that advances {@code clock}. */
    public VirtualScheduler(VirtualClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The clock this scheduler advances. */
    public VirtualClock clock() {
        return clock;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayNanos) {
        Objects.requireNonNull(task, "task");
        boolean[] cancelled = {false};
        queue.add(new Task(clock.nanoTime() + Math.max(0, delayNanos), nextSequence++, task, cancelled));
        return () -> {
            synchronized (this) {
                boolean wasPending = !cancelled[0];
                cancelled[0] = true;
                return wasPending;
            }
        };
    }

    /** Tasks waiting to run (cancelled ones included until their time comes). */
    public synchronized int pending() {
        return queue.size();
    }

    /** Runs every task, including those scheduled meanwhile, until none is left; returns how many ran. */
    public int runUntilIdle() {
        return runUntil(Long.MAX_VALUE);
    }

    /** Runs the tasks due within {@code nanos} from now, then sets the clock to that time. */
    public int runFor(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("nanos must be >= 0, was " + nanos);
        }
        long until = clock.nanoTime() + nanos;
        int ran = runUntil(until);
        clock.advanceTo(until);
        return ran;
    }

    private int runUntil(long until) {
        int ran = 0;
        while (true) {
            Task task;
            synchronized (this) {
                task = queue.peek();
                if (task == null || task.due() > until) {
                    return ran;
                }
                queue.poll();
                if (task.cancelled()[0]) {
                    continue;
                }
                task.cancelled()[0] = true;
            }
            clock.advanceTo(task.due());
            task.body().run();
            ran++;
        }
    }
}
