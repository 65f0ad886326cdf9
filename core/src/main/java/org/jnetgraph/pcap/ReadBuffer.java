package org.jnetgraph.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * A window over a byte channel: one large heap buffer, refilled by compacting it and reading as much as fits, so
 * that parsing a record costs no system call. Records are read in place with offsets relative to the unread start.
 *
 * <p>Threading: confined to the reader's thread.
 */
final class ReadBuffer {
    /** The largest record the buffer grows to hold; anything larger is reported as damage, not read. */
    static final int MAX_RECORD = 1 << 26;

    private final ReadableByteChannel channel;
    private byte[] array;
    private ByteBuffer view;
    private int start;
    private int limit;
    private long base;
    private boolean eof;

    ReadBuffer(ReadableByteChannel channel, int capacity) {
        this.channel = channel;
        this.array = new byte[capacity];
        this.view = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Makes at least {@code count} unread bytes available, reading from the channel when needed.
     *
     * @return false when the channel ended first (the bytes that are there stay available)
     */
    boolean ensure(int count) throws IOException {
        if (limit - start >= count) {
            return true;
        }
        compact(count);
        while (limit - start < count && !eof) {
            fill();
        }
        return limit - start >= count;
    }

    private void compact(int count) {
        if (count > array.length) {
            byte[] larger = new byte[Math.max(count, array.length * 2)];
            System.arraycopy(array, start, larger, 0, limit - start);
            array = larger;
            view = ByteBuffer.wrap(array).order(view.order());
        } else {
            System.arraycopy(array, start, array, 0, limit - start);
        }
        base += start;
        limit -= start;
        start = 0;
    }

    private void fill() throws IOException {
        view.limit(array.length).position(limit);
        int read = channel.read(view);
        if (read < 0) {
            eof = true;
        } else {
            limit += read;
        }
    }

    /** Unread bytes in the buffer now (without reading more). */
    int available() {
        return limit - start;
    }

    /** Whether the channel ended and every byte was consumed. */
    boolean exhausted() throws IOException {
        return !ensure(1);
    }

    /** The file offset of the first unread byte. */
    long offset() {
        return base + start;
    }

    /** Consumes {@code count} bytes. */
    void skip(int count) {
        start += count;
    }

    /** Sets the byte order of the multi-byte reads. */
    void order(ByteOrder order) {
        view.order(order);
    }

    ByteOrder order() {
        return view.order();
    }

    /** The 32-bit value at {@code at} bytes past the unread start, in the current byte order. */
    int getInt(int at) {
        return view.getInt(start + at);
    }

    /** The unsigned 16-bit value at {@code at} bytes past the unread start. */
    int getUnsignedShort(int at) {
        return view.getShort(start + at) & 0xffff;
    }

    /** The 64-bit value at {@code at} bytes past the unread start. */
    long getLong(int at) {
        return view.getLong(start + at);
    }

    /** The unsigned byte at {@code at} bytes past the unread start. */
    int getUnsignedByte(int at) {
        return array[start + at] & 0xff;
    }

    /** The big-endian 32-bit value at {@code at}, whatever the current order (for magic numbers). */
    int getIntBigEndian(int at) {
        int i = start + at;
        return (array[i] & 0xff) << 24 | (array[i + 1] & 0xff) << 16 | (array[i + 2] & 0xff) << 8 | array[i + 3] & 0xff;
    }

    /** The backing array; valid until the next {@link #ensure}. */
    byte[] array() {
        return array;
    }

    /** The index in {@link #array()} of the byte {@code at} bytes past the unread start. */
    int index(int at) {
        return start + at;
    }

    /** A copy of {@code count} bytes at {@code at} past the unread start. */
    byte[] copy(int at, int count) {
        return Arrays.copyOfRange(array, start + at, start + at + count);
    }

    void close() throws IOException {
        channel.close();
    }
}
