package org.jnetgraph.pcap;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a capture file frame by frame: classic pcap in either byte order with microsecond or nanosecond timestamps,
 * or pcapng with any number of sections and interfaces (each with its own link type, if_tsresol and if_tsoffset),
 * taking frames from enhanced, simple and obsolete packet blocks and skipping every other block.
 *
 * <pre>{@code
 * try (PcapReader reader = PcapReader.open(Path.of("example.pcap"))) {
 *     while (reader.next()) {
 *         packet.setData(reader.array(), reader.dataOffset(), reader.capturedLength());
 *     }
 * }
 * }</pre>
 *
 * <p>The file is read through a 1 MiB buffer (grown for larger records), so {@link #next()} makes a system call
 * only when the buffer runs dry and allocates nothing. The current frame's bytes stay in the buffer: they are valid
 * until the next call of {@link #next()}. Simple packet blocks carry no timestamp; their frames have timestamp 0.
 *
 * <p>Damage: when a record is truncated or corrupt, {@link #next()} has returned every frame before it and then
 * throws a {@link PcapException} naming the record's byte offset and what was wrong; later calls throw it again.
 *
 * <p>Threading: one thread at a time; not thread-safe.
 */
public final class PcapReader implements AutoCloseable {
    static final int DEFAULT_BUFFER = 1 << 20;

    private final String name;
    private final ReadBuffer in;
    private final RecordParser parser;
    private final FrameView frame = new FrameView();
    private PcapException failure;
    private long frames;

    private PcapReader(String name, ReadBuffer in, RecordParser parser) {
        this.name = name;
        this.in = in;
        this.parser = parser;
    }

    /**
     * Opens a capture file and reads its header.
     *
     * <p>Threading: any thread; blocks on file I/O.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws PcapException when it is not a pcap or pcapng file, or its header is damaged
     * @throws IOException when it cannot be read
     */
    public static PcapReader open(Path path) throws IOException {
        return open(path, DEFAULT_BUFFER);
    }

    static PcapReader open(Path path, int bufferSize) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        ReadBuffer in = new ReadBuffer(channel, bufferSize);
        try {
            return new PcapReader(path.toString(), in, detect(path.toString(), in));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static RecordParser detect(String name, ReadBuffer in) throws IOException {
        if (!in.ensure(4)) {
            String what = in.available() == 0 ? "empty file" : "truncated file";
            throw new PcapException(name, 0, what + ": no pcap or pcapng header");
        }
        int magic = in.getIntBigEndian(0);
        if (ClassicPcap.isMagic(magic)) {
            return ClassicPcap.open(name, in, magic);
        }
        if (magic == Pcapng.SECTION_HEADER) {
            return new Pcapng(name, in);
        }
        throw new PcapException(name, 0, String.format("not a pcap or pcapng file: magic number 0x%08x", magic));
    }

    /** The file's format: {@link PcapFormat#PCAP}, {@link PcapFormat#NSECPCAP} or {@link PcapFormat#PCAPNG}. */
    public PcapFormat format() {
        return parser.format();
    }

    /**
     * Moves to the next frame.
     *
     * <p>Threading: the reader's thread; blocks on file I/O when the buffer runs dry; allocates nothing in steady
     * state.
     *
     * @return true when there is a frame, false at the end of the file
     * @throws PcapException when the next record is truncated or corrupt (every frame before it was returned)
     * @throws IOException when the file cannot be read
     */
    public boolean next() throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            boolean found = parser.next(frame);
            frames += found ? 1 : 0;
            return found;
        } catch (PcapException e) {
            failure = e;
            throw e;
        }
    }

    /** The current frame's capture time in nanoseconds since the Unix epoch. */
    public long timestampNanos() {
        return frame.timestampNanos;
    }

    /** The current frame's pcap link type ({@link LinkType}). */
    public int linkType() {
        return frame.linkType;
    }

    /** The pcapng interface index of the current frame within its section; 0 for classic pcap. */
    public int interfaceIndex() {
        return frame.interfaceIndex;
    }

    /** The number of captured bytes of the current frame. */
    public int capturedLength() {
        return frame.capturedLength;
    }

    /** The current frame's length on the wire, as the file states it. */
    public long originalLength() {
        return frame.originalLength;
    }

    /** The byte offset in the file of the current frame's record (its record header or block). */
    public long recordOffset() {
        return frame.offset;
    }

    /** The array holding the current frame's bytes from {@link #dataOffset()}; valid until the next {@link #next}. */
    public byte[] array() {
        return in.array();
    }

    /** Where the current frame's bytes start in {@link #array()}. */
    public int dataOffset() {
        return frame.dataIndex;
    }

    /** The number of frames returned so far. */
    public long frames() {
        return frames;
    }

    /** A copy of the current frame (allocates; for tests, tools and the control path). */
    public Frame frame() {
        byte[] data = java.util.Arrays.copyOfRange(array(), frame.dataIndex, frame.dataIndex + frame.capturedLength);
        return new Frame(frame.timestampNanos, frame.linkType, frame.interfaceIndex, frame.originalLength, data);
    }

    /** The name of the file, as it was opened. */
    public String name() {
        return name;
    }

    /** Closes the file. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
