package org.jnetgraph.parse;

import java.util.OptionalInt;
import org.jnetgraph.Errno;

/**
 * The integer types int8 .. hint64 (FreeBSD's {@code ng_parse_int*_type} and their unsigned and hex variants).
 *
 * <p>Parsing follows the kernel's {@code strtol}: 8-, 16- and 32-bit types accept both signed and unsigned spellings
 * ({@code -128..255} for 8 bits), unsigned and hex 32-bit types read with {@code strtoul} so {@code -1} is all ones,
 * and 64-bit values are not range-checked (overflow clamps). Text after the digits is ignored.
 *
 * <p>Threading: immutable; any thread.
 */
final class IntType extends ParseType {
    /** How the unparser prints the value. */
    enum Format {
        SIGNED,
        UNSIGNED,
        HEX
    }

    private final String name;
    private final int size;
    private final Format format;

    IntType(String name, int size, Format format) {
        this.name = name;
        this.size = size;
        this.format = format;
    }

    @Override
    public OptionalInt fixedSize() {
        return OptionalInt.of(size);
    }

    @Override
    public int alignment() {
        return size;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    void parseValue(Lexer lexer, int pos, BinWriter out) {
        int start = lexer.skipSpace(pos);
        CNum.Result number = CNum.strtol(lexer, start, 0, readsUnsigned());
        if (number.end() == start) {
            throw lexer.fail(Errno.EINVAL, "expected " + name + " but found " + lexer.describe(start), start);
        }
        if (!inRange(number.value())) {
            throw lexer.failSpan(Errno.EINVAL, "out of range for " + name + ":", start, number.end());
        }
        out.putLong(number.value(), size);
    }

    /**
     * FreeBSD reads unsigned 32-bit types with {@code strtoul}. For 64 bits it always uses the signed {@code strtoq},
     * which clamps values of 2^63 and above; we read unsigned 64-bit types with {@code strtouq} so they round-trip.
     */
    private boolean readsUnsigned() {
        return size >= 4 && format != Format.SIGNED;
    }

    private boolean inRange(long value) {
        return size == 8 || (value >= -(1L << (8 * size - 1)) && value <= (1L << (8 * size)) - 1);
    }

    @Override
    boolean writeDefault(BinWriter out) {
        out.zeros(size);
        return true;
    }

    @Override
    int matchDefault(BinReader in) {
        return matchZeros(in, size);
    }

    @Override
    void unparseValue(BinReader in, StringBuilder text) {
        long raw = in.readLong(size);
        switch (format) {
            case SIGNED -> text.append(signExtend(raw));
            case UNSIGNED -> text.append(Long.toUnsignedString(raw));
            case HEX -> text.append("0x").append(Long.toHexString(raw));
        }
    }

    @Override
    Object decodeValue(BinReader in) {
        return read(in);
    }

    /** Reads the value: sign-extended for signed types, zero-extended otherwise. */
    long read(BinReader in) {
        long raw = in.readLong(size);
        return format == Format.SIGNED ? signExtend(raw) : raw;
    }

    private long signExtend(long raw) {
        int unused = 64 - 8 * size;
        return raw << unused >> unused;
    }

    @Override
    void encodeValue(Object value, BinWriter out) {
        if (!(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)) {
            throw wrongValue(out, this, value);
        }
        long number = ((Number) value).longValue();
        if (!inRange(number)) {
            throw out.fail(Errno.EINVAL, "value " + number + " is out of range for " + name);
        }
        out.putLong(number, size);
    }

    @Override
    int minSize() {
        return size;
    }
}
