package org.jnetgraph.types;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jnetgraph.Command;
import org.jnetgraph.Counters;
import org.jnetgraph.Errno;
import org.jnetgraph.Hook;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Node;
import org.jnetgraph.NodeMethods;
import org.jnetgraph.Packet;
import org.jnetgraph.PacketTags;
import org.jnetgraph.parse.Field;
import org.jnetgraph.parse.ParseType;
import org.jnetgraph.pcap.PcapFormat;

/**
 * {@code pcapwrite}: writes every frame arriving on its hook {@code in} to a capture file, classic pcap or pcapng
 * (see {@link org.jnetgraph.pcap.PcapWriter}), with its {@link PacketTags#TIMESTAMP_NANOS} (default: the time it
 * arrived), {@link PacketTags#LINK_TYPE} (default: Ethernet) and {@link PcapReadType#ORIGINAL_LENGTH} (default: its
 * length).
 *
 * <p>Design: rcvdata never touches the disk. It stamps the arrival time when the frame has none and hands the
 * packet itself (no copy) to a bounded multi-producer, single-consumer queue of {@value #QUEUE_CAPACITY} packets;
 * one writer thread per node drains it into the file's 1 MiB buffer, frees the packets, and writes the buffer out
 * when it is full, when the queue has been empty for 10 ms, on {@code flush} and on shutdown. A full queue drops the
 * frame, counted as {@code dropQueueFull}, and rcvdata returns ENOBUFS; without a file frames are dropped as
 * {@code dropNoFile} (ENXIO). So rcvdata takes no lock, does not allocate and never waits; the memory held is at
 * most the queue's packets. Frames the file cannot hold (a second link type in classic pcap) are dropped by the
 * writer thread as {@code dropLinkType}, with the reason in {@code error}; failed writes count as
 * {@code dropIoError}.
 *
 * <p>Hook: {@code in} only (EINVAL for other names); the node shuts down with it, flushing and closing the file.
 *
 * <p>Messages (cookie {@value #COOKIE}):
 *
 * <ul>
 *   <li>{@code setfile "/tmp/out.pcapng"}: writes from now on to that file, created or truncated, in the format its
 *       suffix names ({@code .pcap}: pcap with microseconds, {@code .pcapng}: pcapng; else EINVAL); the frames
 *       queued before go to the previous file, which is closed. ENOENT, EACCES or EIO when the file cannot be
 *       created (the previous file, if any, stays in use);
 *   <li>{@code setfilefmt { format="nsecpcap" path="/tmp/out.cap" }}: the same with an explicit format
 *       ({@code pcap}, {@code nsecpcap} or {@code pcapng}, as {@code editcap -F} names them);
 *   <li>{@code flush}: returns once every frame that arrived before it is in the file (written to the operating
 *       system), waiting at most 10 s (ETIMEDOUT);
 *   <li>{@code getstats}: {@code { recvFrames recvOctets writtenFrames writtenOctets dropNoFile dropQueueFull
 *       dropLinkType dropIoError format="pcapng" file="..." error="..." }};
 *   <li>{@code clrstats}: zeroes the counters and the error.
 * </ul>
 *
 * <p>Threading: immutable; any thread. rcvdata runs on any data thread; control messages on the control path,
 * where setfile, flush and shutdown wait for the writer thread (bounded).
 */
public final class PcapWriteType extends SnapshotType {
    /** The type cookie of pcapwrite's messages. */
    public static final int COOKIE = 1764806402;
    /** Sets the file, format by suffix: a string. */
    public static final int SET_FILE = 1;
    /** Sets the file and its format: {@link #FILE_FORMAT}. */
    public static final int SET_FILE_FORMAT = 2;
    /** Writes out everything received so far. */
    public static final int FLUSH = 3;
    /** Statistics. */
    public static final int GET_STATS = 4;
    /** Clears the statistics. */
    public static final int CLR_STATS = 5;
    /** The hook frames arrive on. */
    public static final String IN = "in";
    /** How many frames wait for the writer thread at most. */
    public static final int QUEUE_CAPACITY = 4096;

    /** The argument of setfilefmt: {@code { format="pcapng" path="/tmp/out" }}. */
    public static final ParseType FILE_FORMAT =
            ParseType.struct(Field.of("format", ParseType.fixedString(16)), Field.of("path", ParseType.STRING));

    /** The statistics reply. */
    public static final ParseType STATS = ParseType.struct(
            Field.of("recvFrames", ParseType.UINT64),
            Field.of("recvOctets", ParseType.UINT64),
            Field.of("writtenFrames", ParseType.UINT64),
            Field.of("writtenOctets", ParseType.UINT64),
            Field.of("dropNoFile", ParseType.UINT64),
            Field.of("dropQueueFull", ParseType.UINT64),
            Field.of("dropLinkType", ParseType.UINT64),
            Field.of("dropIoError", ParseType.UINT64),
            Field.of("format", ParseType.fixedString(16)),
            Field.of("file", ParseType.STRING),
            Field.of("error", ParseType.STRING));

    private static final List<Command> COMMANDS = List.of(
            new Command(COOKIE, SET_FILE, "setfile", ParseType.STRING, null),
            new Command(COOKIE, SET_FILE_FORMAT, "setfilefmt", FILE_FORMAT, null),
            new Command(COOKIE, FLUSH, "flush", null, null),
            new Command(COOKIE, GET_STATS, "getstats", null, STATS),
            new Command(COOKIE, CLR_STATS, "clrstats", null, null));

    static final int RECV_FRAMES = 0;
    static final int RECV_OCTETS = 1;
    static final int WRITTEN_FRAMES = 2;
    static final int WRITTEN_OCTETS = 3;
    static final int DROP_NO_FILE = 4;
    static final int DROP_QUEUE_FULL = 5;
    static final int DROP_LINK_TYPE = 6;
    static final int DROP_IO_ERROR = 7;

    /** The pcapwrite type, as the type registry finds it. */
    public PcapWriteType() {
        super("pcapwrite", COOKIE, COMMANDS);
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new Writer(node);
    }

    static final class Writer implements NodeMethods {
        /*
         * Implementation notes: 'sink' is null until the first setfile succeeds, then the node's one PcapWriteSink
         * (queue and writer thread) for the rest of its life; it is written by the control path and read once per
         * frame. The sink's queue is the only thing data threads touch: a JCTools MPSC array queue whose offer is a
         * CAS on the producer index and an ordered store of the element, and which unparks the writer thread only
         * when it is parked on an empty queue. Counters are stripes added by the thread that owns the frame: rcvdata
         * before the hand-over, the writer thread after it.
         */
        private final Node node;
        private final Counters stats = new Counters(8);
        private final long nanoAtStart = System.nanoTime();
        private final long wallAtStart = epochNanos(java.time.Instant.now());
        private volatile PcapWriteSink sink;

        Writer(Node node) {
            this.node = node;
        }

        private static long epochNanos(java.time.Instant now) {
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public void newhook(Hook hook, String name) {
            if (!name.equals(IN)) {
                throw new NgException(Errno.EINVAL, "pcapwrite: no hook named \"" + name + "\"; its hook is in");
            }
        }

        @Override
        public Errno rcvdata(Hook hook, Packet packet) {
            PcapWriteSink current = sink;
            stats.add(packet, RECV_FRAMES, 1);
            stats.add(packet, RECV_OCTETS, packet.length());
            if (current == null) {
                return drop(packet, DROP_NO_FILE, Errno.ENXIO);
            }
            if (!packet.hasTag(PacketTags.TIMESTAMP_NANOS)) {
                packet.setTag(PacketTags.TIMESTAMP_NANOS, wallAtStart + (System.nanoTime() - nanoAtStart));
            }
            return current.offer(packet) ? Errno.OK : drop(packet, DROP_QUEUE_FULL, Errno.ENOBUFS);
        }

        private Errno drop(Packet packet, int reason, Errno errno) {
            stats.add(packet, reason, 1);
            packet.free();
            return errno;
        }

        @Override
        public Message rcvmsg(Message message, Hook lasthook) {
            if (message.typecookie() != COOKIE) {
                throw new NgException(Errno.EINVAL, "pcapwrite: unknown message cookie " + message.typecookie());
            }
            return switch (message.cmd()) {
                case SET_FILE -> setFile(PcapReadType.Reader.cString(message.data()), null);
                case SET_FILE_FORMAT -> setFileFormat(message.data());
                case FLUSH -> flush();
                case GET_STATS -> message.reply(statsReply());
                case CLR_STATS -> clearStats();
                default -> throw new NgException(Errno.EINVAL, "pcapwrite: unknown command " + message.cmd());
            };
        }

        private Message setFileFormat(byte[] data) {
            if (data.length < 17) {
                throw new NgException(Errno.EINVAL, "pcapwrite: setfilefmt argument is " + data.length + " bytes");
            }
            String format = PcapReadType.Reader.cString(java.util.Arrays.copyOf(data, 16));
            String path = PcapReadType.Reader.cString(java.util.Arrays.copyOfRange(data, 16, data.length));
            try {
                return setFile(path, format.isEmpty() ? null : PcapFormat.byLabel(format));
            } catch (IllegalArgumentException e) {
                throw new NgException(Errno.EINVAL, "pcapwrite: " + e.getMessage());
            }
        }

        private Message setFile(String file, PcapFormat explicit) {
            if (file.isEmpty()) {
                throw new NgException(Errno.EINVAL, "pcapwrite: setfile needs a file name");
            }
            Path path = Path.of(file);
            PcapFormat format = explicit != null ? explicit : formatOf(path);
            PcapWriteSink current = sink;
            if (current == null) {
                current = new PcapWriteSink(node, stats);
                current.open(path, format);
                current.start();
                sink = current;
            } else {
                current.switchTo(path, format);
            }
            return null;
        }

        private static PcapFormat formatOf(Path path) {
            try {
                return PcapFormat.forPath(path);
            } catch (IllegalArgumentException e) {
                throw new NgException(Errno.EINVAL, "pcapwrite: " + e.getMessage() + " (or use setfilefmt)");
            }
        }

        private Message flush() {
            PcapWriteSink current = sink;
            if (current != null) {
                current.flush();
            }
            return null;
        }

        private Message clearStats() {
            stats.clear();
            PcapWriteSink current = sink;
            if (current != null) {
                current.clearError();
            }
            return null;
        }

        private byte[] statsReply() {
            PcapWriteSink current = sink;
            byte[] format =
                    current == null ? new byte[0] : current.format().label().getBytes(StandardCharsets.ISO_8859_1);
            byte[] file = current == null ? new byte[0] : current.file().getBytes(StandardCharsets.ISO_8859_1);
            byte[] error = current == null ? new byte[0] : current.error().getBytes(StandardCharsets.ISO_8859_1);
            ByteBuffer reply = ByteBuffer.allocate(8 * 8 + 16 + file.length + 1 + error.length + 1)
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int counter = RECV_FRAMES; counter <= DROP_IO_ERROR; counter++) {
                reply.putLong(stats.get(counter));
            }
            reply.put(format).position(8 * 8 + 16);
            reply.put(file).put((byte) 0).put(error);
            return reply.array();
        }

        @Override
        public void shutdown() {
            PcapWriteSink current = sink;
            if (current != null) {
                current.close();
            }
        }

        @Override
        public void disconnect(Hook hook) {
            if (node.numHooks() == 0 && node.isValid()) {
                node.rmnodeSelf();
            }
        }

        /** Holds or releases the writer thread, so that tests can fill the queue. */
        void holdWriter(boolean hold) {
            sink.hold(hold);
        }

        /** The writer thread, or null before the first setfile (for tests). */
        Thread writerThread() {
            PcapWriteSink current = sink;
            return current == null ? null : current.thread();
        }
    }
}
