package org.jnetgraph.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds small pcapng files block by block, in either byte order, for tests of the parts of the format the shared
 * captures do not use (several sections, timestamp resolutions and offsets, simple and obsolete packet blocks,
 * unknown blocks).
 *
 * <p>Threading: confined to one thread.
 */
final class PcapngBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    /** Starts a section in the given byte order. */
    PcapngBuilder section(ByteOrder byteOrder) {
        order = byteOrder;
        ByteBuffer body = body(16);
        body.putInt(Pcapng.BYTE_ORDER_MAGIC)
                .putShort((short) 1)
                .putShort((short) 0)
                .putLong(-1);
        return block(Pcapng.SECTION_HEADER, body);
    }

    /** An interface description; {@code tsresol} and {@code tsoffset} are written when not null. */
    PcapngBuilder iface(int linkType, int snaplen, Integer tsresol, Long tsoffset) {
        ByteBuffer body = body(8 + 8 + 12 + 4);
        body.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        if (tsresol != null) {
            body.putShort((short) 9)
                    .putShort((short) 1)
                    .put(tsresol.byteValue())
                    .put(new byte[3]);
        }
        if (tsoffset != null) {
            body.putShort((short) 14).putShort((short) 8).putLong(tsoffset);
        }
        body.putInt(0);
        return block(Pcapng.INTERFACE_DESCRIPTION, body);
    }

    /** An enhanced packet block. */
    PcapngBuilder enhanced(int iface, long units, byte[] data, int origlen) {
        ByteBuffer body = body(20 + pad(data.length));
        body.putInt(iface)
                .putInt((int) (units >>> 32))
                .putInt((int) units)
                .putInt(data.length)
                .putInt(origlen);
        body.put(data).position(20 + pad(data.length));
        return block(Pcapng.ENHANCED_PACKET, body);
    }

    /** A simple packet block. */
    PcapngBuilder simple(byte[] data, int origlen) {
        ByteBuffer body = body(4 + pad(data.length));
        body.putInt(origlen).put(data).position(4 + pad(data.length));
        return block(Pcapng.SIMPLE_PACKET, body);
    }

    /** An obsolete packet block. */
    PcapngBuilder obsolete(int iface, long units, byte[] data, int origlen) {
        ByteBuffer body = body(20 + pad(data.length));
        body.putShort((short) iface)
                .putShort((short) 0)
                .putInt((int) (units >>> 32))
                .putInt((int) units);
        body.putInt(data.length).putInt(origlen).put(data).position(20 + pad(data.length));
        return block(Pcapng.OBSOLETE_PACKET, body);
    }

    /** A block of any type with {@code size} bytes of body. */
    PcapngBuilder other(int type, int size) {
        ByteBuffer body = body(pad(size));
        body.position(pad(size));
        return block(type, body);
    }

    byte[] build() {
        return out.toByteArray();
    }

    private ByteBuffer body(int capacity) {
        return ByteBuffer.allocate(capacity).order(order);
    }

    private PcapngBuilder block(int type, ByteBuffer body) {
        int length = 12 + body.position();
        ByteBuffer block = ByteBuffer.allocate(length).order(order);
        block.putInt(type).putInt(length).put(body.array(), 0, body.position()).putInt(length);
        out.writeBytes(block.array());
        return this;
    }

    private static int pad(int length) {
        return (length + 3) & ~3;
    }
}
