package org.jnetgraph;

/**
 * How a graph keeps its data path safe while the topology changes. The two modes run the same engine and differ
 * in one place, so that every comparison between them is one flag apart.
 *
 * <p>Threading: immutable; any thread.
 */
public enum SyncMode {
    /**
     * Readers pin an epoch and never block; a topology change unlinks first and runs teardown (disconnect, shutdown)
     * only after every reader that could still see the old topology has left.
     */
    EPOCH,

    /**
     * FreeBSD's scheme: a topology reader/writer lock, taken as a reader on every hop and as a writer by every
     * topology change, so data waits while the graph changes.
     */
    LOCK
}
