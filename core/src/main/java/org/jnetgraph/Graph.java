package org.jnetgraph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One netgraph instance: its node types, nodes, names and IDs, worker threads, and the synchronization mode of its
 * data path. Java code takes part in a graph through a {@link Socket}, as user programs do through ng_socket.
 *
 * <p>Threading: every public method may be called from any thread. Methods that change or wait for the graph
 * ({@link #socket}, {@link #sync}, {@link #close}, type registration) are control-path calls: they may block and
 * must not be called inside rcvdata.
 */
public final class Graph implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Graph.class.getName());
    private static final AtomicInteger GRAPHS = new AtomicInteger();
    private static final int MAX_REPORTED = 1024;

    /** The largest per-node queue limit. */
    public static final int MAX_QUEUE_LIMIT = 1 << 20;

    /**
     * How a graph is built.
     *
     * @param mode the synchronization mode of the data path
     * @param workers the number of worker threads that drain node queues
     * @param queueLimit the most data items one node queues before it drops (netgraph's maxdata)
     * @param maxDepth how deep direct calls may nest in one thread before items are queued instead
     * @param stallThreshold how long an epoch section may stay open before it is reported as stalled
     * @param errorHandler receives exceptions thrown by node type code (first one per node and kind)
     */
    public record Options(
            SyncMode mode,
            int workers,
            int queueLimit,
            int maxDepth,
            Duration stallThreshold,
            BiConsumer<Node, Throwable> errorHandler) {
        /** Epoch mode, one worker per core, a queue limit of 4096, depth 32, a 1 s stall threshold. */
        public static Options defaults() {
            int cores = Runtime.getRuntime().availableProcessors();
            return new Options(SyncMode.EPOCH, cores, 4096, 32, Duration.ofSeconds(1), null);
        }

        /** These options with another synchronization mode. */
        public Options withMode(SyncMode newMode) {
            return new Options(newMode, workers, queueLimit, maxDepth, stallThreshold, errorHandler);
        }

        /** These options with another number of worker threads. */
        public Options withWorkers(int count) {
            return new Options(mode, count, queueLimit, maxDepth, stallThreshold, errorHandler);
        }

        /** These options with another per-node queue limit. */
        public Options withQueueLimit(int limit) {
            return new Options(mode, workers, limit, maxDepth, stallThreshold, errorHandler);
        }

        /** These options with another nesting limit for direct calls. */
        public Options withMaxDepth(int depth) {
            return new Options(mode, workers, queueLimit, depth, stallThreshold, errorHandler);
        }

        /** These options with another handler for exceptions thrown by node type code. */
        public Options withErrorHandler(BiConsumer<Node, Throwable> handler) {
            return new Options(mode, workers, queueLimit, maxDepth, stallThreshold, handler);
        }

        void validate() {
            if (mode == null || stallThreshold == null) {
                throw new IllegalArgumentException("graph options need a mode and a stall threshold: " + this);
            }
            if (workers < 0
                    || workers > 1024
                    || queueLimit < 1
                    || queueLimit > MAX_QUEUE_LIMIT
                    || maxDepth < 1
                    || stallThreshold.isNegative()) {
                throw new IllegalArgumentException("graph options out of range (workers 0..1024, queueLimit 1.."
                        + MAX_QUEUE_LIMIT + ", maxDepth >= 1, stallThreshold >= 0): " + this);
            }
        }
    }

    private final String name;
    private final Options options;
    private final TopologySync sync;
    private final DataPath dataPath;
    private final Control control;
    private final WorkerPool workers;
    private final PacketPool packets;
    private final Codec codec = new Codec(this);
    private final ThreadLocal<ThreadContext> contexts = ThreadLocal.withInitial(this::newContext);
    private final CopyOnWriteArrayList<NodeType> types = new CopyOnWriteArrayList<>();
    private final Map<Integer, Node> ids = new ConcurrentHashMap<>();
    private final Map<String, Node> names = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> typeCounts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> reported = new ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> pendingReports =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicLong errors = new AtomicLong();
    private final ReentrantLock typeLock = new ReentrantLock();
    private final SocketType socketType = new SocketType();
    private volatile boolean closed;

    private Graph(Options options, Function<Graph, TopologySync> syncFactory) {
        options.validate();
        this.name = Integer.toString(GRAPHS.incrementAndGet());
        this.options = options;
        this.packets = new PacketPool(options.queueLimit());
        boolean lockMode = options.mode() == SyncMode.LOCK;
        this.sync = syncFactory != null ? syncFactory.apply(this) : standardSync(lockMode);
        this.dataPath = new DataPath(this, sync, lockMode, options.maxDepth());
        this.control = new Control(this, sync);
        this.workers = new WorkerPool(name, options.workers(), dataPath);
        dataPath.attach(workers);
        control.attach(workers);
        registerBuiltinTypes();
        workers.start();
    }

    private TopologySync standardSync(boolean lockMode) {
        return lockMode ? new LockSync(this, name) : new EpochSync(this, name, options.stallThreshold());
    }

    /**
     * A graph with no thread of its own, for deterministic single-threaded harnesses and model checkers: queued items
     * and teardowns run only inside {@link #sync()}, on the calling thread.
     */
    static Graph createDeterministic(SyncMode mode) {
        Options options = Options.defaults().withMode(mode).withWorkers(0).withQueueLimit(16);
        return new Graph(
                options,
                graph -> mode == SyncMode.LOCK
                        ? new LockSync(graph, graph.name, true)
                        : new EpochSync(graph, graph.name, options.stallThreshold(), true));
    }

    /**
     * A graph whose topology synchronization is made by {@code syncFactory}: for tests that must show that the
     * checks catch a deliberately broken variant (for example teardown without a grace period).
     */
    static Graph createWith(Options options, Function<Graph, TopologySync> syncFactory) {
        return new Graph(options, syncFactory);
    }

    /** A graph in epoch mode with default options, holding every node type found on the class path. */
    public static Graph create() {
        return create(Options.defaults());
    }

    /** A graph built with the given options, holding every node type found on the class path. */
    public static Graph create(Options options) {
        return new Graph(options, null);
    }

    /** The synchronization mode of this graph's data path. */
    public SyncMode mode() {
        return options.mode();
    }

    /** The options the graph was built with. */
    public Options options() {
        return options;
    }

    // ---------------------------------------------------------------- endpoints

    /**
     * A new socket node, the endpoint through which the calling program sends and receives data and messages.
     *
     * @param nodeName the node's name, or null or empty for an unnamed socket
     * @throws NgException EINVAL for a bad name, EADDRINUSE when the name is taken
     */
    public Socket socket(String nodeName) {
        checkOpen();
        Node node = control.locked(() -> {
            Node created = createNode(socketType, socketType::newEndpoint);
            if (nodeName != null && !nodeName.isEmpty()) {
                try {
                    control.name(created, nodeName);
                } catch (NgException e) {
                    created.setState(Node.DEAD);
                    forget(created);
                    throw e;
                }
            }
            return created;
        });
        return new Socket(this, node, node.methods(SocketMethods.class));
    }

    /** A new unnamed socket node. */
    public Socket socket() {
        return socket(null);
    }

    // ---------------------------------------------------------------- types

    /** The registered node types, newest first (LISTTYPES order). */
    public List<NodeType> types() {
        return List.copyOf(types);
    }

    /**
     * Registers a node type.
     *
     * @throws NgException EINVAL for a bad type name, EEXIST when a type of that name exists
     */
    public void addType(NodeType type) {
        typeLock.lock();
        try {
            Names.checkTypeName(type.name());
            if (findType(type.name()) != null) {
                throw new NgException(Errno.EEXIST, "node type \"" + type.name() + "\" already exists");
            }
            types.add(0, type);
            typeCounts.put(type.name(), new AtomicInteger());
        } finally {
            typeLock.unlock();
        }
    }

    /**
     * Removes a node type.
     *
     * @throws NgException ENOENT when no such type exists, EBUSY while nodes of it exist
     */
    public void removeType(String typeName) {
        typeLock.lock();
        try {
            NodeType type = findType(typeName);
            if (type == null) {
                throw new NgException(Errno.ENOENT, "no node type \"" + typeName + "\"");
            }
            if (nodeCount(type) > 0) {
                throw new NgException(Errno.EBUSY, "node type \"" + typeName + "\" still has nodes");
            }
            types.remove(type);
            typeCounts.remove(typeName);
        } finally {
            typeLock.unlock();
        }
    }

    private void registerBuiltinTypes() {
        addType(socketType);
        List<NodeType> found = new ArrayList<>();
        ServiceLoader.load(NodeType.class, Graph.class.getClassLoader()).forEach(found::add);
        found.sort(Comparator.comparing(NodeType::name));
        for (NodeType type : found) {
            if (findType(type.name()) == null) {
                addType(type);
            }
        }
    }

    NodeType findType(String typeName) {
        for (NodeType type : types) {
            if (type.name().equals(typeName)) {
                return type;
            }
        }
        return null;
    }

    /** Nodes of this type that exist and have not finished shutting down. */
    int nodeCount(NodeType type) {
        AtomicInteger count = typeCounts.get(type.name());
        return count == null ? 0 : count.get();
    }

    // ---------------------------------------------------------------- nodes

    /**
     * The node at an absolute address ({@code name:}, {@code [id]:}, {@code name:hook.hook}).
     *
     * @throws NgException EINVAL for a malformed or relative address, ENOENT or ENXIO when there is no such node
     */
    public Node node(String address) {
        return control.locked(() -> control.resolve(null, address).node());
    }

    /** The valid nodes, in ascending ID order. Threading: any thread; a snapshot. */
    public List<Node> nodes() {
        List<Node> valid = new ArrayList<>();
        for (Node node : allNodes()) {
            if (node.isValid()) {
                valid.add(node);
            }
        }
        return valid;
    }

    /** Every node not yet removed (valid or shutting down), in ascending ID order. */
    List<Node> allNodes() {
        List<Node> all = new ArrayList<>(ids.values());
        all.sort(Comparator.comparingLong((Node node) -> Integer.toUnsignedLong(node.id())));
        return all;
    }

    Node createNode(NodeType type) {
        return createNode(type, type::constructor);
    }

    Node createNode(NodeType type, java.util.function.Function<Node, NodeMethods> constructor) {
        Node node = new Node(this, allocateId(), type, options.queueLimit());
        ids.put(node.id(), node);
        typeCounts.get(type.name()).incrementAndGet();
        try {
            node.methods = constructor.apply(node);
        } catch (NgException e) {
            node.setState(Node.DEAD);
            forget(node);
            throw e;
        } catch (Throwable e) {
            node.setState(Node.DEAD);
            forget(node);
            reportError(node, e);
            throw new NgException(Errno.EIO, "constructor of type \"" + type.name() + "\" failed: " + e, e);
        }
        return node;
    }

    private int allocateId() {
        while (true) {
            int id = nextId.incrementAndGet();
            if (id != 0 && !ids.containsKey(id)) {
                return id;
            }
        }
    }

    /** Removes a node that finished shutting down from the tables. */
    void forget(Node node) {
        if (ids.remove(node.id(), node)) {
            AtomicInteger count = typeCounts.get(node.type().name());
            if (count != null) {
                count.decrementAndGet();
            }
        }
        releaseName(node);
    }

    Node nodeById(int id) {
        Node node = ids.get(id);
        return node != null && node.isValid() ? node : null;
    }

    Node nodeByName(String nodeName) {
        Node node = names.get(nodeName);
        return node != null && node.isValid() ? node : null;
    }

    void rename(Node node, String newName) {
        releaseName(node);
        names.put(newName, node);
        node.setName(newName);
    }

    /** Frees the node's name for reuse; the node keeps showing it. */
    void releaseName(Node node) {
        if (!node.name().isEmpty()) {
            names.remove(node.name(), node);
        }
    }

    /** A revived node takes its name back unless another node took it meanwhile (then it becomes unnamed). */
    void reclaimName(Node node) {
        if (node.name().isEmpty()) {
            return;
        }
        Node holder = names.get(node.name());
        if (holder == null || holder == node || !holder.isValid()) {
            names.put(node.name(), node);
        } else {
            node.setName("");
        }
    }

    // ---------------------------------------------------------------- waiting and statistics

    /**
     * Waits until every teardown started so far (disconnect and shutdown methods, after their grace periods) and
     * every queued control item has run. Control path only; not inside rcvdata.
     */
    public void sync() {
        if (closed) {
            return;
        }
        control.checkCaller();
        control.checkNotHoldingLock("Graph.sync()");
        drainReports();
        Backoff backoff = new Backoff();
        while (true) {
            sync.barrier();
            if (options.workers() == 0) {
                workers.runPending(context());
            }
            if (control.outstanding() == 0 && sync.backlog() == 0) {
                sync.barrier();
                if (control.outstanding() == 0 && sync.backlog() == 0) {
                    return;
                }
            }
            backoff.pause();
        }
    }

    /**
     * Waits until every data-path section open at the call has ended: in epoch mode a grace period, in lock mode one
     * pass of the topology write lock. After a make-before-break switch (a node type's new configuration
     * published), it guarantees that no packet still travels by the old route, so the old link can go without loss.
     *
     * <p>Threading: control path, outside sections; blocks.
     */
    public void synchronize() {
        control.checkCaller();
        sync.synchronize();
    }

    /** Grace periods completed (epoch mode) or topology write-lock hand-overs (lock mode). */
    public long gracePeriods() {
        return sync.gracePeriods();
    }

    /** Teardowns waiting for their grace period. */
    public long teardownBacklog() {
        return sync.backlog();
    }

    /** The most teardowns that waited for their grace period at one time. */
    public long teardownBacklogHighWater() {
        return sync.backlogHighWater();
    }

    /**
     * Grace-period latencies as a log2 histogram: bucket 0 counts 0 ns, bucket k counts [2^(k-1), 2^k) ns. Empty in
     * lock mode, which has no grace periods.
     */
    public long[] graceLatencyHistogram() {
        return sync.graceLatencyHistogram();
    }

    /** Epoch sections reported as stalled. */
    public long stalledReaders() {
        return sync.stalledReaders();
    }

    /** Packets the pool had to create because it was empty; flat once the graph runs in steady state. */
    public long packetsCreated() {
        return packets.created();
    }

    /** Exceptions thrown by node type code and caught by the framework. */
    public long errors() {
        return errors.get();
    }

    /**
     * A packet from the pool for the calling thread to fill and send. Threading: any thread; does not allocate
     * while the pool has packets.
     */
    public Packet allocate() {
        ThreadContext context = context();
        return packets.allocate(context);
    }

    /**
     * Shuts the graph down: every node is shut down (so that types with threads or files of their own, such as
     * capture readers and writers, stop and close them), then the workers and the teardown thread stop. Idempotent.
     *
     * <p>Threading: control path, outside sections; blocks until the teardown has run.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        shutdownNodes();
        closed = true;
        workers.stop();
        sync.close();
    }

    private void shutdownNodes() {
        if (sync.inSection(context()) || control.isHeldByCurrentThread()) {
            return;
        }
        try {
            control.locked(() -> {
                nodes().forEach(control::rmnode);
                return null;
            });
            sync();
        } catch (RuntimeException e) {
            reportError(null, e);
        }
    }

    // ---------------------------------------------------------------- internals

    ThreadContext context() {
        ThreadContext context = contexts.get();
        return context;
    }

    private ThreadContext newContext() {
        Thread thread = Thread.currentThread();
        int stripe = Stripes.claim(thread);
        var reader = sync.reader();
        return new ThreadContext(this, thread, reader, stripe, stripe != Stripes.SHARED);
    }

    PacketPool packets() {
        return packets;
    }

    DataPath dataPath() {
        return dataPath;
    }

    Control control() {
        return control;
    }

    Codec codec() {
        return codec;
    }

    TopologySync topologySync() {
        return sync;
    }

    /**
     * Counts an exception from node type code. The first of each kind per node (up to {@link #MAX_REPORTED} in all)
     * is passed to the handler or logged, never on the data path: from inside a section it is queued and reported
     * later by a worker or by {@link #sync()}.
     */
    void reportError(Node node, Throwable error) {
        errors.incrementAndGet();
        String key = (node == null ? "graph" : Integer.toString(node.id())) + "/"
                + error.getClass().getName();
        if (reported.size() >= MAX_REPORTED || reported.putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        if (sync.inSection(context())) {
            pendingReports.add(() -> deliverReport(node, error));
        } else {
            deliverReport(node, error);
        }
    }

    /** Reports errors that data threads queued. Control path (workers between nodes, and sync()). */
    void drainReports() {
        Runnable report;
        while ((report = pendingReports.poll()) != null) {
            report.run();
        }
    }

    private void deliverReport(Node node, Throwable error) {
        try {
            if (options.errorHandler() != null) {
                options.errorHandler().accept(node, error);
                return;
            }
        } catch (RuntimeException handlerFailure) {
            error.addSuppressed(handlerFailure);
        }
        String where = node == null ? "graph " + name : node.toString();
        LOG.log(System.Logger.Level.WARNING, "node type code failed in " + where, error);
    }

    boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new NgException(Errno.ENXIO, "graph is closed");
        }
    }

    @Override
    public String toString() {
        return "Graph[" + name + ", " + options.mode() + ", " + ids.size() + " nodes]";
    }
}
