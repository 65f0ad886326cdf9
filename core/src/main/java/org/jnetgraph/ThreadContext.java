package org.jnetgraph;

import org.jnetgraph.epoch.EpochDomain;

/**
 * What one thread needs on the data path of one graph: its epoch reader, its call depth, its counter stripe and its
 * packet cache. Packets carry a reference to the context of the thread that owns them, so a hop finds all of this
 * without a thread-local lookup.
 *
 * <p>Threading: owned by one thread; only that thread reads or writes the mutable fields.
 */
final class ThreadContext {
    final Graph graph;
    final Thread thread;
    final EpochDomain.Reader reader;
    final int stripe;
    final boolean exclusiveStripe;
    final Packet[] cache;

    int cached;
    int depth;

    ThreadContext(Graph graph, Thread thread, EpochDomain.Reader reader, int stripe, boolean exclusiveStripe) {
        this.graph = graph;
        this.thread = thread;
        this.reader = reader;
        this.stripe = stripe;
        this.exclusiveStripe = exclusiveStripe;
        this.cache = new Packet[PacketPool.THREAD_CACHE];
    }

    boolean isCurrent() {
        return thread == Thread.currentThread();
    }
}
