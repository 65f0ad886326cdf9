package org.jnetgraph.parse;

import java.util.OptionalInt;
import org.jnetgraph.Errno;

/**
 * A byte array (FreeBSD's {@code ng_parse_bytearray_type}), of fixed length or with the length from a
 * {@link LengthFn}.
 *
 * <p>ASCII: either a quoted string, copied and zero-filled to the array length (longer fails with E2BIG), or an array
 * of int8 values in any base. Unparsed as an array of hint8 ({@code [ 0x41 3=0x7 ]}). Java value: {@code byte[]}.
 *
 * <p>Threading: immutable; any thread.
 */
final class BytesType extends ParseType {
    private final LengthFn length;
    private final ArrayType asArray;

    BytesType(LengthFn length) {
        this.length = length;
        this.asArray = new ArrayType(HINT8, length);
    }

    LengthFn length() {
        return length;
    }

    @Override
    public OptionalInt fixedSize() {
        return length instanceof FixedLength fixed ? OptionalInt.of(fixed.count()) : OptionalInt.empty();
    }

    @Override
    public int alignment() {
        return 1;
    }

    @Override
    public String toString() {
        return "bytes[" + length + "]";
    }

    @Override
    int minSize() {
        return asArray.minSize();
    }

    @Override
    void parseValue(Lexer lexer, int pos, BinWriter out) {
        Lexer.Str str = lexer.string(pos);
        if (str == null) {
            asArray.parseValue(lexer, pos, out);
            return;
        }
        int count = Lengths.forWriter(length, HINT8, out);
        int size = count < 0 ? str.bytes().length : count;
        if (str.bytes().length > size) {
            throw lexer.fail(Errno.E2BIG, tooLong(str.bytes().length, size), str.start());
        }
        write(str.bytes(), size, out);
    }

    private static String tooLong(int given, int size) {
        return given + " bytes do not fit in a byte array of " + size;
    }

    private static void write(byte[] bytes, int size, BinWriter out) {
        out.put(bytes);
        out.zeros(size - bytes.length);
    }

    @Override
    boolean writeDefault(BinWriter out) {
        return asArray.writeDefault(out);
    }

    @Override
    void unparseValue(BinReader in, StringBuilder text) {
        asArray.unparseValue(in, text);
    }

    @Override
    Object decodeValue(BinReader in) {
        int count = Lengths.forReader(length, HINT8, in);
        return in.bytes(count < 0 ? in.remaining() : count);
    }

    @Override
    void encodeValue(Object value, BinWriter out) {
        if (!(value instanceof byte[] bytes)) {
            throw wrongValue(out, this, value);
        }
        int count = Lengths.forWriter(length, HINT8, out);
        int size = count < 0 ? bytes.length : count;
        if (bytes.length > size) {
            throw out.fail(Errno.E2BIG, tooLong(bytes.length, size));
        }
        write(bytes, size, out);
    }
}
