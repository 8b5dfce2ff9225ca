package org.ec2workbench.simulate;

import java.util.Arrays;

/**
 * The event queue of a discrete-event simulation: pending (time, actor) pairs, popped earliest first,
 * ties broken by insertion order so a run is reproducible. Primitive arrays keep the simulators
 * allocation-free in their inner loop. Not thread-safe; one per simulation run.
 */
final class EventHeap {

    private long[] times = new long[64];
    private long[] sequence = new long[64];
    private int[] actors = new int[64];
    private int size;
    private long nextSequence;

    /** Schedules {@code actor} to act at virtual time {@code time} (nanoseconds). */
    void push(long time, int actor) {
        if (size == times.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            sequence = Arrays.copyOf(sequence, capacity);
            actors = Arrays.copyOf(actors, capacity);
        }
        int i = size++;
        long seq = nextSequence++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(time, seq, times[parent], sequence[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, time, seq, actor);
    }

    /** Whether nothing is pending. */
    boolean isEmpty() {
        return size == 0;
    }

    /** The time of the earliest pending event. */
    long peekTime() {
        return times[0];
    }

    /** Removes the earliest pending event and returns its actor. */
    int pop() {
        int actor = actors[0];
        size--;
        if (size > 0) {
            long time = times[size];
            long seq = sequence[size];
            int last = actors[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && before(times[child + 1], sequence[child + 1], times[child], sequence[child])) {
                    child++;
                }
                if (!before(times[child], sequence[child], time, seq)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            set(i, time, seq, last);
        }
        return actor;
    }

    private static boolean before(long time, long seq, long otherTime, long otherSeq) {
        return time < otherTime || (time == otherTime && seq < otherSeq);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        sequence[to] = sequence[from];
        actors[to] = actors[from];
    }

    private void set(int i, long time, long seq, int actor) {
        times[i] = time;
        sequence[i] = seq;
        actors[i] = actor;
    }
}
