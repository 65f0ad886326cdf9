package org.jnetgraph.types;

import static org.jnetgraph.types.Arrival.assertQuiet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Packet;
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
 * The {@code macfilter} type (node-types.md §A.27, FreeBSD ng_macfilter.c): routing by source address from
 * {@code ether}, counting by destination address towards it, the table commands and the hook ids. The test socket's
 * hooks carry the names of the macfilter hooks they face.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MacFilterTypeTest {
    private static final String A = "02:00:00:00:00:0a";
    private static final String B = "02:00:00:00:00:0b";

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

    private void macfilter(String... hooks) {
        Ngctl.node(socket, "macfilter", "mf", hooks);
    }

    private void direct(String ether, String hook) {
        Ngctl.msg(socket, "mf:", "direct", "{ ether=" + ether + " hookname=\"" + hook + "\" }");
    }

    private String request(String cmd) {
        return Ngctl.request(socket, "mf:", cmd, "");
    }

    private static void expect(Errno errno, Runnable action) {
        NgException error = assertThrows(NgException.class, action::run);
        assertEquals(errno, error.errno(), error.getMessage());
    }

    /** A frame of {@code length} bytes from {@code source} to {@code destination} (addresses as a-b-c text). */
    static byte[] frame(String destination, String source, int length) {
        byte[] frame = new byte[length];
        putMac(frame, 0, destination);
        putMac(frame, 6, source);
        frame[12] = 0x08;
        return frame;
    }

    private static void putMac(byte[] frame, int at, String mac) {
        String[] octets = mac.split(":");
        for (int i = 0; i < 6; i++) {
            frame[at + i] = (byte) Integer.parseInt(octets[i], 16);
        }
    }

    private String receiveHook() {
        Packet packet = socket.receiveData(Arrival.EXPECTED);
        assertNotNull(packet, "expected a frame");
        String hook = packet.receivedOn().name();
        packet.free();
        return hook;
    }

    // ---------------------------------------------------------------- hooks

    @Test
    void shouldGiveUpperHooksTheLowestFreeIdFromOneAndDefaultIdZero() {
        macfilter("ether", "a", "default", "b", "c");
        socket.rmhook(".", "b");
        graph.sync();
        socket.connect(".", "mf:", "d", "d");

        assertEquals(
                "{ n=4 hooks=[ { hookname=\"default\" } { hookname=\"a\" hookid=1 } { hookname=\"d\" hookid=2 }"
                        + " { hookname=\"c\" hookid=3 } ] }",
                request("gethooks"));
    }

    @Test
    void shouldRefuseASecondDefaultHookWithEexist() {
        macfilter("ether", "default");

        expect(Errno.EEXIST, () -> socket.connect(".", "mf:", "default2", "default"));
    }

    @Test
    void shouldShutDownWithItsLastHook() {
        macfilter("ether", "default");
        socket.rmhook(".", "ether");
        socket.rmhook(".", "default");
        graph.sync();

        assertEquals(1, graph.nodes().size());
    }

    // ---------------------------------------------------------------- the table

    @Test
    void shouldRoundTripDirectedAddressesInAsciiSortedByAddress() {
        macfilter("ether", "default", "out1", "out2");

        direct(B, "out2");
        direct(A, "out1");

        assertEquals("{ n=2 macs=[ { ether=" + A + " hookid=1 } { ether=" + B + " hookid=2 } ] }", request("getmacs"));
        assertEquals(
                "{ n=3 hooks=[ { hookname=\"default\" } { hookname=\"out1\" hookid=1 maccnt=1 }"
                        + " { hookname=\"out2\" hookid=2 maccnt=1 } ] }",
                request("gethooks"));
    }

    @Test
    void shouldRepointAnAddressAndDeleteItWhenDirectedToDefaultOrAnUnknownHook() {
        macfilter("ether", "default", "out1", "out2");
        direct(A, "out1");
        direct(B, "out1");

        direct(A, "out2");
        assertEquals("{ n=2 macs=[ { ether=" + A + " hookid=2 } { ether=" + B + " hookid=1 } ] }", request("getmacs"));
        direct(A, "default");
        direct(B, "nosuchhook");

        assertEquals("{}", request("getmacs"));
    }

    @Test
    void shouldDirectByHookIdAndRefuseAnIdWithoutHookWithEinval() {
        macfilter("ether", "out1", "out2");

        Ngctl.msg(socket, "mf:", "directi", "{ ether=" + A + " hookid=2 }");

        assertEquals("{ n=1 macs=[ { ether=" + A + " hookid=2 } ] }", request("getmacs"));
        expect(Errno.EINVAL, () -> Ngctl.msg(socket, "mf:", "directi", "{ ether=" + A + " hookid=3 }"));
        expect(Errno.EINVAL, () -> Ngctl.msg(socket, "mf:", "directi", "{ ether=" + A + " hookid=0 }"));
    }

    @Test
    void shouldRefuseDirectMessagesOfTheWrongLengthWithEinval() {
        macfilter("ether");

        expect(
                Errno.EINVAL,
                () -> socket.send(
                        "mf:", Message.request(MacFilterType.COOKIE, MacFilterType.DIRECT, "direct", new byte[37])));
        expect(
                Errno.EINVAL,
                () -> socket.send(
                        "mf:",
                        Message.request(MacFilterType.COOKIE, MacFilterType.DIRECT_HOOKID, "directi", new byte[6])));
    }

    @Test
    void shouldRefuseUnknownCommandsAndCookiesWithEinval() {
        macfilter("ether");

        expect(Errno.EINVAL, () -> socket.send("mf:", Message.request(MacFilterType.COOKIE, 8, "nosuchcmd")));
        expect(Errno.EINVAL, () -> socket.send("mf:", Message.request(TeeType.COOKIE, 1, "getstats")));
    }

    @Test
    void shouldEmptyTheTableOnReset() {
        macfilter("ether", "out1");
        direct(A, "out1");
        direct(B, "out1");

        Ngctl.msg(socket, "mf:", "reset", "");

        assertEquals("{}", request("getmacs"));
    }

    @Test
    void shouldDeleteTheAddressesOfADisconnectedHook() {
        macfilter("ether", "out1", "out2");
        direct(A, "out1");
        direct(B, "out2");

        socket.rmhook(".", "out1");
        graph.sync();

        assertEquals("{ n=1 macs=[ { ether=" + B + " hookid=2 } ] }", request("getmacs"));
    }

    // ---------------------------------------------------------------- data

    @Test
    void shouldRouteFramesFromEtherBySourceAddressAndTheRestToDefault() {
        macfilter("ether", "default", "out1", "out2");
        direct(A, "out1");
        direct(B, "out2");

        socket.sendData("ether", frame(B, A, 60));
        socket.sendData("ether", frame(A, B, 60));
        socket.sendData("ether", frame(A, "02:00:00:00:00:0c", 60));

        assertEquals("out1", receiveHook());
        assertEquals("out2", receiveHook());
        assertEquals("default", receiveHook());
        assertQuiet(socket);
    }

    @Test
    void shouldDropSilentlyWhenTheDestinationHookIsMissing() {
        macfilter("ether", "out1");

        assertEquals(Errno.OK, socket.sendData("ether", frame(B, A, 60)));
        socket.rmhook(".", "ether");
        graph.sync();
        assertEquals(Errno.OK, socket.sendData("out1", frame(B, A, 60)));

        assertQuiet(socket);
    }

    @Test
    void shouldSendFramesFromEveryUpperHookToEther() {
        macfilter("ether", "default", "out1");

        socket.sendData("default", frame(B, A, 60));
        socket.sendData("out1", frame(B, A, 60));

        assertEquals("ether", receiveHook());
        assertEquals("ether", receiveHook());
    }

    @Test
    void shouldCountFramesInBySourceAndOutByDestinationWithoutTheEthernetHeader() {
        macfilter("ether", "default", "out1");
        direct(A, "out1");

        socket.sendData("ether", frame(B, A, 100));
        socket.sendData("ether", frame(B, A, 64));
        socket.sendData("out1", frame(A, B, 50));
        socket.sendData("default", frame(B, A, 50));
        for (int i = 0; i < 4; i++) {
            receiveHook();
        }

        assertEquals(
                "{ n=1 macs=[ { ether=" + A + " hookid=1 packets_in=2 bytes_in=136 packets_out=1 bytes_out=36 } ] }",
                request("getclrmacs"));
        assertEquals("{ n=1 macs=[ { ether=" + A + " hookid=1 } ] }", request("getmacs"));
    }

    @Test
    void shouldZeroTheCountersOnClrmacsAndKeepThemWhenAnAddressIsRepointed() {
        macfilter("ether", "out1", "out2");
        direct(A, "out1");
        socket.sendData("ether", frame(B, A, 20));
        receiveHook();

        direct(A, "out2");
        assertEquals("{ n=1 macs=[ { ether=" + A + " hookid=2 packets_in=1 bytes_in=6 } ] }", request("getmacs"));
        Ngctl.msg(socket, "mf:", "clrmacs", "");

        assertEquals("{ n=1 macs=[ { ether=" + A + " hookid=2 } ] }", request("getmacs"));
    }

    @Test
    void shouldRefuseFramesShorterThanAnEthernetHeaderWithEinval() {
        macfilter("ether", "default");

        assertEquals(Errno.EINVAL, socket.sendData("ether", new byte[13]));
        assertEquals(Errno.EINVAL, socket.sendData("default", new byte[5]));
        assertQuiet(socket);
    }
}
