package org.jnetgraph.epoch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The writer side of one domain: the global epoch, the registered readers and the grace-period wait.
 *
 * <p>Threading: {@link #epochAcquire()} is called by readers on the data path (no allocation, no lock). Everything
 * else is control path: any thread outside a section of the domain, may block, may allocate.
 */
final class GracePeriods {
    /*
     * Implementation notes.
     *
     * Algorithm (epoch-based quiescence, one counter and one slot per reader thread):
     *   reader, outermost enter:  e = epoch (acquire); slot = e (release); fullFence; ... loads of topology ...
     *   reader, outermost exit:   slot = IDLE (release)
     *   writer, grace period:     ... unlink from topology ...; target = ++epoch (volatile); fullFence;
     *                             for each registered slot: wait while IDLE < slot < target
     *
     * Why a reader that saw the old topology is always waited for. Take a reader R whose section loaded an object
     * that a writer W unlinked before its grace period. R executes [store slot; fence F_r; load topology], W
     * executes [store topology (unlink); fence F_w; load slot]. (With retire() the unlink is done by the retiring
     * thread and the fence by the reclaimer; the unlink still happens-before F_w, through the callback queue, and
     * that is all the argument needs.) Full fences are totally ordered. If F_w came before
     * F_r, every load R makes after F_r sees the unlink, so R cannot have loaded the unlinked object: contradiction.
     * So F_r came before F_w, and W's load of the slot, being after F_w, sees R's slot store or a later one:
     *   - the epoch e that R published: e < target, because if R had read an epoch >= target, its acquire load of
     *     the epoch would have synchronized with W's increment, which follows the unlink, and R would again have
     *     seen the unlink. So W waits.
     *   - IDLE or a later section's epoch: R's section has ended. Every store to the slot is a release, so the
     *     loads of the old section happen-before whatever W does once it has read that value.
     * The same fence argument covers registration (see ReaderRegistry): a reader missing from W's snapshot
     * registered after F_w and so sees the unlink. Readers with slot >= target entered after the increment and
     * need no wait; readers waited for once need not be waited for again.
     *
     * Who writes what: `epoch` is written only by getAndAddEpoch (volatile) from any control-path thread; readers
     * read it with acquire. Each slot is written only by its owning thread (see EpochDomain.Reader). `stalled` is
     * an atomic counter written by any waiting thread.
     *
     * Concurrent grace periods (several writers, plus the reclaimer) are independent: each has its own target and
     * its own scan; none waits for another.
     *
     * Virtual threads: each one that enters gets its own slot, like a platform thread, and the scan costs one
     * slot read per live reader. A virtual thread that parks inside a section is unmounted and holds up every
     * grace period until it resumes; it is reported as a stalled reader like any other.
     */

    /** A slot value meaning "not inside a section". Real epochs start at 1 and only grow. */
    static final long IDLE = 0L;

    private static final VarHandle EPOCH;

    static {
        try {
            EPOCH = MethodHandles.lookup().findVarHandle(GracePeriods.class, "epoch", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String domainName;
    private final ReaderRegistry registry = new ReaderRegistry();
    private final GraceStats stats = new GraceStats();
    private final AtomicLong stalled = new AtomicLong();
    private final LongSupplier nanoClock;
    private final long stallNanos;
    private final Consumer<String> stallLog;
    private final ReaderWait injectedWait;

    private long epoch = 1L;

    GracePeriods(
            String domainName, LongSupplier nanoClock, long stallNanos, Consumer<String> stallLog, ReaderWait wait) {
        this.domainName = domainName;
        this.nanoClock = nanoClock;
        this.stallNanos = stallNanos;
        this.stallLog = stallLog;
        this.injectedWait = wait;
    }

    /** The current epoch, for a reader about to publish its slot. Any thread; data path safe. */
    long epochAcquire() {
        return (long) EPOCH.getAcquire(this);
    }

    /** Registers a new reader. Any thread; allocates. */
    void register(EpochDomain.Reader reader) {
        registry.register(reader);
    }

    /**
     * Waits for one grace period: returns once every section open when the call began has closed. Control path,
     * outside any section of this domain (the caller checks); blocks.
     */
    void await() {
        long start = nanoClock.getAsLong();
        long target = advance();

        if (waitForAll(target)) {
            registry.pruneDead();
        }

        stats.record(nanoClock.getAsLong() - start);
    }

    /** Starts a grace period: a new epoch, then the store-load fence the notes above rely on. */
    private long advance() {
        long target = (long) EPOCH.getAndAdd(this, 1L) + 1L;
        VarHandle.fullFence();
        return target;
    }

    /** Waits for each registered reader; true if some had a dead owner. */
    private boolean waitForAll(long target) {
        boolean sawDead = false;
        for (EpochDomain.Reader reader : registry.snapshot()) {
            if (!reader.ownerAlive()) {
                sawDead = true;
            } else if (injectedWait != null) {
                injectedWait.await(reader, target);
            } else {
                awaitWithBackoff(reader, target);
            }
        }
        return sawDead;
    }

    /** The default ReaderWait: back off while the reader is in an old section, reporting it once if it stalls. */
    private void awaitWithBackoff(EpochDomain.Reader reader, long target) {
        if (!reader.blocks(target)) {
            return;
        }

        Backoff backoff = new Backoff();
        StallWatch watch = new StallWatch(reader, nanoClock.getAsLong());
        while (reader.blocks(target)) {
            watch.check(nanoClock.getAsLong());
            backoff.idle();
        }

        backoff.restoreInterrupt();
    }

    /** Counts and logs a stalled section, once per section however many waits notice it. */
    private void reportStall(EpochDomain.Reader reader, long section, long waitedNanos) {
        if (!reader.claimStallReport(section)) {
            return;
        }

        stalled.incrementAndGet();
        stallLog.accept("epoch domain '" + domainName + "': a grace period has waited " + waitedNanos / 1_000_000L
                + " ms for thread '" + reader.ownerName() + "', which is still inside one read section (threshold "
                + stallNanos / 1_000_000L + " ms)");
    }

    /**
     * Times how long one wait has been looking at the same section of one reader. Confined to the waiting thread.
     * A new section number restarts the timer, so only a single section open for longer than the threshold counts.
     */
    private final class StallWatch {
        private final EpochDomain.Reader reader;
        private long section;
        private long since;

        StallWatch(EpochDomain.Reader reader, long now) {
            this.reader = reader;
            this.section = reader.sectionsOpaque();
            this.since = now;
        }

        void check(long now) {
            long seen = reader.sectionsOpaque();
            if (seen != section) {
                section = seen;
                since = now;
            } else if (now - since >= stallNanos) {
                reportStall(reader, section, now - since);
            }
        }
    }

    GraceStats stats() {
        return stats;
    }

    long stalledReaders() {
        return stalled.get();
    }

    int registeredReaders() {
        return registry.size();
    }
}
