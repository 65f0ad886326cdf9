package org.jnetgraph.types;

import static org.jnetgraph.types.Arrival.assertQuiet;
import static org.jnetgraph.types.Arrival.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
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
 * The {@code one2many} type (node-types.md §A.7, FreeBSD ng_one2many.c): frames from {@code one} go out of the
 * {@code manyN} links by round robin, to all, or by failover; frames from any many link go to {@code one}.
 *
 * <p>The test socket's hook {@code o} faces {@code one} and its hook {@code mN} faces {@code manyN}.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class One2ManyTypeTest {
    private static final int FLOW_COOKIE = 851672669;
    private static final int LINK_IS_UP = 32;
    private static final int LINK_IS_DOWN = 33;

    @Parameter
    SyncMode mode;

    private Graph graph;
    private Socket socket;

    @BeforeEach
    void start() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        socket = graph.socket("test");
        socket.mkpeer(".", "one2many", "o", "one");
        socket.name("o", "o2m");
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private void many(int... links) {
        for (int link : links) {
            socket.connect(".", "o2m:", "m" + link, "many" + link);
        }
    }

    private void setconfig(String config) {
        Ngctl.msg(socket, "o2m:", "setconfig", config);
    }

    private String getconfig() {
        return Ngctl.request(socket, "o2m:", "getconfig", "");
    }

    private List<String> sendFromOne(int count) {
        List<String> hooks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assertEquals(Errno.OK, socket.sendData("o", bytes("frame " + i)));
            Arrival arrival = Arrival.next(socket);
            assertEquals("frame " + i, arrival.text());
            hooks.add(arrival.hook());
        }
        return hooks;
    }

    private StructValue stats(int cmd, int link) {
        Socket.Received reply = socket.request("o2m:", statsRequest(cmd, int32(link)));
        return StructValue.decode(One2ManyType.LINK_STATS, reply.message().data());
    }

    private static Message statsRequest(int cmd, byte[] args) {
        return Message.request(One2ManyType.COOKIE, cmd, "getstats", args);
    }

    private static byte[] int32(int value) {
        return ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value)
                .array();
    }

    private static void expect(Errno errno, Runnable action) {
        NgException error = assertThrows(NgException.class, action::run);
        assertEquals(errno, error.errno(), error.getMessage());
    }

    // ---------------------------------------------------------------- hooks

    @ParameterizedTest
    @ValueSource(strings = {"many0", "many1", "many9", "many10", "many42", "many63"})
    void shouldAcceptManyLinksNumberedFrom0To63(String name) {
        socket.connect(".", "o2m:", "x", name);

        assertEquals(name, socket.node().hook("x").peer().name());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "many01", "many00", "many64", "many100", "many", "many-1", "many+1", "many1x", "manyx", "Many1", "one1",
                "One", "two", "hook"
            })
    void shouldRefuseOtherHookNamesWithEinval(String name) {
        expect(Errno.EINVAL, () -> socket.connect(".", "o2m:", "x", name));
        graph.sync();

        assertNull(socket.node().hook("x"));
        assertEquals(1, graph.node("o2m:").numHooks());
    }

    @Test
    void shouldRefuseASecondHookForATakenLink() {
        many(3);

        expect(Errno.EEXIST, () -> socket.connect(".", "o2m:", "x", "many3"));
        graph.sync();

        assertEquals(2, graph.node("o2m:").numHooks());
    }

    // ---------------------------------------------------------------- distribution

    @Test
    void shouldDistributeRoundRobinInLinkNumberOrder() {
        many(7, 0, 3);

        assertEquals(List.of("m0", "m3", "m7", "m0", "m3", "m7"), sendFromOne(6));
        assertQuiet(socket);
    }

    @Test
    void shouldSkipDisabledLinksInRoundRobin() {
        many(0, 1, 2);
        setconfig("{ xmitAlg=1 failAlg=1 enabledLinks=[ 1 0 1 ] }");

        assertEquals(List.of("m0", "m2", "m0", "m2"), sendFromOne(4));
    }

    @Test
    void shouldContinueRoundRobinWithANewLinkInItsPlace() {
        many(0, 2);
        assertEquals(List.of("m0"), sendFromOne(1));

        many(1);

        assertEquals(List.of("m1", "m2", "m0"), sendFromOne(3));
    }

    /*
     * ng_one2many_update_many keeps the round-robin position modulo the new number of active links
     * ("priv->nextMany %= priv->numActiveMany"). After three frames over four links the position is 3; with two
     * links left active it becomes 3 % 2 = 1, so the next frame goes to the second active link, many1.
     */
    @Test
    void shouldKeepTheRoundRobinPositionModuloTheNewNumberOfActiveLinks() {
        many(0, 1, 2, 3);
        assertEquals(List.of("m0", "m1", "m2"), sendFromOne(3));

        setconfig("{ xmitAlg=1 failAlg=1 enabledLinks=[ 1 1 ] }");

        assertEquals(List.of("m1", "m0"), sendFromOne(2));
    }

    @Test
    void shouldSendCopiesToEveryActiveLinkAndTheOriginalLastToTheLowest() {
        many(0, 1, 2, 5);
        setconfig("{ xmitAlg=2 failAlg=1 enabledLinks=[ 1 1 0 0 0 1 ] }");

        assertEquals(Errno.OK, socket.sendData("o", bytes("to all")));

        assertEquals(new Arrival("m1", "to all"), Arrival.next(socket));
        assertEquals(new Arrival("m5", "to all"), Arrival.next(socket));
        assertEquals(new Arrival("m0", "to all"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldSendEverythingToTheLowestActiveLinkInFailover() {
        many(4, 2, 9);
        setconfig("{ xmitAlg=3 failAlg=1 enabledLinks=[ 2=1 4=1 9=1 ] }");

        assertEquals(List.of("m2", "m2", "m2"), sendFromOne(3));
    }

    @Test
    void shouldFailOverToTheNextLinkWhenTheActiveOneGoes() {
        many(0, 1, 2);
        setconfig("{ xmitAlg=3 failAlg=1 enabledLinks=[ 1 1 1 ] }");
        assertEquals(List.of("m0"), sendFromOne(1));

        socket.rmhook(".", "m0");
        graph.sync();
        assertEquals(List.of("m1"), sendFromOne(1));

        setconfig("{ xmitAlg=3 failAlg=1 enabledLinks=[ 0 0 1 ] }");
        assertEquals(List.of("m2"), sendFromOne(1));
    }

    @Test
    void shouldFailOverAsSoonAsRmhookOfTheActiveLinkReturned() {
        many(0, 1);
        setconfig("{ xmitAlg=3 failAlg=1 enabledLinks=[ 1 1 ] }");

        socket.rmhook(".", "m0");

        assertEquals(List.of("m1"), sendFromOne(1));
    }

    @Test
    void shouldTakeALinkAgainRightAfterItsHookWasRemoved() {
        many(0, 1);

        socket.rmhook(".", "m0");
        socket.connect(".", "o2m:", "m0", "many0");
        graph.sync();

        assertEquals("{ xmitAlg=1 failAlg=1 enabledLinks=[ 1 1 ] }", getconfig());
        assertEquals(List.of("m0", "m1", "m0"), sendFromOne(3));
    }

    @Test
    void shouldReportEnotconnWhenNoManyLinkIsConnected() {
        assertEquals(Errno.ENOTCONN, socket.sendData("o", bytes("nowhere")));

        assertQuiet(socket);
    }

    @Test
    void shouldReportEnotconnWhenEveryManyLinkIsDisabled() {
        many(0, 1);
        setconfig("{ xmitAlg=1 failAlg=1 }");

        assertEquals(Errno.ENOTCONN, socket.sendData("o", bytes("nowhere")));

        assertQuiet(socket);
    }

    @Test
    void shouldPassFramesFromAnyManyLinkToOneUnchanged() {
        many(0, 1, 63);

        socket.sendData("m1", bytes("up from 1"));
        socket.sendData("m63", bytes("up from 63"));

        assertEquals(new Arrival("o", "up from 1"), Arrival.next(socket));
        assertEquals(new Arrival("o", "up from 63"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldPassFramesFromDisabledManyLinksToOneToo() {
        many(0, 1);
        setconfig("{ xmitAlg=1 failAlg=1 enabledLinks=[ 1 ] }");

        socket.sendData("m1", bytes("disabled but heard"));

        assertEquals(new Arrival("o", "disabled but heard"), Arrival.next(socket));
    }

    @Test
    void shouldReportEnetdownForAFrameFromManyWhenOneIsMissing() {
        many(0, 1);
        socket.rmhook(".", "o");
        graph.sync();

        assertEquals(Errno.ENETDOWN, socket.sendData("m0", bytes("no one")));
    }

    // ---------------------------------------------------------------- configuration

    @Test
    void shouldStartWithRoundRobinManualFailureAndNoLinksEnabled() {
        assertEquals("{ xmitAlg=1 failAlg=1 }", getconfig());
    }

    @Test
    void shouldEnableAManyLinkWhenItConnectsAndDisableItWhenItGoes() {
        many(0, 2);
        assertEquals("{ xmitAlg=1 failAlg=1 enabledLinks=[ 1 2=1 ] }", getconfig());

        socket.rmhook(".", "m0");
        graph.sync();

        assertEquals("{ xmitAlg=1 failAlg=1 enabledLinks=[ 2=1 ] }", getconfig());
    }

    @Test
    void shouldReturnTheConfigurationThatWasSet() {
        many(0, 1);
        String config = "{ xmitAlg=3 failAlg=2 enabledLinks=[ 1 1 ] }";

        setconfig(config);

        assertEquals(config, getconfig());
    }

    @Test
    void shouldKeepEnabledFlagsOfLinksThatAreNotConnected() {
        setconfig("{ xmitAlg=2 failAlg=1 enabledLinks=[ 5=1 ] }");

        assertEquals("{ xmitAlg=2 failAlg=1 enabledLinks=[ 5=1 ] }", getconfig());
    }

    @Test
    void shouldNormaliseEnabledFlagsToZeroOrOne() {
        setconfig("{ xmitAlg=1 failAlg=1 enabledLinks=[ 7 0 255 ] }");

        assertEquals("{ xmitAlg=1 failAlg=1 enabledLinks=[ 1 2=1 ] }", getconfig());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{ xmitAlg=0 failAlg=1 }",
                "{ xmitAlg=4 failAlg=1 }",
                "{ xmitAlg=1 failAlg=0 }",
                "{ xmitAlg=1 failAlg=3 }",
                "{ xmitAlg=4294967295 failAlg=1 }"
            })
    void shouldRefuseUnknownAlgorithmsWithEinvalAndKeepTheOldConfiguration(String config) {
        many(0);
        setconfig("{ xmitAlg=3 failAlg=2 enabledLinks=[ 1 ] }");

        expect(Errno.EINVAL, () -> setconfig(config));

        assertEquals("{ xmitAlg=3 failAlg=2 enabledLinks=[ 1 ] }", getconfig());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 71, 73})
    void shouldRefuseAConfigurationOfTheWrongLengthWithEinval(int length) {
        byte[] config = new byte[length];
        if (length >= 8) {
            config[0] = 1;
            config[4] = 1;
        }
        Message request = Message.request(One2ManyType.COOKIE, One2ManyType.SET_CONFIG, "setconfig", config);

        expect(Errno.EINVAL, () -> socket.send("o2m:", request));
    }

    @Test
    void shouldRefuseUnknownCommandsAndCookiesWithEinval() {
        expect(Errno.EINVAL, () -> socket.send("o2m:", Message.request(One2ManyType.COOKIE, 5, "nosuchcmd")));
        expect(Errno.EINVAL, () -> socket.send("o2m:", Message.request(TeeType.COOKIE, 1, "getstats")));
    }

    // ---------------------------------------------------------------- statistics

    @Test
    void shouldCountPerLinkWithMinusOneForOne() {
        many(0, 1);
        socket.sendData("o", bytes("four"));
        socket.sendData("o", bytes("sixsix"));
        socket.sendData("m0", bytes("abc"));

        StructValue one = stats(One2ManyType.GET_STATS, -1);
        StructValue many0 = stats(One2ManyType.GET_STATS, 0);
        StructValue many1 = stats(One2ManyType.GET_STATS, 1);

        assertEquals(List.of(10L, 2L, 3L, 1L, 0L), List.copyOf(one.asMap().values()));
        assertEquals(List.of(3L, 1L, 4L, 1L, 0L), List.copyOf(many0.asMap().values()));
        assertEquals(List.of(0L, 0L, 6L, 1L, 0L), List.copyOf(many1.asMap().values()));
    }

    @Test
    void shouldPrintLinkStatsInAscii() {
        many(0);
        socket.sendData("o", bytes("four"));
        socket.sendData("m0", bytes("abc"));

        assertEquals(
                "{ recvOctets=4 recvPackets=1 xmitOctets=3 xmitPackets=1 }",
                Ngctl.request(socket, "o2m:", "getstats", "-1"));
        assertEquals(
                "{ recvOctets=3 recvPackets=1 xmitOctets=4 xmitPackets=1 }",
                Ngctl.request(socket, "o2m:", "getstats", "0"));
    }

    @Test
    void shouldReportZeroStatsForALinkThatIsNotConnected() {
        assertEquals("{}", Ngctl.request(socket, "o2m:", "getstats", "63"));
    }

    @ParameterizedTest
    @ValueSource(ints = {-2, 64, 65, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void shouldRefuseLinkNumbersOutsideMinusOneTo63WithEinval(int link) {
        expect(Errno.EINVAL, () -> socket.request("o2m:", statsRequest(One2ManyType.GET_STATS, int32(link))));
        expect(Errno.EINVAL, () -> socket.send("o2m:", statsRequest(One2ManyType.CLR_STATS, int32(link))));
        expect(Errno.EINVAL, () -> socket.request("o2m:", statsRequest(One2ManyType.GETCLR_STATS, int32(link))));
    }

    @Test
    void shouldRefuseALinkArgumentThatIsNotFourBytesWithEinval() {
        expect(Errno.EINVAL, () -> socket.request("o2m:", statsRequest(One2ManyType.GET_STATS, new byte[2])));
        expect(Errno.EINVAL, () -> socket.request("o2m:", statsRequest(One2ManyType.GET_STATS, new byte[8])));
    }

    @Test
    void shouldClearOneLinksStatsWithClrstats() {
        many(0);
        socket.sendData("o", bytes("four"));

        Ngctl.msg(socket, "o2m:", "clrstats", "0");

        assertEquals("{}", Ngctl.request(socket, "o2m:", "getstats", "0"));
        assertEquals("{ recvOctets=4 recvPackets=1 }", Ngctl.request(socket, "o2m:", "getstats", "-1"));
    }

    @Test
    void shouldReturnStatsAndThenClearThemWithGetclrstats() {
        many(0);
        socket.sendData("o", bytes("four"));

        StructValue before = stats(One2ManyType.GETCLR_STATS, -1);
        StructValue after = stats(One2ManyType.GET_STATS, -1);

        assertEquals(1, before.getLong("recvPackets"));
        assertEquals(4, before.getLong("recvOctets"));
        assertEquals(0, after.getLong("recvPackets"));
        assertEquals(0, after.getLong("recvOctets"));
    }

    @Test
    void shouldCountACopyForEveryLinkInXmitAll() {
        many(0, 1, 2);
        setconfig("{ xmitAlg=2 failAlg=1 enabledLinks=[ 1 1 1 ] }");

        socket.sendData("o", bytes("12345"));

        for (int link = 0; link < 3; link++) {
            StructValue stats = stats(One2ManyType.GET_STATS, link);
            assertEquals(1, stats.getLong("xmitPackets"), "many" + link);
            assertEquals(5, stats.getLong("xmitOctets"), "many" + link);
        }
    }

    @Test
    void shouldCountATransmitEvenWhenTheNextNodeRefusesIt() {
        socket.mkpeer("o2m:", "one2many", "many0", "one");

        assertEquals(Errno.ENOTCONN, socket.sendData("o", bytes("12345")));

        assertEquals("{ xmitOctets=5 xmitPackets=1 }", Ngctl.request(socket, "o2m:", "getstats", "0"));
    }

    /*
     * ng_one2many.c keeps a link's counters in the node's private data; ng_one2many_disconnect only clears the hook
     * pointer, and only a new hook on that link zeroes them (bzero in ng_one2many_newhook).
     */
    @Test
    void shouldKeepALinksStatsAfterItDisconnects() {
        many(0);
        socket.sendData("o", bytes("12345"));

        socket.rmhook(".", "m0");
        graph.sync();

        assertEquals("{ xmitOctets=5 xmitPackets=1 }", Ngctl.request(socket, "o2m:", "getstats", "0"));
    }

    // ---------------------------------------------------------------- link state

    @Test
    void shouldDisableAndEnableALinkOnFlowMessagesWhenFailAlgIsNotify() {
        many(0, 1);
        setconfig("{ xmitAlg=1 failAlg=2 enabledLinks=[ 1 1 ] }");

        socket.send(".:m0", Message.request(FLOW_COOKIE, LINK_IS_DOWN, "linkdown"));
        assertEquals(List.of("m1", "m1"), sendFromOne(2));
        assertEquals("{ xmitAlg=1 failAlg=2 enabledLinks=[ 1=1 ] }", getconfig());

        socket.send(".:m0", Message.request(FLOW_COOKIE, LINK_IS_UP, "linkup"));
        assertEquals("{ xmitAlg=1 failAlg=2 enabledLinks=[ 1 1 ] }", getconfig());
    }

    @Test
    void shouldIgnoreFlowMessagesWhenFailAlgIsManual() {
        many(0, 1);

        socket.send(".:m0", Message.request(FLOW_COOKIE, LINK_IS_DOWN, "linkdown"));

        assertEquals("{ xmitAlg=1 failAlg=1 enabledLinks=[ 1 1 ] }", getconfig());
    }

    @Test
    void shouldIgnoreFlowMessagesArrivingOnOne() {
        many(0, 1);
        setconfig("{ xmitAlg=1 failAlg=2 enabledLinks=[ 1 1 ] }");

        socket.send(".:o", Message.request(FLOW_COOKIE, LINK_IS_DOWN, "linkdown"));

        assertEquals("{ xmitAlg=1 failAlg=2 enabledLinks=[ 1 1 ] }", getconfig());
    }

    @Test
    void shouldTellOneWhenTheFirstLinkComesUpAndTheLastGoesDown() {
        many(4);
        Socket.Received up = socket.receiveMessage(Arrival.EXPECTED);
        assertNotNull(up, "no LINK_IS_UP");
        assertEquals(FLOW_COOKIE, up.message().typecookie());
        assertEquals(LINK_IS_UP, up.message().cmd());

        many(5);
        socket.rmhook(".", "m4");
        graph.sync();
        assertNull(socket.receiveMessage(Arrival.QUIET));

        socket.rmhook(".", "m5");
        graph.sync();
        Socket.Received down = socket.receiveMessage(Arrival.EXPECTED);
        assertNotNull(down, "no LINK_IS_DOWN");
        assertEquals(LINK_IS_DOWN, down.message().cmd());
        assertEquals(graph.node("o2m:").id(), down.sourceId());
    }

    // ---------------------------------------------------------------- lifetime

    @Test
    void shouldShutDownWithItsLastHook() {
        many(0);
        socket.rmhook(".", "o");
        graph.sync();
        assertEquals(1, graph.node("o2m:").numHooks());

        socket.rmhook(".", "m0");
        graph.sync();

        assertEquals(
                Errno.ENOENT,
                assertThrows(NgException.class, () -> graph.node("o2m:")).errno());
        assertEquals(1, graph.nodes().size());
    }
}
