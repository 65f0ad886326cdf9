package org.jnetgraph.types;

import static org.jnetgraph.types.Arrival.assertQuiet;
import static org.jnetgraph.types.Arrival.bytes;
import static org.jnetgraph.types.BpfProgramTest.jump;
import static org.jnetgraph.types.BpfProgramTest.stmt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.jnetgraph.parse.StructValue;
import org.jnetgraph.pcap.Captures;
import org.jnetgraph.pcap.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code bpf} type (node-types.md §A.12, FreeBSD ng_bpf.c): per-hook programs in FreeBSD's ASCII form, matches
 * to ifMatch (cut to the program's result), the rest to ifNotMatch, FreeBSD's statistics, and the DNS split of
 * example.pcap with tcpdump's own program.
 *
 * <p>The test socket's hooks {@code in}, {@code yes} and {@code no} face the bpf node's hooks of the same names.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BpfTypeTest {
    /** Matches frames whose first byte is 'a', keeping 3 bytes of them. */
    private static final BpfProgram FIRST_IS_A = BpfProgram.of(
            stmt(Bpf.LD | Bpf.B | Bpf.ABS, 0), jump(Bpf.JMP | Bpf.JEQ, 'a', 0, 1), stmt(6, 3), stmt(6, 0));

    @Parameter
    SyncMode mode;

    private Graph graph;
    private Socket socket;

    @BeforeEach
    void start() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        socket = graph.socket("test");
        socket.mkpeer(".", "bpf", "in", "in");
        socket.name("in", "bpf");
        socket.connect(".", "bpf:", "yes", "yes");
        socket.connect(".", "bpf:", "no", "no");
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private void program(String hook, String ifMatch, String ifNotMatch, BpfProgram program) {
        Ngctl.msg(socket, "bpf:", "setprogram", program.toHookprog(hook, ifMatch, ifNotMatch));
    }

    private StructValue stats(String hook) {
        return StructValue.parse(BpfType.HOOKSTAT, Ngctl.request(socket, "bpf:", "getstats", "\"" + hook + "\""));
    }

    private static void expect(Errno errno, String text, Runnable action) {
        NgException error = assertThrows(NgException.class, action::run);
        assertEquals(errno, error.errno(), error.getMessage());
        assertTrue(error.getMessage().contains(text), error.getMessage());
    }

    // ---------------------------------------------------------------- programs

    @Test
    void shouldGiveANewHookAProgramThatMatchesNothingAndDropsEverything() {
        assertEquals(
                "{ thisHook=\"in\" bpf_prog_len=1 bpf_prog=[ { code=0x6 } ] }",
                Ngctl.request(socket, "bpf:", "getprogram", "\"in\""));

        socket.sendData("in", bytes("dropped"));

        assertQuiet(socket);
        assertEquals(1, stats("in").getLong("recvFrames"));
    }

    @Test
    void shouldReadBackAProgramExactlyAsSet() {
        String text = FIRST_IS_A.toHookprog("in", "yes", "no");

        Ngctl.msg(socket, "bpf:", "setprogram", text);

        assertEquals(text, Ngctl.request(socket, "bpf:", "getprogram", "\"in\""));
        assertEquals(
                "{ thisHook=\"in\" ifMatch=\"yes\" ifNotMatch=\"no\" bpf_prog_len=4 bpf_prog=[ { code=0x30 }"
                        + " { code=0x15 jf=1 k=97 } { code=0x6 k=3 } { code=0x6 } ] }",
                text);
    }

    @Test
    void shouldRefuseAnInvalidProgramNamingTheInstructionAndKeepTheOldOne() {
        program("in", "yes", "no", FIRST_IS_A);
        BpfProgram bad = BpfProgram.of(stmt(0x28, 12), jump(0x15, 1, 9, 0), stmt(6, 0));

        expect(
                Errno.EINVAL,
                "instruction 1 { code=0x15 jt=9 jf=0 k=1 } jumps to instruction 11",
                () -> program("in", "yes", "no", bad));

        assertEquals(FIRST_IS_A.toHookprog("in", "yes", "no"), Ngctl.request(socket, "bpf:", "getprogram", "\"in\""));
    }

    @Test
    void shouldRefuseAProgramForAnUnknownHookWithEnoent() {
        expect(Errno.ENOENT, "no hook \"other\"", () -> program("other", "yes", "no", FIRST_IS_A));
    }

    @Test
    void shouldRefuseAnArgumentWhoseLengthDisagreesWithItsCountWithEinval() {
        byte[] binary = BpfType.encodeHookprog("in", "yes", "no", FIRST_IS_A);
        ByteBuffer.wrap(binary).order(ByteOrder.LITTLE_ENDIAN).putInt(96, 5);

        expect(
                Errno.EINVAL,
                "does not hold the 5 instructions",
                () -> socket.send("bpf:", Message.request(BpfType.COOKIE, BpfType.SET_PROGRAM, "setprogram", binary)));
        expect(
                Errno.EINVAL,
                "",
                () -> socket.send(
                        "bpf:", Message.request(BpfType.COOKIE, BpfType.SET_PROGRAM, "setprogram", new byte[99])));
    }

    @Test
    void shouldRefuseStatsOfAnEmptyOrUnknownHookName() {
        expect(
                Errno.EINVAL,
                "missing",
                () -> socket.send("bpf:", Message.request(BpfType.COOKIE, BpfType.GET_STATS, "getstats", new byte[0])));
        expect(Errno.ENOENT, "no hook \"zz\"", () -> Ngctl.request(socket, "bpf:", "getstats", "\"zz\""));
        expect(Errno.ENOENT, "no hook \"zz\"", () -> Ngctl.request(socket, "bpf:", "getprogram", "\"zz\""));
    }

    // ---------------------------------------------------------------- data

    @Test
    void shouldSendMatchesCutToTheResultToIfMatchAndTheRestWholeToIfNotMatch() {
        program("in", "yes", "no", FIRST_IS_A);

        socket.sendData("in", bytes("abcdef"));
        socket.sendData("in", bytes("xyz"));
        socket.sendData("in", bytes("ab"));

        assertEquals(new Arrival("yes", "abc"), Arrival.next(socket));
        assertEquals(new Arrival("no", "xyz"), Arrival.next(socket));
        assertEquals(new Arrival("yes", "ab"), Arrival.next(socket));
        assertQuiet(socket);
    }

    @Test
    void shouldKeepFreeBsdsStatisticsOnTheArrivalAndDestinationHooks() {
        program("in", "yes", "no", FIRST_IS_A);

        socket.sendData("in", bytes("abcdef"));
        socket.sendData("in", bytes("xyz"));

        assertEquals(
                "{ recvFrames=2 recvOctets=9 recvMatchFrames=1 recvMatchOctets=6 }",
                Ngctl.request(socket, "bpf:", "getstats", "\"in\""));
        assertEquals("{ xmitFrames=1 xmitOctets=3 }", Ngctl.request(socket, "bpf:", "getstats", "\"yes\""));
        assertEquals("{ xmitFrames=1 xmitOctets=3 }", Ngctl.request(socket, "bpf:", "getstats", "\"no\""));
    }

    @Test
    void shouldClearStatisticsWithClrstatsAndAfterReadingThemWithGetclrstats() {
        program("in", "yes", "no", FIRST_IS_A);
        socket.sendData("in", bytes("abcdef"));

        assertEquals(
                1,
                StructValue.parse(BpfType.HOOKSTAT, Ngctl.request(socket, "bpf:", "getclrstats", "\"in\""))
                        .getLong("recvFrames"));
        assertEquals("{}", Ngctl.request(socket, "bpf:", "getstats", "\"in\""));
        Ngctl.msg(socket, "bpf:", "clrstats", "\"yes\"");
        assertEquals("{}", Ngctl.request(socket, "bpf:", "getstats", "\"yes\""));
    }

    @Test
    void shouldDropSilentlyWithoutADestinationAndFindOneThatConnectsLater() {
        program("in", "later", "", FIRST_IS_A);

        assertEquals(Errno.OK, socket.sendData("in", bytes("a lost")));
        assertEquals(Errno.OK, socket.sendData("in", bytes("x lost too")));
        assertQuiet(socket);
        socket.connect(".", "bpf:", "later", "later");
        socket.sendData("in", bytes("a found"));

        assertEquals(new Arrival("later", "a f"), Arrival.next(socket));
        assertEquals("{ xmitFrames=1 xmitOctets=3 }", Ngctl.request(socket, "bpf:", "getstats", "\"later\""));
    }

    @Test
    void shouldStopSendingToADestinationAsSoonAsItIsRemoved() {
        program("in", "yes", "no", FIRST_IS_A);

        socket.rmhook(".", "yes");

        assertEquals(Errno.OK, socket.sendData("in", bytes("abc")));
        assertQuiet(socket);
    }

    @Test
    void shouldReflectOutOfTheArrivalHookWhenItNamesItself() {
        program("in", "in", "no", FIRST_IS_A);

        socket.sendData("in", bytes("abcdef"));

        assertEquals(new Arrival("in", "abc"), Arrival.next(socket));
    }

    @Test
    void shouldMatchAnyFrameWithAnEmptyProgramButNoEmptyFrame() {
        program("in", "yes", "no", BpfProgram.of());

        socket.sendData("in", bytes("whole frame"));
        socket.sendData("in", new byte[0]);

        assertEquals(new Arrival("yes", "whole frame"), Arrival.next(socket));
        assertEquals(new Arrival("no", ""), Arrival.next(socket));
    }

    @Test
    void shouldShutDownWithItsLastHook() {
        socket.rmhook(".", "in");
        socket.rmhook(".", "yes");
        socket.rmhook(".", "no");
        graph.sync();

        assertEquals(1, graph.nodes().size());
    }

    // ---------------------------------------------------------------- a real capture and tcpdump

    @Test
    void shouldSplitTheDnsFramesOfExampleWithTcpdumpsProgram() {
        java.nio.file.Path example = Captures.path("example.pcap");
        String ddd = Tools.has("tcpdump")
                ? Tools.run("tcpdump", "-ddd", "udp port 53").out()
                : BpfProgramTest.UDP_PORT_53;
        socket.rmhook(".", "in");
        socket.rmhook(".", "no");
        graph.sync();
        socket.mkpeer("bpf:", "hole", "no", "x");
        socket.mkpeer("bpf:", "pcapread", "in", PcapReadType.OUT);
        Ngctl.msg(socket, "bpf:", "setprogram", BpfProgram.fromTcpdump(ddd).toHookprog("in", "yes", "no"));

        Ngctl.msg(socket, "bpf:in", "setfile", "\"" + example + "\"");
        Ngctl.msg(socket, "bpf:in", "start", "");
        PcapReadTypeTest.awaitState(socket, "bpf:in", "done", Duration.ofSeconds(20));

        StructValue in = stats("in");
        assertEquals(4631, in.getLong("recvFrames"));
        assertEquals(Captures.EXAMPLE_DNS, in.getLong("recvMatchFrames"));
        assertEquals(Captures.EXAMPLE_DNS, stats("yes").getLong("xmitFrames"));
        assertEquals(4631 - Captures.EXAMPLE_DNS, stats("no").getLong("xmitFrames"));
        for (int i = 0; i < Captures.EXAMPLE_DNS; i++) {
            socket.receiveData(Arrival.EXPECTED).free();
        }
        assertQuiet(socket);
        if (Tools.has("tcpdump")) {
            String printed = Tools.run("tcpdump", "-r", example.toString(), "udp port 53")
                    .out();
            assertEquals(Captures.EXAMPLE_DNS, printed.lines().count());
        }
    }
}
