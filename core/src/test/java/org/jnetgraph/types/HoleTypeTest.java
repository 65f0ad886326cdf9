package org.jnetgraph.types;

import static org.jnetgraph.types.Arrival.assertQuiet;
import static org.jnetgraph.types.Arrival.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.jnetgraph.parse.ParseType;
import org.jnetgraph.parse.StructValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code hole} type (node-types.md §A.9, FreeBSD ng_hole.c): a sink that counts frames and octets per hook and
 * reports them by hook name.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HoleTypeTest {
    @Parameter
    SyncMode mode;

    private Graph graph;
    private Socket socket;

    @BeforeEach
    void start() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        socket = graph.socket("test");
        socket.mkpeer(".", "hole", "a", "in");
        socket.name("a", "hole");
        socket.connect(".", "hole:", "b", "other");
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private StructValue stats(int cmd, String hook) {
        Socket.Received reply = socket.request("hole:", statsRequest(cmd, ParseType.HOOKBUF.parse(quote(hook))));
        return StructValue.decode(HoleType.STATS, reply.message().data());
    }

    private static Message statsRequest(int cmd, byte[] args) {
        return Message.request(HoleType.COOKIE, cmd, "getstats", args);
    }

    private static String quote(String hook) {
        return "\"" + hook + "\"";
    }

    private static void expect(Errno errno, Runnable action) {
        NgException error = assertThrows(NgException.class, action::run);
        assertEquals(errno, error.errno(), error.getMessage());
    }

    @Test
    void shouldAcceptAnyHookName() {
        socket.connect(".", "hole:", "c", "whatever-name_42");

        assertEquals(3, graph.node("hole:").numHooks());
    }

    @Test
    void shouldSwallowDataAndReportSuccess() {
        assertEquals(Errno.OK, socket.sendData("a", bytes("swallowed")));

        assertQuiet(socket);
    }

    @Test
    void shouldCountFramesAndOctetsPerHook() {
        socket.sendData("a", bytes("0123456789"));
        socket.sendData("a", bytes("0123456789"));
        socket.sendData("a", bytes("0123456789"));
        socket.sendData("b", bytes("four"));

        StructValue in = stats(HoleType.GET_STATS, "in");
        StructValue other = stats(HoleType.GET_STATS, "other");
        assertEquals(3, in.getLong("frames"));
        assertEquals(30, in.getLong("octets"));
        assertEquals(1, other.getLong("frames"));
        assertEquals(4, other.getLong("octets"));
    }

    @Test
    void shouldReportStatsInAsciiByHookName() {
        socket.sendData("a", bytes("abc"));
        socket.sendData("a", bytes("de"));

        assertEquals("{ frames=2 octets=5 }", Ngctl.request(socket, "hole:", "getstats", quote("in")));
        assertEquals("{}", Ngctl.request(socket, "hole:", "getstats", quote("other")));
    }

    @Test
    void shouldClearStatsOfOneHookWithClrstats() {
        socket.sendData("a", bytes("abc"));
        socket.sendData("b", bytes("abc"));

        Ngctl.msg(socket, "hole:", "clrstats", quote("in"));

        assertEquals("{}", Ngctl.request(socket, "hole:", "getstats", quote("in")));
        assertEquals("{ frames=1 octets=3 }", Ngctl.request(socket, "hole:", "getstats", quote("other")));
    }

    @Test
    void shouldReturnStatsAndThenClearThemWithGetclrstats() {
        socket.sendData("a", bytes("abcd"));

        StructValue before = stats(HoleType.GETCLR_STATS, "in");
        StructValue after = stats(HoleType.GET_STATS, "in");

        assertEquals(1, before.getLong("frames"));
        assertEquals(4, before.getLong("octets"));
        assertEquals(0, after.getLong("frames"));
        assertEquals(0, after.getLong("octets"));
    }

    @Test
    void shouldCountAgainAfterAClear() {
        socket.sendData("a", bytes("abcd"));
        stats(HoleType.GETCLR_STATS, "in");

        socket.sendData("a", bytes("xy"));

        StructValue now = stats(HoleType.GET_STATS, "in");
        assertEquals(1, now.getLong("frames"));
        assertEquals(2, now.getLong("octets"));
    }

    @Test
    void shouldRefuseStatsOfAnUnknownHookWithEnoent() {
        byte[] args = ParseType.HOOKBUF.parse(quote("nosuchhook"));

        expect(Errno.ENOENT, () -> socket.request("hole:", statsRequest(HoleType.GET_STATS, args)));
        expect(Errno.ENOENT, () -> socket.send("hole:", statsRequest(HoleType.CLR_STATS, args)));
        expect(Errno.ENOENT, () -> socket.request("hole:", statsRequest(HoleType.GETCLR_STATS, args)));
    }

    @Test
    void shouldRefuseAHookArgumentThatIsNot32BytesWithEinval() {
        byte[] shortName = bytes("in\0");

        expect(Errno.EINVAL, () -> socket.request("hole:", statsRequest(HoleType.GET_STATS, shortName)));
        expect(Errno.EINVAL, () -> socket.request("hole:", statsRequest(HoleType.GET_STATS, new byte[33])));
    }

    @Test
    void shouldRefuseUnknownCommandsAndCookiesWithEinval() {
        byte[] args = ParseType.HOOKBUF.parse(quote("in"));

        expect(Errno.EINVAL, () -> socket.send("hole:", Message.request(HoleType.COOKIE, 4, "nosuchcmd", args)));
        expect(Errno.EINVAL, () -> socket.send("hole:", Message.request(TeeType.COOKIE, 1, "getstats", args)));
    }

    @Test
    void shouldLiveWhileItHasAHookAndShutDownWithItsLast() {
        socket.rmhook(".", "a");
        graph.sync();
        assertEquals(1, graph.node("hole:").numHooks());

        socket.rmhook(".", "b");
        graph.sync();

        assertEquals(
                Errno.ENOENT,
                assertThrows(NgException.class, () -> graph.node("hole:")).errno());
        assertEquals(1, graph.nodes().size());
        assertTrue(socket.node().hooks().isEmpty());
    }
}
