package org.jnetgraph.epoch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Quiescence-based reclamation for a packet graph: read sections on the data path, grace periods and deferred
 * callbacks on the control path.
 *
 * <p>A data-path thread brackets its work with {@link #enter()} and {@link #exit()} (or, in a hot loop, with the
 * {@link Reader} it got once from {@link #reader()}). The control path unlinks an object from the shared topology
 * and then calls {@link #synchronize()} to wait until no thread can still be using it, or {@link #retire(Runnable)}
 * to have a callback run on the domain's reclaimer thread once that is so.
 *
 * <pre>{@code
 * try (EpochDomain epoch = EpochDomain.builder("graph").build()) {
 *     EpochDomain.Reader reader = epoch.reader();   // once per worker thread
 *     reader.enter();
 *     try {
 *         // follow hooks and peers; no blocking here
 *     } finally {
 *         reader.exit();
 *     }
 *     hooks.remove(hook);                           // control path: unlink first ...
 *     epoch.retire(hook::release);                  // ... then release after a grace period
 * }
 * }</pre>
 *
 * <p>Threading: every method may be called from any thread; each documents whether it blocks, allocates, and may be
 * called inside a section. Readers never lock, block or allocate (after their thread's first use). Sections nest.
 * Code inside a section must not block, sleep, wait for a grace period, or leave the section open when its thread
 * moves on (a retired callback included): an open section holds up every grace period of the domain.
 *
 * <p>Threads and slots: each thread that enters gets one slot, registered on first use and pruned after the thread
 * has died; a thread that dies inside a section does not hold up grace periods. Virtual threads work the same way,
 * one slot each, so a grace period scans one slot per live virtual thread that has entered; a virtual thread that
 * parks inside a section keeps that section open while it is unmounted and is reported as a stalled reader. Prefer
 * a fixed set of worker threads on the data path.
 */
public final class EpochDomain implements AutoCloseable {
    /*
     * Implementation notes.
     *
     * This class is the facade and owns no shared mutable state of its own besides the ThreadLocal that maps a
     * thread to its Reader. The protocol lives in four places, each with its own notes: Reader (the reader side:
     * publish, fence, clear), GracePeriods (the writer side and the proof that a reader of the old topology is
     * always waited for), ReaderRegistry (registration and pruning) and Reclaimer (retired callbacks, backlog,
     * back-pressure, close).
     *
     * Guards here are per-thread facts only: "is the calling thread inside a section" (its own Reader's depth,
     * read by the owner) and "is the calling thread the reclaimer". Both are exact for the caller, so the
     * IllegalStateException checks cannot race.
     */

    private static final System.Logger LOG = System.getLogger(EpochDomain.class.getName());

    private final String name;
    private final ThreadLocal<Reader> local = new ThreadLocal<>();
    private final GracePeriods grace;
    private final Reclaimer reclaimer;

    private EpochDomain(Builder b) {
        this.name = b.name;
        this.grace = new GracePeriods(name, b.nanoClock, b.stallThreshold.toNanos(), b.stallLogOrDefault(), b.wait);
        String threadName = b.manualReclaim ? null : "epoch-reclaimer-" + name;
        this.reclaimer = new Reclaimer(grace, b.backlogBound, b.errorHandlerOrDefault(), threadName);
    }

    /**
     * Starts building a domain with the given name (used in the reclaimer thread's name and in log lines).
     *
     * <p>Threading: any thread, outside or inside a section; allocates.
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The domain's name. Any thread; never blocks or allocates. */
    public String name() {
        return name;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Reader side
    // ----------------------------------------------------------------------------------------------------------

    /**
     * The calling thread's reader handle, created and registered on the thread's first call.
     *
     * <p>Threading: any thread; the handle belongs to the calling thread and must be used only by it. The first
     * call on a thread allocates and registers (lock-free); later calls do one ThreadLocal lookup and allocate
     * nothing. May be called inside a section.
     */
    public Reader reader() {
        Reader r = local.get();
        return r != null ? r : registerCurrentThread();
    }

    /**
     * Enters a read section on the calling thread; same as {@code reader().enter()}.
     *
     * <p>Threading: any thread; re-entrant. Never blocks or locks; allocates only on the thread's first use of
     * this domain. Prefer a cached {@link Reader} in per-packet loops, which saves the ThreadLocal lookup.
     */
    public void enter() {
        reader().enter();
    }

    /**
     * Leaves the calling thread's innermost read section; same as {@code reader().exit()}.
     *
     * <p>Threading: the thread that entered. Never blocks, locks or allocates (except for the exception below).
     *
     * @throws IllegalStateException if the calling thread is not inside a section of this domain
     */
    public void exit() {
        Reader r = local.get();
        if (r == null) {
            throw new IllegalStateException("exit() without enter() on epoch domain '" + name + "'");
        }
        r.exit();
    }

    /**
     * Whether the calling thread is inside a section of this domain.
     *
     * <p>Threading: any thread, about itself. Never blocks; allocates nothing after the thread's first call.
     */
    public boolean inSection() {
        Reader r = local.get();
        return r != null && r.inSection();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Writer side
    // ----------------------------------------------------------------------------------------------------------

    /**
     * Waits for a grace period: returns once every thread that was inside a section of this domain when the call
     * began has left that section. Call it after unlinking an object to know that no reader still uses it.
     *
     * <p>Threading: control path, any thread outside every section of this domain. Blocks (spins, yields, then
     * parks); may allocate. Not interruptible: an interrupt is kept and restored on return.
     *
     * @throws IllegalStateException if called inside a section of this domain (it would wait for itself)
     */
    public void synchronize() {
        requireOutsideSection("synchronize()");
        grace.await();
    }

    /**
     * Runs {@code callback} on the reclaimer thread after a grace period that starts after this call. Callbacks
     * run in the order they were retired; an exception from one is counted ({@link #callbackFailures()}), passed
     * once to the error handler and does not stop the others.
     *
     * <p>Threading: any thread, inside or outside a section, including the reclaimer thread itself (from a
     * callback). Allocates. Outside a section, when {@link #backlog()} has reached the configured bound, it blocks
     * until the reclaimer catches up (back-pressure on the control path). Inside a section, or on the reclaimer
     * thread, it never blocks: it enqueues anyway and counts an overflow ({@link #backlogOverflows()}).
     *
     * @throws IllegalStateException if the domain is closed
     */
    public void retire(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        boolean mayBlock = !inSection() && !onReclaimerThread();
        reclaimer.retire(callback, mayBlock);
    }

    /**
     * Waits until every callback retired before this call has run. Returns at once if none is pending.
     *
     * <p>Threading: control path, any thread outside every section of this domain, not from a callback. Blocks;
     * allocates.
     *
     * @throws IllegalStateException if called inside a section of this domain or on the reclaimer thread
     */
    public void barrier() {
        requireOutsideSection("barrier()");
        requireNotReclaimer("barrier()");
        reclaimer.barrier();
    }

    /**
     * Stops accepting callbacks, runs every callback already retired (after its grace period) and ends the
     * reclaimer thread. Idempotent. Sections and {@link #synchronize()} keep working afterwards; {@link
     * #retire(Runnable)} throws.
     *
     * <p>Threading: control path, any thread outside every section of this domain, not from a callback. Blocks
     * until the reclaimer has finished, which takes as long as the slowest open section.
     *
     * @throws IllegalStateException if called inside a section of this domain or on the reclaimer thread
     */
    @Override
    public void close() {
        requireOutsideSection("close()");
        requireNotReclaimer("close()");
        reclaimer.close();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Statistics: any thread, inside or outside a section; never block. Each figure is read on its own, so two of
    // them read one after the other need not be from the same instant.
    // ----------------------------------------------------------------------------------------------------------

    /** Callbacks retired but not yet run. Any thread; never blocks or allocates. */
    public long backlog() {
        return reclaimer.backlog();
    }

    /** The largest backlog seen right after a retire. Any thread; never blocks or allocates. */
    public long backlogHighWater() {
        return reclaimer.highWater();
    }

    /** The configured backlog bound. Any thread; never blocks or allocates. */
    public long backlogBound() {
        return reclaimer.bound();
    }

    /** Retires that left the backlog above its bound (they did not or could not wait). Any thread; no blocking. */
    public long backlogOverflows() {
        return reclaimer.overflows();
    }

    /** Callbacks that have run (failed ones included). Any thread; never blocks or allocates. */
    public long callbacksRun() {
        return reclaimer.completed();
    }

    /** Callbacks that threw. Any thread; never blocks or allocates. */
    public long callbackFailures() {
        return reclaimer.failures();
    }

    /** Grace periods completed, by {@link #synchronize()} and by the reclaimer. Any thread; never blocks. */
    public long gracePeriods() {
        return grace.stats().completed();
    }

    /** The longest grace period so far, in nanoseconds. Any thread; never blocks or allocates. */
    public long maxGraceNanos() {
        return grace.stats().maxNanos();
    }

    /**
     * A copy of the grace-period latency histogram: element 0 counts grace periods of 0 ns, element {@code k}
     * those of {@code [2^(k-1), 2^k)} ns, and the last element also counts all longer ones. Its length is fixed
     * (40). Any thread; allocates the copy; never blocks.
     */
    public long[] graceLatencyHistogram() {
        return grace.stats().histogram();
    }

    /**
     * Read sections that held up a grace period for longer than the stall threshold; each stalled section counts
     * once, however many grace periods wait for it. Any thread; never blocks or allocates.
     */
    public long stalledReaders() {
        return grace.stalledReaders();
    }

    /** The name and a few counters, for diagnostics. Any thread; allocates; never blocks. */
    @Override
    public String toString() {
        return "EpochDomain[" + name + ", backlog=" + backlog() + ", gracePeriods=" + gracePeriods() + "]";
    }

    // ----------------------------------------------------------------------------------------------------------
    // Package-private hooks for tests
    // ----------------------------------------------------------------------------------------------------------

    /** Manual mode only: one reclamation round on the calling thread; returns the number of callbacks run. */
    int reclaimOnce() {
        return reclaimer.doWork();
    }

    /** Readers registered now, dead ones not yet pruned included. */
    int registeredReaders() {
        return grace.registeredReaders();
    }

    private Reader registerCurrentThread() {
        Reader r = new Reader(grace, Thread.currentThread());
        grace.register(r);
        local.set(r);
        return r;
    }

    private boolean onReclaimerThread() {
        return reclaimer.isReclaimerThread(Thread.currentThread());
    }

    private void requireOutsideSection(String what) {
        if (inSection()) {
            throw new IllegalStateException(
                    what + " inside a read section of epoch domain '" + name + "' would wait for itself");
        }
    }

    private void requireNotReclaimer(String what) {
        if (onReclaimerThread()) {
            throw new IllegalStateException(
                    what + " on the reclaimer thread of epoch domain '" + name + "' would wait for itself");
        }
    }

    /**
     * One thread's reader handle: its nesting depth and its published epoch slot.
     *
     * <p>Threading: {@link #enter()}, {@link #exit()} and {@link #inSection()} may be called only by the thread
     * that obtained the handle from {@link EpochDomain#reader()}; they never block, lock or allocate. Keep the
     * handle in a per-thread object (a worker, an agent) to avoid the ThreadLocal lookup per packet.
     */
    public static final class Reader {
        /*
         * Implementation notes.
         *
         * One slot per (domain, thread). Fields and writers:
         *   `depth`    owner only, plain. Nesting count; only the outermost enter/exit touch the shared fields.
         *   `epoch`    owner writes, always with release; control threads read with acquire. IDLE (0) outside a
         *              section, else the global epoch read at the outermost enter.
         *   `sections` owner writes, opaque; control threads read, opaque. Counts outermost enters, so that a
         *              waiting writer can tell "the same section is still open" from "a new one began" and report
         *              a stall once per section. A stale value only delays or repeats that judgement; it never
         *              affects safety.
         *   `stallReported` control threads CAS it up to the section number they reported; never decreases.
         *
         * Outermost enter: read the epoch (acquire), publish it in the slot (release), then a full fence. The
         * fence is the store-load barrier the protocol needs: the slot store must be visible to a writer's scan
         * before this thread loads any shared topology; a release store alone would let the later loads move
         * ahead of it. The acquire on the epoch read ties an epoch value to everything the writer that set it
         * had unlinked. The release on every slot store lets a writer that observes the slot changed (IDLE or a
         * newer epoch) conclude that every load of the earlier section has happened.
         *
         * Outermost exit: store IDLE with release, so the section's loads are ordered before it. No fence: a
         * writer that still sees the old value merely waits a little longer.
         *
         * The owner is held weakly: the registry must not keep dead threads reachable, and a slot whose thread
         * has died (even inside a section) is skipped by grace periods and later pruned.
         */

        private static final VarHandle EPOCH;
        private static final VarHandle SECTIONS;
        private static final VarHandle STALL_REPORTED;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                EPOCH = lookup.findVarHandle(Reader.class, "epoch", long.class);
                SECTIONS = lookup.findVarHandle(Reader.class, "sections", long.class);
                STALL_REPORTED = lookup.findVarHandle(Reader.class, "stallReported", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final GracePeriods grace;
        private final WeakReference<Thread> owner;
        private final String ownerName;

        private int depth;
        private long epoch = GracePeriods.IDLE;
        private long sections;
        private long stallReported;

        private Reader(GracePeriods grace, Thread owner) {
            this.grace = grace;
            this.owner = new WeakReference<>(owner);
            this.ownerName = owner.getName();
        }

        /**
         * Enters a read section (re-entrant). Owning thread only; never blocks, locks or allocates. The outermost
         * enter costs one acquire load, two stores and one full fence.
         */
        public void enter() {
            if (depth++ == 0) {
                publish();
            }
        }

        /**
         * Leaves the innermost read section. Owning thread only; never blocks, locks or allocates.
         *
         * @throws IllegalStateException if this thread is not inside a section of the domain
         */
        public void exit() {
            if (depth == 0) {
                throw new IllegalStateException("exit() without enter() on thread " + Thread.currentThread());
            }
            if (--depth == 0) {
                setEpochRelease(GracePeriods.IDLE);
            }
        }

        /** Whether the owning thread is inside a section. Owning thread only; never blocks or allocates. */
        public boolean inSection() {
            return depth > 0;
        }

        private void publish() {
            long e = grace.epochAcquire();
            SECTIONS.setOpaque(this, sections + 1);
            setEpochRelease(e);

            VarHandle.fullFence();
        }

        /** Whether a grace period with this target must still wait: in a section begun before it, owner alive. */
        boolean blocks(long target) {
            long e = epochAcquire();
            return e != GracePeriods.IDLE && e < target && ownerAlive();
        }

        boolean ownerAlive() {
            Thread t = owner.get();
            return t != null && t.isAlive();
        }

        String ownerName() {
            Thread t = owner.get();
            return t != null ? t.getName() : ownerName;
        }

        long sectionsOpaque() {
            return (long) SECTIONS.getOpaque(this);
        }

        /** True for exactly one caller per section number. */
        boolean claimStallReport(long section) {
            long seen = (long) STALL_REPORTED.getOpaque(this);
            return seen < section && STALL_REPORTED.compareAndSet(this, seen, section);
        }

        /** The published slot value (test hook): IDLE outside a section. */
        long epochAcquire() {
            return (long) EPOCH.getAcquire(this);
        }

        private void setEpochRelease(long value) {
            EPOCH.setRelease(this, value);
        }
    }

    /**
     * Options for a new domain. Not thread-safe: build on one thread.
     *
     * <p>Defaults: backlog bound 65,536 callbacks, stall threshold 1 s, errors reported through {@link
     * System.Logger} at WARNING.
     */
    public static final class Builder {
        private final String name;
        private long backlogBound = 65_536;
        private Duration stallThreshold = Duration.ofSeconds(1);
        private Consumer<Throwable> errorHandler;
        private LongSupplier nanoClock = System::nanoTime;
        private Consumer<String> stallLog;
        private ReaderWait wait;
        private boolean manualReclaim;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * The backlog (retired, not yet run) at which {@link #retire(Runnable)} outside a section starts to wait.
         * Must be positive.
         */
        public Builder backlogBound(long bound) {
            if (bound <= 0) {
                throw new IllegalArgumentException("backlog bound must be positive: " + bound);
            }
            this.backlogBound = bound;
            return this;
        }

        /** How long a grace period may wait on one section before it is reported as stalled. Must be positive. */
        public Builder stallThreshold(Duration threshold) {
            if (threshold.isNegative() || threshold.isZero()) {
                throw new IllegalArgumentException("stall threshold must be positive: " + threshold);
            }
            this.stallThreshold = threshold;
            return this;
        }

        /**
         * Receives each exception thrown by a retired callback, once, on the reclaimer thread. It should not
         * block; an exception it throws is ignored.
         */
        public Builder errorHandler(Consumer<Throwable> handler) {
            this.errorHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Creates the domain and starts its reclaimer thread. Allocates; starts a thread. */
        public EpochDomain build() {
            EpochDomain domain = new EpochDomain(this);
            domain.reclaimer.start();
            return domain;
        }

        /** Test seam: the clock used for grace-period latency and stall detection. */
        Builder nanoClock(LongSupplier clock) {
            this.nanoClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Test seam: where the one-line stall reports go (default: System.Logger at WARNING). */
        Builder stallLog(Consumer<String> log) {
            this.stallLog = Objects.requireNonNull(log, "log");
            return this;
        }

        /** Test seam: how a grace period waits for one reader (default: back off and report stalls). */
        Builder readerWait(ReaderWait readerWait) {
            this.wait = Objects.requireNonNull(readerWait, "readerWait");
            return this;
        }

        /**
         * No reclaimer thread: retired callbacks run (after their grace period) on the thread that calls
         * {@link EpochDomain#barrier()} or {@link EpochDomain#close()}. For deterministic single-threaded harnesses
         * and model checkers, which must control every thread.
         */
        public Builder manualReclaim() {
            this.manualReclaim = true;
            return this;
        }

        private Consumer<String> stallLogOrDefault() {
            return stallLog != null ? stallLog : line -> LOG.log(System.Logger.Level.WARNING, line);
        }

        private Consumer<Throwable> errorHandlerOrDefault() {
            if (errorHandler != null) {
                return errorHandler;
            }
            return new LogFailure("epoch domain '" + name + "': a retired callback failed");
        }
    }

    /** The default error handler: one WARNING line with the stack trace per failed callback. */
    private static final class LogFailure implements Consumer<Throwable> {
        private final String message;

        LogFailure(String message) {
            this.message = message;
        }

        @Override
        public void accept(Throwable failure) {
            LOG.log(System.Logger.Level.WARNING, message, failure);
        }
    }
}
