package org.jnetgraph.types;

import static org.jnetgraph.types.Arrival.assertQuiet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Packet;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
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
 * The {@code vlan} type (node-types.md §A.6, FreeBSD ng_vlan.c): 802.1Q and 802.1ad tagging towards
 * {@code downstream}, untagging towards the filter hooks, the filter table, the encapsulation settings and the
 * {@code nomatch} hook. The test socket's hooks carry the names of the vlan hooks they face.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VlanTypeTest {
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

    private void vlan(String... hooks) {
        Ngctl.node(socket, "vlan", "vlan", hooks);
    }

    private void addfilter(String args) {
        Ngctl.msg(socket, "vlan:", "addfilter", args);
    }

    private static void expect(Errno errno, Runnable action) {
        NgException error = assertThrows(NgException.class, action::run);
        assertEquals(errno, error.errno(), error.getMessage());
    }

    /** An untagged frame: MACs 1..12, IPv4, 20 payload bytes. */
    static byte[] untagged() {
        byte[] frame = new byte[14 + 20];
        for (int i = 0; i < 12; i++) {
            frame[i] = (byte) (i + 1);
        }
        frame[12] = 0x08;
        for (int i = 14; i < frame.length; i++) {
            frame[i] = (byte) i;
        }
        return frame;
    }

    /** The untagged frame with one tag of TPID {@code tpid} and TCI {@code tci} after the MACs. */
    static byte[] tagged(int tpid, int tci) {
        byte[] plain = untagged();
        byte[] frame = new byte[plain.length + 4];
        System.arraycopy(plain, 0, frame, 0, 12);
        frame[12] = (byte) (tpid >>> 8);
        frame[13] = (byte) tpid;
        frame[14] = (byte) (tci >>> 8);
        frame[15] = (byte) tci;
        System.arraycopy(plain, 12, frame, 16, plain.length - 12);
        return frame;
    }

    private record Received(String hook, byte[] frame, long tag) {}

    private Received receive() {
        Packet packet = socket.receiveData(Arrival.EXPECTED);
        assertNotNull(packet, "expected a frame");
        Received received =
                new Received(packet.receivedOn().name(), packet.toByteArray(), packet.tag(VlanType.VLAN_TAG, -1));
        packet.free();
        return received;
    }

    private Errno sendWithTagBeside(String hook, byte[] frame, int tci) {
        Packet packet = graph.allocate();
        packet.setData(frame, 0, frame.length);
        packet.setTag(VlanType.VLAN_TAG, tci);
        return socket.sendData(hook, packet);
    }

    // ---------------------------------------------------------------- hooks

    @Test
    void shouldAcceptAnyHookName() {
        vlan("downstream", "nomatch", "eiface0", "x", "Downstream");

        assertEquals(5, graph.node("vlan:").numHooks());
    }

    @Test
    void shouldShutDownWithItsLastHook() {
        vlan("downstream", "v1");
        socket.rmhook(".", "downstream");
        socket.rmhook(".", "v1");
        graph.sync();

        assertEquals(1, graph.nodes().size());
    }

    // ---------------------------------------------------------------- settings

    @Test
    void shouldStartWithDecapOffEncapFromFilterAndTpid8100() {
        vlan("downstream");

        assertEquals("0x0", Ngctl.request(socket, "vlan:", "getdecap", ""));
        assertEquals("0x1", Ngctl.request(socket, "vlan:", "getencap", ""));
        assertEquals("0x8100", Ngctl.request(socket, "vlan:", "getencapproto", ""));
    }

    @Test
    void shouldRoundTripTheSettingsInAscii() {
        vlan("downstream");

        Ngctl.msg(socket, "vlan:", "setdecap", "1");
        Ngctl.msg(socket, "vlan:", "setencap", "0x3");
        Ngctl.msg(socket, "vlan:", "setencapproto", "0x88a8");

        assertEquals("0x1", Ngctl.request(socket, "vlan:", "getdecap", ""));
        assertEquals("0x3", Ngctl.request(socket, "vlan:", "getencap", ""));
        assertEquals("0x88a8", Ngctl.request(socket, "vlan:", "getencapproto", ""));
    }

    @Test
    void shouldRefuseSettingsOfTheWrongLengthWithEinval() {
        vlan("downstream");

        expect(
                Errno.EINVAL,
                () -> socket.send(
                        "vlan:", Message.request(VlanType.COOKIE, VlanType.SET_DECAP, "setdecap", new byte[2])));
        expect(
                Errno.EINVAL,
                () -> socket.send(
                        "vlan:",
                        Message.request(VlanType.COOKIE, VlanType.SET_ENCAP_PROTO, "setencapproto", new byte[4])));
    }

    @Test
    void shouldRefuseUnknownCommandsAndCookiesWithEinval() {
        vlan("downstream");

        expect(Errno.EINVAL, () -> socket.send("vlan:", Message.request(VlanType.COOKIE, 11, "nosuchcmd")));
        expect(Errno.EINVAL, () -> socket.send("vlan:", Message.request(TeeType.COOKIE, 1, "getstats")));
    }

    // ---------------------------------------------------------------- the filter table

    @Test
    void shouldRoundTripFiltersInAsciiInAscendingVid() {
        vlan("downstream", "a", "b", "c");

        addfilter("{ hook=\"b\" vid=300 pcp=5 cfi=1 }");
        addfilter("{ hook=\"a\" vid=20 }");
        addfilter("{ hook=\"c\" vlan=7 }");

        assertEquals(
                "{ n=3 filter=[ { hook=\"c\" vlan=7 vid=7 } { hook=\"a\" vlan=20 vid=20 }"
                        + " { hook=\"b\" vlan=300 vid=300 pcp=5 cfi=1 } ] }",
                Ngctl.request(socket, "vlan:", "gettable", ""));
    }

    @Test
    void shouldStartWithAnEmptyTable() {
        vlan("downstream");

        assertEquals("{}", Ngctl.request(socket, "vlan:", "gettable", ""));
    }

    @Test
    void shouldAcceptVidZeroForPriorityTaggedFrames() {
        vlan("downstream", "prio");

        addfilter("{ hook=\"prio\" vid=0 pcp=3 }");

        assertEquals("{ n=1 filter=[ { hook=\"prio\" pcp=3 } ] }", Ngctl.request(socket, "vlan:", "gettable", ""));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{ hook=\"a\" vid=4096 }", "{ hook=\"a\" vid=1 pcp=8 }", "{ hook=\"a\" vid=1 cfi=2 }",
                "{ hook=\"a\" vlan=2 vid=3 }", "{ hook=\"downstream\" vid=1 }", "{ hook=\"nomatch\" vid=1 }"
            })
    void shouldRefuseAnInvalidFilterWithEinval(String filter) {
        vlan("downstream", "nomatch", "a");

        expect(Errno.EINVAL, () -> addfilter(filter));

        assertEquals("{}", Ngctl.request(socket, "vlan:", "gettable", ""));
    }

    @Test
    void shouldRefuseAFilterOnAMissingHookWithEnoent() {
        vlan("downstream");

        expect(Errno.ENOENT, () -> addfilter("{ hook=\"nothere\" vid=5 }"));
    }

    @Test
    void shouldRefuseASecondFilterForAHookOrAVidWithEexist() {
        vlan("downstream", "a", "b");
        addfilter("{ hook=\"a\" vid=5 }");

        expect(Errno.EEXIST, () -> addfilter("{ hook=\"a\" vid=6 }"));
        expect(Errno.EEXIST, () -> addfilter("{ hook=\"b\" vid=5 }"));
    }

    @Test
    void shouldRefuseAnAddfilterOfTheWrongLengthWithEinval() {
        vlan("downstream", "a");

        expect(
                Errno.EINVAL,
                () -> socket.send(
                        "vlan:", Message.request(VlanType.COOKIE, VlanType.ADD_FILTER, "addfilter", new byte[36])));
    }

    @Test
    void shouldDeleteAFilterByHook() {
        vlan("downstream", "a", "b");
        addfilter("{ hook=\"a\" vid=5 }");
        addfilter("{ hook=\"b\" vid=6 }");

        Ngctl.msg(socket, "vlan:", "delfilter", "\"a\"");

        assertEquals("{ n=1 filter=[ { hook=\"b\" vlan=6 vid=6 } ] }", Ngctl.request(socket, "vlan:", "gettable", ""));
        expect(Errno.ENOENT, () -> Ngctl.msg(socket, "vlan:", "delfilter", "\"a\""));
        expect(Errno.ENOENT, () -> Ngctl.msg(socket, "vlan:", "delfilter", "\"nothere\""));
    }

    @Test
    void shouldDeleteAFilterByVid() {
        vlan("downstream", "a", "b");
        addfilter("{ hook=\"a\" vid=5 }");
        addfilter("{ hook=\"b\" vid=6 }");

        Ngctl.msg(socket, "vlan:", "delvidflt", "6");

        assertEquals("{ n=1 filter=[ { hook=\"a\" vlan=5 vid=5 } ] }", Ngctl.request(socket, "vlan:", "gettable", ""));
        expect(Errno.ENOENT, () -> Ngctl.msg(socket, "vlan:", "delvidflt", "6"));
        expect(Errno.EINVAL, () -> Ngctl.msg(socket, "vlan:", "delvidflt", "4096"));
    }

    @Test
    void shouldLetAHookTakeANewVidAfterItsFilterWasDeleted() {
        vlan("downstream", "a");
        addfilter("{ hook=\"a\" vid=5 }");
        Ngctl.msg(socket, "vlan:", "delfilter", "\"a\"");

        addfilter("{ hook=\"a\" vid=9 }");

        assertEquals("{ n=1 filter=[ { hook=\"a\" vlan=9 vid=9 } ] }", Ngctl.request(socket, "vlan:", "gettable", ""));
    }

    @Test
    void shouldDropTheFilterOfADisconnectedHook() {
        vlan("downstream", "a", "b");
        addfilter("{ hook=\"a\" vid=5 }");
        addfilter("{ hook=\"b\" vid=6 }");

        socket.rmhook(".", "a");
        graph.sync();

        assertEquals("{ n=1 filter=[ { hook=\"b\" vlan=6 vid=6 } ] }", Ngctl.request(socket, "vlan:", "gettable", ""));
    }

    // ---------------------------------------------------------------- from downstream

    @Test
    void shouldUntagAFrameWhoseVidHasAFilterAndSendItOutOfThatHook() {
        vlan("downstream", "nomatch", "v5");
        addfilter("{ hook=\"v5\" vid=5 }");

        assertEquals(Errno.OK, socket.sendData("downstream", tagged(0x8100, 0xa005)));

        Received received = receive();
        assertEquals("v5", received.hook());
        assertArrayEquals(untagged(), received.frame());
        assertEquals(-1, received.tag());
        assertQuiet(socket);
    }

    @Test
    void shouldSendAFrameOfAVidWithoutFilterToNomatchWithItsTag() {
        vlan("downstream", "nomatch", "v5");
        addfilter("{ hook=\"v5\" vid=5 }");

        socket.sendData("downstream", tagged(0x8100, 6));

        Received received = receive();
        assertEquals("nomatch", received.hook());
        assertArrayEquals(tagged(0x8100, 6), received.frame());
    }

    @Test
    void shouldMoveTheTagOfANomatchFrameBesideItWhenDecapIsOn() {
        vlan("downstream", "nomatch");
        Ngctl.msg(socket, "vlan:", "setdecap", "1");

        socket.sendData("downstream", tagged(0x8100, 0x2006));

        Received received = receive();
        assertEquals("nomatch", received.hook());
        assertArrayEquals(untagged(), received.frame());
        assertEquals(0x2006, received.tag());
    }

    @Test
    void shouldSendUntaggedFramesToNomatch() {
        vlan("downstream", "nomatch", "v0");
        addfilter("{ hook=\"v0\" vid=0 }");

        socket.sendData("downstream", untagged());

        assertEquals(new Received("nomatch", untagged(), -1).hook(), receive().hook());
    }

    @Test
    void shouldUntagAFrameWhoseTagTravelsBesideIt() {
        vlan("downstream", "nomatch", "v7");
        addfilter("{ hook=\"v7\" vid=7 }");

        sendWithTagBeside("downstream", untagged(), 0x6007);

        Received received = receive();
        assertEquals("v7", received.hook());
        assertArrayEquals(untagged(), received.frame());
        assertEquals(-1, received.tag());
    }

    @Test
    void shouldTreat8100FramesAsUntaggedWhenTheTpidIs88a8() {
        vlan("downstream", "nomatch", "v5");
        addfilter("{ hook=\"v5\" vid=5 }");
        Ngctl.msg(socket, "vlan:", "setencapproto", "0x88a8");

        socket.sendData("downstream", tagged(0x8100, 5));
        socket.sendData("downstream", tagged(0x88a8, 5));

        assertEquals("nomatch", receive().hook());
        Received demuxed = receive();
        assertEquals("v5", demuxed.hook());
        assertArrayEquals(untagged(), demuxed.frame());
    }

    @Test
    void shouldRefuseFramesWithoutNomatchWithEnetdown() {
        vlan("downstream", "v5");
        addfilter("{ hook=\"v5\" vid=5 }");

        assertEquals(Errno.ENETDOWN, socket.sendData("downstream", untagged()));
        assertEquals(Errno.ENETDOWN, socket.sendData("downstream", tagged(0x8100, 6)));
        assertQuiet(socket);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 13})
    void shouldRefuseFramesShorterThanAnEthernetHeaderOnEveryHookWithEinval(int length) {
        vlan("downstream", "nomatch", "v5");
        addfilter("{ hook=\"v5\" vid=5 }");
        byte[] frame = Arrays.copyOf(tagged(0x8100, 5), length);

        assertEquals(Errno.EINVAL, socket.sendData("downstream", frame));
        assertEquals(Errno.EINVAL, socket.sendData("nomatch", frame));
        assertEquals(Errno.EINVAL, socket.sendData("v5", frame));
        assertQuiet(socket);
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 17})
    void shouldRefuseATaggedFrameTooShortToHoldItsTagWithEinval(int length) {
        vlan("downstream", "nomatch", "v5");
        addfilter("{ hook=\"v5\" vid=5 }");

        assertEquals(Errno.EINVAL, socket.sendData("downstream", Arrays.copyOf(tagged(0x8100, 5), length)));
        assertQuiet(socket);
    }

    @Test
    void shouldUntagTheShortestTaggedFrame() {
        vlan("downstream", "nomatch", "v5");
        addfilter("{ hook=\"v5\" vid=5 }");

        socket.sendData("downstream", Arrays.copyOf(tagged(0x8100, 5), 18));

        Received received = receive();
        assertEquals("v5", received.hook());
        assertArrayEquals(Arrays.copyOf(untagged(), 14), received.frame());
    }

    // ---------------------------------------------------------------- towards downstream

    @Test
    void shouldTagFramesFromAFilterHookWithItsVidPcpAndCfi() {
        vlan("downstream", "nomatch", "v300");
        addfilter("{ hook=\"v300\" vid=300 pcp=5 cfi=1 }");

        assertEquals(Errno.OK, socket.sendData("v300", untagged()));

        Received received = receive();
        assertEquals("downstream", received.hook());
        assertArrayEquals(tagged(0x8100, 5 << 13 | 1 << 12 | 300), received.frame());
    }

    @Test
    void shouldTagWithTheConfiguredTpidFor8021ad() {
        vlan("downstream", "v9");
        addfilter("{ hook=\"v9\" vid=9 }");
        Ngctl.msg(socket, "vlan:", "setencapproto", "0x88a8");

        socket.sendData("v9", untagged());

        assertArrayEquals(tagged(0x88a8, 9), receive().frame());
    }

    @Test
    void shouldPutTheTagBesideTheFrameWhenEncapFromFilterIsOff() {
        vlan("downstream", "v9");
        addfilter("{ hook=\"v9\" vid=9 pcp=7 }");
        Ngctl.msg(socket, "vlan:", "setencap", "0");

        socket.sendData("v9", untagged());

        Received received = receive();
        assertArrayEquals(untagged(), received.frame());
        assertEquals(7 << 13 | 9, received.tag());
    }

    @Test
    void shouldRefuseFramesFromAHookWithoutFilterWithEopnotsupp() {
        vlan("downstream", "bare");

        assertEquals(Errno.EOPNOTSUPP, socket.sendData("bare", untagged()));
        assertQuiet(socket);
    }

    @Test
    void shouldRefuseFramesTowardsAMissingDownstreamWithEnetdown() {
        vlan("nomatch", "bare");

        assertEquals(Errno.ENETDOWN, socket.sendData("bare", untagged()));
        assertEquals(Errno.ENETDOWN, socket.sendData("nomatch", untagged()));
    }

    @Test
    void shouldPassFramesFromNomatchUnchanged() {
        vlan("downstream", "nomatch");

        sendWithTagBeside("nomatch", untagged(), 12);
        socket.sendData("nomatch", tagged(0x8100, 3));

        Received first = receive();
        assertEquals("downstream", first.hook());
        assertArrayEquals(untagged(), first.frame());
        assertEquals(12, first.tag());
        assertArrayEquals(tagged(0x8100, 3), receive().frame());
    }

    @Test
    void shouldMoveATagBesideANomatchFrameIntoItWhenEncapFromNomatchIsOn() {
        vlan("downstream", "nomatch");
        Ngctl.msg(socket, "vlan:", "setencap", "3");

        sendWithTagBeside("nomatch", untagged(), 0x4012);

        Received received = receive();
        assertArrayEquals(tagged(0x8100, 0x4012), received.frame());
        assertEquals(-1, received.tag());
    }

    @Test
    void shouldRestoreTheOriginalFrameAfterAnUntagAndTagRoundTrip() {
        vlan("downstream", "nomatch", "v5");
        addfilter("{ hook=\"v5\" vid=5 pcp=2 }");

        socket.sendData("downstream", tagged(0x8100, 2 << 13 | 5));
        Received untaggedOnce = receive();
        socket.sendData("v5", untaggedOnce.frame());

        assertArrayEquals(tagged(0x8100, 2 << 13 | 5), receive().frame());
    }

    // ---------------------------------------------------------------- flow messages

    @Test
    void shouldCopyAFlowMessageFromDownstreamToEveryFilterHook() {
        vlan("downstream", "nomatch", "v1", "v2", "bare");
        addfilter("{ hook=\"v1\" vid=1 }");
        addfilter("{ hook=\"v2\" vid=2 }");

        socket.send(".:downstream", Message.request(VlanType.FLOW_COOKIE, 33, "linkdown"));

        for (int copy = 0; copy < 2; copy++) {
            Socket.Received received = socket.receiveMessage(Arrival.EXPECTED);
            assertNotNull(received, "expected a copy of the flow message");
            assertEquals(VlanType.FLOW_COOKIE, received.message().typecookie());
            assertEquals(33, received.message().cmd());
        }
        assertNull(socket.receiveMessage(Arrival.QUIET));
    }

    @Test
    void shouldIgnoreFlowMessagesFromOtherHooks() {
        vlan("downstream", "nomatch", "v1");
        addfilter("{ hook=\"v1\" vid=1 }");

        socket.send(".:nomatch", Message.request(VlanType.FLOW_COOKIE, 33, "linkdown"));
        socket.send(".:v1", Message.request(VlanType.FLOW_COOKIE, 33, "linkdown"));

        assertNull(socket.receiveMessage(Arrival.QUIET));
    }

    // ---------------------------------------------------------------- a real capture

    @Test
    void shouldDemultiplexTheVlanCaptureByOuterVid() throws IOException {
        vlan("downstream", "nomatch", "v118", "v209");
        addfilter("{ hook=\"v118\" vid=118 }");
        addfilter("{ hook=\"v209\" vid=209 }");
        Map<String, Integer> counts = new TreeMap<>();
        List<byte[]> frames = new ArrayList<>();

        try (PcapReader reader = PcapReader.open(Captures.path("VlanPackets.pcap"))) {
            while (reader.next()) {
                byte[] frame = Arrays.copyOfRange(
                        reader.array(), reader.dataOffset(), reader.dataOffset() + reader.capturedLength());
                frames.add(frame);
                socket.sendData("downstream", frame);
                Received received = receive();
                counts.merge(received.hook(), 1, Integer::sum);
                checkDemultiplexed(frames.size(), frame, received);
            }
        }

        assertEquals(26, frames.size());
        assertEquals(Map.of("v118", 12, "v209", 12, "nomatch", 2), counts);
        assertQuiet(socket);
    }

    /** Frames 1-20 keep their inner tag (10 under 118, 20 under 209); 21, 22, 25, 26 lose their only tag. */
    private static void checkDemultiplexed(int number, byte[] frame, Received received) {
        String where = "frame " + number;
        if (number == 23 || number == 24) {
            assertEquals("nomatch", received.hook(), where);
            assertArrayEquals(frame, received.frame(), where);
            return;
        }
        int outer = vidAt(frame, 14);
        assertEquals(outer == 118 ? "v118" : "v209", received.hook(), where);
        assertEquals(frame.length - 4, received.frame().length, where);
        boolean stillTagged = ((received.frame()[12] & 0xff) << 8 | (received.frame()[13] & 0xff)) == 0x8100;
        assertEquals(number <= 20, stillTagged, where);
        if (number <= 20) {
            assertEquals(outer == 118 ? 10 : 20, vidAt(received.frame(), 14), where);
        }
    }

    private static int vidAt(byte[] frame, int at) {
        return ((frame[at] & 0x0f) << 8) | (frame[at + 1] & 0xff);
    }

    /**
     * A QinQ stack of two vlan nodes: the outer one's {@code v118} hook is the inner one's trunk, and the inner one's
     * {@code v10} hook faces the socket's {@code inner10}. The capture's frames 1-10 (outer 118, inner 10) arrive
     * there with both tags removed, and the plain frames sent back come out of the trunk byte for byte as captured.
     */
    @Test
    void shouldStripAndRebuildBothTagsOfTheCaptureThroughTwoStackedVlanNodes() throws IOException {
        vlan("downstream");
        socket.mkpeer("vlan:", "vlan", "v118", "downstream");
        socket.name("vlan:v118", "inner");
        socket.connect(".", "inner:", "inner10", "v10");
        addfilter("{ hook=\"v118\" vid=118 }");
        Ngctl.msg(socket, "inner:", "addfilter", "{ hook=\"v10\" vid=10 }");

        int rebuilt = 0;
        try (PcapReader reader = PcapReader.open(Captures.path("VlanPackets.pcap"))) {
            for (int number = 1; number <= 10 && reader.next(); number++) {
                byte[] frame = Arrays.copyOfRange(
                        reader.array(), reader.dataOffset(), reader.dataOffset() + reader.capturedLength());
                socket.sendData("downstream", frame);
                Received plain = receive();
                assertEquals("inner10", plain.hook());
                assertArrayEquals(stripTwoTags(frame), plain.frame(), "frame " + number);

                socket.sendData("inner10", plain.frame());
                Received tagged = receive();
                assertEquals("downstream", tagged.hook());
                assertArrayEquals(frame, tagged.frame(), "frame " + number);
                rebuilt++;
            }
        }
        assertEquals(10, rebuilt);
        assertQuiet(socket);
    }

    private static byte[] stripTwoTags(byte[] frame) {
        byte[] plain = new byte[frame.length - 8];
        System.arraycopy(frame, 0, plain, 0, 12);
        System.arraycopy(frame, 20, plain, 12, frame.length - 20);
        return plain;
    }
}
