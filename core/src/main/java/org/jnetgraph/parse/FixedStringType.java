package org.jnetgraph.parse;

import java.util.OptionalInt;
import org.jnetgraph.Errno;

/**
 * A NUL-terminated string in a zero-filled buffer of fixed size, such as a node name (FreeBSD's
 * {@code ng_parse_fixedstring_type}). At most {@code bufSize - 1} characters fit.
 *
 * <p>When reading binary, the string ends at the first NUL or, as the kernel forces the last byte of such buffers to
 * NUL, after {@code bufSize - 1} bytes.
 *
 * <p>Threading: immutable; any thread.
 */
final class FixedStringType extends ParseType {
    private final int bufSize;

    FixedStringType(int bufSize) {
        if (bufSize < 1) {
            throw new IllegalArgumentException("fixed string buffer must hold at least the NUL: " + bufSize);
        }
        this.bufSize = bufSize;
    }

    @Override
    public OptionalInt fixedSize() {
        return OptionalInt.of(bufSize);
    }

    @Override
    public int alignment() {
        return 1;
    }

    @Override
    public String toString() {
        return "fixedstring(" + bufSize + ")";
    }

    @Override
    void parseValue(Lexer lexer, int pos, BinWriter out) {
        Lexer.Str str = StringType.requireString(lexer, pos);
        if (str.bytes().length + 1 > bufSize) {
            throw lexer.fail(Errno.E2BIG, tooLong(str.bytes().length), str.start());
        }
        write(str.bytes(), out);
    }

    private String tooLong(int length) {
        return "string of " + length + " bytes does not fit in " + this + " (at most " + (bufSize - 1) + ")";
    }

    private void write(byte[] bytes, BinWriter out) {
        out.put(bytes);
        out.zeros(bufSize - bytes.length);
    }

    @Override
    boolean writeDefault(BinWriter out) {
        out.zeros(bufSize);
        return true;
    }

    @Override
    int matchDefault(BinReader in) {
        return matchZeros(in, bufSize);
    }

    @Override
    void unparseValue(BinReader in, StringBuilder text) {
        in.need(bufSize);
        Escapes.appendQuoted(text, in.array(), in.pos(), in.strnlen(bufSize - 1));
        in.skip(bufSize);
    }

    @Override
    Object decodeValue(BinReader in) {
        in.need(bufSize);
        String value = Escapes.string(in.array(), in.pos(), in.strnlen(bufSize - 1));
        in.skip(bufSize);
        return value;
    }

    @Override
    void encodeValue(Object value, BinWriter out) {
        if (!(value instanceof String s)) {
            throw wrongValue(out, this, value);
        }
        byte[] bytes = Escapes.latin1(s, out);
        if (bytes.length + 1 > bufSize) {
            throw out.fail(Errno.E2BIG, tooLong(bytes.length));
        }
        write(bytes, out);
    }

    @Override
    int minSize() {
        return bufSize;
    }
}
