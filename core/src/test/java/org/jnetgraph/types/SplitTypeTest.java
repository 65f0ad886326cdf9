package org.jnetgraph.types;

import static org.jnetgraph.types.Arrival.assertQuiet;
import static org.jnetgraph.types.Arrival.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code split} type (node-types.md §A.16, FreeBSD ng_split.c): {@code in} feeds {@code mixed}, {@code mixed}
 * feeds {@code out}, and {@code out} accepts nothing. The test socket's hooks carry the names of the split's hooks
 * they face.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SplitTypeTest {
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

    private void split(String... hooks) {
        Ngctl.node(socket, "split", "split", hooks);
    }

    private static void expect(Errno errno, Runnable action) {
        NgException error = assertThrows(NgException.class, action::run);
        assertEquals(errno, error.errno(), error.getMessage());
    }

    @Test
    void shouldSendFramesArrivingOnInOutOfMixed() {
        split("in", "out", "mixed");

        assertEquals(Errno.OK, socket.sendData("in", bytes("inbound")));

        assertEquals(new Arrival("mixed", "inbound"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldSendFramesArrivingOnMixedOutOfOut() {
        split("in", "out", "mixed");

        assertEquals(Errno.OK, socket.sendData("mixed", bytes("two-way")));

        assertEquals(new Arrival("out", "two-way"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldRefuseFramesArrivingOnOutWithEinval() {
        split("in", "out", "mixed");

        assertEquals(Errno.EINVAL, socket.sendData("out", bytes("backwards")));

        assertQuiet(socket);
    }

    @Test
    void shouldDropSilentlyWhenMixedIsMissing() {
        split("in", "out");

        assertEquals(Errno.OK, socket.sendData("in", bytes("nowhere")));

        assertQuiet(socket);
    }

    @Test
    void shouldDropSilentlyWhenOutIsMissing() {
        split("in", "mixed");

        assertEquals(Errno.OK, socket.sendData("mixed", bytes("nowhere")));

        assertQuiet(socket);
    }

    @ParameterizedTest
    @ValueSource(strings = {"In", "OUT", "mix", "mixed0", "left", "x"})
    void shouldRefuseOtherHookNamesWithEinval(String name) {
        split("in");

        expect(Errno.EINVAL, () -> socket.connect(".", "split:", "x", name));
        graph.sync();

        assertEquals(1, graph.node("split:").numHooks());
    }

    @Test
    void shouldRefuseASecondHookOfTheSameNameWithEexist() {
        split("in");

        expect(Errno.EEXIST, () -> socket.connect(".", "split:", "x", "in"));
    }

    @Test
    void shouldTakeAHookNameAgainAfterItsHookWasRemoved() {
        split("in", "mixed");
        socket.rmhook(".", "mixed");
        graph.sync();
        socket.connect(".", "split:", "mixed", "mixed");

        assertEquals(Errno.OK, socket.sendData("in", bytes("again")));

        assertEquals(new Arrival("mixed", "again"), Arrival.next(socket));
    }

    @Test
    void shouldAcceptAndIgnoreMessagesBecauseItHasNone() {
        split("in");

        socket.send("split:", Message.request(SplitType.COOKIE, 1, "anything"));
        graph.sync();

        assertEquals(1, graph.node("split:").numHooks());
    }

    @Test
    void shouldShutDownWithItsLastHook() {
        split("in", "out");
        socket.rmhook(".", "in");
        socket.rmhook(".", "out");
        graph.sync();

        assertEquals(1, graph.nodes().size());
    }
}
