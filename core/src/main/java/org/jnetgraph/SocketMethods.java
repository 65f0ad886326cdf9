package org.jnetgraph;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.varhandle.MpscVarHandleArrayQueue;

/**
 * The methods of a socket node: data arriving on any hook goes to the owner's handler or to a bounded queue;
 * control messages go to the replies the owner waits for, or to a bounded message queue.
 *
 * <p>Threading: rcvdata inside sections on any thread (never blocks); the rest on the control path; the owner's
 * receive calls on any thread outside sections.
 */
final class SocketMethods implements Endpoint {
    static final int DATA_QUEUE = 4096;
    static final int MESSAGE_QUEUE = 1024;

    private final Node node;
    private final MpscVarHandleArrayQueue<Packet> data = new MpscVarHandleArrayQueue<>(DATA_QUEUE);
    private final LinkedBlockingQueue<Socket.Received> messages = new LinkedBlockingQueue<>(MESSAGE_QUEUE);
    private final Map<Integer, CompletableFuture<Socket.Received>> awaited = new ConcurrentHashMap<>();
    private volatile Socket.DataHandler handler;
    private volatile boolean nolinger;
    private volatile boolean shut;

    SocketMethods(Node node) {
        this.node = node;
    }

    void setHandler(Socket.DataHandler dataHandler) {
        this.handler = dataHandler;
    }

    boolean isShut() {
        return shut;
    }

    @Override
    public Errno rcvdata(Hook hook, Packet packet) {
        Socket.DataHandler current = handler;
        if (current != null) {
            current.onData(hook, packet);
            return Errno.OK;
        }
        packet.receivedOn = hook;
        if (!data.relaxedOffer(packet)) {
            node.countDrop(packet.currentOwner(), DropReason.QUEUE_FULL);
            packet.free();
            return Errno.ENOBUFS;
        }
        return Errno.OK;
    }

    Packet pollData(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        Backoff backoff = new Backoff();
        while (true) {
            Packet packet = data.relaxedPoll();
            if (packet != null || System.nanoTime() - deadline >= 0) {
                return packet;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            backoff.pause();
        }
    }

    @Override
    public void receiveMessage(Message message, int source) {
        if (message.typecookie() == SocketType.COOKIE && !message.isResponse()) {
            socketCommand(message);
            return;
        }
        Socket.Received received = new Socket.Received(message, source);
        CompletableFuture<Socket.Received> waiter = message.isResponse() ? awaited.remove(message.token()) : null;
        if (waiter != null) {
            waiter.complete(received);
        } else if (!messages.offer(received)) {
            node.countDrop(node.graph().context(), DropReason.QUEUE_FULL);
        }
    }

    private void socketCommand(Message message) {
        switch (message.cmd()) {
            case SocketType.NOLINGER -> {
                nolinger = true;
                if (node.numHooks() == 0) {
                    node.rmnodeSelf();
                }
            }
            case SocketType.LINGER -> nolinger = false;
            default -> throw new NgException(Errno.EINVAL, "unknown socket command " + message.cmd());
        }
    }

    CompletableFuture<Socket.Received> expectReply(int token) {
        CompletableFuture<Socket.Received> future = new CompletableFuture<>();
        awaited.put(token, future);
        return future;
    }

    void forget(int token) {
        awaited.remove(token);
    }

    Socket.Received pollMessage(long timeout, TimeUnit unit) throws InterruptedException {
        return messages.poll(timeout, unit);
    }

    @Override
    public void disconnect(Hook hook) {
        if (nolinger && node.numHooks() == 0 && node.isValid()) {
            node.rmnodeSelf();
        }
    }

    @Override
    public void shutdown() {
        shut = true;
        Packet packet;
        while ((packet = data.relaxedPoll()) != null) {
            packet.free();
        }
    }
}
