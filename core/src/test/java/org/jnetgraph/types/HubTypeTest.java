package org.jnetgraph.types;

import static org.jnetgraph.types.Arrival.assertQuiet;
import static org.jnetgraph.types.Arrival.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code hub} type (node-types.md §A.10, FreeBSD ng_hub.c): every frame goes out of every other hook, copies
 * first and the original to the last hook of the node's list (the oldest); {@code setpersistent} keeps it alive
 * without hooks.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HubTypeTest {
    @Parameter
    SyncMode mode;

    private Graph graph;
    private Socket socket;

    @BeforeEach
    void start() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        socket = graph.socket("test");
        socket.mkpeer(".", "hub", "a", "a");
        socket.name("a", "hub");
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private void link(String... hooks) {
        for (String hook : hooks) {
            socket.connect(".", "hub:", hook, hook);
        }
    }

    private static void expect(Errno errno, Runnable action) {
        NgException error = assertThrows(NgException.class, action::run);
        assertEquals(errno, error.errno(), error.getMessage());
    }

    private void assertGone(String path) {
        assertEquals(
                Errno.ENOENT,
                assertThrows(NgException.class, () -> graph.node(path)).errno());
    }

    @Test
    void shouldAcceptAnyHookName() {
        link("b", "some_other-name");

        assertEquals(3, graph.node("hub:").numHooks());
    }

    @Test
    void shouldSendEveryFrameOutOfEveryOtherHookOnce() {
        link("b", "c", "d");

        assertEquals(Errno.OK, socket.sendData("b", bytes("fan out")));

        assertEquals(new Arrival("d", "fan out"), Arrival.next(socket));
        assertEquals(new Arrival("c", "fan out"), Arrival.next(socket));
        assertEquals(new Arrival("a", "fan out"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldSendCopiesToNewerHooksFirstAndTheOriginalToTheOldest() {
        link("b", "c");

        socket.sendData("a", bytes("from the oldest"));

        assertEquals(new Arrival("c", "from the oldest"), Arrival.next(socket));
        assertEquals(new Arrival("b", "from the oldest"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldDropAFrameWhenItHasOnlyOneHook() {
        assertEquals(Errno.OK, socket.sendData("a", bytes("alone")));

        assertQuiet(socket);
    }

    @Test
    void shouldStopSendingToARemovedHook() {
        link("b", "c");

        socket.rmhook(".", "b");
        graph.sync();
        socket.sendData("a", bytes("after rmhook"));

        assertEquals(new Arrival("c", "after rmhook"), Arrival.next(socket));
        assertQuiet(socket);
    }

    /*
     * In FreeBSD rmhook runs ng_hub_disconnect before it returns, so the removed hook is no destination any more.
     * Here the hub's disconnect method runs after a grace period; until then the hook is already invalid and must
     * be skipped: the original (which goes to the oldest other hook, here b) must not be lost to it.
     */
    @Test
    void shouldNotSendToAHookThatIsBeingRemoved() {
        link("b", "c");

        socket.rmhook(".", "b");

        assertEquals(Errno.OK, socket.sendData("a", bytes("right after rmhook")));
        assertEquals(new Arrival("c", "right after rmhook"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldReturnTheErrorOfTheOriginalsSend() {
        socket.mkpeer("hub:", "one2many", "refuses", "one");
        link("c");

        assertEquals(Errno.ENOTCONN, socket.sendData("a", bytes("original refused")));

        assertEquals(new Arrival("c", "original refused"), Arrival.next(socket));
    }

    @Test
    void shouldIgnoreTheErrorsOfCopies() {
        socket.mkpeer("hub:", "one2many", "refuses", "one");
        link("c");

        assertEquals(Errno.OK, socket.sendData("c", bytes("copy refused")));

        assertEquals(new Arrival("a", "copy refused"), Arrival.next(socket));
    }

    @Test
    void shouldShutDownWithItsLastHook() {
        link("b");
        socket.rmhook(".", "a");
        graph.sync();
        assertEquals(1, graph.node("hub:").numHooks());

        socket.rmhook(".", "b");
        graph.sync();

        assertGone("hub:");
        assertEquals(1, graph.nodes().size());
    }

    @Test
    void shouldStayWithoutHooksOnceMadePersistent() {
        Ngctl.msg(socket, "hub:", "setpersistent", "");

        socket.rmhook(".", "a");
        graph.sync();

        assertEquals(0, graph.node("hub:").numHooks());
        assertEquals(2, graph.nodes().size());
    }

    @Test
    void shouldStillShutDownOnRequestWhenPersistent() {
        socket.send("hub:", Message.request(HubType.COOKIE, HubType.SET_PERSISTENT, "setpersistent"));
        socket.rmhook(".", "a");
        graph.sync();

        socket.shutdown("hub:");
        graph.sync();

        assertGone("hub:");
    }

    @Test
    void shouldTakeNewHooksAfterLosingAllWhenPersistent() {
        socket.send("hub:", Message.request(HubType.COOKIE, HubType.SET_PERSISTENT, "setpersistent"));
        socket.rmhook(".", "a");
        graph.sync();

        link("x", "y");
        socket.sendData("x", bytes("again"));

        assertEquals(new Arrival("y", "again"), Arrival.next(socket));
    }

    @Test
    void shouldRefuseAnyOtherMessageWithEinvalAndNoReply() {
        expect(Errno.EINVAL, () -> socket.send("hub:", Message.request(HubType.COOKIE, 2, "nosuchcmd")));
        expect(Errno.EINVAL, () -> socket.send("hub:", Message.request(TeeType.COOKIE, 1, "setpersistent")));

        assertNull(socket.receiveMessage(Arrival.QUIET));
    }
}
