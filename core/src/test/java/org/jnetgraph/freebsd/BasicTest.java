package org.jnetgraph.freebsd;

import static org.jnetgraph.freebsd.Events.TEST;
import static org.jnetgraph.freebsd.Events.handleEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.NgException;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.jnetgraph.types.Ngctl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * FreeBSD's tests/sys/netgraph/basic.c, case by case: send_recv, node, message, same_name and queuelimit. As in
 * FreeBSD's util.c the test's socket node is unnamed; "handling events" takes packets until 50 ms pass quietly.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BasicTest {
    @Parameter
    SyncMode mode;

    private Graph graph;
    private Socket socket;

    @BeforeEach
    void start() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        socket = graph.socket();
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private static void expect(Errno errno, Runnable action) {
        NgException error = assertThrows(NgException.class, action::run);
        assertEquals(errno, error.errno(), error.getMessage());
    }

    /** The graph of basic.c's node case: a hub named "test hub" on socket hook a, then hooks b and c. */
    private void testHub() {
        socket.mkpeer(".", "hub", "a", "a");
        socket.name("a", "test hub");
        socket.connect(".", "test hub:", "b", "b");
        socket.connect(".", "test hub:", "c", "c");
    }

    // ---------------------------------------------------------------- send_recv

    @Test
    void sendRecvShouldDeliverDataOnceThroughALinkFromTheSocketToItself() {
        socket.connect(".", ".", "a", "b");

        assertEquals(Errno.OK, socket.sendData("a", TEST));

        assertEquals(Map.of("b", 1), handleEvents(socket));
    }

    // ---------------------------------------------------------------- node

    /* basic.c marks EADDRINUSE here as the expected failure of PR 241954; naming a node its own name must work. */
    @Test
    void nodeShouldAllowNamingANodeWithItsOwnNameAgain() {
        socket.mkpeer(".", "hub", "a", "a");
        socket.name("a", "test hub");

        socket.name("a", "test hub");

        assertEquals("hub", graph.node("test hub:").type().name());
    }

    @Test
    void nodeShouldSendDataFromAToBAndCButNotBackToA() {
        testHub();

        socket.sendData("a", TEST);

        assertEquals(Map.of("b", 1, "c", 1), handleEvents(socket));
    }

    /*
     * As in basic.c the frame is sent right after rmhook returns, and util.c's ng_send_data requires the send to
     * succeed: once rmhook returned, b is no longer a destination of the hub.
     */
    @Test
    void nodeShouldSendDataOnlyToCAfterBWasRemoved() {
        testHub();

        socket.rmhook(".", "b");

        assertEquals(Errno.OK, socket.sendData("a", TEST));
        assertEquals(Map.of("c", 1), handleEvents(socket));
    }

    @Test
    void nodeShouldShutDownTheHubByName() {
        testHub();

        socket.shutdown("test hub:");
        graph.sync();

        assertEquals(1, graph.nodes().size());
        assertEquals(0, socket.node().numHooks());
    }

    // ---------------------------------------------------------------- message

    @Test
    void messageShouldKeepAPersistentHubAliveAfterItsOnlyHookIsRemoved() {
        socket.mkpeer(".", "hub", "a", "a");
        socket.name("a", "test hub");

        Ngctl.msg(socket, "test hub:", "setpersistent", "");
        socket.rmhook(".", "a");
        graph.sync();

        assertEquals(0, graph.node("test hub:").numHooks());
        socket.shutdown("test hub:");
        graph.sync();
        assertEquals(1, graph.nodes().size());
    }

    // ---------------------------------------------------------------- same_name

    @Test
    void sameNameShouldRefuseAHookNameTheSocketAlreadyHasWithEexist() {
        socket.mkpeer(".", "hub", "a", "a");
        socket.name("a", "test");

        expect(Errno.EEXIST, () -> socket.connect(".", ".", "a", "b"));
        graph.sync();

        assertEquals(1, socket.node().numHooks());
    }

    @Test
    void sameNameShouldRefuseLinkingTwoHooksOfOneNameOnOneNodeWithEexist() {
        socket.mkpeer(".", "hub", "a", "a");
        socket.name("a", "test");

        expect(Errno.EEXIST, () -> socket.connect(".", ".", "b", "b"));
        graph.sync();

        assertEquals(1, socket.node().numHooks());
    }

    @Test
    void sameNameShouldRefuseANodeNameInUseWithEaddrinuse() {
        socket.mkpeer(".", "hub", "a", "a");
        socket.name("a", "test");

        expect(Errno.EADDRINUSE, () -> socket.name(".", "test"));

        assertEquals("", socket.node().name());
        assertEquals("hub", graph.node("test:").type().name());
    }

    // ---------------------------------------------------------------- queuelimit

    /*
     * basic.c sends up to 1000 packets over a self-link without reading, stopping at the first send error, and
     * requires more than 100 to arrive and every successful send to arrive. That all 1000 arrive is an expected
     * failure there ("Queue full"): FreeBSD's socket buffer fills up first. A socket here queues 4096 packets, so
     * all 1000 must be delivered.
     */
    @Test
    void queuelimitShouldDeliverEveryPacketThatWasSentWhileNobodyRead() {
        socket.connect(".", ".", "a", "b");
        int sent = 0;
        while (sent < 1000 && socket.sendData("a", TEST) == Errno.OK) {
            sent++;
        }

        int received = Events.total(handleEvents(socket));

        assertTrue(received > 100, "received " + received);
        assertEquals(sent, received);
        assertEquals(1000, received);
    }
}
