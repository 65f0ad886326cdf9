package org.jnetgraph;

import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;

/**
 * The packets of one graph: a small cache per thread in front of a shared lock-free queue, so that a packet freed
 * by one thread can be reused by another without allocation.
 *
 * <p>Threading: {@link #allocate} and {@link #release} are called by the thread that owns the given context; they
 * never lock or block, and allocate only when both the cache and the shared queue are empty.
 */
final class PacketPool {
    static final int THREAD_CACHE = 256;

    private final MpmcVarHandleArrayQueue<Packet> shared;
    private final int threadCache;
    private final LongAdder created = new LongAdder();
    private final LongAdder doubleFrees = new LongAdder();

    /**
     * A pool sized for nodes that queue up to {@code queueLimit} packets: the shared queue holds eight times that
     * (at most 32768), a thread's cache a quarter of it (at most 256).
     */
    PacketPool(int queueLimit) {
        this.shared = new MpmcVarHandleArrayQueue<>(Math.min(1 << 15, Math.max(64, queueLimit * 8)));
        this.threadCache = Math.min(THREAD_CACHE, Math.max(4, queueLimit / 4));
    }

    Packet allocate(ThreadContext context) {
        Packet packet = context.cached > 0 ? context.cache[--context.cached] : shared.relaxedPoll();
        if (packet == null) {
            created.increment();
            packet = new Packet();
        }
        packet.pooled = false;
        packet.reset(context);
        return packet;
    }

    void release(ThreadContext context, Packet packet) {
        if (packet.pooled) {
            doubleFrees.increment();
            return;
        }
        packet.pooled = true;
        packet.arrival = null;
        if (context.cached < threadCache) {
            context.cache[context.cached++] = packet;
        } else {
            shared.relaxedOffer(packet);
        }
    }

    /** Packets created because the pool was empty; flat in steady state. */
    long created() {
        return created.sum();
    }

    /** Calls to {@link Packet#free()} on a packet that was already free. */
    long doubleFrees() {
        return doubleFrees.sum();
    }
}
