package org.jnetgraph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jctools.queues.varhandle.MpscVarHandleArrayQueue;

/**
 * A node's reader/writer gate and input queue, as in netgraph: data enters as a reader, control as a writer; an
 * item that cannot enter at once is queued, and queued items run strictly in FIFO order on a worker thread.
 */
final class Gate {
    /*
     * Implementation notes.
     *
     * All gate state is one 64-bit word:
     *   bit 0      WRITER     a writer item is running
     *   bit 1      SCHEDULED  the node is on the worklist or being drained by a worker (at most one worker drains)
     *   bits 2-31  readers    number of reader items running directly
     *   bits 32-63 queued     number of items in the queue
     * Every transition is one CAS on the word, so a decision ("the head can run", "somebody must schedule the
     * node") is always taken on a consistent snapshot, and a competing change makes the CAS fail and the decision
     * be taken again. This is what rules out the lost wake-up where a worker gives up on a blocked head just as the
     * blocker leaves: the worker's "clear SCHEDULED" CAS fails because the leaver changed the word.
     *
     * Entering directly: a reader needs no WRITER and an empty queue (newcomers never overtake queued items); a
     * writer needs no WRITER, no readers and an empty queue. Nodes whose data may run beside control (concurrentData)
     * do not count data readers at all: data only checks that no data is queued (queuedData, one acquire load), so
     * that a control item or teardown waiting in the queue does not push the node's traffic into the queue too;
     * such a type has declared that its data need not wait for its control. queuedData is reserved with a CAS
     * against the data limit before the item is offered (and given back if the offer fails), and lowered after the
     * item is polled, so one sender's later packets queue behind its earlier ones and data never takes the half of
     * the queue kept for control items.
     *
     * Queueing: the producer first offers the item to the MPSC queue (release store of the element), then raises
     * the queued count with a CAS that also claims SCHEDULED when nobody holds it. A worker that sees queued > 0
     * (acquire) therefore always finds at least that many items visible in the queue. The same producer thread's
     * later sends see queued > 0 and queue behind, so one sender's items keep their order.
     *
     * Leaving: a leaving reader or writer that makes the head runnable while nobody holds SCHEDULED claims it in the
     * same CAS and puts the node on the worklist. A worker holding SCHEDULED drains items while the head can run,
     * and clears SCHEDULED with a CAS against the snapshot on which it saw the head blocked or the queue empty.
     */
    static final long WRITER = 1L;
    static final long SCHEDULED = 2L;
    static final long READER = 4L;
    static final long READERS_MASK = 0xFFFF_FFFCL;
    static final long QUEUED_ONE = 1L << 32;

    private static final VarHandle STATE;
    private static final VarHandle QUEUED_DATA;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Gate.class, "state", long.class);
            QUEUED_DATA = MethodHandles.lookup().findVarHandle(Gate.class, "queuedData", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MpscVarHandleArrayQueue<Item> queue;
    private final int dataLimit;
    private final boolean concurrentData;

    @SuppressWarnings("unused")
    private volatile long state;

    @SuppressWarnings("unused")
    private volatile int queuedData;

    /**
     * A gate whose queue takes up to {@code queueLimit} data items; control items may use as much again, so that
     * a flood of data cannot keep a control message or a teardown out.
     */
    Gate(int queueLimit, boolean concurrentData) {
        this.dataLimit = Math.max(1, queueLimit);
        this.queue = new MpscVarHandleArrayQueue<>(Math.max(4, 2 * dataLimit));
        this.concurrentData = concurrentData;
    }

    static int queued(long state) {
        return (int) (state >>> 32);
    }

    static int readers(long state) {
        return (int) ((state & READERS_MASK) >>> 2);
    }

    boolean concurrentData() {
        return concurrentData;
    }

    long state() {
        return (long) STATE.getAcquire(this);
    }

    /** True when no data is queued, so a concurrent-data reader may run directly. */
    boolean noDataQueued() {
        return (int) QUEUED_DATA.getAcquire(this) == 0;
    }

    boolean tryEnterReader() {
        while (true) {
            long s = state;
            if ((s & WRITER) != 0 || queued(s) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s + READER)) {
                return true;
            }
        }
    }

    boolean tryEnterWriter() {
        while (true) {
            long s = state;
            if ((s & (WRITER | READERS_MASK)) != 0 || queued(s) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s | WRITER)) {
                return true;
            }
        }
    }

    /** Leaves a direct reader section; returns true when the caller must put the node on the worklist. */
    boolean exitReader() {
        return leave(READER, 0);
    }

    /** Leaves a direct writer section; returns true when the caller must put the node on the worklist. */
    boolean exitWriter() {
        return leave(0, WRITER);
    }

    private boolean leave(long readerDelta, long clearBits) {
        while (true) {
            long s = state;
            long next = (s - readerDelta) & ~clearBits;
            boolean schedule = (next & SCHEDULED) == 0 && queued(next) > 0;
            if (schedule) {
                next |= SCHEDULED;
            }
            if (STATE.compareAndSet(this, s, next)) {
                return schedule;
            }
        }
    }

    /**
     * Queues an item.
     *
     * @return -1 when the queue is full (nothing queued), 1 when the caller must put the node on the worklist, 0
     *     otherwise
     */
    int offer(Item item) {
        boolean data = item.isData();
        if (data && !reserveData()) {
            return -1;
        }
        if (!queue.relaxedOffer(item)) {
            if (data) {
                QUEUED_DATA.getAndAdd(this, -1);
            }
            return -1;
        }
        while (true) {
            long s = state;
            boolean schedule = (s & SCHEDULED) == 0;
            long next = (s + QUEUED_ONE) | SCHEDULED;
            if (STATE.compareAndSet(this, s, next)) {
                return schedule ? 1 : 0;
            }
        }
    }

    /**
     * Takes the head item if it can run now, entering the gate in its mode; the caller holds SCHEDULED. Returns
     * null and clears SCHEDULED when the queue is empty or the head is blocked.
     */
    Item pollRunnable() {
        while (true) {
            long s = state;
            if (queued(s) == 0) {
                if (STATE.compareAndSet(this, s, s & ~SCHEDULED)) {
                    return null;
                }
                continue;
            }
            Item head = queue.relaxedPeek();
            if (head == null) {
                // Another producer claimed an earlier slot and has not stored its element yet: it is about to.
                Thread.onSpinWait();
                continue;
            }
            long entered = enteredState(s, head);
            if (entered == 0) {
                if (STATE.compareAndSet(this, s, s & ~SCHEDULED)) {
                    return null;
                }
                continue;
            }
            if (STATE.compareAndSet(this, s, entered - QUEUED_ONE)) {
                return polled(queue.relaxedPoll());
            }
        }
    }

    /** Claims room for one more data item, atomically against the limit, so data never takes control's half. */
    private boolean reserveData() {
        while (true) {
            int queuedNow = queuedData;
            if (queuedNow >= dataLimit) {
                return false;
            }
            if (QUEUED_DATA.compareAndSet(this, queuedNow, queuedNow + 1)) {
                return true;
            }
        }
    }

    private Item polled(Item item) {
        if (item.isData()) {
            QUEUED_DATA.getAndAdd(this, -1);
        }
        return item;
    }

    /** The state after the head enters, or 0 when it cannot enter now. */
    private long enteredState(long s, Item head) {
        if (head.writer) {
            return (s & (WRITER | READERS_MASK)) == 0 ? s | WRITER : 0;
        }
        if (concurrentData && head.isData()) {
            return s;
        }
        return (s & WRITER) == 0 ? s + READER : 0;
    }

    /** Leaves the gate after running a polled item, without scheduling (the worker still holds SCHEDULED). */
    void exitPolled(Item item) {
        if (item.writer) {
            STATE.getAndBitwiseAnd(this, ~WRITER);
        } else if (!(concurrentData && item.isData())) {
            STATE.getAndAdd(this, -READER);
        }
    }

    /** Gives SCHEDULED back so that the node can be put on the worklist again, for fairness between nodes. */
    boolean yieldSchedule() {
        while (true) {
            long s = state;
            if (STATE.compareAndSet(this, s, s & ~SCHEDULED)) {
                return queued(s) > 0 && claimSchedule();
            }
        }
    }

    private boolean claimSchedule() {
        while (true) {
            long s = state;
            if ((s & SCHEDULED) != 0 || queued(s) == 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s | SCHEDULED)) {
                return true;
            }
        }
    }

    /** Removes and returns every queued item (shutdown flush); the caller runs the node's teardown as its writer. */
    Item pollAny() {
        while (true) {
            long s = state;
            if (queued(s) == 0) {
                return null;
            }
            if (queue.relaxedPeek() == null) {
                Thread.onSpinWait();
                continue;
            }
            if (STATE.compareAndSet(this, s, s - QUEUED_ONE)) {
                return polled(queue.relaxedPoll());
            }
        }
    }
}
