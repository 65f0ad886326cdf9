package org.jnetgraph.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jnetgraph.Hook;
import org.jnetgraph.Message;
import org.jnetgraph.Socket;
import org.jnetgraph.types.One2ManyType;

/**
 * The graphs the benchmarks push packets through, built with ordinary control requests from a socket. Each builder
 * links the socket's hook {@code out} to the first node and returns that hook, looked up once, so that a send loop
 * never looks a hook up by name.
 *
 * <p>Threading: control path (any thread outside the data path); the graph must hold {@link ForwardType}.
 */
public final class Topologies {
    /** The socket hook every topology starts from. */
    public static final String OUT = "out";

    private Topologies() {}

    /**
     * {@code socket:out -> f0 -> f1 -> ... -> f(length-1) -> hole}: {@code length} forwarders ({@code bfwd}) ending
     * in a hole; with length 0 the socket sends straight into the hole.
     */
    public static Hook chainToHole(Socket socket, int length) {
        String at = ".";
        for (int i = 0; i < length; i++) {
            socket.mkpeer(at, ForwardType.NAME, OUT, "in");
            String name = "f" + i;
            socket.name(peer(at, OUT), name);
            at = name + ":";
        }
        socket.mkpeer(at, "hole", OUT, "in");
        return outHook(socket);
    }

    /** {@code socket:out -> tee(left)}, with {@code right} and {@code left2right} each into a hole: one copy. */
    public static Hook teeToHoles(Socket socket) {
        socket.mkpeer(".", "tee", OUT, "left");
        socket.name(".:" + OUT, "t");
        socket.mkpeer("t:", "hole", "right", "in");
        socket.mkpeer("t:", "hole", "left2right", "in");
        return outHook(socket);
    }

    /**
     * {@code socket:out -> one2many(one)} with xmitAlg ALL and links {@code many0 .. many(links-1)}, each into a
     * hole: {@code links - 1} copies per packet.
     */
    public static Hook one2manyAllToHoles(Socket socket, int links) {
        socket.mkpeer(".", "one2many", OUT, "one");
        socket.name(".:" + OUT, "o");
        socket.send("o:", one2manyConfig(One2ManyType.XMIT_ALL));
        for (int i = 0; i < links; i++) {
            socket.mkpeer("o:", "hole", "many" + i, "in");
        }
        return outHook(socket);
    }

    /** A one2many setconfig message: the given xmitAlg, manual failure detection, every link enabled. */
    public static Message one2manyConfig(int xmitAlg) {
        return one2manyConfig(xmitAlg, -1);
    }

    /**
     * A one2many setconfig message: the given xmitAlg, manual failure detection, only link {@code onlyLink} enabled
     * (every link when it is negative).
     */
    public static Message one2manyConfig(int xmitAlg, int onlyLink) {
        ByteBuffer config = ByteBuffer.allocate(8 + One2ManyType.MAX_LINKS).order(ByteOrder.LITTLE_ENDIAN);
        config.putInt(xmitAlg).putInt(One2ManyType.FAIL_MANUAL);
        for (int i = 0; i < One2ManyType.MAX_LINKS; i++) {
            config.put((byte) (onlyLink < 0 || i == onlyLink ? 1 : 0));
        }
        return Message.request(One2ManyType.COOKIE, One2ManyType.SET_CONFIG, "setconfig", config.array());
    }

    /** The path of the node at the far end of hook {@code hook} of the node at {@code at}. */
    static String peer(String at, String hook) {
        return at.endsWith(":") ? at + hook : at + ":" + hook;
    }

    private static Hook outHook(Socket socket) {
        Hook out = socket.node().hook(OUT);
        if (out == null) {
            throw new IllegalStateException("socket hook \"" + OUT + "\" is not linked");
        }
        return out;
    }
}
