package org.jnetgraph.types;

import static org.jnetgraph.types.Arrival.assertQuiet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Packet;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.jnetgraph.pcap.Captures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code etf} type (node-types.md §A.17, FreeBSD ng_etf.c): frames from downstream go to the hook filtering
 * their ethertype or to nomatch; frames towards downstream must come from the hook their ethertype belongs to.
 *
 * <p>The test socket's hooks {@code d}, {@code n}, {@code ip} and {@code arp} face the etf's {@code downstream},
 * {@code nomatch}, {@code ip} and {@code arp}.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EtfTypeTest {
    private static final int IPV4 = 0x0800;
    private static final int ARP = 0x0806;

    @Parameter
    SyncMode mode;

    private Graph graph;
    private Socket socket;

    @BeforeEach
    void start() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        socket = graph.socket("test");
        socket.mkpeer(".", "etf", "d", EtfType.DOWNSTREAM);
        socket.name("d", "etf");
        socket.connect(".", "etf:", "n", EtfType.NOMATCH);
        socket.connect(".", "etf:", "ip", "ip");
        socket.connect(".", "etf:", "arp", "arp");
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    /** An Ethernet frame: zero addresses, the ethertype, then the text as payload. */
    static byte[] frame(int ethertype, String payload) {
        byte[] text = payload.getBytes(StandardCharsets.ISO_8859_1);
        byte[] frame = new byte[14 + text.length];
        frame[12] = (byte) (ethertype >> 8);
        frame[13] = (byte) ethertype;
        System.arraycopy(text, 0, frame, 14, text.length);
        return frame;
    }

    private Arrival expect(String hook, int ethertype, String payload) {
        Arrival arrival = Arrival.next(socket);
        assertEquals(new Arrival(hook, new String(frame(ethertype, payload), StandardCharsets.ISO_8859_1)), arrival);
        return arrival;
    }

    private static void expect(Errno errno, Runnable action) {
        NgException error = assertThrows(NgException.class, action::run);
        assertEquals(errno, error.errno(), error.getMessage());
    }

    // ---------------------------------------------------------------- data

    @Test
    void shouldSendFramesFromDownstreamToTheirFilterHookOrToNomatch() {
        Ngctl.msg(socket, "etf:", "setfilter", "{ matchhook=\"ip\" ethertype=0x800 }");

        assertEquals(Errno.OK, socket.sendData("d", frame(IPV4, "v4")));
        assertEquals(Errno.OK, socket.sendData("d", frame(ARP, "who-has")));

        expect("ip", IPV4, "v4");
        expect("n", ARP, "who-has");
        assertQuiet(socket);
    }

    @Test
    void shouldPassFramesTowardsDownstreamOnlyFromTheHookTheirEthertypeBelongsTo() {
        Ngctl.msg(socket, "etf:", "setfilter", "{ matchhook=\"ip\" ethertype=0x800 }");

        assertEquals(Errno.OK, socket.sendData("ip", frame(IPV4, "mine")));
        assertEquals(EtfType.WRONG_HOOK, socket.sendData("ip", frame(ARP, "not mine")));
        assertEquals(Errno.OK, socket.sendData("n", frame(ARP, "unfiltered")));
        assertEquals(EtfType.WRONG_HOOK, socket.sendData("n", frame(IPV4, "filtered")));
        assertEquals(EtfType.WRONG_HOOK, socket.sendData("arp", frame(ARP, "no filter names arp")));

        expect("d", IPV4, "mine");
        expect("d", ARP, "unfiltered");
        assertQuiet(socket);
    }

    @Test
    void shouldRefuseFramesShorterThanAnEthernetHeaderWithEinval() {
        assertEquals(Errno.EINVAL, socket.sendData("d", new byte[13]));
        assertEquals(Errno.EINVAL, socket.sendData("n", new byte[0]));

        assertQuiet(socket);
    }

    @Test
    void shouldReturnEnetdownWhenTheDestinationHookIsMissing() {
        socket.rmhook(".", "n");

        assertEquals(Errno.ENETDOWN, socket.sendData("d", frame(ARP, "nowhere")));
    }

    @Test
    void shouldForgetTheFiltersOfARemovedHookAtOnce() {
        Ngctl.msg(socket, "etf:", "setfilter", "{ matchhook=\"ip\" ethertype=0x800 }");

        socket.rmhook(".", "ip");
        socket.sendData("d", frame(IPV4, "to nomatch now"));
        graph.sync();

        expect("n", IPV4, "to nomatch now");
        socket.connect(".", "etf:", "ip", "ip2");
        Ngctl.msg(socket, "etf:", "setfilter", "{ matchhook=\"ip2\" ethertype=0x800 }");
    }

    // ---------------------------------------------------------------- messages

    @Test
    void shouldRefuseAFilterForAMissingHookWithEnoent() {
        expect(Errno.ENOENT, () -> Ngctl.msg(socket, "etf:", "setfilter", "{ matchhook=\"x\" ethertype=0x800 }"));
    }

    @Test
    void shouldRefuseAFilterSendingToDownstreamWithEinval() {
        expect(
                Errno.EINVAL,
                () -> Ngctl.msg(socket, "etf:", "setfilter", "{ matchhook=\"downstream\" ethertype=0x800 }"));
    }

    @Test
    void shouldRefuseASecondFilterForAnEthertypeWithEexistButAcceptOneForNomatch() {
        Ngctl.msg(socket, "etf:", "setfilter", "{ matchhook=\"ip\" ethertype=0x800 }");
        Ngctl.msg(socket, "etf:", "setfilter", "{ matchhook=\"nomatch\" ethertype=0x806 }");

        expect(Errno.EEXIST, () -> Ngctl.msg(socket, "etf:", "setfilter", "{ matchhook=\"arp\" ethertype=0x800 }"));
        socket.sendData("d", frame(ARP, "filtered to nomatch"));
        expect("n", ARP, "filtered to nomatch");
    }

    @Test
    void shouldRefuseArgumentsOfTheWrongSizeWithEinval() {
        expect(
                Errno.EINVAL,
                () -> socket.send(
                        "etf:", Message.request(EtfType.COOKIE, EtfType.SET_FILTER, "setfilter", new byte[33])));
        expect(
                Errno.EINVAL,
                () -> socket.send("etf:", Message.request(EtfType.COOKIE, EtfType.SET_FLAG, "setflag", new byte[2])));
        Ngctl.msg(socket, "etf:", "setflag", "7");
    }

    @Test
    void shouldRefuseAnUnknownCommandWithEinval() {
        expect(Errno.EINVAL, () -> socket.send("etf:", Message.request(EtfType.COOKIE, 99, "nine")));
    }

    @Test
    void shouldCountFramesFromDownstreamAndFramesSentToIt() {
        Ngctl.msg(socket, "etf:", "setfilter", "{ matchhook=\"ip\" ethertype=0x800 }");
        assertEquals("{}", Ngctl.request(socket, "etf:", "getstatus", ""));

        socket.sendData("d", frame(IPV4, "1"));
        socket.sendData("d", frame(ARP, "2"));
        socket.sendData("ip", frame(IPV4, "3"));
        socket.sendData("ip", frame(ARP, "refused"));

        assertEquals("{ packets_in=2 packets_out=1 }", Ngctl.request(socket, "etf:", "getstatus", ""));
    }

    @Test
    void shouldResetTheCountersWhenDownstreamConnectsAgain() {
        socket.sendData("d", frame(IPV4, "1"));
        socket.rmhook(".", "d");
        graph.sync();

        socket.connect(".", "etf:", "d", EtfType.DOWNSTREAM);

        assertEquals("{}", Ngctl.request(socket, "etf:", "getstatus", ""));
    }

    @Test
    void shouldShutDownWithItsLastHook() {
        for (String hook : new String[] {"d", "n", "ip", "arp"}) {
            socket.rmhook(".", hook);
        }
        graph.sync();

        assertEquals(1, graph.nodes().size());
    }

    // ---------------------------------------------------------------- a real capture

    @Test
    void shouldSplitTheVlanCaptureIntoItsTwentyFourTaggedAndTwoUntaggedFrames() {
        java.nio.file.Path capture = Captures.path("VlanPackets.pcap");
        socket.rmhook(".", "d");
        graph.sync();
        Ngctl.msg(socket, "etf:", "setfilter", "{ matchhook=\"ip\" ethertype=0x8100 }");
        socket.mkpeer("etf:", "pcapread", EtfType.DOWNSTREAM, PcapReadType.OUT);
        socket.name("etf:downstream", "reader");

        Ngctl.msg(socket, "reader:", "setfile", "\"" + capture + "\"");
        Ngctl.msg(socket, "reader:", "start", "");

        int tagged = 0;
        int untagged = 0;
        for (int i = 0; i < 26; i++) {
            Packet packet = socket.receiveData(Arrival.EXPECTED);
            String hook = packet.receivedOn().name();
            tagged += hook.equals("ip") ? 1 : 0;
            untagged += hook.equals("n") ? 1 : 0;
            packet.free();
        }
        assertEquals(24, tagged);
        assertEquals(2, untagged);
        assertQuiet(socket);
        assertTrue(Ngctl.request(socket, "etf:", "getstatus", "").contains("packets_in=26"));
    }
}
