package org.jnetgraph.types;

import static org.jnetgraph.types.Arrival.assertQuiet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Packet;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.jnetgraph.parse.StructValue;
import org.jnetgraph.pcap.Captures;
import org.jnetgraph.pcap.PcapReader;
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
 * The {@code vlan_rotate} type (node-types.md §A.27, FreeBSD ng_vlan_rotate.c) beyond the FreeBSD test cases: its
 * hooks, its configuration limits, its statistics, frames too short to count, and the real QinQ capture.
 *
 * <p>The test socket's hooks carry the names of the rotator's hooks they face.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VlanRotateTypeTest {
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

    private void rotator(String... hooks) {
        Ngctl.node(socket, "vlan_rotate", "vr", hooks);
    }

    private static void expect(Errno errno, Runnable action) {
        NgException error = assertThrows(NgException.class, action::run);
        assertEquals(errno, error.errno(), error.getMessage());
    }

    /** An Ethernet frame with the given tags (802.1Q each), then IPv4 and some payload. */
    static byte[] tagged(int... vids) {
        byte[] frame = new byte[12 + 4 * vids.length + 2 + 20];
        for (int i = 0; i < 12; i++) {
            frame[i] = (byte) (i + 1);
        }
        for (int i = 0; i < vids.length; i++) {
            frame[12 + 4 * i] = (byte) 0x81;
            frame[14 + 4 * i] = (byte) (vids[i] >>> 8);
            frame[15 + 4 * i] = (byte) vids[i];
        }
        frame[12 + 4 * vids.length] = 0x08;
        return frame;
    }

    private static int[] vids(byte[] frame) {
        List<Integer> vids = new ArrayList<>();
        for (int at = 12; frame.length >= at + 4 && VlanRotateType.isTagProtocol(unsignedShort(frame, at)); at += 4) {
            vids.add(unsignedShort(frame, at + 2) & 0x0fff);
        }
        return vids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int unsignedShort(byte[] frame, int at) {
        return ((frame[at] & 0xff) << 8) | (frame[at + 1] & 0xff);
    }

    private record Received(String hook, byte[] frame) {}

    private Received receive() {
        Packet packet = socket.receiveData(Arrival.EXPECTED);
        assertNotNull(packet, "expected a frame");
        Received received = new Received(packet.receivedOn().name(), packet.toByteArray());
        packet.free();
        return received;
    }

    private StructValue stat(String cmd) {
        int number = cmd.equals("getclrstat") ? VlanRotateType.GETCLR_STAT : VlanRotateType.GET_STAT;
        Socket.Received reply = socket.request("vr:", Message.request(VlanRotateType.COOKIE, number, cmd));
        return StructValue.decode(VlanRotateType.STAT, reply.message().data());
    }

    // ---------------------------------------------------------------- hooks

    @ParameterizedTest
    @ValueSource(strings = {"Ordered", "origin", "excess", "incomplete0", "downstream"})
    void shouldRefuseOtherHookNamesWithEinval(String name) {
        rotator("ordered");

        expect(Errno.EINVAL, () -> socket.connect(".", "vr:", "x", name));
    }

    @Test
    void shouldShutDownWithItsLastHook() {
        rotator("ordered", "original");
        socket.rmhook(".", "ordered");
        socket.rmhook(".", "original");
        graph.sync();

        assertEquals(1, graph.nodes().size());
    }

    // ---------------------------------------------------------------- configuration

    @Test
    void shouldStartWithRotationZeroAndLimitsZeroToTen() {
        rotator("ordered");

        assertEquals("{ max=10 }", Ngctl.request(socket, "vr:", "getconf", ""));
    }

    @Test
    void shouldRoundTripTheConfigurationInAscii() {
        rotator("ordered");

        Ngctl.msg(socket, "vr:", "setconf", "{ rot=-2 min=3 max=7 }");

        assertEquals("{ rot=-2 min=3 max=7 }", Ngctl.request(socket, "vr:", "getconf", ""));
    }

    @Test
    void shouldKeepTheCurrentMaximumWhenSetconfGivesZero() {
        rotator("ordered");
        Ngctl.msg(socket, "vr:", "setconf", "{ max=6 }");

        Ngctl.msg(socket, "vr:", "setconf", "{ rot=5 min=1 }");

        assertEquals("{ rot=5 min=1 max=6 }", Ngctl.request(socket, "vr:", "getconf", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{ max=11 }", "{ min=5 max=4 }", "{ rot=4 max=4 }", "{ rot=-4 max=4 }", "{ rot=10 }"})
    void shouldRefuseAConfigurationOutOfRangeWithEinvalAndKeepTheOldOne(String conf) {
        rotator("ordered");
        Ngctl.msg(socket, "vr:", "setconf", "{ rot=1 min=1 max=8 }");

        expect(Errno.EINVAL, () -> Ngctl.msg(socket, "vr:", "setconf", conf));

        assertEquals("{ rot=1 min=1 max=8 }", Ngctl.request(socket, "vr:", "getconf", ""));
    }

    @Test
    void shouldRefuseASetconfOfTheWrongLengthWithEinval() {
        rotator("ordered");

        expect(
                Errno.EINVAL,
                () -> socket.send(
                        "vr:",
                        Message.request(
                                VlanRotateType.COOKIE, VlanRotateType.SET_CONF, "setconf", new byte[] {1, 0, 5, 0})));
    }

    @Test
    void shouldRefuseUnknownCommandsAndCookiesWithEinval() {
        rotator("ordered");

        expect(Errno.EINVAL, () -> socket.send("vr:", Message.request(VlanRotateType.COOKIE, 6, "nosuchcmd")));
        expect(Errno.EINVAL, () -> socket.send("vr:", Message.request(TeeType.COOKIE, 1, "getstats")));
    }

    // ---------------------------------------------------------------- data and statistics

    @Test
    void shouldCountRotatedFramesByDepthInTheHistogram() {
        rotator("ordered", "original");
        Ngctl.msg(socket, "vr:", "setconf", "{ rot=1 }");

        socket.sendData("ordered", tagged(1, 2, 3));
        socket.sendData("ordered", tagged(1, 2));
        socket.sendData("original", tagged(1, 2, 3));

        assertEquals("original", receive().hook());
        assertEquals("original", receive().hook());
        assertEquals("ordered", receive().hook());
        assertEquals("{ histogram=[ 2=1 2 ] }", Ngctl.request(socket, "vr:", "getstat", ""));
    }

    @Test
    void shouldRotateForwardFromOrderedAndBackFromOriginal() {
        rotator("ordered", "original");
        Ngctl.msg(socket, "vr:", "setconf", "{ rot=1 }");

        socket.sendData("ordered", tagged(1, 2, 3, 4));
        byte[] forward = receive().frame();
        socket.sendData("original", forward);
        byte[] back = receive().frame();

        assertEquals(List.of(2, 3, 4, 1), List.of(box(vids(forward))));
        assertEquals(List.of(1, 2, 3, 4), List.of(box(vids(back))));
    }

    private static Integer[] box(int[] values) {
        return java.util.Arrays.stream(values).boxed().toArray(Integer[]::new);
    }

    @Test
    void shouldSendFramesWithNoMoreTagsThanTheRotationToIncomplete() {
        rotator("ordered", "original", "incomplete");
        Ngctl.msg(socket, "vr:", "setconf", "{ rot=2 }");

        socket.sendData("ordered", tagged(1, 2));
        socket.sendData("ordered", tagged());

        assertEquals("incomplete", receive().hook());
        assertEquals("incomplete", receive().hook());
        assertEquals(2, stat("getstat").getLong("incomplete"));
    }

    @Test
    void shouldSendTenTagsToExcessiveWhateverTheMaximum() {
        rotator("ordered", "original", "excessive");

        socket.sendData("ordered", tagged(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));

        assertEquals("excessive", receive().hook());
        assertEquals(1, stat("getstat").getLong("excessive"));
    }

    @Test
    void shouldDropWithEnosysWhenTheOutOfRangeHookIsMissing() {
        rotator("ordered", "original");
        Ngctl.msg(socket, "vr:", "setconf", "{ min=2 }");

        assertEquals(Errno.ENOSYS, socket.sendData("ordered", tagged(1)));

        assertQuiet(socket);
        StructValue stat = stat("getstat");
        assertEquals(1, stat.getLong("drops"));
        assertEquals(1, stat.getLong("incomplete"));
    }

    @Test
    void shouldDropWithEnetdownWhenTheOppositeHookIsMissing() {
        rotator("ordered", "incomplete");

        assertEquals(Errno.ENETDOWN, socket.sendData("ordered", tagged(1, 2)));
        assertEquals(Errno.ENOSYS, socket.sendData("incomplete", tagged(1, 2)));

        assertQuiet(socket);
        assertEquals(2, stat("getstat").getLong("drops"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 12, 15, 19})
    void shouldRefuseFramesTooShortToReadTheProtocolAfterTheStackWithEinval(int length) {
        rotator("ordered", "original", "incomplete");
        byte[] frame = java.util.Arrays.copyOf(tagged(1), length);

        assertEquals(Errno.EINVAL, socket.sendData("ordered", frame));

        assertQuiet(socket);
        assertEquals(1, stat("getstat").getLong("drops"));
    }

    @Test
    void shouldPassFramesFromExcessiveAndIncompleteToOriginalUnchanged() {
        rotator("ordered", "original", "excessive", "incomplete");
        Ngctl.msg(socket, "vr:", "setconf", "{ rot=1 }");

        socket.sendData("excessive", tagged(1, 2, 3));
        socket.sendData("incomplete", tagged(4, 5));

        Received first = receive();
        Received second = receive();
        assertEquals("original", first.hook());
        assertEquals(List.of(1, 2, 3), List.of(box(vids(first.frame()))));
        assertEquals("original", second.hook());
        assertEquals(List.of(4, 5), List.of(box(vids(second.frame()))));
    }

    @Test
    void shouldReturnThenClearTheStatisticsWithGetclrstat() {
        rotator("ordered", "original");
        socket.sendData("ordered", tagged(1, 2));
        receive();

        assertEquals("{ histogram=[ 2=1 ] }", Ngctl.request(socket, "vr:", "getclrstat", ""));
        assertEquals("{}", Ngctl.request(socket, "vr:", "getstat", ""));
    }

    @Test
    void shouldClearTheStatisticsWithClrstat() {
        rotator("ordered");
        socket.sendData("ordered", tagged(1, 2));

        Ngctl.msg(socket, "vr:", "clrstat", "");

        assertEquals("{}", Ngctl.request(socket, "vr:", "getstat", ""));
    }

    // ---------------------------------------------------------------- a real capture

    @Test
    void shouldSwapTheTwoTagsOfTheQinqCaptureFramesAndSendTheRestToIncomplete() throws IOException {
        rotator("ordered", "original", "incomplete");
        Ngctl.msg(socket, "vr:", "setconf", "{ rot=1 }");

        int frame = 0;
        try (PcapReader reader = PcapReader.open(Captures.path("VlanPackets.pcap"))) {
            while (reader.next()) {
                frame++;
                byte[] bytes = java.util.Arrays.copyOfRange(
                        reader.array(), reader.dataOffset(), reader.dataOffset() + reader.capturedLength());
                socket.sendData("ordered", bytes);
                Received received = receive();
                int[] vids = vids(received.frame());
                if (frame <= 20) {
                    assertEquals("original", received.hook(), "frame " + frame);
                    assertEquals(2, vids.length, "frame " + frame);
                    boolean swapped = (vids[0] == 10 && vids[1] == 118) || (vids[0] == 20 && vids[1] == 209);
                    assertEquals(true, swapped, "frame " + frame + " tags " + List.of(box(vids)));
                } else {
                    assertEquals("incomplete", received.hook(), "frame " + frame);
                    assertEquals(frame == 23 || frame == 24 ? 0 : 1, vids.length, "frame " + frame);
                }
            }
        }
        assertEquals(26, frame);
        assertQuiet(socket);
        StructValue stat = stat("getstat");
        assertEquals(6, stat.getLong("incomplete"));
        assertEquals("{ incomplete=6 histogram=[ 2=20 ] }", Ngctl.request(socket, "vr:", "getstat", ""));
    }
}
