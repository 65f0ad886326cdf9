package org.jnetgraph.pcap;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * pcapng: a sequence of blocks (type, total length, body, total length again). A section header block sets the byte
 * order of the blocks after it and forgets the interfaces of the previous section; interface description blocks
 * give each interface its link type, snapshot length and timestamp unit (if_tsresol, if_tsoffset); enhanced, simple
 * and obsolete packet blocks carry frames. Other blocks are skipped.
 *
 * <p>Threading: confined to the reader's thread.
 */
final class Pcapng implements RecordParser {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 1;
    static final int OBSOLETE_PACKET = 2;
    static final int SIMPLE_PACKET = 3;
    static final int ENHANCED_PACKET = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    private static final int OPT_ENDOFOPT = 0;
    private static final int OPT_TSRESOL = 9;
    private static final int OPT_TSOFFSET = 14;

    /** One interface of the current section. */
    private record Interface(int linkType, long snaplen, TimestampUnit unit) {}

    private final String name;
    private final ReadBuffer in;
    private Interface[] interfaces = new Interface[4];
    private int interfaceCount;

    Pcapng(String name, ReadBuffer in) {
        this.name = name;
        this.in = in;
    }

    @Override
    public PcapFormat format() {
        return PcapFormat.PCAPNG;
    }

    @Override
    public boolean next(FrameView frame) throws IOException {
        while (true) {
            long at = in.offset();
            if (!in.ensure(12)) {
                return endOrTruncated(at);
            }
            if (in.getInt(0) == SECTION_HEADER) {
                readSection(at);
                continue;
            }
            int length = blockLength(at);
            boolean isFrame = readBlock(at, length, frame);
            in.skip(length);
            if (isFrame) {
                return true;
            }
        }
    }

    private boolean endOrTruncated(long at) throws PcapException {
        if (in.available() == 0) {
            return false;
        }
        throw new PcapException(name, at, "truncated block header: " + in.available() + " bytes, a block needs 12");
    }

    private void readSection(long at) throws IOException {
        int magic = in.getIntBigEndian(8);
        if (magic == BYTE_ORDER_MAGIC || magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            in.order(magic == BYTE_ORDER_MAGIC ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        } else {
            throw new PcapException(
                    name,
                    at + 8,
                    String.format("corrupt section header block: byte-order magic 0x%08x, expected 0x1a2b3c4d", magic));
        }
        int length = blockLength(at);
        requireLength(at, "section header", length, 28);
        int major = in.getUnsignedShort(12);
        if (major != 1) {
            throw new PcapException(
                    name, at + 12, "unsupported pcapng version " + major + "." + in.getUnsignedShort(14));
        }
        interfaceCount = 0;
        in.skip(length);
    }

    /** Checks the block's leading and trailing lengths and makes the whole block available. */
    private int blockLength(long at) throws IOException {
        long length = Integer.toUnsignedLong(in.getInt(4));
        if (length < 12 || length % 4 != 0 || length > ReadBuffer.MAX_RECORD) {
            throw new PcapException(
                    name,
                    at,
                    "corrupt block of type " + typeName() + ": total length " + length
                            + " is not a multiple of 4 between 12 and " + ReadBuffer.MAX_RECORD);
        }
        if (!in.ensure((int) length)) {
            throw new PcapException(
                    name,
                    at,
                    "truncated block of type " + typeName() + ": it needs " + length + " bytes but the file ends after "
                            + in.available());
        }
        long trailer = Integer.toUnsignedLong(in.getInt((int) length - 4));
        if (trailer != length) {
            throw new PcapException(
                    name,
                    at,
                    "corrupt block of type " + typeName() + ": total length " + length + " at its start but " + trailer
                            + " at its end");
        }
        return (int) length;
    }

    private String typeName() {
        return String.format("0x%x", in.getInt(0));
    }

    /** Reads one block; true when it held a frame, which {@code frame} now describes. */
    private boolean readBlock(long at, int length, FrameView frame) throws PcapException {
        int type = in.getInt(0);
        if (type == INTERFACE_DESCRIPTION) {
            readInterface(at, length);
        } else if (type == ENHANCED_PACKET) {
            readEnhanced(at, length, frame);
        } else if (type == SIMPLE_PACKET) {
            readSimple(at, length, frame);
        } else if (type == OBSOLETE_PACKET) {
            readObsolete(at, length, frame);
        }
        return type == ENHANCED_PACKET || type == SIMPLE_PACKET || type == OBSOLETE_PACKET;
    }

    private void readInterface(long at, int length) throws PcapException {
        requireLength(at, "interface description", length, 20);
        int linkType = in.getUnsignedShort(8);
        long snaplen = Integer.toUnsignedLong(in.getInt(12));
        TimestampUnit unit = readOptions(at, 16, length - 4);
        if (interfaceCount == interfaces.length) {
            interfaces = Arrays.copyOf(interfaces, interfaceCount * 2);
        }
        interfaces[interfaceCount++] = new Interface(linkType, snaplen, unit);
    }

    /** The timestamp unit the options of an interface description give (microseconds when they say nothing). */
    private TimestampUnit readOptions(long at, int from, int end) throws PcapException {
        TimestampUnit unit = TimestampUnit.MICROS;
        long offsetSeconds = 0;
        int position = from;
        while (position + 4 <= end) {
            int code = in.getUnsignedShort(position);
            int length = in.getUnsignedShort(position + 2);
            if (code == OPT_ENDOFOPT) {
                break;
            }
            if (position + 4 + length > end) {
                throw new PcapException(
                        name,
                        at + position,
                        "corrupt option " + code + ": its " + length
                                + " bytes run past the end of the interface description block");
            }
            if (code == OPT_TSRESOL && length >= 1) {
                unit = resolution(at + position, in.getUnsignedByte(position + 4));
            } else if (code == OPT_TSOFFSET && length >= 8) {
                offsetSeconds = in.getLong(position + 4);
            }
            position += 4 + ((length + 3) & ~3);
        }
        return unit.withOffset(offsetSeconds);
    }

    private TimestampUnit resolution(long at, int tsresol) throws PcapException {
        TimestampUnit unit = TimestampUnit.ofResolution(tsresol, 0);
        if (unit == null) {
            throw new PcapException(
                    name,
                    at,
                    String.format(
                            "unsupported if_tsresol 0x%02x: finer than a 64-bit count of nanoseconds can follow",
                            tsresol));
        }
        return unit;
    }

    private void readEnhanced(long at, int length, FrameView frame) throws PcapException {
        requireLength(at, "enhanced packet", length, 32);
        int index = interfaceIndex(at, Integer.toUnsignedLong(in.getInt(8)));
        long caplen = Integer.toUnsignedLong(in.getInt(20));
        checkCaplen(at, "enhanced packet", caplen, length - 32);
        long timestamp = interfaces[index].unit().toNanos(units(12));
        long origlen = Integer.toUnsignedLong(in.getInt(24));
        frame.set(timestamp, interfaces[index].linkType(), index, in.index(28), (int) caplen, origlen, at);
    }

    private void readSimple(long at, int length, FrameView frame) throws PcapException {
        requireLength(at, "simple packet", length, 16);
        int index = interfaceIndex(at, 0);
        long origlen = Integer.toUnsignedLong(in.getInt(8));
        long snaplen = interfaces[0].snaplen() == 0 ? Long.MAX_VALUE : interfaces[0].snaplen();
        long caplen = Math.min(Math.min(origlen, snaplen), length - 16);
        frame.set(0, interfaces[index].linkType(), index, in.index(12), (int) caplen, origlen, at);
    }

    private void readObsolete(long at, int length, FrameView frame) throws PcapException {
        requireLength(at, "packet", length, 32);
        int index = interfaceIndex(at, in.getUnsignedShort(8));
        long caplen = Integer.toUnsignedLong(in.getInt(20));
        checkCaplen(at, "packet", caplen, length - 32);
        long timestamp = interfaces[index].unit().toNanos(units(12));
        long origlen = Integer.toUnsignedLong(in.getInt(24));
        frame.set(timestamp, interfaces[index].linkType(), index, in.index(28), (int) caplen, origlen, at);
    }

    private long units(int at) {
        return Integer.toUnsignedLong(in.getInt(at)) << 32 | Integer.toUnsignedLong(in.getInt(at + 4));
    }

    private int interfaceIndex(long at, long index) throws PcapException {
        if (index >= interfaceCount) {
            throw new PcapException(
                    name,
                    at,
                    "corrupt packet block: it names interface " + index + " but the section describes "
                            + interfaceCount);
        }
        return (int) index;
    }

    private void requireLength(long at, String what, int length, int minimum) throws PcapException {
        if (length < minimum) {
            throw new PcapException(
                    name,
                    at,
                    "corrupt " + what + " block: total length " + length + " is less than the " + minimum
                            + " bytes it needs");
        }
    }

    private void checkCaplen(long at, String what, long caplen, int room) throws PcapException {
        if (caplen > room) {
            throw new PcapException(
                    name,
                    at,
                    "corrupt " + what + " block: captured length " + caplen + " exceeds the " + room
                            + " bytes of data the block holds");
        }
    }
}
