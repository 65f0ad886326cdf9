package org.jnetgraph.types;

import static org.jnetgraph.types.Arrival.assertQuiet;
import static org.jnetgraph.types.Arrival.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.jnetgraph.DropReason;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Hook;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Packet;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.jnetgraph.parse.StructValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code tee} type (node-types.md §A.8, FreeBSD ng_tee.c): a tap between {@code left} and {@code right} that
 * copies each frame out of {@code left2right} or {@code right2left}, counts per hook, and splices its neighbours
 * together when it shuts down.
 *
 * <p>The test socket's hooks {@code l}, {@code r}, {@code l2r} and {@code r2l} face the tee's hooks of the matching
 * role; each test connects the ones it needs.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TeeTypeTest {
    @Parameter
    SyncMode mode;

    private Graph graph;
    private Socket socket;

    @BeforeEach
    void start() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        socket = graph.socket("test");
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private void tee(String... roles) {
        socket.mkpeer(".", "tee", short4(roles[0]), roles[0]);
        socket.name(short4(roles[0]), "tee");
        for (int i = 1; i < roles.length; i++) {
            socket.connect(".", "tee:", short4(roles[i]), roles[i]);
        }
    }

    private static String short4(String role) {
        return switch (role) {
            case "left" -> "l";
            case "right" -> "r";
            case "left2right" -> "l2r";
            default -> "r2l";
        };
    }

    private StructValue stats(int cmd) {
        Socket.Received reply = socket.request("tee:", Message.request(TeeType.COOKIE, cmd, "getstats"));
        return StructValue.decode(TeeType.STATS, reply.message().data());
    }

    private static void expect(Errno errno, Runnable action) {
        NgException error = assertThrows(NgException.class, action::run);
        assertEquals(errno, error.errno(), error.getMessage());
    }

    // ---------------------------------------------------------------- hooks

    @ParameterizedTest
    @ValueSource(strings = {"middle", "Left", "RIGHT", "left2", "l2r", "leftright", "right2"})
    void shouldRefuseHookNamesOtherThanItsFourRolesWithEinval(String name) {
        tee("left");

        expect(Errno.EINVAL, () -> socket.connect(".", "tee:", "x", name));
        graph.sync();

        assertEquals(1, graph.node("tee:").numHooks());
        assertNull(socket.node().hook("x"));
    }

    @Test
    void shouldRefuseAnUnknownHookNameInMkpeerAndLeaveNoNode() {
        expect(Errno.EINVAL, () -> socket.mkpeer(".", "tee", "x", "centre"));
        graph.sync();

        assertEquals(1, graph.nodes().size());
        assertEquals(0, socket.node().numHooks());
    }

    // ---------------------------------------------------------------- routing

    @Test
    void shouldSendCopyOutLeft2RightAndOriginalOutRight() {
        tee("left", "right", "left2right", "right2left");

        assertEquals(Errno.OK, socket.sendData("l", bytes("from left")));

        assertEquals(new Arrival("l2r", "from left"), Arrival.next(socket));
        assertEquals(new Arrival("r", "from left"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldSendCopyOutRight2LeftAndOriginalOutLeft() {
        tee("left", "right", "left2right", "right2left");

        assertEquals(Errno.OK, socket.sendData("r", bytes("from right")));

        assertEquals(new Arrival("r2l", "from right"), Arrival.next(socket));
        assertEquals(new Arrival("l", "from right"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldSendTheOriginalOutLeft2RightWhenRightIsMissing() {
        tee("left", "left2right", "right2left");

        assertEquals(Errno.OK, socket.sendData("l", bytes("no right")));

        assertEquals(new Arrival("l2r", "no right"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldSendTheOriginalOutRight2LeftWhenLeftIsMissing() {
        tee("right", "left2right", "right2left");

        assertEquals(Errno.OK, socket.sendData("r", bytes("no left")));

        assertEquals(new Arrival("r2l", "no left"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldInjectFramesFromLeft2RightTowardsLeftWithoutACopy() {
        tee("left", "right", "left2right", "right2left");

        assertEquals(Errno.OK, socket.sendData("l2r", bytes("injected")));

        assertEquals(new Arrival("l", "injected"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldInjectFramesFromRight2LeftTowardsRightWithoutACopy() {
        tee("left", "right", "left2right", "right2left");

        assertEquals(Errno.OK, socket.sendData("r2l", bytes("injected")));

        assertEquals(new Arrival("r", "injected"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldDropSilentlyWhenAFrameHasNowhereToGo() {
        tee("left", "right2left");

        assertEquals(Errno.OK, socket.sendData("l", bytes("lost")));
        assertEquals(Errno.OK, socket.sendData("r2l", bytes("lost too")));

        assertQuiet(socket);
    }

    @Test
    void shouldRouteAgainThroughRightOnceRightIsConnectedLater() {
        tee("left", "left2right");
        socket.sendData("l", bytes("before"));
        assertEquals(new Arrival("l2r", "before"), Arrival.next(socket));

        socket.connect(".", "tee:", "r", "right");
        socket.sendData("l", bytes("after"));

        assertEquals(new Arrival("l2r", "after"), Arrival.next(socket));
        assertEquals(new Arrival("r", "after"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldFallBackToLeft2RightWhenRightIsRemoved() {
        tee("left", "right", "left2right");

        socket.rmhook(".", "r");
        graph.sync();
        socket.sendData("l", bytes("fallback"));

        assertEquals(new Arrival("l2r", "fallback"), Arrival.next(socket));
        assertQuiet(socket);
    }

    /*
     * ng_tee_disconnect recomputes the routes before rmhook returns, so a frame sent right afterwards already takes
     * the fallback. Here the disconnect method runs after a grace period, but right is already invalid by then.
     */
    @Test
    void shouldFallBackToLeft2RightAsSoonAsRmhookOfRightReturned() {
        tee("left", "right", "left2right");

        socket.rmhook(".", "r");

        assertEquals(Errno.OK, socket.sendData("l", bytes("at once")));
        assertEquals(new Arrival("l2r", "at once"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldKeepARoleThatWasTakenAgainRightAfterItsHookWasRemoved() {
        tee("left", "right", "left2right");

        socket.rmhook(".", "r");
        socket.connect(".", "tee:", "r", "right");
        graph.sync();
        socket.sendData("l", bytes("new right"));

        assertEquals(new Arrival("l2r", "new right"), Arrival.next(socket));
        assertEquals(new Arrival("r", "new right"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldReturnTheErrorOfTheOriginalsSend() {
        tee("left", "left2right");
        socket.mkpeer("tee:", "one2many", "right", "one");

        assertEquals(Errno.ENOTCONN, socket.sendData("l", bytes("to an empty one2many")));
        assertEquals(new Arrival("l2r", "to an empty one2many"), Arrival.next(socket));
    }

    @Test
    void shouldIgnoreTheErrorOfTheCopysSend() {
        tee("left", "right");
        socket.mkpeer("tee:", "one2many", "left2right", "one");

        assertEquals(Errno.OK, socket.sendData("l", bytes("copy refused")));
        assertEquals(new Arrival("r", "copy refused"), Arrival.next(socket));
    }

    // ---------------------------------------------------------------- statistics

    @Test
    void shouldReportAllZeroStatsAsAnEmptyStruct() {
        tee("left", "right", "left2right", "right2left");

        assertEquals("{}", Ngctl.request(socket, "tee:", "getstats", ""));
    }

    @Test
    void shouldCountInOnTheArrivalHookAndOutOnEachDestination() {
        tee("left", "right", "left2right", "right2left");

        socket.sendData("l", bytes("12345"));
        socket.sendData("l", bytes("67890"));
        socket.sendData("r", bytes("abc"));
        socket.sendData("l2r", bytes("wxyz"));

        StructValue stats = stats(TeeType.GET_STATS);
        assertEquals(2, stats.getLong("left.inFrames"));
        assertEquals(10, stats.getLong("left.inOctets"));
        assertEquals(2, stats.getLong("left.outFrames"));
        assertEquals(7, stats.getLong("left.outOctets"));
        assertEquals(1, stats.getLong("right.inFrames"));
        assertEquals(2, stats.getLong("right.outFrames"));
        assertEquals(10, stats.getLong("right.outOctets"));
        assertEquals(2, stats.getLong("left2right.outFrames"));
        assertEquals(1, stats.getLong("left2right.inFrames"));
        assertEquals(4, stats.getLong("left2right.inOctets"));
        assertEquals(1, stats.getLong("right2left.outFrames"));
        assertEquals(3, stats.getLong("right2left.outOctets"));
    }

    @Test
    void shouldPrintStatsInAsciiInTheOrderRightLeftRight2leftLeft2right() {
        tee("left", "right", "left2right", "right2left");

        socket.sendData("l", bytes("12345"));
        socket.sendData("r", bytes("abc"));

        String expected = "{ right={ inOctets=3 inFrames=1 outOctets=5 outFrames=1 }"
                + " left={ inOctets=5 inFrames=1 outOctets=3 outFrames=1 }"
                + " right2left={ outOctets=3 outFrames=1 } left2right={ outOctets=5 outFrames=1 } }";
        assertEquals(expected, Ngctl.request(socket, "tee:", "getstats", ""));
    }

    @Test
    void shouldClearEveryHooksStatsWithClrstats() {
        tee("left", "right", "left2right", "right2left");
        socket.sendData("l", bytes("12345"));
        socket.sendData("r", bytes("abc"));

        Ngctl.msg(socket, "tee:", "clrstats", "");

        assertEquals("{}", Ngctl.request(socket, "tee:", "getstats", ""));
    }

    @Test
    void shouldReturnStatsAndThenClearThemWithGetclrstats() {
        tee("left", "right");
        socket.sendData("l", bytes("12345"));

        StructValue before = stats(TeeType.GETCLR_STATS);
        socket.sendData("l", bytes("12"));
        StructValue after = stats(TeeType.GET_STATS);

        assertEquals(1, before.getLong("left.inFrames"));
        assertEquals(5, before.getLong("right.outOctets"));
        assertEquals(1, after.getLong("left.inFrames"));
        assertEquals(2, after.getLong("right.outOctets"));
    }

    @Test
    void shouldStartAHooksStatsAtZeroWhenItConnectsAgain() {
        tee("left", "right", "left2right");
        socket.sendData("l", bytes("12345"));
        socket.rmhook(".", "l2r");
        graph.sync();

        socket.connect(".", "tee:", "l2r", "left2right");

        StructValue stats = stats(TeeType.GET_STATS);
        assertEquals(0, stats.getLong("left2right.outFrames"));
        assertEquals(1, stats.getLong("left.inFrames"));
    }

    @Test
    void shouldCountTheOriginalEvenWhenTheNextNodeRefusesIt() {
        tee("left");
        socket.mkpeer("tee:", "one2many", "right", "one");

        assertEquals(Errno.ENOTCONN, socket.sendData("l", bytes("12345")));

        StructValue stats = stats(TeeType.GET_STATS);
        assertEquals(1, stats.getLong("right.outFrames"));
        assertEquals(5, stats.getLong("right.outOctets"));
    }

    /*
     * ng_tee.c counts a copy on its destination only when NG_SEND_DATA_ONLY returned 0 ("if (error == 0)
     * h->stats.outFrames++"). Here the copies go to a socket whose receive queue is full: those copies are refused
     * with ENOBUFS and must not show up in left2right's outFrames.
     */
    @Test
    void shouldNotCountACopyThatTheNextNodeRefused() {
        tee("left", "left2right");
        socket.mkpeer("tee:", "hole", "right", "in");
        int sent = 4096 + 10;

        for (int i = 0; i < sent; i++) {
            socket.sendData("l", bytes("copy"));
        }
        long refused = socket.node().drops(DropReason.QUEUE_FULL);
        int received = drain();

        assertTrue(refused > 0, "the socket's queue never filled up");
        assertEquals(sent, received + refused);
        assertEquals(received, stats(TeeType.GET_STATS).getLong("left2right.outFrames"));
    }

    private int drain() {
        int count = 0;
        Packet packet;
        while ((packet = socket.receiveData(Arrival.QUIET)) != null) {
            packet.free();
            count++;
        }
        return count;
    }

    /*
     * ng_tee.c keeps each role's counters in the node's private data: a disconnect clears only the hook pointer,
     * and only a new hook of that role zeroes them (ng_tee_newhook's bzero). So getstats still reports what a tap
     * saw after the tap was detached.
     */
    @Test
    void shouldKeepAHooksStatsAfterItDisconnects() {
        tee("left", "right", "left2right");
        socket.sendData("l", bytes("12345"));

        socket.rmhook(".", "l2r");
        graph.sync();

        StructValue stats = stats(TeeType.GET_STATS);
        assertEquals(1, stats.getLong("left2right.outFrames"));
        assertEquals(5, stats.getLong("left2right.outOctets"));
    }

    // ---------------------------------------------------------------- messages

    @Test
    void shouldRefuseUnknownCommandsAndCookiesWithEinval() {
        tee("left");

        expect(Errno.EINVAL, () -> socket.send("tee:", Message.request(TeeType.COOKIE, 4, "nosuchcmd")));
        expect(Errno.EINVAL, () -> socket.send("tee:", Message.request(HubType.COOKIE, 1, "getstats")));
    }

    @Test
    void shouldPassAFlowMessageFromLeftOnToRight() {
        tee("left", "right", "left2right");
        Message linkUp = Message.request(TeeType.FLOW_COOKIE, 32, "linkup");

        socket.send(".:l", linkUp);

        Socket.Received forwarded = socket.receiveMessage(Arrival.EXPECTED);
        assertNotNull(forwarded, "the flow message was not passed on");
        assertEquals(TeeType.FLOW_COOKIE, forwarded.message().typecookie());
        assertEquals(32, forwarded.message().cmd());
        assertEquals(graph.node("tee:").id(), forwarded.sourceId());
    }

    @Test
    void shouldNotPassOnAFlowMessageFromLeft2Right() {
        tee("left", "right", "left2right");

        socket.send(".:l2r", Message.request(TeeType.FLOW_COOKIE, 32, "linkup"));

        assertNull(socket.receiveMessage(Arrival.QUIET));
    }

    // ---------------------------------------------------------------- shutdown

    /*
     * The classic insertion: a tee between two hooks of one node (FreeBSD: mkpeer fxp0: tee lower right, then
     * connect fxp0: lower upper left). Shutting the tee down must leave upper and lower linked to each other.
     */
    @Test
    void shouldSpliceLeftAndRightPeersTogetherWhenItShutsDown() {
        socket.mkpeer(".", "tee", "lower", "right");
        socket.connect(".", ".:lower", "upper", "left");
        socket.name("lower", "tee");
        socket.connect(".", "tee:", "tap", "left2right");

        socket.shutdown("tee:");
        graph.sync();

        assertEquals(1, graph.nodes().size());
        Hook upper = socket.node().hook("upper");
        assertNotNull(upper, "upper was not kept");
        assertEquals("lower", upper.peer().name());
        assertNull(socket.node().hook("tap"));
        socket.sendData("upper", bytes("through"));
        assertEquals(new Arrival("lower", "through"), Arrival.next(socket));
        socket.sendData("lower", bytes("back"));
        assertEquals(new Arrival("upper", "back"), Arrival.next(socket));
    }

    /*
     * ng_tee_close splices only when both left and right are still linked; a side whose rmhook already returned is
     * not (FreeBSD clears it in ng_tee_disconnect before rmhook returns). Shutting the tee down right after losing a
     * side must not fail inside the type's close method.
     */
    @Test
    void shouldShutDownWithoutErrorRightAfterOneSideWasRemoved() {
        tee("left", "right");

        socket.rmhook(".", "l");
        socket.shutdown("tee:");
        graph.sync();

        assertEquals(0, graph.errors());
        assertEquals(1, graph.nodes().size());
        assertEquals(0, socket.node().numHooks());
    }

    @Test
    void shouldNotSpliceWhenOnlyOneSideIsConnected() {
        tee("left", "left2right");

        socket.shutdown("tee:");
        graph.sync();

        assertEquals(1, graph.nodes().size());
        assertEquals(0, socket.node().numHooks());
    }

    @Test
    void shouldShutDownWithItsLastHook() {
        tee("left", "right");

        socket.rmhook(".", "l");
        graph.sync();
        assertEquals(1, graph.node("tee:").numHooks());
        socket.rmhook(".", "r");
        graph.sync();

        assertEquals(
                Errno.ENOENT,
                assertThrows(NgException.class, () -> graph.node("tee:")).errno());
    }
}
