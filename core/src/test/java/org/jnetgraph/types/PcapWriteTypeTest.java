package org.jnetgraph.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
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
import org.jnetgraph.pcap.LinkType;
import org.jnetgraph.pcap.PcapFormat;
import org.jnetgraph.pcap.PcapReader;
import org.jnetgraph.pcap.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The {@code pcapwrite} type: every shared capture replayed by {@code pcapread} into {@code pcapwrite} comes out as
 * the same frames in a file tshark reads without a warning; frames from a socket get default tags; drops (no file,
 * full queue, a second link type in pcap) are counted with their reason.
 *
 * <p>The test socket's hook {@code w} faces the writer's {@code in}; the writer is named {@code writer}.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PcapWriteTypeTest {
    static final List<Captures.Capture> ALL = Captures.ALL;

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
        socket.mkpeer(".", "pcapwrite", "w", PcapWriteType.IN);
        socket.name("w", "writer");
    }

    /** Shuts the nodes down first: closing a graph does not, and their threads would outlive it. */
    @AfterEach
    void stop() {
        PcapReadTypeTest.shutdownNodes(graph, socket);
        graph.close();
    }

    private StructValue stats() {
        Socket.Received reply =
                socket.request("writer:", Message.request(PcapWriteType.COOKIE, PcapWriteType.GET_STATS, "getstats"));
        return StructValue.decode(PcapWriteType.STATS, reply.message().data());
    }

    private void setFile(Path file) {
        Ngctl.msg(socket, "writer:", "setfile", "\"" + file + "\"");
    }

    private Errno send(byte[] data, int linkType) {
        Packet packet = graph.allocate();
        packet.setData(data, 0, data.length);
        packet.setTag(PacketTags.LINK_TYPE, linkType);
        return socket.sendData("w", packet);
    }

    private static void expect(Errno errno, String text, Runnable action) {
        NgException error = assertThrows(NgException.class, action::run);
        assertEquals(errno, error.errno(), error.getMessage());
        assertTrue(error.getMessage().contains(text), error.getMessage());
    }

    // ---------------------------------------------------------------- pcapread into pcapwrite

    /*
     * The reader's frames reach the writer through a tee (pcapread -> tee.left2right -> tee.left -> pcapwrite), whose
     * right hook keeps the chain attached to the test socket. example.pcap has more frames than the writer's queue
     * holds, so it is replayed at 2000 % (0.8 s), which keeps the reader from outrunning the writer thread; the others
     * go as fast as possible.
     */
    @ParameterizedTest
    @FieldSource("ALL")
    void shouldWriteTheSameFramesPcapreadReplays(Captures.Capture capture) throws IOException {
        List<Frame> frames = Captures.frames(capture.path());
        Path copy = dir.resolve("copy.pcapng");
        socket.mkpeer(".", "tee", "t", "right");
        socket.name("t", "tee");
        socket.mkpeer("tee:", "pcapwrite", "left", PcapWriteType.IN);
        socket.mkpeer("tee:", "pcapread", "left2right", PcapReadType.OUT);
        Ngctl.msg(socket, "tee:left", "setfile", "\"" + copy + "\"");
        Ngctl.msg(socket, "tee:left2right", "setfile", "\"" + capture.path() + "\"");
        Ngctl.msg(socket, "tee:left2right", "setspeed", frames.size() > PcapWriteType.QUEUE_CAPACITY ? "2000" : "0");

        Ngctl.msg(socket, "tee:left2right", "start", "");
        PcapReadTypeTest.awaitState(socket, "tee:left2right", "done", Duration.ofSeconds(20));
        Ngctl.msg(socket, "tee:left", "flush", "");

        assertEquals(frames, Captures.frames(copy));
        if (Tools.has("capinfos")) {
            assertEquals(frames.size(), Tools.capinfosCount(copy));
        }
    }

    // ---------------------------------------------------------------- frames from a socket

    @Test
    void shouldStampFramesWithoutTagsWithTheirArrivalTimeAndEthernet() {
        Path file = dir.resolve("stamped.pcap");
        setFile(file);
        long before = System.currentTimeMillis() * 1_000_000L;

        socket.sendData("w", new byte[] {1, 2, 3, 4});
        socket.sendData("w", new byte[] {5, 6});
        Ngctl.msg(socket, "writer:", "flush", "");
        long after = (System.currentTimeMillis() + 1) * 1_000_000L;

        List<Frame> frames = Captures.frames(file);
        assertEquals(2, frames.size());
        for (Frame frame : frames) {
            assertEquals(LinkType.ETHERNET, frame.linkType());
            assertTrue(frame.timestampNanos() >= before - 1_000 && frame.timestampNanos() <= after, frame.toString());
        }
        assertEquals(List.of(4, 2), frames.stream().map(Frame::capturedLength).toList());
    }

    @Test
    void shouldDropASecondLinkTypeInPcapWithAReasonAndKeepTheFileValid() {
        Path file = dir.resolve("one-link.pcap");
        setFile(file);

        send(new byte[60], LinkType.ETHERNET);
        send(new byte[40], LinkType.LINUX_SLL);
        send(new byte[61], LinkType.ETHERNET);
        Ngctl.msg(socket, "writer:", "flush", "");

        StructValue stats = stats();
        assertEquals(2, stats.getLong("writtenFrames"));
        assertEquals(121, stats.getLong("writtenOctets"));
        assertEquals(1, stats.getLong("dropLinkType"));
        assertTrue(stats.getString("error").contains("Linux cooked (SLL) (link type 113) dropped"), stats.unparse());
        assertTrue(stats.getString("error").contains("pcap holds one link type per file"), stats.unparse());
        assertEquals(2, Captures.frames(file).size());
    }

    @Test
    void shouldKeepEveryLinkTypeInPcapngWithOneInterfaceEach() {
        Path file = dir.resolve("mixed.pcapng");
        setFile(file);

        send(new byte[60], LinkType.ETHERNET);
        send(new byte[40], LinkType.LINUX_SLL);
        send(new byte[20], LinkType.RAW);
        Ngctl.msg(socket, "writer:", "flush", "");

        List<Frame> frames = Captures.frames(file);
        assertEquals(
                List.of(LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.RAW),
                frames.stream().map(Frame::linkType).toList());
        assertEquals(
                List.of(0, 1, 2), frames.stream().map(Frame::interfaceIndex).toList());
        if (Tools.has("tshark")) {
            Tools.Result result = Tools.run("tshark", "-r", file.toString(), "-q");
            assertEquals(List.of(), result.warnings());
        }
    }

    @Test
    void shouldDropFramesWithoutAFileWithEnxio() {
        assertEquals(Errno.ENXIO, socket.sendData("w", new byte[10]));

        assertEquals(1, stats().getLong("dropNoFile"));
        assertEquals(1, stats().getLong("recvFrames"));
    }

    @Test
    void shouldDropFramesWithEnobufsWhenTheQueueIsFull() {
        Path file = dir.resolve("full.pcap");
        setFile(file);
        PcapWriteType.Writer writer = graph.node("writer:").methods(PcapWriteType.Writer.class);
        writer.holdWriter(true);

        int refused = 0;
        for (int i = 0; i < PcapWriteType.QUEUE_CAPACITY + 10; i++) {
            refused += socket.sendData("w", new byte[] {(byte) i}) == Errno.ENOBUFS ? 1 : 0;
        }
        writer.holdWriter(false);
        Ngctl.msg(socket, "writer:", "flush", "");

        assertEquals(10, refused);
        assertEquals(10, stats().getLong("dropQueueFull"));
        assertEquals(PcapWriteType.QUEUE_CAPACITY, stats().getLong("writtenFrames"));
        assertEquals(PcapWriteType.QUEUE_CAPACITY, Captures.frames(file).size());
    }

    @Test
    void shouldWriteFramesQueuedBeforeASwitchToTheEarlierFile() {
        Path first = dir.resolve("first.pcap");
        Path second = dir.resolve("second.pcapng");
        setFile(first);
        socket.sendData("w", new byte[] {1});
        socket.sendData("w", new byte[] {2});

        setFile(second);
        socket.sendData("w", new byte[] {3});
        Ngctl.msg(socket, "writer:", "flush", "");

        assertEquals(2, Captures.frames(first).size());
        assertEquals(1, Captures.frames(second).size());
        assertEquals(PcapFormat.PCAPNG.label(), stats().getString("format"));
        assertEquals(second.toString(), stats().getString("file"));
    }

    @Test
    void shouldWriteAnExplicitFormatWhateverTheSuffix() throws IOException {
        Path file = dir.resolve("nanos.cap");
        Ngctl.msg(socket, "writer:", "setfilefmt", "{ format=\"nsecpcap\" path=\"" + file + "\" }");
        Packet packet = graph.allocate();
        packet.setData(new byte[20], 0, 20);
        packet.setTag(PacketTags.TIMESTAMP_NANOS, 1_700_000_000_123_456_789L);
        socket.sendData("w", packet);

        Ngctl.msg(socket, "writer:", "flush", "");

        try (PcapReader reader = PcapReader.open(file)) {
            assertEquals(PcapFormat.NSECPCAP, reader.format());
            assertTrue(reader.next());
            assertEquals(1_700_000_000_123_456_789L, reader.timestampNanos());
        }
    }

    @Test
    void shouldFlushAndCloseTheFileAndEndItsThreadOnShutdown() throws InterruptedException {
        Path file = dir.resolve("closed.pcapng");
        setFile(file);
        for (int i = 0; i < 100; i++) {
            socket.sendData("w", new byte[64]);
        }
        Thread thread =
                graph.node("writer:").methods(PcapWriteType.Writer.class).writerThread();

        socket.shutdown("writer:");
        graph.sync();

        thread.join(2_000);
        assertFalse(thread.isAlive());
        assertEquals(100, Captures.frames(file).size());
    }

    @Test
    void shouldRefuseANameWithoutAKnownSuffixOrInAMissingFolder() {
        expect(Errno.EINVAL, ".pcap or .pcapng", () -> setFile(dir.resolve("out.txt")));
        expect(
                Errno.EINVAL,
                "unknown capture format \"erf\"",
                () -> Ngctl.msg(socket, "writer:", "setfilefmt", "{ format=\"erf\" path=\"/tmp/x\" }"));
        expect(Errno.ENOENT, "cannot create", () -> setFile(dir.resolve("no/such/folder/out.pcap")));
    }

    @Test
    void shouldRefuseHooksOtherThanIn() {
        expect(Errno.EINVAL, "its hook is in", () -> socket.mkpeer(".", "pcapwrite", "x", "out"));
    }

    @Test
    void shouldPrintStatisticsInAsciiAndClearThem() {
        Path file = dir.resolve("stats.pcap");
        setFile(file);
        socket.sendData("w", new byte[10]);
        Ngctl.msg(socket, "writer:", "flush", "");

        assertEquals(
                "{ recvFrames=1 recvOctets=10 writtenFrames=1 writtenOctets=10 format=\"pcap\" file=\"" + file + "\" }",
                Ngctl.request(socket, "writer:", "getstats", ""));
        Ngctl.msg(socket, "writer:", "clrstats", "");
        assertEquals("{ format=\"pcap\" file=\"" + file + "\" }", Ngctl.request(socket, "writer:", "getstats", ""));
    }
}
