package org.jnetgraph;

/**
 * How a packet crosses a hop: address the peer through the hook, then run the peer's rcvdata in the sending thread
 * or queue it, and how a worker runs what was queued.
 *
 * <p>Threading: {@link #send} is called by the thread owning the packet; {@link #drain} by worker threads. Neither
 * locks in epoch mode, blocks, logs or allocates.
 */
final class DataPath {
    private final Graph graph;
    private final TopologySync sync;
    private final boolean lockMode;
    private final int maxDepth;
    private WorkerPool workers;

    DataPath(Graph graph, TopologySync sync, boolean lockMode, int maxDepth) {
        this.graph = graph;
        this.sync = sync;
        this.lockMode = lockMode;
        this.maxDepth = maxDepth;
    }

    void attach(WorkerPool pool) {
        this.workers = pool;
    }

    Graph graph() {
        return graph;
    }

    /** Sends through {@code hook}; opens a section when the caller is not in one (and, in lock mode, per hop). */
    Errno send(ThreadContext context, Hook hook, Packet packet) {
        if (lockMode || !sync.inSection(context)) {
            sync.enter(context);
            try {
                return forward(context, hook, packet);
            } finally {
                sync.exit(context);
            }
        }
        return forward(context, hook, packet);
    }

    private Errno forward(ThreadContext context, Hook hook, Packet packet) {
        Hook peer = hook.peerAcquire();
        if (peer.stateAcquire() != Hook.VALID) {
            return drop(context, hook.node(), packet, DropReason.NOT_CONNECTED);
        }
        Node destination = peer.node();
        if (destination.stateAcquire() != Node.VALID) {
            return drop(context, hook.node(), packet, DropReason.NOT_CONNECTED);
        }
        hook.countOut(context, packet.length());
        return deliver(context, destination, peer, packet);
    }

    private Errno deliver(ThreadContext context, Node node, Hook arrival, Packet packet) {
        boolean writer = node.forceWriter || arrival.forceWriter;
        if (context.depth >= maxDepth || arrival.queueItems) {
            return enqueue(context, node, arrival, packet, writer);
        }
        Gate gate = node.gate;
        if (gate.concurrentData() && !writer) {
            return gate.noDataQueued()
                    ? invoke(context, node, arrival, packet)
                    : enqueue(context, node, arrival, packet, false);
        }
        return deliverGated(context, node, arrival, packet, writer);
    }

    /** Enters the node's gate as a reader (or writer) and runs rcvdata, or queues the packet when it cannot. */
    private Errno deliverGated(ThreadContext context, Node node, Hook arrival, Packet packet, boolean writer) {
        Gate gate = node.gate;
        if (!(writer ? gate.tryEnterWriter() : gate.tryEnterReader())) {
            return enqueue(context, node, arrival, packet, writer);
        }
        try {
            return invoke(context, node, arrival, packet);
        } finally {
            if (writer ? gate.exitWriter() : gate.exitReader()) {
                workers.schedule(node);
            }
        }
    }

    private Errno invoke(ThreadContext context, Node node, Hook arrival, Packet packet) {
        arrival.countIn(context, packet.length());
        context.depth++;
        try {
            return node.methods.rcvdata(arrival, packet);
        } catch (Throwable e) {
            node.countDrop(context, DropReason.HANDLER_ERROR);
            graph.reportError(node, e);
            return DropReason.HANDLER_ERROR.errno();
        } finally {
            context.depth--;
        }
    }

    private Errno enqueue(ThreadContext context, Node node, Hook arrival, Packet packet, boolean writer) {
        packet.arrival = arrival;
        packet.writer = writer;
        int result = node.gate.offer(packet);
        if (result < 0) {
            packet.arrival = null;
            return drop(context, node, packet, DropReason.QUEUE_FULL);
        }
        if (result > 0) {
            workers.schedule(node);
        }
        return Errno.OK;
    }

    private Errno drop(ThreadContext context, Node where, Packet packet, DropReason reason) {
        where.countDrop(context, reason);
        packet.free();
        return reason.errno();
    }

    /** Runs what a node has queued while its head can run, then gives the node back. Worker threads only. */
    void drain(ThreadContext context, Node node) {
        for (int budget = 64; budget > 0; budget--) {
            Item item = node.gate.pollRunnable();
            if (item == null) {
                return;
            }
            try {
                run(context, node, item);
            } finally {
                node.gate.exitPolled(item);
            }
        }
        if (node.gate.yieldSchedule()) {
            workers.schedule(node);
        }
    }

    private void run(ThreadContext context, Node node, Item item) {
        if (item instanceof Packet packet) {
            runQueuedData(context, node, packet);
        } else {
            graph.control().runQueued(node, (ControlItem) item);
        }
    }

    private void runQueuedData(ThreadContext context, Node node, Packet packet) {
        packet.owner = context;
        Hook arrival = packet.arrival;
        packet.arrival = null;
        sync.enter(context);
        try {
            if (node.stateAcquire() != Node.VALID) {
                drop(context, node, packet, DropReason.NODE_GONE);
            } else if (arrival.stateAcquire() != Hook.VALID) {
                drop(context, node, packet, DropReason.HOOK_GONE);
            } else {
                invoke(context, node, arrival, packet);
            }
        } finally {
            sync.exit(context);
        }
    }

    /** Drops a queued data item during a shutdown flush. */
    void flush(ThreadContext context, Node node, Packet packet) {
        packet.owner = context;
        packet.arrival = null;
        drop(context, node, packet, DropReason.NODE_GONE);
    }
}
