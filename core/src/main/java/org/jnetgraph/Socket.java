package org.jnetgraph;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Java program's endpoint in a graph: a socket node, as ng_socket gives user programs. Through it a program sends
 * control messages to any node by path (waiting, like {@code sendto} on a netgraph control socket, until the target
 * applied them), receives replies and other messages, and sends and receives data on the socket node's hooks.
 *
 * <p>Threading: any thread. Control methods block until the graph answered and must not be called inside rcvdata
 * or a data handler; data methods never block except {@link #receiveData}.
 */
public final class Socket implements AutoCloseable {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    /**
     * A control message received by a socket, with the node it came from.
     *
     * @param message the message
     * @param sourceId the ID of the node that sent it (for a reply: the node that answered)
     */
    public record Received(Message message, int sourceId) {
        /** The sender's address as netgraph prints it: {@code [1f]:}. */
        public String source() {
            return "[" + Integer.toHexString(sourceId) + "]:";
        }
    }

    /** Receives data arriving on a socket's hooks, inside the data path: must not block, owns the packet. */
    @FunctionalInterface
    public interface DataHandler {
        /** A packet arrived on {@code hook}; the handler must free it or send it on. */
        void onData(Hook hook, Packet packet);
    }

    private final Graph graph;
    private final Node node;
    private final SocketMethods methods;
    private final AtomicInteger tokens = new AtomicInteger();

    Socket(Graph graph, Node node, SocketMethods methods) {
        this.graph = graph;
        this.node = node;
        this.methods = methods;
    }

    /** The socket's node. */
    public Node node() {
        return node;
    }

    /** The graph the socket belongs to. */
    public Graph graph() {
        return graph;
    }

    // ---------------------------------------------------------------- control

    /**
     * MKPEER: creates a node of {@code type} and links hook {@code ourhook} of the node at {@code path} to its hook
     * {@code peerhook}.
     *
     * @throws NgException ENXIO unknown type, EEXIST hook taken, EINVAL bad name, or the node type's refusal
     */
    public void mkpeer(String path, String type, String ourhook, String peerhook) {
        Names.checkText("type name", type, NodeType.MAX_NAME);
        Names.checkText("hook name", ourhook, Node.MAX_HOOK_NAME);
        Names.checkText("hook name", peerhook, Node.MAX_HOOK_NAME);
        send(path, Generic.mkpeerRequest(type, ourhook, peerhook));
    }

    /**
     * CONNECT: links hook {@code ourhook} of the node at {@code path} to hook {@code peerhook} of the node at
     * {@code relpath} (relative to {@code path} unless absolute).
     */
    public void connect(String path, String relpath, String ourhook, String peerhook) {
        Names.checkText("path", relpath, Path.MAX_LENGTH);
        Names.checkText("hook name", ourhook, Node.MAX_HOOK_NAME);
        Names.checkText("hook name", peerhook, Node.MAX_HOOK_NAME);
        send(path, Generic.connectRequest(relpath, ourhook, peerhook));
    }

    /** NAME: names the node at {@code path}. */
    public void name(String path, String name) {
        Names.checkText("node name", name, Node.MAX_NAME);
        send(path, Generic.nameRequest(name));
    }

    /** RMHOOK: removes hook {@code hook} of the node at {@code path} (and its peer); a missing hook is no error. */
    public void rmhook(String path, String hook) {
        Names.checkText("hook name", hook, Node.MAX_HOOK_NAME);
        send(path, Generic.rmhookRequest(hook));
    }

    /** SHUTDOWN: shuts down the node at {@code path}. */
    public void shutdown(String path) {
        send(path, Message.request(Generic.COOKIE, Generic.SHUTDOWN, "shutdown"));
    }

    /**
     * Sends a message to the node at {@code path} with a fresh token and waits until the node applied it. A reply,
     * if any, arrives later ({@link #receiveMessage}); use {@link #request} to wait for it.
     *
     * @return the token the message was sent with
     * @throws NgException the path's error or the handler's
     */
    public int send(String path, Message message) {
        checkControlCaller(path, message);
        Message stamped = message.withToken(nextToken());
        graph.control().request(node, path, stamped);
        return stamped.token();
    }

    /**
     * Sends a message and waits for its reply (matched by token).
     *
     * @throws NgException the path's or handler's error; ETIMEDOUT when no reply came within 30 s
     */
    public Received request(String path, Message message) {
        checkControlCaller(path, message);
        Message stamped = message.withToken(nextToken());
        CompletableFuture<Received> reply = methods.expectReply(stamped.token());
        try {
            graph.control().request(node, path, stamped);
            return reply.get(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NgException(Errno.ETIMEDOUT, "no reply to " + message.cmdstr() + " from \"" + path + "\"");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NgException(Errno.EINTR, "interrupted waiting for a reply from \"" + path + "\"");
        } catch (ExecutionException e) {
            throw new NgException(Errno.EIO, "reply failed: " + e.getCause(), e.getCause());
        } finally {
            methods.forget(stamped.token());
        }
    }

    /** The next message that no {@link #request} was waiting for, or null after {@code timeout}. */
    public Received receiveMessage(Duration timeout) {
        try {
            return methods.pollMessage(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    // ---------------------------------------------------------------- data

    /**
     * Sends bytes out of the socket's hook {@code hook}.
     *
     * <p>The empty hook name means the socket's only hook (EDESTADDRREQ when it has none or several), as on
     * ng_socket.
     *
     * @return OK; EHOSTUNREACH when the socket has no such hook; EINVAL for a missing or over-long hook name or
     *     missing data; ENOTCONN when the socket or the graph was closed; else the hop's error (ENETDOWN when the
     *     hook's link is being removed)
     */
    public Errno sendData(String hook, byte[] data) {
        if (data == null) {
            return Errno.EINVAL;
        }
        Packet packet = graph.allocate();
        packet.setData(data, 0, data.length);
        return sendData(hook, packet);
    }

    /** Sends a packet (from {@link Graph#allocate()}) out of hook {@code hook}; hands the packet over. */
    public Errno sendData(String hook, Packet packet) {
        Errno refused = refusal(hook);
        if (refused != Errno.OK) {
            packet.free();
            return refused;
        }
        Hook out = hook.isEmpty() ? onlyHook() : node.hook(hook);
        if (out == null) {
            packet.free();
            return hook.isEmpty() ? Errno.EDESTADDRREQ : Errno.EHOSTUNREACH;
        }
        return out.send(packet);
    }

    /** Why a send on this socket cannot even start, as ng_socket answers: ENOTCONN, EINVAL; else OK. */
    private Errno refusal(String hook) {
        if (methods.isShut() || !node.isValid() || graph.isClosed()) {
            return Errno.ENOTCONN;
        }
        return hook == null || hook.length() > Node.MAX_HOOK_NAME ? Errno.EINVAL : Errno.OK;
    }

    /** The empty address names the socket's hook when it has exactly one, as on ng_socket. */
    private Hook onlyHook() {
        java.util.List<Hook> hooks = node.hooks();
        return hooks.size() == 1 ? hooks.get(0) : null;
    }

    /**
     * The next packet that arrived on any hook of this socket, or null after {@code timeout}; see
     * {@link Packet#receivedOn()} for its hook. The caller owns the packet and frees it.
     */
    public Packet receiveData(Duration timeout) {
        try {
            return methods.pollData(timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Delivers arriving data to {@code handler} instead of the queue; null goes back to the queue. */
    public void onData(DataHandler handler) {
        methods.setHandler(handler);
    }

    /** Shuts the socket node down (its links go with it). */
    @Override
    public void close() {
        if (node.isValid() && !graph.isClosed()) {
            graph.control().locked(() -> {
                graph.control().rmnode(node);
                return null;
            });
        }
    }

    /** Tokens count from 1 per socket, as libnetgraph's do per process, wrapping back to 1. */
    private int nextToken() {
        return tokens.updateAndGet(token -> token == Integer.MAX_VALUE ? 1 : token + 1);
    }

    private void checkControlCaller(String path, Message message) {
        graph.control().checkCaller();
        graph.control().checkNotHoldingLock("Socket.send and Socket.request");
        Names.checkText("path", path, Path.MAX_LENGTH);
        if (message == null) {
            throw new NgException(Errno.EINVAL, "message is missing (null)");
        }
        if (!node.isValid()) {
            throw new NgException(Errno.ENOTCONN, "socket " + node.address() + " is closed");
        }
    }
}
