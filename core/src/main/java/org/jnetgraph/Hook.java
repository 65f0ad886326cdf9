package org.jnetgraph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One end of a link between two nodes. Hooks exist in connected pairs; {@link #send(Packet)} delivers a packet to
 * the node at the other end, as a direct call when it can.
 */
public final class Hook {
    /*
     * Implementation notes.
     *
     * state moves NEW -> VALID -> DYING -> DEAD, and NEW -> DEAD for a link refused while being built; only the
     * control path writes it, under the graph's control lock, and every change is a CAS so that a link is divorced
     * exactly once. peer is written by the control path only: set while NEW, before the release store that makes
     * the hook VALID, and replaced by DEAD_HOOK after the hook became DYING. The data path reads peer with an acquire
     * load, then the peer's state with an acquire load: a peer seen VALID was fully built (its node, name and
     * counters are final fields or were written before the release that made it VALID). A reader that loaded the
     * old peer just before the unlink can still deliver through it; that is why teardown (disconnect) runs only after
     * a grace period: every section that could have loaded the old peer has ended by then.
     *
     * Counters are striped per thread (StripedCounters), never a shared atomic.
     */
    static final int NEW = 0;
    static final int VALID = 1;
    static final int DYING = 2;
    static final int DEAD = 3;

    static final int IN_PACKETS = 0;
    static final int IN_OCTETS = 1;
    static final int OUT_PACKETS = 2;
    static final int OUT_OCTETS = 3;

    /** The end every unlinked hook points at, so that the data path never meets null. */
    static final Hook DEAD_HOOK = new Hook();

    private static final VarHandle STATE;
    private static final VarHandle PEER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Hook.class, "state", int.class);
            PEER = lookup.findVarHandle(Hook.class, "peer", Hook.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final Node node;
    private final StripedCounters counters;

    @SuppressWarnings("unused")
    private volatile int state;

    @SuppressWarnings("unused")
    private volatile Hook peer;

    volatile boolean queueItems;
    volatile boolean forceWriter;
    private volatile Object attachment;

    Hook(String name, Node node) {
        this.name = name;
        this.node = node;
        this.counters = new StripedCounters();
        this.peer = DEAD_HOOK;
    }

    private Hook() {
        this.name = "";
        this.node = null;
        this.counters = null;
        this.state = DEAD;
        this.peer = this;
    }

    /** The hook's name, unique among the valid hooks of its node. Threading: any thread. */
    public String name() {
        return name;
    }

    /** The node this hook belongs to. Threading: any thread. */
    public Node node() {
        return node;
    }

    /**
     * The other end of the link, or null when this hook is not (or no longer) connected.
     *
     * <p>Threading: any thread; the answer may be stale by the time it is used.
     */
    public Hook peer() {
        Hook other = (Hook) PEER.getAcquire(this);
        return other == DEAD_HOOK ? null : other;
    }

    /** Whether the hook is connected and usable (not being built and not being removed). Threading: any thread. */
    public boolean isValid() {
        return (int) STATE.getAcquire(this) == VALID;
    }

    /**
     * Whether a packet sent now would get across: this hook and its peer are both valid. The two ends of a new link
     * become valid one after the other, and a removed link's ends one after the other too; node types that choose
     * among several hooks skip those that are not linked. Threading: any thread; two acquire loads, no allocation.
     */
    public boolean isLinked() {
        return isValid() && peerAcquire().stateAcquire() == VALID;
    }

    /**
     * Sends a data packet to the node at the other end. Hands the packet over in every case: on failure it is freed
     * and the drop is counted.
     *
     * <p>Threading: any thread that owns the packet; typically a node's rcvdata. Never blocks, locks (epoch mode) or
     * allocates. Runs the peer's rcvdata in the calling thread when the peer can take it now; otherwise queues it.
     *
     * @return {@link Errno#OK} when delivered or queued; {@link Errno#ENETDOWN} when this hook is not connected;
     *     {@link Errno#ENOBUFS} when the peer's queue is full; or the error the peer's rcvdata returned
     */
    public Errno send(Packet packet) {
        Graph graph = node.graph();
        ThreadContext context = packet.currentOwner();
        if (context.graph != graph) {
            context = graph.context();
            packet.owner = context;
        }
        return graph.dataPath().send(context, this, packet);
    }

    /**
     * Sends a control message to the node at the other end, which sees this link's peer hook as lasthook.
     *
     * <p>Threading: the control path (a node's rcvmsg or other control method); does not wait when the peer is
     * busy.
     *
     * @throws NgException ENETDOWN when the hook is not connected, or the receiving handler's error when it ran
     *     directly
     */
    public void sendMessage(Message message) {
        node.graph().control().sendViaHook(this, message, node.id());
    }

    /** HK_QUEUE: items arriving on this hook always go through the node's queue, never run in the sender's thread. */
    public void setQueueItems(boolean queue) {
        this.queueItems = queue;
    }

    /** HK_FORCE_WRITER: items arriving on this hook run as the node's writer. */
    public void setForceWriter(boolean force) {
        this.forceWriter = force;
    }

    /** Per-hook data of the node type (netgraph's hook private). Threading: any thread (volatile). */
    public Object attachment() {
        return attachment;
    }

    /** Sets the per-hook data of the node type. */
    public void attach(Object value) {
        this.attachment = value;
    }

    /** Packets that arrived on this hook. Threading: any thread; a sum over stripes. */
    public long inPackets() {
        return counters.sum(IN_PACKETS);
    }

    /** Octets that arrived on this hook. */
    public long inOctets() {
        return counters.sum(IN_OCTETS);
    }

    /** Packets sent out through this hook (counted when handed to the peer, queued or not). */
    public long outPackets() {
        return counters.sum(OUT_PACKETS);
    }

    /** Octets sent out through this hook. */
    public long outOctets() {
        return counters.sum(OUT_OCTETS);
    }

    void countIn(ThreadContext context, int octets) {
        counters.add(context, IN_PACKETS, 1);
        counters.add(context, IN_OCTETS, octets);
    }

    void countOut(ThreadContext context, int octets) {
        counters.add(context, OUT_PACKETS, 1);
        counters.add(context, OUT_OCTETS, octets);
    }

    Hook peerAcquire() {
        return (Hook) PEER.getAcquire(this);
    }

    int stateAcquire() {
        return (int) STATE.getAcquire(this);
    }

    void linkPeer(Hook other) {
        PEER.setRelease(this, other);
    }

    void unlinkPeer() {
        PEER.setRelease(this, DEAD_HOOK);
    }

    boolean transition(int from, int to) {
        return STATE.compareAndSet(this, from, to);
    }

    /** NEW -> VALID with release semantics: everything written to the hook before is visible to a reader. */
    void publish() {
        STATE.setRelease(this, VALID);
    }

    @Override
    public String toString() {
        return node == null ? "Hook[dead]" : "Hook[" + name + " on [" + Integer.toHexString(node.id()) + "]]";
    }
}
