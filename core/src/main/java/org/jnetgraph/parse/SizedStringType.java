package org.jnetgraph.parse;

import java.util.OptionalInt;
import org.jnetgraph.Errno;

/**
 * A string stored as a 16-bit length followed by that many bytes, without NUL and without alignment (FreeBSD's
 * {@code ng_parse_sizedstring_type}).
 *
 * <p>Threading: immutable; any thread.
 */
final class SizedStringType extends ParseType {
    private static final int MAX_LENGTH = 0xffff;

    @Override
    public OptionalInt fixedSize() {
        return OptionalInt.empty();
    }

    @Override
    public int alignment() {
        return 1;
    }

    @Override
    public String toString() {
        return "sizedstring";
    }

    @Override
    void parseValue(Lexer lexer, int pos, BinWriter out) {
        Lexer.Str str = StringType.requireString(lexer, pos);
        if (str.bytes().length > MAX_LENGTH) {
            throw lexer.fail(Errno.EINVAL, "string longer than " + MAX_LENGTH + " bytes", str.start());
        }
        write(str.bytes(), out);
    }

    private static void write(byte[] bytes, BinWriter out) {
        out.putLong(bytes.length, 2);
        out.put(bytes);
    }

    @Override
    boolean writeDefault(BinWriter out) {
        out.zeros(2);
        return true;
    }

    @Override
    int matchDefault(BinReader in) {
        return matchZeros(in, 2);
    }

    @Override
    void unparseValue(BinReader in, StringBuilder text) {
        int len = (int) in.readLong(2);
        in.need(len);
        Escapes.appendQuoted(text, in.array(), in.pos(), len);
        in.skip(len);
    }

    @Override
    Object decodeValue(BinReader in) {
        int len = (int) in.readLong(2);
        return Escapes.string(in.bytes(len), 0, len);
    }

    @Override
    void encodeValue(Object value, BinWriter out) {
        if (!(value instanceof String s)) {
            throw wrongValue(out, this, value);
        }
        byte[] bytes = Escapes.latin1(s, out);
        if (bytes.length > MAX_LENGTH) {
            throw out.fail(Errno.EINVAL, "string longer than " + MAX_LENGTH + " bytes");
        }
        write(bytes, out);
    }

    @Override
    int minSize() {
        return 2;
    }
}
