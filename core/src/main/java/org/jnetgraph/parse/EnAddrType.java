package org.jnetgraph.parse;

import java.util.OptionalInt;
import org.jnetgraph.Errno;

/**
 * An Ethernet address: 6 bytes, no alignment (FreeBSD's {@code ng_parse_enaddr_type}).
 *
 * <p>ASCII: six hex numbers separated by colons, each read with {@code strtoul(..., 16)} and at most {@code 0xff};
 * printed as {@code %02x:%02x:%02x:%02x:%02x:%02x}. The type has no default, so a struct field or array element of
 * this type may not be omitted (EOPNOTSUPP) and is always printed. Java value: {@code byte[6]}.
 *
 * <p>Threading: immutable; any thread.
 */
final class EnAddrType extends ParseType {
    private static final int SIZE = 6;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public OptionalInt fixedSize() {
        return OptionalInt.of(SIZE);
    }

    @Override
    public int alignment() {
        return 1;
    }

    @Override
    public String toString() {
        return "enaddr";
    }

    @Override
    void parseValue(Lexer lexer, int pos, BinWriter out) {
        int p = pos;
        for (int i = 0; i < SIZE; i++) {
            p = i == 0 ? p : requireColon(lexer, p);
            p = parseOctet(lexer, p, out);
        }
    }

    private static int requireColon(Lexer lexer, int p) {
        if (lexer.at(p) != ':') {
            throw lexer.fail(Errno.EINVAL, "expected \":\" in Ethernet address but found " + lexer.describe(p), p);
        }
        return p + 1;
    }

    private static int parseOctet(Lexer lexer, int p, BinWriter out) {
        int start = lexer.skipSpace(p);
        CNum.Result number = CNum.strtol(lexer, start, 16, true);
        if (number.end() == start) {
            throw lexer.fail(
                    Errno.EINVAL, "expected a number in Ethernet address but found " + lexer.describe(start), start);
        }
        if (Long.compareUnsigned(number.value(), 0xff) > 0) {
            throw lexer.failSpan(Errno.EINVAL, "bad Ethernet address part", start, number.end());
        }
        out.put((int) number.value());
        return number.end();
    }

    @Override
    boolean writeDefault(BinWriter out) {
        return false;
    }

    @Override
    void unparseValue(BinReader in, StringBuilder text) {
        byte[] octets = in.bytes(SIZE);
        for (int i = 0; i < SIZE; i++) {
            int b = octets[i] & 0xff;
            text.append(i == 0 ? "" : ":").append(HEX[b >> 4]).append(HEX[b & 0xf]);
        }
    }

    @Override
    Object decodeValue(BinReader in) {
        return in.bytes(SIZE);
    }

    @Override
    void encodeValue(Object value, BinWriter out) {
        if (!(value instanceof byte[] bytes) || bytes.length != SIZE) {
            throw wrongValue(out, this, value);
        }
        out.put(bytes);
    }

    @Override
    int minSize() {
        return SIZE;
    }
}
