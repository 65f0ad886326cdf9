package org.jnetgraph.types;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jnetgraph.Message;
import org.jnetgraph.Socket;

/**
 * Control messages in ASCII, the way {@code ngctl msg} and libnetgraph's NgSendAsciiMsg send them: the target node
 * translates {@code cmd args} with its type's command list (NGM_ASCII2BINARY), the binary message is sent, and a
 * reply is translated back by the node that sent it (NGM_BINARY2ASCII). Tests use it to check that a type's
 * command list and its binary handling agree.
 *
 * <p>Threading: control path only (blocks until the graph answered).
 */
public final class Ngctl {
    /** NGM_GENERIC_COOKIE. */
    static final int GENERIC_COOKIE = 1137070366;
    /** NGM_BINARY2ASCII, with its READONLY and HASREPLY bits. */
    static final int BINARY2ASCII = 12 | Message.READONLY | Message.HASREPLY;
    /** NGM_ASCII2BINARY, with its READONLY and HASREPLY bits. */
    static final int ASCII2BINARY = 13 | Message.READONLY | Message.HASREPLY;

    private Ngctl() {}

    /**
     * Makes a node of {@code type} named {@code name} with a hook for each of {@code hooks}, each linked to the
     * socket's hook of the same name (mkpeer for the first, connect for the rest).
     */
    public static void node(Socket socket, String type, String name, String... hooks) {
        socket.mkpeer(".", type, hooks[0], hooks[0]);
        socket.name(hooks[0], name);
        for (int i = 1; i < hooks.length; i++) {
            socket.connect(".", name + ":", hooks[i], hooks[i]);
        }
    }

    /** Translates {@code cmd args} at the node at {@code path} and sends it there; waits until it was applied. */
    public static void msg(Socket socket, String path, String cmd, String args) {
        socket.send(path, binary(socket, path, cmd, args));
    }

    /** Translates and sends {@code cmd args}, waits for the reply and returns the reply's arguments in ASCII. */
    public static String request(Socket socket, String path, String cmd, String args) {
        Socket.Received reply = socket.request(path, binary(socket, path, cmd, args));
        return ascii(socket, path, reply.message());
    }

    /** The binary message the node at {@code path} makes of {@code cmd args}. */
    public static Message binary(Socket socket, String path, String cmd, String args) {
        Message text = Message.request(0, 0, cmd, cString(args));
        Socket.Received reply =
                socket.request(path, Message.request(GENERIC_COOKIE, ASCII2BINARY, "ascii2binary", text.toBytes()));
        return Message.fromBytes(reply.message().data());
    }

    /** The arguments of {@code message} in ASCII, as the node at {@code path} renders them. */
    public static String ascii(Socket socket, String path, Message message) {
        Socket.Received reply =
                socket.request(path, Message.request(GENERIC_COOKIE, BINARY2ASCII, "binary2ascii", message.toBytes()));
        byte[] text = Message.fromBytes(reply.message().data()).data();
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static byte[] cString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return Arrays.copyOf(bytes, bytes.length + 1);
    }
}
