package org.jnetgraph.pcap;

import java.io.IOException;
import java.nio.ByteOrder;

/**
 * Classic pcap: a 24-byte file header (magic, version 2.4, snapshot length, link type) and then records of a
 * 16-byte header (seconds, microseconds or nanoseconds, captured length, original length) followed by the data.
 * The magic's byte order is the file's byte order.
 *
 * <p>Threading: confined to the reader's thread.
 */
final class ClassicPcap implements RecordParser {
    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_NANOS = 0xa1b23c4d;
    static final int HEADER_SIZE = 24;
    static final int RECORD_HEADER = 16;
    /** The largest frame every reader accepts whatever the snapshot length says (Wireshark's standard limit). */
    static final long STANDARD_MAX = 262_144;

    private final String name;
    private final ReadBuffer in;
    private final boolean nanos;
    private final int linkType;
    private final long maxCaplen;

    private ClassicPcap(String name, ReadBuffer in, boolean nanos, int linkType, long snaplen) {
        this.name = name;
        this.in = in;
        this.nanos = nanos;
        this.linkType = linkType;
        this.maxCaplen = Math.min(Math.max(snaplen, STANDARD_MAX), ReadBuffer.MAX_RECORD - RECORD_HEADER);
    }

    /** Whether the big-endian magic number names classic pcap in either byte order. */
    static boolean isMagic(int magic) {
        return magic == MAGIC_MICROS
                || magic == MAGIC_NANOS
                || magic == Integer.reverseBytes(MAGIC_MICROS)
                || magic == Integer.reverseBytes(MAGIC_NANOS);
    }

    /** Reads the file header; {@code magic} is its first four bytes read big-endian. */
    static ClassicPcap open(String name, ReadBuffer in, int magic) throws IOException {
        boolean bigEndian = magic == MAGIC_MICROS || magic == MAGIC_NANOS;
        in.order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        if (!in.ensure(HEADER_SIZE)) {
            throw new PcapException(name, 0, "truncated pcap file header: " + in.available() + " of 24 bytes");
        }
        int major = in.getUnsignedShort(4);
        if (major != 2) {
            throw new PcapException(name, 4, "unsupported pcap version " + major + "." + in.getUnsignedShort(6));
        }
        long snaplen = Integer.toUnsignedLong(in.getInt(16));
        int linkType = in.getInt(20) & 0xffff;
        boolean nanos = magic == MAGIC_NANOS || magic == Integer.reverseBytes(MAGIC_NANOS);
        in.skip(HEADER_SIZE);
        return new ClassicPcap(name, in, nanos, linkType, snaplen);
    }

    @Override
    public PcapFormat format() {
        return nanos ? PcapFormat.NSECPCAP : PcapFormat.PCAP;
    }

    @Override
    public boolean next(FrameView frame) throws IOException {
        long at = in.offset();
        if (!in.ensure(RECORD_HEADER)) {
            return endOrTruncated(at);
        }
        long caplen = Integer.toUnsignedLong(in.getInt(8));
        checkCaplen(at, caplen);
        if (!in.ensure(RECORD_HEADER + (int) caplen)) {
            throw new PcapException(
                    name,
                    at,
                    "truncated frame: its record needs " + (RECORD_HEADER + caplen) + " bytes but the file ends after "
                            + in.available());
        }
        frame.set(timestamp(), linkType, 0, in.index(RECORD_HEADER), (int) caplen, origlen(), at);
        in.skip(RECORD_HEADER + (int) caplen);
        return true;
    }

    private boolean endOrTruncated(long at) throws PcapException {
        if (in.available() == 0) {
            return false;
        }
        throw new PcapException(name, at, "truncated record header: " + in.available() + " of 16 bytes");
    }

    private void checkCaplen(long at, long caplen) throws PcapException {
        if (caplen > maxCaplen) {
            throw new PcapException(
                    name,
                    at,
                    "corrupt record header: captured length " + caplen
                            + " exceeds the largest frame this file can hold (" + maxCaplen + ")");
        }
    }

    private long timestamp() {
        long seconds = Integer.toUnsignedLong(in.getInt(0));
        long fraction = Integer.toUnsignedLong(in.getInt(4));
        return seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000);
    }

    private long origlen() {
        return Integer.toUnsignedLong(in.getInt(12));
    }
}
