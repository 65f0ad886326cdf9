package org.jnetgraph.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jnetgraph.Packet;
import org.jnetgraph.Socket;

/**
 * A packet a test socket received, copied out of the pool: the socket hook it arrived on and its bytes.
 *
 * @param hook the name of the socket's hook the packet arrived on
 * @param text the packet's bytes as ISO-8859-1 text
 */
record Arrival(String hook, String text) {
    /** How long a test waits for a packet it expects. */
    static final Duration EXPECTED = Duration.ofSeconds(5);
    /** How long the socket must stay silent to count as quiet (the 50 ms of FreeBSD's ng_handle_events). */
    static final Duration QUIET = Duration.ofMillis(50);

    /** The next packet the socket receives; fails when none comes within {@link #EXPECTED}. */
    static Arrival next(Socket socket) {
        Packet packet = socket.receiveData(EXPECTED);
        assertNotNull(packet, "expected a packet");
        Arrival arrival =
                new Arrival(packet.receivedOn().name(), new String(packet.toByteArray(), StandardCharsets.ISO_8859_1));
        packet.free();
        return arrival;
    }

    /** Fails when the socket receives anything within {@link #QUIET}. */
    static void assertQuiet(Socket socket) {
        Packet packet = socket.receiveData(QUIET);
        String what = packet == null ? "" : "on " + packet.receivedOn().name();
        if (packet != null) {
            packet.free();
        }
        assertEquals("", what, "expected no more packets");
    }

    /** Bytes of a test frame. */
    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
