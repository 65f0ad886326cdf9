package org.jnetgraph.freebsd;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.jnetgraph.Packet;
import org.jnetgraph.Socket;

/**
 * The event loop of FreeBSD's tests/sys/netgraph/util.c, for a {@link Socket}: {@link #handleEvent} waits up to
 * 50 ms for one packet, {@link #handleEvents} takes packets until the socket was quiet for 50 ms. Arrivals are
 * counted per socket hook, as the tests' data callbacks count them.
 *
 * <p>Threading: the test thread.
 */
final class Events {
    /** The quiet period of ng_handle_events(50, ...). */
    static final Duration QUIET = Duration.ofMillis(50);

    /** The NUL-terminated "test" the FreeBSD tests send (sizeof(msg) is 5). */
    static final byte[] TEST = "test\0".getBytes(StandardCharsets.ISO_8859_1);

    private Events() {}

    /** Takes packets until none arrives for 50 ms; the number that arrived on each hook. */
    static Map<String, Integer> handleEvents(Socket socket) {
        Map<String, Integer> counts = new TreeMap<>();
        String hook;
        while ((hook = handleEvent(socket)) != null) {
            counts.merge(hook, 1, Integer::sum);
        }
        return counts;
    }

    /** Waits up to 50 ms for one packet; the hook it arrived on, or null when none came. */
    static String handleEvent(Socket socket) {
        Packet packet = socket.receiveData(QUIET);
        if (packet == null) {
            return null;
        }
        String hook = packet.receivedOn().name();
        packet.free();
        return hook;
    }

    /** The total of all counts. */
    static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
