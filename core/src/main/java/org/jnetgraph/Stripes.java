package org.jnetgraph;

import java.lang.ref.WeakReference;

/**
 * Hands out counter stripes: each live thread that touches the data path gets a stripe of its own while there are
 * free ones, and threads beyond that share the last stripe with atomic adds.
 *
 * <p>Threading: any thread; takes a monitor, so call it only when a thread first joins a graph (control path).
 */
final class Stripes {
    static final int COUNT =
            Math.max(16, Integer.highestOneBit(Runtime.getRuntime().availableProcessors() * 4));
    static final int SHARED = COUNT - 1;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final WeakReference<Thread>[] OWNERS = new WeakReference[SHARED];

    private Stripes() {}

    /** A stripe for the calling thread: an exclusive one when free, else {@link #SHARED}. */
    static synchronized int claim(Thread thread) {
        for (int stripe = 0; stripe < SHARED; stripe++) {
            Thread owner = OWNERS[stripe] == null ? null : OWNERS[stripe].get();
            if (owner == thread) {
                return stripe;
            }
        }
        for (int stripe = 0; stripe < SHARED; stripe++) {
            Thread owner = OWNERS[stripe] == null ? null : OWNERS[stripe].get();
            if (owner == null || !owner.isAlive()) {
                OWNERS[stripe] = new WeakReference<>(thread);
                return stripe;
            }
        }
        return SHARED;
    }
}
