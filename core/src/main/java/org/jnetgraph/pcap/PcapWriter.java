package org.jnetgraph.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes a capture file: classic pcap (microsecond or nanosecond timestamps, one link type per file) or pcapng (a
 * section header, then one interface description per distinct link type, written when the first frame of that link
 * type arrives, and enhanced packet blocks with nanosecond timestamps). Files are little-endian.
 *
 * <p>A classic pcap file's link type is that of its first frame: its header is written with the first frame (or,
 * for a file that gets no frame, on {@link #close()} with Ethernet), and a frame of another link type is refused
 * with a {@link PcapException}; {@link #accepts(int)} tells beforehand. Frames longer than the snapshot length
 * (262144) are cut to it, keeping their original length.
 *
 * <p>Records go to a 1 MiB buffer that is written out when full, on {@link #flush()} and on {@link #close()}, so a
 * frame costs no system call and no allocation.
 *
 * <p>Threading: one thread at a time; not thread-safe.
 */
public final class PcapWriter implements AutoCloseable {
    /** The snapshot length written in headers: the largest frame every reader accepts. */
    public static final int SNAPLEN = 262_144;

    static final int BUFFER_SIZE = 1 << 20;
    private static final int NO_LINK_TYPE = -1;
    private static final byte[] APPLICATION = "jnetgraph".getBytes(StandardCharsets.US_ASCII);

    private final String name;
    private final FileChannel channel;
    private final PcapFormat format;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private int[] interfaces = new int[0];
    private int classicLinkType = NO_LINK_TYPE;
    private long frames;
    private boolean closed;

    private PcapWriter(String name, FileChannel channel, PcapFormat format) {
        this.name = name;
        this.channel = channel;
        this.format = format;
    }

    /**
     * Creates (or truncates) a capture file in the format its name asks for ({@link PcapFormat#forPath}).
     *
     * <p>Threading: any thread; blocks on file I/O.
     *
     * @throws IllegalArgumentException when the name ends in neither .pcap nor .pcapng
     * @throws IOException when the file cannot be created
     */
    public static PcapWriter open(Path path) throws IOException {
        return open(path, PcapFormat.forPath(path));
    }

    /**
     * Creates (or truncates) a capture file in the given format, whatever its name.
     *
     * <p>Threading: any thread; blocks on file I/O.
     *
     * @throws IOException when the file cannot be created
     */
    public static PcapWriter open(Path path, PcapFormat format) throws IOException {
        FileChannel channel = FileChannel.open(
                path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        PcapWriter writer = new PcapWriter(path.toString(), channel, format);
        if (format == PcapFormat.PCAPNG) {
            writer.putSectionHeader();
        }
        return writer;
    }

    /** The format being written. */
    public PcapFormat format() {
        return format;
    }

    /** The name of the file, as it was opened. */
    public String name() {
        return name;
    }

    /** The number of frames written so far. */
    public long frames() {
        return frames;
    }

    /**
     * Whether a frame of {@code linkType} can go into this file: always for pcapng; for classic pcap, when the file
     * has no frame yet or its frames have that link type.
     */
    public boolean accepts(int linkType) {
        return format == PcapFormat.PCAPNG || classicLinkType == NO_LINK_TYPE || classicLinkType == linkType;
    }

    /** The link type of a classic pcap file, fixed by its first frame; -1 before that and for pcapng. */
    public int fileLinkType() {
        return classicLinkType;
    }

    /** Writes a frame read elsewhere, with its timestamp, link type and original length. */
    public void write(Frame frame) throws IOException {
        byte[] data = frame.data();
        write(frame.timestampNanos(), frame.linkType(), data, 0, data.length, frame.originalLength());
    }

    /**
     * Writes one frame.
     *
     * <p>Threading: the writer's thread; allocates nothing (except the first time a link type appears in pcapng);
     * blocks on file I/O only when the buffer is full.
     *
     * @param timestampNanos capture time in nanoseconds since the Unix epoch
     * @param linkType the frame's pcap link type
     * @param data the array holding the frame
     * @param offset where the frame starts in {@code data}
     * @param length the number of captured bytes
     * @param originalLength the length on the wire; raised to {@code length} when smaller
     * @throws PcapException when a classic pcap file already holds frames of another link type (nothing written)
     * @throws IOException when the file cannot be written
     */
    public void write(long timestampNanos, int linkType, byte[] data, int offset, int length, long originalLength)
            throws IOException {
        checkOpen();
        int caplen = Math.min(length, SNAPLEN);
        long origlen = Math.min(Math.max(originalLength, length), 0xffff_ffffL);
        if (format == PcapFormat.PCAPNG) {
            putEnhancedPacket(interfaceFor(linkType), timestampNanos, data, offset, caplen, origlen);
        } else {
            startClassic(linkType);
            putClassicRecord(timestampNanos, data, offset, caplen, origlen);
        }
        frames++;
    }

    /**
     * Writes the buffered records to the file (to the operating system; not forced to the disk).
     *
     * <p>Threading: the writer's thread; blocks on file I/O.
     */
    public void flush() throws IOException {
        checkOpen();
        drain();
    }

    /** Writes what is buffered (and a classic header if no frame came) and closes the file; idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (format != PcapFormat.PCAPNG && classicLinkType == NO_LINK_TYPE) {
                putClassicHeader(LinkType.ETHERNET);
            }
            drain();
        } finally {
            closed = true;
            channel.close();
        }
    }

    private void checkOpen() throws PcapException {
        if (closed) {
            throw new PcapException(name, -1, "the capture file was closed");
        }
    }

    // ---------------------------------------------------------------- classic pcap

    private void startClassic(int linkType) throws IOException {
        if (classicLinkType == NO_LINK_TYPE) {
            putClassicHeader(linkType);
        } else if (classicLinkType != linkType) {
            throw new PcapException(
                    name,
                    -1,
                    "a frame of " + LinkType.name(linkType) + " (" + linkType
                            + ") cannot go into a pcap file of " + LinkType.name(classicLinkType) + " ("
                            + classicLinkType
                            + "): pcap holds one link type per file, pcapng holds several");
        }
    }

    private void putClassicHeader(int linkType) throws IOException {
        room(ClassicPcap.HEADER_SIZE);
        buffer.putInt(format == PcapFormat.NSECPCAP ? ClassicPcap.MAGIC_NANOS : ClassicPcap.MAGIC_MICROS);
        buffer.putShort((short) 2).putShort((short) 4);
        buffer.putInt(0).putInt(0);
        buffer.putInt(SNAPLEN).putInt(linkType);
        classicLinkType = linkType;
    }

    private void putClassicRecord(long timestampNanos, byte[] data, int offset, int caplen, long origlen)
            throws IOException {
        room(ClassicPcap.RECORD_HEADER + caplen);
        long fraction = Math.floorMod(timestampNanos, 1_000_000_000L);
        buffer.putInt((int) Math.floorDiv(timestampNanos, 1_000_000_000L));
        buffer.putInt((int) (format == PcapFormat.NSECPCAP ? fraction : fraction / 1000));
        buffer.putInt(caplen).putInt((int) origlen);
        buffer.put(data, offset, caplen);
    }

    // ---------------------------------------------------------------- pcapng

    private void putSectionHeader() throws IOException {
        int options = 4 + pad(APPLICATION.length) + 4;
        int length = 28 + options;
        room(length);
        buffer.putInt(Pcapng.SECTION_HEADER).putInt(length).putInt(Pcapng.BYTE_ORDER_MAGIC);
        buffer.putShort((short) 1).putShort((short) 0).putLong(-1);
        putOption(4, APPLICATION);
        buffer.putInt(0);
        buffer.putInt(length);
    }

    private int interfaceFor(int linkType) throws IOException {
        for (int i = 0; i < interfaces.length; i++) {
            if (interfaces[i] == linkType) {
                return i;
            }
        }
        putInterfaceDescription(linkType);
        interfaces = Arrays.copyOf(interfaces, interfaces.length + 1);
        interfaces[interfaces.length - 1] = linkType;
        return interfaces.length - 1;
    }

    private void putInterfaceDescription(int linkType) throws IOException {
        int length = 32;
        room(length);
        buffer.putInt(Pcapng.INTERFACE_DESCRIPTION).putInt(length);
        buffer.putShort((short) linkType).putShort((short) 0).putInt(SNAPLEN);
        putOption(9, new byte[] {9});
        buffer.putInt(0);
        buffer.putInt(length);
    }

    private void putEnhancedPacket(int iface, long timestampNanos, byte[] data, int offset, int caplen, long origlen)
            throws IOException {
        int length = 32 + pad(caplen);
        room(length);
        buffer.putInt(Pcapng.ENHANCED_PACKET).putInt(length);
        buffer.putInt(iface).putInt((int) (timestampNanos >>> 32)).putInt((int) timestampNanos);
        buffer.putInt(caplen).putInt((int) origlen);
        buffer.put(data, offset, caplen);
        zeros(pad(caplen) - caplen);
        buffer.putInt(length);
    }

    private void putOption(int code, byte[] value) {
        buffer.putShort((short) code).putShort((short) value.length);
        buffer.put(value);
        zeros(pad(value.length) - value.length);
    }

    private void zeros(int count) {
        for (int i = 0; i < count; i++) {
            buffer.put((byte) 0);
        }
    }

    private static int pad(int length) {
        return (length + 3) & ~3;
    }

    // ---------------------------------------------------------------- buffer

    /** Makes room for {@code length} bytes: drains the buffer when they do not fit (a frame always fits after). */
    private void room(int length) throws IOException {
        if (buffer.remaining() < length) {
            drain();
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }
}
