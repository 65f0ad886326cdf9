package org.jnetgraph.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Small helpers to write binary fixtures. */
final class Bytes {
    private Bytes() {}

    /** The bytes of the given values, each cut to 8 bits. */
    static byte[] of(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** {@code s} as ISO-8859-1, zero-filled to {@code size} bytes. */
    static byte[] padded(String s, int size) {
        return Arrays.copyOf(s.getBytes(StandardCharsets.ISO_8859_1), size);
    }

    /** The concatenation of the arrays. */
    static byte[] concat(byte[]... parts) {
        int size = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** A little-endian 32-bit value. */
    static byte[] le32(long value) {
        return of((int) value, (int) (value >> 8), (int) (value >> 16), (int) (value >> 24));
    }
}
