package org.jnetgraph;

/**
 * The {@code socket} node type: the endpoint through which a Java program takes part in a graph, as user programs
 * do through ng_socket. Socket nodes are made by {@link Graph#socket}, never by mkpeer.
 *
 * <p>Threading: immutable; any thread.
 */
final class SocketType implements NodeType {
    /** NGM_SOCKET_COOKIE. */
    static final int COOKIE = 851601233;
    /** NGM_SOCK_CMD_NOLINGER: shut down when the last hook goes. */
    static final int NOLINGER = 1;
    /** NGM_SOCK_CMD_LINGER: stay with no hooks (the default). */
    static final int LINGER = 2;

    @Override
    public String name() {
        return "socket";
    }

    @Override
    public int cookie() {
        return COOKIE;
    }

    @Override
    public boolean dataConcurrentWithControl() {
        return true;
    }

    @Override
    public NodeMethods constructor(Node node) {
        throw new NgException(Errno.EINVAL, "socket nodes cannot be made with mkpeer; open a socket instead");
    }

    NodeMethods newEndpoint(Node node) {
        return new SocketMethods(node);
    }
}
