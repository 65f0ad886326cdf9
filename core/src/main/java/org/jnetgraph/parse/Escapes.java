package org.jnetgraph.parse;

import java.nio.charset.StandardCharsets;
import org.jnetgraph.Errno;

/**
 * The string encoding of the unparser (FreeBSD's {@code ng_encode_string}) and the byte view of Java strings.
 *
 * <p>Threading: stateless; any thread.
 */
final class Escapes {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Escapes() {}

    /** Appends {@code len} bytes from {@code data[off]} as a double-quoted, escaped string. */
    static void appendQuoted(StringBuilder text, byte[] data, int off, int len) {
        text.append('"');
        for (int i = off; i < off + len; i++) {
            appendByte(text, data[i] & 0xff);
        }
        text.append('"');
    }

    private static void appendByte(StringBuilder text, int b) {
        switch (b) {
            case '\t' -> text.append("\\t");
            case '\f' -> text.append("\\f");
            case '\n' -> text.append("\\n");
            case '\r' -> text.append("\\r");
            case 0x0b -> text.append("\\v");
            case '"', '\\' -> text.append('\\').append((char) b);
            default -> appendPlain(text, b);
        }
    }

    private static void appendPlain(StringBuilder text, int b) {
        if (b < 0x20 || b > 0x7e) {
            text.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xf]);
        } else {
            text.append((char) b);
        }
    }

    /** The ISO-8859-1 bytes of a Java string; a char above U+00FF fails with EINVAL. */
    static byte[] latin1(String s, BinWriter out) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
                throw out.fail(Errno.EINVAL, String.format("character U+%04X is not a byte", (int) s.charAt(i)));
            }
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The Java string of {@code len} bytes, one char per byte. */
    static String string(byte[] data, int off, int len) {
        return new String(data, off, len, StandardCharsets.ISO_8859_1);
    }
}
