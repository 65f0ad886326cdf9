package org.jnetgraph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A small set of 64-bit counters written by many threads without contention and summed on read.
 */
final class StripedCounters {
    /*
     * Implementation notes.
     *
     * The counters of one set live in one long[] split into stripes of eight longs (one 64-byte cache line each).
     * A thread adds only to the stripe named by its ThreadContext. Threads that own their stripe exclusively
     * (Stripes hands each stripe to one live thread at a time) add with an opaque read and an opaque write: there is
     * no other writer, and opaque keeps the 64-bit write untorn for readers. Threads that share the overflow stripe
     * add with an atomic getAndAdd. Readers sum every stripe with opaque loads; a sum taken while writers run is a
     * value the counter held at some instant between the start and the end of the read, which is what a statistics
     * read needs. A stripe handed from a dead thread to a new one keeps its values: Stripes only reuses a stripe after
     * Thread.isAlive() has returned false for its owner, which orders the old owner's writes before the new owner's.
     */
    static final int PER_STRIPE = 8;

    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] cells;

    StripedCounters() {
        this.cells = new long[Stripes.COUNT * PER_STRIPE];
    }

    void add(ThreadContext context, int counter, long delta) {
        int index = context.stripe * PER_STRIPE + counter;
        if (context.exclusiveStripe) {
            CELLS.setOpaque(cells, index, (long) CELLS.getOpaque(cells, index) + delta);
        } else {
            CELLS.getAndAdd(cells, index, delta);
        }
    }

    long sum(int counter) {
        long total = 0;
        for (int stripe = 0; stripe < Stripes.COUNT; stripe++) {
            total += (long) CELLS.getOpaque(cells, stripe * PER_STRIPE + counter);
        }
        return total;
    }

    /** Resets the counters; concurrent adds may survive the reset, as with any statistics clear. */
    void clear() {
        for (int i = 0; i < cells.length; i++) {
            CELLS.getAndSet(cells, i, 0L);
        }
    }
}
