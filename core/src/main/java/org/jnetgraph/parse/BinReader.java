package org.jnetgraph.parse;

import java.util.Arrays;
import org.jnetgraph.Errno;

/**
 * A cursor over binary input in little-endian (amd64) byte order. Reading past the end fails with EINVAL and names
 * the field being read.
 *
 * <p>Threading: confined to the thread running one codec operation.
 */
final class BinReader implements ByteView {
    final FieldPath path = new FieldPath();
    Frame frame;
    private final byte[] data;
    private final int limit;
    private int pos;

    BinReader(byte[] data) {
        this(data, data.length, 0, null);
    }

    BinReader(byte[] data, int limit, int pos, Frame outer) {
        this.data = data;
        this.limit = limit;
        this.pos = pos;
        this.frame = outer;
    }

    @Override
    public byte[] array() {
        return data;
    }

    @Override
    public int size() {
        return limit;
    }

    int pos() {
        return pos;
    }

    int remaining() {
        return limit - pos;
    }

    /** Checks that {@code n} more bytes are there. */
    void need(long n) {
        if (n > limit - pos) {
            throw fail(
                    Errno.EINVAL,
                    "truncated binary: needs " + n + " bytes at offset " + pos + " but " + remaining() + " remain");
        }
    }

    void skip(int n) {
        pos += n;
    }

    /** Skips alignment padding; the padding itself may be missing at the end of the input. */
    void pad(int alignment) {
        pos += (alignment - pos % alignment) % alignment;
    }

    /** Whether a whole element of {@code size} bytes, aligned, fits before the end after skipping {@code n} bytes. */
    boolean hasElementAfter(int n, int alignment, int size) {
        int next = pos + n;
        return next + (alignment - next % alignment) % alignment + size <= limit;
    }

    Frame enter(StructType type) {
        frame = new Frame(type, this, frame);
        return frame;
    }

    void leave(Frame entered) {
        frame = entered.parent;
    }

    /** Reads {@code width} bytes as an unsigned little-endian number. */
    long readLong(int width) {
        need(width);
        long value = 0;
        for (int i = 0; i < width; i++) {
            value |= (data[pos++] & 0xffL) << (8 * i);
        }
        return value;
    }

    /** Copies the next {@code n} bytes. */
    byte[] bytes(int n) {
        need(n);
        byte[] copy = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return copy;
    }

    /** The length of the NUL-terminated string at the cursor, looking at most {@code max} bytes ahead. */
    int strnlen(int max) {
        int n = 0;
        while (n < max && pos + n < limit && data[pos + n] != 0) {
            n++;
        }
        return n;
    }

    /** Whether the next {@code n} bytes exist and are all zero. */
    boolean zerosAhead(int n) {
        if (n > limit - pos) {
            return false;
        }
        for (int i = pos; i < pos + n; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the bytes at the cursor equal everything {@code other} has written and, if that default claimed the rest
     * of the input (an empty {@link LengthFn#remaining()} array), nothing follows it.
     */
    boolean matches(BinWriter other) {
        int n = other.size();
        boolean same = n <= limit - pos && Arrays.equals(data, pos, pos + n, other.array(), 0, n);
        return same && (!other.claimsRest || limit - pos <= n);
    }

    ParseException fail(Errno errno, String what) {
        return new ParseException(errno, what + " (reading " + path + ")", -1, "");
    }
}
