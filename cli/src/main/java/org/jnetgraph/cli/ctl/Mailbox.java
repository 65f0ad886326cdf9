package org.jnetgraph.cli.ctl;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import org.jnetgraph.Socket;

/**
 * The control messages that reach the ngctl node without a waiting request: replies to messages sent with
 * {@link ControlChannel#send}, requests from other nodes, and requests ngctl sent to its own node. ngctl reads
 * them in arrival order; a command looking for the answer to its own message takes it by token and leaves the others
 * for later, where FreeBSD's ngctl would read whatever came next.
 *
 * <p>Threading: callers hold the session lock; methods block for at most the time given.
 */
final class Mailbox {
    private final Socket socket;
    private final ArrayDeque<Socket.Received> held = new ArrayDeque<>();

    Mailbox(Socket socket) {
        this.socket = socket;
    }

    /** The oldest message, waiting up to {@code wait} for one; null if none came. */
    synchronized Socket.Received next(Duration wait) {
        Socket.Received first = held.pollFirst();
        return first != null ? first : socket.receiveMessage(wait);
    }

    /**
     * The first message that carries {@code token} (the reply, or the request itself when it was sent to the ngctl
     * node), waiting up to {@code wait}; messages met on the way are kept in order. Null if none came.
     */
    synchronized Socket.Received take(int token, Duration wait) {
        Socket.Received found = takeHeld(token);
        long deadline = System.nanoTime() + wait.toNanos();
        while (found == null) {
            Socket.Received arrived =
                    socket.receiveMessage(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (arrived == null) {
                return null;
            }
            if (arrived.message().token() == token) {
                return arrived;
            }
            held.addLast(arrived);
        }
        return found;
    }

    private Socket.Received takeHeld(int token) {
        for (Iterator<Socket.Received> it = held.iterator(); it.hasNext(); ) {
            Socket.Received candidate = it.next();
            if (candidate.message().token() == token) {
                it.remove();
                return candidate;
            }
        }
        return null;
    }
}
