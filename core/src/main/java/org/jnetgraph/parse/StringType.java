package org.jnetgraph.parse;

import java.util.OptionalInt;
import org.jnetgraph.Errno;

/**
 * A NUL-terminated string of any length (FreeBSD's {@code ng_parse_string_type}); its binary size is the string
 * length plus one.
 *
 * <p>Threading: immutable; any thread.
 */
final class StringType extends ParseType {

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
        return "string";
    }

    @Override
    void parseValue(Lexer lexer, int pos, BinWriter out) {
        Lexer.Str str = requireString(lexer, pos);
        out.put(str.bytes());
        out.put(0);
    }

    /** The quoted string at {@code pos}; anything else fails with EINVAL. */
    static Lexer.Str requireString(Lexer lexer, int pos) {
        Lexer.Str str = lexer.string(pos);
        if (str == null) {
            int start = lexer.skipSpace(pos);
            throw lexer.fail(Errno.EINVAL, "expected a quoted string but found " + lexer.describe(start), start);
        }
        return str;
    }

    @Override
    boolean writeDefault(BinWriter out) {
        out.put(0);
        return true;
    }

    @Override
    void unparseValue(BinReader in, StringBuilder text) {
        int len = terminatedLength(in);
        Escapes.appendQuoted(text, in.array(), in.pos(), len);
        in.skip(len + 1);
    }

    @Override
    Object decodeValue(BinReader in) {
        int len = terminatedLength(in);
        String value = Escapes.string(in.array(), in.pos(), len);
        in.skip(len + 1);
        return value;
    }

    private static int terminatedLength(BinReader in) {
        int len = in.strnlen(in.remaining());
        if (len == in.remaining()) {
            throw in.fail(Errno.EINVAL, "string at offset " + in.pos() + " has no terminating NUL");
        }
        return len;
    }

    @Override
    void encodeValue(Object value, BinWriter out) {
        if (!(value instanceof String s)) {
            throw wrongValue(out, this, value);
        }
        out.put(Escapes.latin1(s, out));
        out.put(0);
    }

    @Override
    int minSize() {
        return 1;
    }
}
