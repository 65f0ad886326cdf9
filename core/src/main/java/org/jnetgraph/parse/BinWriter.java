package org.jnetgraph.parse;

import java.util.Arrays;
import org.jnetgraph.Errno;

/**
 * The growing binary output of a parse, an encode or a default value, in little-endian (amd64) byte order.
 *
 * <p>Output beyond {@link #max} bytes fails with ERANGE, as FreeBSD's fixed output buffer does. When parsing text,
 * {@link #textPos} is the position of the value being parsed so that failures found while writing it can point at
 * it; when encoding a Java value, {@link #path} names the field instead.
 *
 * <p>Threading: confined to the thread running one codec operation.
 */
final class BinWriter implements ByteView {
    final int max;
    final Lexer lexer;
    final FieldPath path = new FieldPath();
    int textPos;
    Frame frame;
    /** Set when a default value ended with an empty rest-of-input array, so only an input that ends there matches. */
    boolean claimsRest;

    private byte[] buf = new byte[64];
    private int size;

    private BinWriter(int max, Lexer lexer, Frame outer) {
        this.max = max;
        this.lexer = lexer;
        this.frame = outer;
    }

    /** A writer for parsing {@code lexer}'s text into at most {@code max} bytes. */
    static BinWriter forText(Lexer lexer, int max) {
        return new BinWriter(max, lexer, null);
    }

    /** A writer for encoding a Java value into at most {@code max} bytes. */
    static BinWriter forValue(int max) {
        return new BinWriter(max, null, null);
    }

    /** A scratch writer for a default value; length lookups continue into the {@code outer} frames. */
    static BinWriter forDefault(int max, Frame outer) {
        return new BinWriter(max, null, outer);
    }

    @Override
    public byte[] array() {
        return buf;
    }

    @Override
    public int size() {
        return size;
    }

    int remaining() {
        return max - size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    void put(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    void zeros(long n) {
        ensure(n);
        size += (int) n;
    }

    /** Writes the low {@code width} bytes of {@code value}, least significant first. */
    void putLong(long value, int width) {
        ensure(width);
        for (int i = 0; i < width; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
    }

    /** Zero-fills up to the next multiple of {@code alignment}. */
    void pad(int alignment) {
        zeros((alignment - size % alignment) % alignment);
    }

    Frame enter(StructType type) {
        frame = new Frame(type, this, frame);
        return frame;
    }

    void leave(Frame entered) {
        frame = entered.parent;
    }

    /** A failure at the value being written: its text position when parsing, else its field path. */
    ParseException fail(Errno errno, String what) {
        if (lexer != null) {
            return lexer.fail(errno, what, textPos);
        }
        return new ParseException(errno, what + " in " + path, -1, "");
    }

    private void ensure(long n) {
        if (n > max - size) {
            throw fail(Errno.ERANGE, "binary output longer than " + max + " bytes");
        }
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(max, Math.max(size + n, 2L * buf.length)));
        }
    }
}
