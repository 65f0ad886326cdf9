package org.jnetgraph.cli.ctl;

import org.jnetgraph.Errno;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Socket;

/**
 * ngctl's control socket: sends messages by path from the ngctl node, waits for the replies of generic requests, and
 * traces both at the debug level. Failures come back as {@link Failure}s carrying ngctl's context words.
 *
 * <p>Threading: the interpreter's thread (or the monitor while it holds the session lock); blocks until the graph
 * applied each message.
 */
final class ControlChannel {
    private final Socket socket;
    private final Trace trace;

    ControlChannel(Socket socket, Trace trace) {
        this.socket = socket;
        this.trace = trace;
        trace.setDecoder(this::binaryToAscii);
    }

    /**
     * Sends a message and waits until the target applied it, as {@code sendto} on a control socket does.
     *
     * @return the token it was sent with
     * @throws Failure with {@code context} when the path or the target refused it
     */
    int send(String path, Message message, String context) {
        try {
            int token = socket.send(path, message);
            trace.sent(path, message.withToken(token), token);
            return token;
        } catch (NgException e) {
            throw failed(path, message, context, e);
        }
    }

    /**
     * Sends a request that the framework always answers (a generic HASREPLY message) and waits for its reply.
     *
     * @param what the word between {@code send}/{@code recv} and {@code msg} in diagnostics: empty, or for example
     *     {@code "listnodes "}
     * @throws Failure {@code send <what>msg} when it was refused, {@code recv <what>msg} when no reply came
     */
    Socket.Received request(String path, Message message, String what) {
        try {
            Socket.Received reply = socket.request(path, message);
            trace.sent(
                    path,
                    message.withToken(reply.message().token()),
                    reply.message().token());
            trace.received(reply.source(), reply.message());
            return reply;
        } catch (NgException e) {
            String stage = e.errno() == Errno.ETIMEDOUT ? "recv " : "send ";
            throw failed(path, message, stage + what + "msg", e);
        }
    }

    /** BINARY2ASCII: the message as the node at {@code path} renders it (command name, ASCII arguments). */
    Message binaryToAscii(String path, Message message) {
        Message request = GenericMessages.request(GenericMessages.BINARY2ASCII, message.toBytes());
        return Message.fromBytes(request(path, request, "").message().data());
    }

    private Failure failed(String path, Message message, String context, NgException error) {
        trace.sent(path, message, null);
        trace.sendFailed(path, error.errno());
        return new Failure(context, error);
    }
}
