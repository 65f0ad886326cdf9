package org.jnetgraph;

/**
 * The methods of one node, as netgraph calls them. Every method has a default, as in netgraph where every method
 * is optional.
 *
 * <p>Threading contract, kept by the framework: {@link #rcvdata} runs inside an epoch section and may run on several
 * threads at once (unless the type or hook forces writer mode); it must not block, sleep or wait for the graph. All
 * other methods run on the control path, one at a time per graph, outside epoch sections; they may allocate but
 * should not block for long. Unless the type declares {@link NodeType#dataConcurrentWithControl()}, control methods
 * never run while this node's rcvdata runs. Once {@link #shutdown()} starts, no rcvdata or rcvmsg of this node is
 * running or will run; once {@link #disconnect(Hook)} starts, nothing is being or will be delivered through that
 * hook.
 */
public interface NodeMethods {
    /**
     * The name a hook requested as {@code requested} gets on this node, before anything else about it is checked:
     * a type may complete a bare name (bridge: {@code link} becomes the lowest free {@code linkN}). Control
     * methods run one at a time per graph, so two requests never get the same answer. The default keeps the name.
     */
    default String hookName(String requested) {
        return requested;
    }

    /**
     * A hook is being added to this node; the hook is not usable yet.
     *
     * @throws NgException to refuse the hook (typically EINVAL for an unknown name, EISCONN when taken)
     */
    default void newhook(Hook hook, String name) {}

    /**
     * Both hooks of the new link exist; last chance to refuse.
     *
     * @throws NgException to refuse; both hooks are then removed
     */
    default void connect(Hook hook) {}

    /**
     * A packet arrived on {@code hook}. The method owns the packet: it must send it on or free it.
     *
     * @return {@link Errno#OK}, or the error to report to a sender whose call reached here directly
     */
    default Errno rcvdata(Hook hook, Packet packet) {
        packet.free();
        return Errno.OK;
    }

    /**
     * A control message that the framework does not handle itself arrived. {@code lasthook} is the hook it came
     * through, or null when it was addressed by name or ID.
     *
     * <p>The default is netgraph's behaviour for a type without an rcvmsg method: a text status or text config
     * request fails with EINVAL, any other message is dropped with success.
     *
     * @return the reply's argument message (see {@link Message#reply(byte[])}), or null for no reply
     * @throws NgException with the error for the sender; EINVAL for an unknown cookie or command
     */
    default Message rcvmsg(Message message, Hook lasthook) {
        boolean text = message.typecookie() == Generic.COOKIE
                && (message.cmd() == Generic.TEXT_STATUS || message.cmd() == Generic.TEXT_CONFIG);
        if (text) {
            throw new NgException(Errno.EINVAL, "node type has no " + message.cmdstr());
        }
        return null;
    }

    /** The node is shutting down and its hooks are still connected (netgraph's close). */
    default void close() {}

    /**
     * The node's hooks are gone and its queue flushed. A persistent type may call {@link Node#revive()} here to
     * survive; otherwise the node is removed when this returns.
     */
    default void shutdown() {}

    /** A hook of this node was removed (by either end). Types that die with their last hook call
     *  {@link Node#rmnodeSelf()} here when {@link Node#numHooks()} is 0. */
    default void disconnect(Hook hook) {}
}
