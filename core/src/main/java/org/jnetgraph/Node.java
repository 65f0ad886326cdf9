package org.jnetgraph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * A node of a graph: a 32-bit ID, an optional name, a type, its hooks, and the methods its type gave it.
 */
public final class Node {
    /*
     * Implementation notes.
     *
     * state moves VALID -> CLOSING -> DEAD (or back to VALID when a persistent type revives in its shutdown
     * method). The control path writes it under the graph's control lock; the data path reads it with an acquire
     * load after loading the arrival hook's state, within one epoch section. CLOSING is set before any hook of the
     * node is unlinked, so a sender that finds the node CLOSING drops, and one that found it VALID did so inside a
     * section that the grace period before shutdown waits for.
     *
     * hooks is a copy-on-write array, newest first (LISTHOOKS order), written only by the control path and read by
     * lookups with a volatile load. It holds VALID hooks and hooks being built or removed (which still count in
     * NODEINFO's hooks, as in netgraph) until their disconnect method has run.
     */
    static final int VALID = 0;
    static final int CLOSING = 1;
    static final int DEAD = 2;

    /** NG_NODESIZ - 1: the longest node name. */
    public static final int MAX_NAME = 31;
    /** NG_HOOKSIZ - 1: the longest hook name. */
    public static final int MAX_HOOK_NAME = 31;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Node.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Graph graph;
    private final int id;
    private final NodeType type;
    private final StripedCounters drops;
    final Gate gate;

    NodeMethods methods;
    volatile boolean forceWriter;
    volatile boolean reallyDie;
    volatile boolean revived;
    volatile boolean closing;

    @SuppressWarnings("unused")
    private volatile int state;

    private volatile String name = "";
    private volatile Hook[] hooks = new Hook[0];

    Node(Graph graph, int id, NodeType type, int queueLimit) {
        this.graph = graph;
        this.id = id;
        this.type = type;
        this.drops = new StripedCounters();
        this.gate = new Gate(queueLimit, type.dataConcurrentWithControl());
    }

    /** The node's ID: unique among live nodes, never 0. Threading: any thread. */
    public int id() {
        return id;
    }

    /** The ID as netgraph addresses it: {@code [1f]:}. */
    public String address() {
        return "[" + Integer.toHexString(id) + "]:";
    }

    /** The node's name, or the empty string for an unnamed node. Threading: any thread. */
    public String name() {
        return name;
    }

    /** The node's type. */
    public NodeType type() {
        return type;
    }

    /** The graph the node belongs to. */
    public Graph graph() {
        return graph;
    }

    /** Whether the node is alive and addressable (not shutting down). Threading: any thread. */
    public boolean isValid() {
        return (int) STATE.getAcquire(this) == VALID;
    }

    /**
     * The number of hooks on the node, counting hooks still being built or removed (netgraph's numhooks).
     * Threading: any thread.
     */
    public int numHooks() {
        return hooks.length;
    }

    /** The valid hooks, newest first. Threading: any thread; a snapshot. */
    public List<Hook> hooks() {
        List<Hook> valid = new ArrayList<>();
        for (Hook hook : hooks) {
            if (hook.isValid()) {
                valid.add(hook);
            }
        }
        return valid;
    }

    /** The valid hook with this name, or null. Threading: any thread. */
    public Hook hook(String hookName) {
        for (Hook hook : hooks) {
            if (hook.name().equals(hookName) && hook.isValid()) {
                return hook;
            }
        }
        return null;
    }

    /** The methods the node's type gave it, cast to the type's class; for the type's own code and tests. */
    public <T extends NodeMethods> T methods(Class<T> kind) {
        return kind.cast(methods);
    }

    /**
     * NGF_FORCE_WRITER: every item delivered to this node runs as the node's writer.
     *
     * <p>Threading: the node's constructor or control methods.
     */
    public void setForceWriter(boolean force) {
        this.forceWriter = force;
    }

    /**
     * Asks for this node's own shutdown (netgraph's ng_rmnode_self): the node becomes invalid at once and shuts
     * down on the control path. Does nothing when a shutdown is already under way.
     *
     * <p>Threading: any thread, including inside rcvdata; never blocks.
     */
    public void rmnodeSelf() {
        graph.control().rmnodeSelf(this);
    }

    /**
     * Splices the peers of two hooks of this node to each other and removes the two hooks (netgraph's ng_bypass),
     * so that the node can leave a chain without breaking it. Used from a type's close method.
     *
     * <p>Threading: this node's control methods only.
     *
     * @throws NgException EINVAL when a hook is not a valid hook of this node
     */
    public void bypass(Hook first, Hook second) {
        if (!graph.control().isHeldByCurrentThread()) {
            throw new IllegalStateException("bypass is a control-path call (a node type's close or rcvmsg)");
        }
        graph.control().bypass(this, first, second);
    }

    /**
     * Called by a persistent type from its {@link NodeMethods#shutdown()} to survive the shutdown: the node keeps
     * its ID and (if still free) its name, with no hooks. Ignored when the node must really die.
     */
    public void revive() {
        if (!reallyDie) {
            revived = true;
        }
    }

    /** Data packets and control items dropped at this node for {@code reason}. Threading: any thread. */
    public long drops(DropReason reason) {
        return drops.sum(reason.ordinal());
    }

    void countDrop(ThreadContext context, DropReason reason) {
        drops.add(context, reason.ordinal(), 1);
    }

    int stateAcquire() {
        return (int) STATE.getAcquire(this);
    }

    boolean transition(int from, int to) {
        return STATE.compareAndSet(this, from, to);
    }

    void setState(int newState) {
        STATE.setRelease(this, newState);
    }

    void setName(String newName) {
        this.name = newName;
    }

    Hook[] hookArray() {
        return hooks;
    }

    void addHook(Hook hook) {
        Hook[] old = hooks;
        Hook[] next = new Hook[old.length + 1];
        next[0] = hook;
        System.arraycopy(old, 0, next, 1, old.length);
        hooks = next;
    }

    void removeHook(Hook hook) {
        Hook[] old = hooks;
        for (int i = 0; i < old.length; i++) {
            if (old[i] == hook) {
                Hook[] next = new Hook[old.length - 1];
                System.arraycopy(old, 0, next, 0, i);
                System.arraycopy(old, i + 1, next, i, old.length - i - 1);
                hooks = next;
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "Node[" + (name.isEmpty() ? "<unnamed>" : name) + " " + type.name() + " " + address() + "]";
    }
}
