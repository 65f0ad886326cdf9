package org.jnetgraph.parse;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.OptionalInt;
import org.jnetgraph.Errno;

/**
 * An IPv4 address: 4 bytes in network order, aligned like a 32-bit integer (FreeBSD's {@code ng_parse_ipaddr_type}).
 *
 * <p>ASCII: four numbers separated by dots, each read like an int8 ({@code -128..255}, any C base, so
 * {@code 0x7f.0.0.1} is accepted). FreeBSD also swallows the character after the fourth number; we do not. Java
 * value: {@link Inet4Address}; encoding also accepts a {@code byte[4]}.
 *
 * <p>Threading: immutable; any thread.
 */
final class IpAddrType extends ParseType {
    private static final int SIZE = 4;

    @Override
    public OptionalInt fixedSize() {
        return OptionalInt.of(SIZE);
    }

    @Override
    public int alignment() {
        return SIZE;
    }

    @Override
    public String toString() {
        return "ipaddr";
    }

    @Override
    void parseValue(Lexer lexer, int pos, BinWriter out) {
        int p = pos;
        for (int i = 0; i < SIZE; i++) {
            p = i == 0 ? p : requireDot(lexer, p);
            p = parseOctet(lexer, p, out);
        }
    }

    private static int requireDot(Lexer lexer, int p) {
        if (lexer.at(p) != '.') {
            throw lexer.fail(Errno.EINVAL, "expected \".\" in IP address but found " + lexer.describe(p), p);
        }
        return p + 1;
    }

    private static int parseOctet(Lexer lexer, int p, BinWriter out) {
        int start = lexer.skipSpace(p);
        CNum.Result number = CNum.strtol(lexer, start, 0, false);
        if (number.end() == start) {
            throw lexer.fail(Errno.EINVAL, "expected a number in IP address but found " + lexer.describe(start), start);
        }
        if (number.value() < -128 || number.value() > 255) {
            throw lexer.failSpan(Errno.EINVAL, "bad IP address part", start, number.end());
        }
        out.put((int) number.value());
        return number.end();
    }

    @Override
    boolean writeDefault(BinWriter out) {
        out.zeros(SIZE);
        return true;
    }

    @Override
    int matchDefault(BinReader in) {
        return matchZeros(in, SIZE);
    }

    @Override
    void unparseValue(BinReader in, StringBuilder text) {
        byte[] octets = in.bytes(SIZE);
        for (int i = 0; i < SIZE; i++) {
            text.append(i == 0 ? "" : ".").append(octets[i] & 0xff);
        }
    }

    @Override
    Object decodeValue(BinReader in) {
        try {
            return InetAddress.getByAddress(in.bytes(SIZE));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    @Override
    void encodeValue(Object value, BinWriter out) {
        byte[] octets = value instanceof Inet4Address address ? address.getAddress() : null;
        if (value instanceof byte[] bytes && bytes.length == SIZE) {
            octets = bytes;
        }
        if (octets == null) {
            throw wrongValue(out, this, value);
        }
        out.put(octets);
    }

    @Override
    int minSize() {
        return SIZE;
    }
}
