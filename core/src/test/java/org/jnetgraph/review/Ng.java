package org.jnetgraph.review;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.jnetgraph.parse.GenericTypes;
import org.jnetgraph.parse.ParseType;

/** Review helpers: generic requests through the public API only, and outcome recording. */
final class Ng {
    static final int COOKIE = 1137070366;
    static final int RO_HR = 0x30000000;
    static final int NODEINFO = 6 | RO_HR;
    static final int LISTHOOKS = 7 | RO_HR;
    static final int LISTNAMES = 8 | RO_HR;
    static final int LISTNODES = 9 | RO_HR;
    static final int LISTTYPES = 10 | RO_HR;
    static final int TEXT_STATUS = 11 | RO_HR;
    static final int BINARY2ASCII = 12 | RO_HR;
    static final int ASCII2BINARY = 13 | RO_HR;

    private Ng() {}

    static Graph graph(SyncMode mode) {
        return Graph.create(Graph.Options.defaults().withMode(mode));
    }

    static String ask(Socket socket, String path, int cmd, String cmdstr, ParseType reply) {
        Socket.Received r = socket.request(path, Message.request(COOKIE, cmd, cmdstr));
        return reply.unparse(r.message().data());
    }

    static String nodeinfo(Socket socket, String path) {
        return ask(socket, path, NODEINFO, "nodeinfo", GenericTypes.NODEINFO);
    }

    static String listhooks(Socket socket, String path) {
        return ask(socket, path, LISTHOOKS, "listhooks", GenericTypes.HOOKLIST);
    }

    static String listnodes(Socket socket) {
        return ask(socket, ".", LISTNODES, "listnodes", GenericTypes.NAMELIST);
    }

    /** What a call did: "ok", "ok: value", or the exception with errno and message. */
    static String outcome(Callable<?> action) {
        try {
            Object value = action.call();
            return value == null ? "ok" : "ok: " + value;
        } catch (NgException e) {
            return "NgException " + e.errno() + ": " + e.getMessage();
        } catch (Throwable e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    static String run(Runnable action) {
        return outcome(() -> {
            action.run();
            return null;
        });
    }

    static Errno errnoOf(Runnable action) {
        try {
            action.run();
            return Errno.OK;
        } catch (NgException e) {
            return e.errno();
        }
    }

    static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }
}
