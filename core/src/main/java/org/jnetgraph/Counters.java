package org.jnetgraph;

/**
 * A small set of statistics counters for a node type's own use (at most eight), added to on the data path without
 * contention and summed on read. Each thread adds to a stripe of its own; no atomic read-modify-write is involved
 * while the graph has fewer live data threads than stripes.
 *
 * <p>Threading: {@link #add} by the thread that owns the packet (inside rcvdata); {@link #get} and {@link #clear} on
 * any thread. A clear racing with adds may keep some of them, as with any statistics reset.
 */
public final class Counters {
    private final StripedCounters cells = new StripedCounters();
    private final int size;

    /**
     * A set of {@code size} counters, all zero.
     *
     * @throws IllegalArgumentException when {@code size} is not 1 to 8
     */
    public Counters(int size) {
        if (size < 1 || size > StripedCounters.PER_STRIPE) {
            throw new IllegalArgumentException("a counter set holds 1 to 8 counters, not " + size);
        }
        this.size = size;
    }

    /** Adds {@code delta} to counter {@code counter}, on the stripe of the thread that owns {@code packet}. */
    public void add(Packet packet, int counter, long delta) {
        cells.add(packet.currentOwner(), checked(counter), delta);
    }

    /** The current value of counter {@code counter}. */
    public long get(int counter) {
        return cells.sum(checked(counter));
    }

    /** Sets every counter to zero. */
    public void clear() {
        cells.clear();
    }

    private int checked(int counter) {
        if (counter < 0 || counter >= size) {
            throw new IndexOutOfBoundsException("counter " + counter + " of a set of " + size);
        }
        return counter;
    }
}
