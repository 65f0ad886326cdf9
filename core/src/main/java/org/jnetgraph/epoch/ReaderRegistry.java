package org.jnetgraph.epoch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The readers registered with one domain, as a copy-on-write array.
 *
 * <p>Threading: any thread registers (on its first use of the domain) and any control-path thread prunes; grace
 * periods take snapshots. No locks; registration allocates a new array, which is why it happens only once per
 * thread and never on the data path proper.
 */
final class ReaderRegistry {
    /*
     * Implementation notes.
     *
     * Algorithm: the field `readers` always holds an immutable array. register() and pruneDead() read it, build a
     * new array and install it with a CAS, retrying when another thread changed it first. Both drop readers whose
     * thread has died while they copy, so the array does not grow with the number of threads that ever ran.
     *
     * Invariants: an array, once installed, is never written again. A reader whose thread is alive is never
     * removed: only dead threads are pruned, and a dead thread cannot enter a section again.
     *
     * Writers of `readers`: any thread, only by casReaders (volatile). Readers: snapshot() with an acquire load,
     * which is enough to see the contents of the array that was installed.
     *
     * Ordering argument that grace periods rely on: a thread's registering CAS precedes, in its program order, the
     * full fence it executes when it first enters a section. A grace period takes its snapshot after its own full
     * fence. If the snapshot misses the new reader, the reader's fence is later than the grace period's fence in the
     * single order of fences, so everything the reader loads after its fence already sees what the writer unlinked
     * before the grace period. Missing it is therefore harmless.
     */

    private static final EpochDomain.Reader[] NONE = new EpochDomain.Reader[0];
    private static final VarHandle READERS;

    static {
        try {
            READERS = MethodHandles.lookup().findVarHandle(ReaderRegistry.class, "readers", EpochDomain.Reader[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private EpochDomain.Reader[] readers = NONE;

    /** Adds a reader (and drops dead ones on the way). Any thread; allocates; lock-free. */
    void register(EpochDomain.Reader reader) {
        EpochDomain.Reader[] current;
        EpochDomain.Reader[] next;
        do {
            current = readersAcquire();
            next = appendLive(current, reader);
        } while (!casReaders(current, next));
    }

    /** Removes the readers of threads that have died. Control path; allocates only when something is removed. */
    void pruneDead() {
        EpochDomain.Reader[] current;
        EpochDomain.Reader[] next;
        do {
            current = readersAcquire();
            next = live(current);
        } while (next != current && !casReaders(current, next));
    }

    /** The readers registered now. The caller must not modify the array. */
    EpochDomain.Reader[] snapshot() {
        return readersAcquire();
    }

    /** How many readers are registered now, dead ones not yet pruned included. */
    int size() {
        return readersAcquire().length;
    }

    private static EpochDomain.Reader[] appendLive(EpochDomain.Reader[] current, EpochDomain.Reader reader) {
        EpochDomain.Reader[] kept = live(current);
        EpochDomain.Reader[] next = Arrays.copyOf(kept, kept.length + 1);
        next[kept.length] = reader;
        return next;
    }

    /** {@code current} itself when every owner is alive, else a new array without the dead ones. */
    private static EpochDomain.Reader[] live(EpochDomain.Reader[] current) {
        int alive = 0;
        for (EpochDomain.Reader r : current) {
            alive += r.ownerAlive() ? 1 : 0;
        }
        if (alive == current.length) {
            return current;
        }
        return Arrays.stream(current).filter(EpochDomain.Reader::ownerAlive).toArray(EpochDomain.Reader[]::new);
    }

    private EpochDomain.Reader[] readersAcquire() {
        return (EpochDomain.Reader[]) READERS.getAcquire(this);
    }

    private boolean casReaders(EpochDomain.Reader[] expected, EpochDomain.Reader[] next) {
        return READERS.compareAndSet(this, expected, next);
    }
}
