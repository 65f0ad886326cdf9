package org.jnetgraph.types;

import static org.jnetgraph.types.Arrival.assertQuiet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Packet;
import org.jnetgraph.PacketTags;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.jnetgraph.parse.StructValue;
import org.jnetgraph.pcap.Captures;
import org.jnetgraph.pcap.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code pcapread} type: replays the shared captures out of {@code out} with their tags, in file order, at the
 * requested pace and number of passes, reports missing and damaged files, and stops its thread on stop and shutdown.
 *
 * <p>The test socket's hook {@code r} faces the reader's {@code out}; the reader is named {@code reader}.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PcapReadTypeTest {
    @Parameter
    SyncMode mode;

    @TempDir
    Path dir;

    private Graph graph;
    private Socket socket;

    @BeforeEach
    void start() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        socket = graph.socket("test");
        socket.mkpeer(".", "pcapread", "r", PcapReadType.OUT);
        socket.name("r", "reader");
    }

    /** Shuts the nodes down first: closing a graph does not, and their threads would outlive it. */
    @AfterEach
    void stop() {
        shutdownNodes(graph, socket);
        graph.close();
    }

    /** Shuts down every node but the socket and waits until they are gone. */
    static void shutdownNodes(Graph graph, Socket socket) {
        for (org.jnetgraph.Node node : graph.nodes()) {
            try {
                if (node != socket.node() && node.isValid()) {
                    socket.shutdown(node.address());
                }
            } catch (NgException e) {
                // it went away with a neighbour meanwhile
            }
        }
        graph.sync();
    }

    /** Polls the reader's statistics until its state is {@code state}; fails after {@code timeout}. */
    static StructValue awaitState(Socket socket, String path, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            StructValue stats = stats(socket, path);
            if (stats.getString("state").equals(state) || System.nanoTime() - deadline > 0) {
                assertEquals(state, stats.getString("state"), stats.unparse());
                return stats;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
    }

    static StructValue stats(Socket socket, String path) {
        Socket.Received reply =
                socket.request(path, Message.request(PcapReadType.COOKIE, PcapReadType.GET_STATS, "getstats"));
        return StructValue.decode(PcapReadType.STATS, reply.message().data());
    }

    private void replay(Path file) {
        Ngctl.msg(socket, "reader:", "setfile", "\"" + file + "\"");
        Ngctl.msg(socket, "reader:", "start", "");
    }

    /** The next frame at the socket, with its tags, as the file would hold it. */
    private Frame nextFrame() {
        Packet packet = socket.receiveData(Arrival.EXPECTED);
        assertNotNull(packet, "expected a frame");
        Frame frame = new Frame(
                packet.tag(PacketTags.TIMESTAMP_NANOS, -1),
                (int) packet.tag(PacketTags.LINK_TYPE, -1),
                (int) packet.tag(PacketTags.INTERFACE, -1),
                packet.tag(PcapReadType.ORIGINAL_LENGTH, -1),
                packet.toByteArray());
        packet.free();
        return frame;
    }

    private static void expect(Errno errno, String text, Runnable action) {
        NgException error = assertThrows(NgException.class, action::run);
        assertEquals(errno, error.errno(), error.getMessage());
        assertTrue(error.getMessage().contains(text), error.getMessage());
    }

    // ---------------------------------------------------------------- replaying

    @Test
    void shouldReplayEveryFrameInOrderWithTimeLinkTypeInterfaceAndOriginalLength() {
        Path file = Captures.path("pcapng-example.pcapng");
        List<Frame> expected = Captures.frames(file);

        replay(file);

        for (Frame frame : expected) {
            assertEquals(frame, nextFrame());
        }
        assertQuiet(socket);
        StructValue stats = awaitState(socket, "reader:", "done", Arrival.EXPECTED);
        assertEquals(159, stats.getLong("frames"));
        assertEquals(expected.stream().mapToLong(Frame::capturedLength).sum(), stats.getLong("octets"));
        assertEquals(1, stats.getLong("loops"));
    }

    @Test
    void shouldReplayTheFileAsManyTimesAsAsked() {
        Ngctl.msg(socket, "reader:", "setloop", "3");

        replay(Captures.path("VlanPackets.pcap"));

        StructValue stats = awaitState(socket, "reader:", "done", Arrival.EXPECTED);
        assertEquals(78, stats.getLong("frames"));
        assertEquals(3, stats.getLong("loops"));
        for (int i = 0; i < 78; i++) {
            nextFrame();
        }
        assertQuiet(socket);
    }

    /*
     * VlanPackets.pcap spans 35.40 s; at 10000 % the replay must take at least 0.354 s, and no frame may arrive
     * earlier than its offset from the first frame in the file divided by 100, counted from the start message.
     */
    @Test
    void shouldPaceFramesByTheFilesTimingScaledBySpeed() {
        List<Frame> frames = Captures.frames(Captures.path("VlanPackets.pcap"));
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        socket.onData((hook, packet) -> {
            arrivals.add(System.nanoTime());
            packet.free();
        });
        Ngctl.msg(socket, "reader:", "setspeed", "10000");
        long started = System.nanoTime();

        replay(Captures.path("VlanPackets.pcap"));

        awaitState(socket, "reader:", "done", Duration.ofSeconds(10));
        assertEquals(26, arrivals.size());
        for (int i = 1; i < 26; i++) {
            long due = (frames.get(i).timestampNanos() - frames.get(0).timestampNanos()) / 100;
            assertTrue(arrivals.get(i) - started >= due, "frame " + (i + 1) + " arrived too early");
        }
        assertTrue(System.nanoTime() - started >= 354_000_000L);
    }

    @Test
    void shouldStopAnEndlessReplayAndItsThread() throws InterruptedException {
        Ngctl.msg(socket, "reader:", "setloop", "0");
        Ngctl.msg(socket, "reader:", "setspeed", "100");
        replay(Captures.path("VlanPackets.pcap"));
        nextFrame();

        Ngctl.msg(socket, "reader:", "stop", "");

        Thread thread = graph.node("reader:").methods(PcapReadType.Reader.class).replayThread();
        thread.join(2_000);
        assertFalse(thread.isAlive());
        assertEquals("stopped", stats(socket, "reader:").getString("state"));
    }

    @Test
    void shouldStopItsThreadWhenShutDown() throws InterruptedException {
        Ngctl.msg(socket, "reader:", "setloop", "0");
        Ngctl.msg(socket, "reader:", "setspeed", "100");
        replay(Captures.path("VlanPackets.pcap"));
        nextFrame();
        Thread thread = graph.node("reader:").methods(PcapReadType.Reader.class).replayThread();

        socket.shutdown("reader:");
        graph.sync();

        thread.join(2_000);
        assertFalse(thread.isAlive());
        assertEquals(1, graph.nodes().size());
    }

    @Test
    void shouldCountFramesTheNextNodeRefusesAsDropped() {
        socket.rmhook(".", "r");
        socket.mkpeer(".", "etf", "d", EtfType.DOWNSTREAM);
        socket.name("d", "etf");
        graph.sync();
        socket.mkpeer("etf:", "pcapread", "x", PcapReadType.OUT);
        socket.name("etf:x", "reader");

        replay(Captures.path("DnsPackets.pcap"));

        StructValue stats = awaitState(socket, "reader:", "done", Arrival.EXPECTED);
        assertEquals(464, stats.getLong("frames"));
        assertEquals(464, stats.getLong("dropped"));
    }

    // ---------------------------------------------------------------- errors

    @Test
    void shouldReportAMissingFileInTheStartErrorAndInTheStatistics() {
        Ngctl.msg(socket, "reader:", "setfile", "\"" + dir.resolve("missing.pcap") + "\"");

        expect(Errno.ENOENT, "missing.pcap: no such file", () -> Ngctl.msg(socket, "reader:", "start", ""));

        StructValue stats = stats(socket, "reader:");
        assertEquals("failed", stats.getString("state"));
        assertEquals(1, stats.getLong("errors"));
        assertTrue(stats.getString("error").contains("missing.pcap: no such file"), stats.unparse());
    }

    @Test
    void shouldRefuseAFileThatIsNoCaptureWithEinval() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.pcap"), "no capture here");
        Ngctl.msg(socket, "reader:", "setfile", "\"" + text + "\"");

        expect(Errno.EINVAL, "not a pcap or pcapng file", () -> Ngctl.msg(socket, "reader:", "start", ""));
    }

    @Test
    void shouldSendEveryFrameBeforeTheDamageAndReportItsOffset() throws IOException {
        Path original = Captures.path("DnsPackets.pcap");
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(original), 30_000));
        List<Frame> whole = Captures.frames(original);

        replay(cut);

        StructValue stats = awaitState(socket, "reader:", "failed", Arrival.EXPECTED);
        int before = (int) stats.getLong("frames");
        assertTrue(before > 100 && before < 464, stats.unparse());
        for (Frame frame : whole.subList(0, before)) {
            assertEquals(frame, nextFrame());
        }
        assertQuiet(socket);
        assertTrue(
                stats.getString("error").matches(".*cut\\.pcap: truncated frame: .* at byte offset \\d+"),
                stats.getString("error"));
        assertEquals(1, stats.getLong("errors"));
    }

    @Test
    void shouldRefuseToStartWithoutAFileOrTwice() {
        expect(Errno.EINVAL, "send setfile first", () -> Ngctl.msg(socket, "reader:", "start", ""));
        Ngctl.msg(socket, "reader:", "setloop", "0");
        Ngctl.msg(socket, "reader:", "setspeed", "100");
        replay(Captures.path("VlanPackets.pcap"));

        expect(Errno.EBUSY, "stop it first", () -> Ngctl.msg(socket, "reader:", "start", ""));
        expect(Errno.EBUSY, "stop it first", () -> Ngctl.msg(socket, "reader:", "setfile", "\"/x.pcap\""));
        Ngctl.msg(socket, "reader:", "stop", "");
    }

    @Test
    void shouldRefuseHooksOtherThanOut() {
        expect(Errno.EINVAL, "its hook is out", () -> socket.mkpeer(".", "pcapread", "x", "in"));
    }

    // ---------------------------------------------------------------- ASCII

    @Test
    void shouldPrintItsConfigurationAndStatisticsInAscii() {
        assertEquals("{ loops=1 }", Ngctl.request(socket, "reader:", "getconfig", ""));
        Ngctl.msg(socket, "reader:", "setspeed", "250");
        Ngctl.msg(socket, "reader:", "setloop", "2");
        Ngctl.msg(socket, "reader:", "setfile", "\"/data/x.pcap\"");

        assertEquals("{ speed=250 loops=2 file=\"/data/x.pcap\" }", Ngctl.request(socket, "reader:", "getconfig", ""));
        assertEquals("{ state=\"idle\" }", Ngctl.request(socket, "reader:", "getstats", ""));
    }

    @Test
    void shouldClearItsCountersWithClrstats() {
        replay(Captures.path("VlanPackets.pcap"));
        awaitState(socket, "reader:", "done", Arrival.EXPECTED);

        Ngctl.msg(socket, "reader:", "clrstats", "");

        assertEquals("{ loops=1 state=\"done\" }", Ngctl.request(socket, "reader:", "getstats", ""));
    }
}
