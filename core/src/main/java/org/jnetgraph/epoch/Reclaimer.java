package org.jnetgraph.epoch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs retired callbacks after a grace period, in retirement order, on one thread: the domain's reclaimer.
 *
 * <p>Threading: {@link #retire} from any thread (it blocks only when the caller allows it); {@link #doWork()} from
 * the reclaimer thread only, or, in the manual mode used by tests, from one thread at a time; the counters from any
 * thread.
 */
final class Reclaimer implements Runnable {
    /*
     * Implementation notes.
     *
     * Algorithm: retire() admits a callback by adding one to `admitted`, appends it to an unbounded lock-free FIFO
     * queue and wakes the reclaimer if it sleeps. The reclaimer loops: take everything queued into a private batch,
     * wait one grace period, run the batch in order, add each one to `completed`, then wake any waiting control
     * thread. One grace period covers a whole batch, so its cost is shared by every callback retired meanwhile.
     * A callback is queued only after its retire() began, and the grace period starts only after the callback was
     * taken from the queue, so the grace period starts after the retire() call: every section that could still
     * see the unlinked object is waited for.
     *
     * Invariants: completed <= admitted; backlog = admitted - completed; callbacks run one at a time, in queue
     * order; the reclaimer never blocks on a waiter (it only signals), so a control thread that waits can never
     * stall it.
     *
     * Fields and writers:
     *   `state`: admitted count in the low bits plus the CLOSED bit. Any thread CASes it (volatile). The CAS makes
     *     admission and closing one decision: a retire() either is admitted before close() and will run, or sees
     *     CLOSED and throws. close() reads the final admitted count from the same word.
     *   `completed`: written only by the reclaimer (release, after the callback ran, so a thread that reads the new
     *     count with acquire sees the callback's effects); read by anyone with acquire.
     *   `highWater`, `overflows`, `failures`: statistics. highWater is CAS-maxed by retirers; failures is written
     *     by the reclaimer only; overflows by retirers. Opaque or atomic; staleness is harmless.
     *   `sleeping`: written by the reclaimer, volatile; read by retirers, volatile. Wake-up handshake: the
     *     reclaimer stores sleeping=true then re-reads the queue; a retirer appends to the queue (a volatile CAS)
     *     then reads sleeping. Both pairs are volatile, hence sequentially consistent, so at least one side sees
     *     the other: either the reclaimer finds the callback or the retirer unparks it. No lost wake-up.
     *   `waiters`: control threads waiting in barrier() or for back-pressure, volatile. Same handshake the other
     *     way round: a waiter increments waiters, fences and then re-checks `completed` under the lock; the
     *     reclaimer stores completed, fences and then reads waiters, and signals under the lock. The full fences
     *     are needed because `completed` is a release store and an acquire load, which alone would let each side's
     *     load pass its own earlier store.
     */

    private static final long CLOSED = 1L << 62;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final VarHandle STATE;
    private static final VarHandle COMPLETED;
    private static final VarHandle HIGH_WATER;
    private static final VarHandle OVERFLOWS;
    private static final VarHandle FAILURES;
    private static final VarHandle SLEEPING;
    private static final VarHandle WAITERS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Reclaimer.class, "state", long.class);
            COMPLETED = lookup.findVarHandle(Reclaimer.class, "completed", long.class);
            HIGH_WATER = lookup.findVarHandle(Reclaimer.class, "highWater", long.class);
            OVERFLOWS = lookup.findVarHandle(Reclaimer.class, "overflows", long.class);
            FAILURES = lookup.findVarHandle(Reclaimer.class, "failures", long.class);
            SLEEPING = lookup.findVarHandle(Reclaimer.class, "sleeping", boolean.class);
            WAITERS = lookup.findVarHandle(Reclaimer.class, "waiters", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final GracePeriods grace;
    private final long bound;
    private final Consumer<Throwable> errorHandler;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Runnable> batch = new ArrayDeque<>();
    private final ReentrantLock progressLock = new ReentrantLock();
    private final Condition progress = progressLock.newCondition();
    private final Thread thread;

    private long state;
    private long completed;
    private long highWater;
    private long overflows;
    private long failures;
    private boolean sleeping;
    private int waiters;

    /** A reclaimer with its own daemon thread (not yet started), or none when {@code threadName} is null. */
    Reclaimer(GracePeriods grace, long bound, Consumer<Throwable> errorHandler, String threadName) {
        this.grace = grace;
        this.bound = bound;
        this.errorHandler = errorHandler;
        this.thread = threadName == null
                ? null
                : Thread.ofPlatform().name(threadName).daemon().unstarted(this);
    }

    void start() {
        if (thread != null) {
            thread.start();
        }
    }

    boolean isReclaimerThread(Thread t) {
        return t == thread;
    }

    /**
     * Queues a callback. Waits for room first when {@code mayBlock} and the backlog is at its bound; otherwise
     * never blocks. Throws IllegalStateException once closed. Any thread; allocates a queue node.
     */
    void retire(Runnable callback, boolean mayBlock) {
        if (mayBlock && backlog() >= bound) {
            awaitProgress(() -> backlog() < bound || isClosed());
        }

        long admittedNow = admit();
        queue.offer(callback);
        wakeIfSleeping();

        noteBacklog(admittedNow - completedAcquire());
    }

    /** Waits until every callback admitted before the call has run. Control path; blocks. */
    void barrier() {
        long target = admitted(stateVolatile());
        if (thread == null) {
            drainManually(target);
        } else if (completedAcquire() < target) {
            awaitProgress(() -> completedAcquire() >= target);
        }
    }

    /** Stops admitting callbacks, runs every admitted one, then ends the thread. Control path; blocks. */
    void close() {
        STATE.getAndBitwiseOr(this, CLOSED);
        if (thread == null) {
            drainManually(admitted(stateVolatile()));
            return;
        }

        LockSupport.unpark(thread);
        joinUninterruptibly();
    }

    /**
     * One round of reclamation: take what is queued, wait a grace period, run it. Returns how many callbacks ran.
     * Reclaimer thread only (or one thread at a time in manual mode); blocks for the grace period.
     */
    int doWork() {
        int taken = takeBatch();
        if (taken == 0) {
            return 0;
        }

        grace.await();
        runBatch();

        signalIfWaiting();
        return taken;
    }

    /** The reclaimer thread's loop. */
    @Override
    public void run() {
        while (!finished()) {
            if (doWork() == 0) {
                idle();
            }
        }
        signalAll();
    }

    long backlog() {
        return admitted(stateVolatile()) - completedAcquire();
    }

    long highWater() {
        return (long) HIGH_WATER.getOpaque(this);
    }

    long overflows() {
        return (long) OVERFLOWS.getOpaque(this);
    }

    long failures() {
        return (long) FAILURES.getOpaque(this);
    }

    long completed() {
        return completedAcquire();
    }

    long bound() {
        return bound;
    }

    boolean isClosed() {
        return (stateVolatile() & CLOSED) != 0;
    }

    private long admit() {
        long s;
        do {
            s = stateVolatile();
            if ((s & CLOSED) != 0) {
                throw new IllegalStateException("epoch domain is closed: retire() after close()");
            }
        } while (!STATE.compareAndSet(this, s, s + 1));
        return s + 1;
    }

    private void noteBacklog(long backlog) {
        long seen = highWater();
        while (backlog > seen && !HIGH_WATER.weakCompareAndSet(this, seen, backlog)) {
            seen = highWater();
        }

        if (backlog > bound) {
            OVERFLOWS.getAndAdd(this, 1L);
        }
    }

    private int takeBatch() {
        int taken = 0;
        for (Runnable r; (r = queue.poll()) != null; taken++) {
            batch.add(r);
        }
        return taken;
    }

    private void runBatch() {
        for (Runnable r; (r = batch.poll()) != null; ) {
            runOne(r);
            COMPLETED.setRelease(this, completedAcquire() + 1);
        }
    }

    /** Runs one callback. Its failure is the callback's problem: counted, reported, and the loop goes on. */
    private void runOne(Runnable callback) {
        try {
            callback.run();
        } catch (Throwable t) {
            FAILURES.setOpaque(this, failures() + 1);
            report(t);
        }
    }

    private void report(Throwable t) {
        try {
            errorHandler.accept(t);
        } catch (Throwable ignored) {
            // A failing error handler must not end the reclaimer either; there is nowhere left to report to.
        }
    }

    private boolean finished() {
        long s = stateVolatile();
        return (s & CLOSED) != 0 && completedAcquire() == admitted(s);
    }

    /**
     * Sleeps until a retire() wakes the thread. The timeout is only a backstop: the handshake in the notes above
     * already rules out a lost wake-up. A callback may have interrupted this thread; the reclaimer has no use for
     * interrupts, and a pending one would make every park return at once, so it is cleared.
     */
    private void idle() {
        Thread.interrupted();
        SLEEPING.setVolatile(this, true);
        if (queue.isEmpty() && !isClosed()) {
            LockSupport.parkNanos(this, IDLE_PARK_NANOS);
        } else if (queue.isEmpty()) {
            // Closed, and an admitted callback is still being appended: it will be there in a moment.
            Thread.yield();
        }
        SLEEPING.setVolatile(this, false);
    }

    private void wakeIfSleeping() {
        if (thread != null && (boolean) SLEEPING.getVolatile(this)) {
            LockSupport.unpark(thread);
        }
    }

    private void signalIfWaiting() {
        VarHandle.fullFence();
        if ((int) WAITERS.getVolatile(this) > 0) {
            signalAll();
        }
    }

    private void signalAll() {
        progressLock.lock();
        try {
            progress.signalAll();
        } finally {
            progressLock.unlock();
        }
    }

    /**
     * Blocks until {@code done} holds, re-checking each time the reclaimer signals progress. Every condition waited
     * for here holds once the reclaimer has finished, and the reclaimer signals as it finishes, so no waiter is
     * stranded by close(). Without a thread (manual mode) nothing would ever signal, so it does not wait at all.
     */
    private void awaitProgress(BooleanSupplier done) {
        boolean interrupted = false;
        progressLock.lock();
        WAITERS.getAndAdd(this, 1);
        try {
            VarHandle.fullFence();
            while (thread != null && !done.getAsBoolean()) {
                interrupted |= awaitSignal();
            }
        } finally {
            WAITERS.getAndAdd(this, -1);
            progressLock.unlock();
        }

        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for one signal; true if interrupted meanwhile. */
    private boolean awaitSignal() {
        try {
            progress.await();
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private void drainManually(long target) {
        while (completedAcquire() < target) {
            if (doWork() == 0) {
                Thread.onSpinWait();
            }
        }
    }

    private void joinUninterruptibly() {
        boolean interrupted = false;
        while (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }

        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private long stateVolatile() {
        return (long) STATE.getVolatile(this);
    }

    private long completedAcquire() {
        return (long) COMPLETED.getAcquire(this);
    }

    private static long admitted(long state) {
        return state & ~CLOSED;
    }
}
