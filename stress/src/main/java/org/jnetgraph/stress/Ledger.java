package org.jnetgraph.stress;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jnetgraph.Node;

/**
 * What a torture run knows for certain: which sequence numbers were delivered (a bitmap, so a second delivery is
 * seen), how many packets node types dropped on purpose, every node ever made, and every invariant breach.
 *
 * <p>Threading: any thread; every method is lock-free except the first few breach records.
 */
final class Ledger {
    static final int MAX_BREACHES_KEPT = 10;

    final long capacity;
    final AtomicLongArray delivered;
    final AtomicLong deliveries = new AtomicLong();
    final AtomicLong typeDrops = new AtomicLong();
    final AtomicLong breaches = new AtomicLong();
    final List<String> firstBreaches = new CopyOnWriteArrayList<>();
    final List<Node> nodes = new CopyOnWriteArrayList<>();

    Ledger(long capacity) {
        this.capacity = capacity;
        this.delivered = new AtomicLongArray((int) ((capacity + 63) / 64));
    }

    /** Records the delivery of {@code seq}; a second delivery is a breach. */
    void deliver(long seq) {
        if (seq < 0 || seq >= capacity) {
            breach("packet with sequence number " + seq + " that was never sent");
            return;
        }
        long bit = 1L << (seq & 63);
        long before = delivered.getAndUpdate((int) (seq >>> 6), word -> word | bit);
        if ((before & bit) != 0) {
            breach("packet " + seq + " delivered twice");
        }
        deliveries.incrementAndGet();
    }

    void breach(String what) {
        if (breaches.incrementAndGet() <= MAX_BREACHES_KEPT) {
            firstBreaches.add(what);
        }
    }
}
