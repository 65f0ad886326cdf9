package org.jnetgraph.freebsd;

import static org.jnetgraph.freebsd.Events.TEST;
import static org.jnetgraph.freebsd.Events.handleEvent;
import static org.jnetgraph.freebsd.Events.handleEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jnetgraph.DropReason;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.NgException;
import org.jnetgraph.Packet;
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
 * FreeBSD's tests/sys/netgraph/hub.c, case by case: basic, persistence, loop and many_hooks. The test's socket node
 * is unnamed; "handling events" takes packets until 50 ms pass quietly.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HubTest {
    private static final byte[] LOOP_ALERT = "LOOP Alert!\0".getBytes(StandardCharsets.ISO_8859_1);

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

    private void hubWithHooksABC() {
        socket.mkpeer(".", "hub", "a", "a");
        socket.name("a", "hub");
        socket.connect(".", "hub:", "b", "b");
        socket.connect(".", "hub:", "c", "c");
    }

    private void assertGone(String path) {
        assertEquals(
                Errno.ENOENT,
                assertThrows(NgException.class, () -> graph.node(path)).errno());
    }

    // ---------------------------------------------------------------- basic

    @Test
    void basicShouldNotBounceAFrameBackToItsSender() {
        hubWithHooksABC();

        socket.sendData("a", TEST);

        assertFalse(handleEvents(socket).containsKey("a"));
    }

    @Test
    void basicShouldSendEachFrameToBothOtherHooks() {
        hubWithHooksABC();

        for (String from : new String[] {"a", "b", "c"}) {
            socket.sendData(from, TEST);

            Map<String, Integer> counts = handleEvents(socket);
            assertEquals(2, Events.total(counts), "from " + from);
            assertFalse(counts.containsKey(from), "bounced back to " + from);
        }
    }

    /* hub.c sends right after rmhook returns, and ng_send_data requires the send to succeed. */
    @Test
    void basicShouldSendAFrameOnlyOnceAfterALinkWasRemoved() {
        hubWithHooksABC();

        socket.rmhook(".", "b");

        assertEquals(Errno.OK, socket.sendData("a", TEST));
        assertEquals(Map.of("c", 1), handleEvents(socket));
    }

    // ---------------------------------------------------------------- persistence

    @Test
    void persistenceShouldKeepAHubWithoutHooksUntilItIsShutDown() {
        socket.mkpeer(".", "hub", "a", "a");
        socket.name("a", "hub");

        Ngctl.msg(socket, "hub:", "setpersistent", "");
        socket.rmhook(".", "a");
        graph.sync();

        assertEquals(0, graph.node("hub:").numHooks());
        socket.shutdown("hub:");
        graph.sync();
        assertGone("hub:");
    }

    // ---------------------------------------------------------------- loop

    /** Two hubs: socket hook a on hub1, socket hook b on hub2, and a first cross link xc1 (an open loop). */
    private void twoHubsWithOneCrossLink() {
        socket.mkpeer(".", "hub", "a", "a");
        socket.name("a", "hub1");
        socket.mkpeer(".", "hub", "b", "b");
        socket.name("b", "hub2");
        socket.connect("hub1:", "hub2:", "xc1", "xc1");
    }

    @Test
    void loopShouldDeliverAFrameOnceThroughAnOpenLoop() {
        twoHubsWithOneCrossLink();

        socket.sendData("a", LOOP_ALERT);

        assertEquals(Map.of("b", 1), handleEvents(socket));
    }

    /*
     * A second cross link closes the loop: hubs do not detect loops, so two copies circle for ever and each pass
     * hands one more copy to the socket. hub.c requires more than 7 receptions within 10 events of 50 ms. The storm
     * only ends when the hubs are shut down; the graph must then calm down: teardown completes, the nodes are gone
     * and the socket goes quiet.
     */
    @Test
    void loopShouldStormThroughAClosedLoopAndCalmDownWhenTheHubsShutDown() {
        twoHubsWithOneCrossLink();
        socket.connect("hub1:", "hub2:", "xc2", "xc2");

        socket.sendData("a", LOOP_ALERT);
        int received = 0;
        for (int event = 0; event < 10 && handleEvent(socket) != null; event++) {
            received++;
        }
        assertTrue(received > 7, "received " + received);

        socket.shutdown("hub1:");
        socket.shutdown("hub2:");
        graph.sync();

        assertGone("hub1:");
        assertGone("hub2:");
        assertEquals(1, graph.nodes().size());
        assertEquals(0, socket.node().numHooks());
        drainUntilQuiet();
        assertEquals(0, graph.teardownBacklog());
    }

    private void drainUntilQuiet() {
        Packet packet;
        while ((packet = socket.receiveData(Events.QUIET)) != null) {
            packet.free();
        }
    }

    // ---------------------------------------------------------------- many_hooks

    /*
     * hub.c links 1000 socket hooks hook0..hook999 to one hub, sends once from each new hook and counts what hook a
     * receives. It requires more than 100; all 1000 is an expected failure there ("Implementation limitation").
     * Here each send must either succeed or be a drop the socket counted, and with a 4096-packet socket queue that
     * is drained after every send nothing is dropped, so all 1000 must reach a.
     *
     * hub.c drains with ng_handle_events(50), i.e. 50 ms of quiet after every send (50 s in all). Each send here is
     * answered by exactly one copy per other hook, so the test takes exactly that many packets instead of waiting.
     */
    @Test
    void manyHooksShouldCarryAFrameFromEachOfAThousandHooksToA() {
        socket.mkpeer(".", "hub", "a", "a");
        socket.name("a", "hub");
        int hooks = 1000;
        int atA = 0;

        for (int i = 0; i < hooks; i++) {
            String hook = "hook" + i;
            socket.connect(".", "hub:", hook, hook);
            long dropsBefore = socket.node().drops(DropReason.QUEUE_FULL);
            Errno result = socket.sendData(hook, TEST);
            assertTrue(
                    result == Errno.OK || socket.node().drops(DropReason.QUEUE_FULL) > dropsBefore,
                    hook + ": " + result + " without a counted drop");
            atA += takeFanOut(i + 1, hook);
        }

        assertTrue(atA > 100, "a received " + atA);
        assertEquals(hooks, atA);
        assertEquals(0, socket.node().drops(DropReason.QUEUE_FULL));
    }

    /** Takes the {@code copies} packets one send produced; how many arrived on a. Fails on a bounce. */
    private int takeFanOut(int copies, String sender) {
        int atA = 0;
        for (int taken = 0; taken < copies; taken++) {
            Packet packet = socket.receiveData(Duration.ofSeconds(5));
            assertNotNull(packet, "only " + taken + " of " + copies + " copies from " + sender);
            String hook = packet.receivedOn().name();
            packet.free();
            assertFalse(hook.equals(sender), "bounced back to " + sender);
            atA += hook.equals("a") ? 1 : 0;
        }
        return atA;
    }
}
