package org.jnetgraph;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;

/**
 * The worker threads that drain node queues (netgraph's ng_queue threads) and the worklist of nodes with work.
 */
final class WorkerPool {
    /*
     * Implementation notes.
     *
     * The worklist is a bounded lock-free MPMC queue of nodes; a node is on it at most once because putting it there
     * requires claiming its gate's SCHEDULED bit. Should more nodes than the worklist holds be scheduled at once, the
     * rest go to an unbounded overflow queue (allocates; never reached in practice).
     *
     * Idle workers park. A worker announces itself idle (volatile store to its flag), then polls the worklist once
     * more before parking; a producer offers first, then looks for an idle flag and unparks its owner. Either the
     * worker's second poll sees the offer or the producer sees the flag (both sides store, then load: the flag and
     * the queue indices are volatile). Parking is bounded anyway, as a safety net.
     */
    private static final int WORKLIST_CAPACITY = 1 << 16;
    private static final long PARK_NANOS = 50_000_000L;

    private final MpmcVarHandleArrayQueue<Node> worklist;
    private final ConcurrentLinkedQueue<Node> overflow = new ConcurrentLinkedQueue<>();
    private final Thread[] workers;
    private final AtomicIntegerArray idle;
    private final DataPath dataPath;
    private volatile boolean stopped;

    WorkerPool(String graphName, int count, DataPath dataPath) {
        this.dataPath = dataPath;
        this.worklist = new MpmcVarHandleArrayQueue<>(count == 0 ? 256 : WORKLIST_CAPACITY);
        this.workers = new Thread[count];
        this.idle = new AtomicIntegerArray(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            workers[i] = Thread.ofPlatform()
                    .daemon()
                    .name("ng_queue" + i + "-" + graphName)
                    .unstarted(() -> work(index));
        }
    }

    void start() {
        for (Thread worker : workers) {
            worker.start();
        }
    }

    /** Puts a node whose SCHEDULED bit the caller claimed on the worklist. Never blocks; does not allocate. */
    void schedule(Node node) {
        if (!worklist.relaxedOffer(node)) {
            overflow.add(node);
        }
        wakeOne();
    }

    /**
     * Drains every scheduled node on the calling thread, for a graph without worker threads (a deterministic
     * harness); returns whether anything was scheduled.
     */
    boolean runPending(ThreadContext context) {
        boolean any = false;
        Node node;
        while ((node = poll()) != null) {
            any = true;
            dataPath.drain(context, node);
        }
        return any;
    }

    boolean hasThreads() {
        return workers.length > 0;
    }

    boolean isWorker(Thread thread) {
        for (Thread worker : workers) {
            if (worker == thread) {
                return true;
            }
        }
        return false;
    }

    void stop() {
        stopped = true;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
        for (Thread worker : workers) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void wakeOne() {
        for (int i = 0; i < workers.length; i++) {
            if (idle.get(i) == 1 && idle.compareAndSet(i, 1, 0)) {
                LockSupport.unpark(workers[i]);
                return;
            }
        }
    }

    private Node poll() {
        Node node = worklist.relaxedPoll();
        return node != null ? node : overflow.poll();
    }

    private void work(int index) {
        ThreadContext context = dataPath.graph().context();
        while (!stopped) {
            Node node = poll();
            if (node != null) {
                drain(context, node);
                continue;
            }
            dataPath.graph().drainReports();
            idle.set(index, 1);
            node = poll();
            if (node == null) {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
            idle.set(index, 0);
            if (node != null) {
                drain(context, node);
            }
        }
    }

    /** Drains a node; whatever escapes (node type errors are contained further in) never ends the worker. */
    private void drain(ThreadContext context, Node node) {
        try {
            dataPath.drain(context, node);
        } catch (Throwable e) {
            dataPath.graph().reportError(node, e);
        }
    }
}
