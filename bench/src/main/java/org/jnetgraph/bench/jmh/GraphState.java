package org.jnetgraph.bench.jmh;

import org.jnetgraph.Graph;
import org.jnetgraph.Hook;
import org.jnetgraph.Packet;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.jnetgraph.bench.ForwardType;

/**
 * A graph with the benchmark forwarder, a socket, and the socket's {@code out} hook looked up once, shared by the
 * benchmark threads of one trial; every send allocates a packet from the pool, fills it and sends it.
 *
 * <p>Threading: built and closed on one thread; {@link #send} from any number of threads at once.
 */
final class GraphState {
    static final int PAYLOAD = 64;

    private final byte[] payload = new byte[PAYLOAD];
    final Graph graph;
    final Socket socket;
    Hook out;

    GraphState(SyncMode mode) {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        graph.addType(new ForwardType());
        socket = graph.socket("jmh");
    }

    /** One packet from the pool, 64 bytes of payload, out of the socket's hook; returns the send's status. */
    Object send() {
        Packet packet = graph.allocate();
        packet.setData(payload, 0, PAYLOAD);
        return out.send(packet);
    }

    void close() {
        graph.close();
    }
}
