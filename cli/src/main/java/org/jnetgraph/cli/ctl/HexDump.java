package org.jnetgraph.cli.ctl;

import java.io.PrintStream;
import java.util.Locale;

/**
 * ngctl's {@code DumpAscii}: 16 bytes a line, the offset as {@code %04x:}, two spaces, sixteen {@code %02x } cells
 * (three spaces for each missing byte), a space, then the bytes as characters ({@code .} when not printable, a space
 * for each missing byte). Every line is 72 characters, trailing spaces included.
 *
 * <p>Threading: stateless; any thread.
 */
final class HexDump {
    private HexDump() {}

    /** Prints {@code data} to {@code out}. */
    static void dump(byte[] data, PrintStream out) {
        for (int start = 0; start < data.length; start += 16) {
            out.println(line(data, start, " ", " "));
        }
    }

    /**
     * One line of 16 bytes from {@code start}: offset, hex cells, {@code gap}, characters; {@code blank} stands for
     * each missing character. ngctl uses one space for both; libnetgraph's debug dump uses two.
     */
    static String line(byte[] data, int start, String gap, String blank) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%04x:  ", start));
        for (int k = 0; k < 16; k++) {
            text.append(start + k < data.length ? String.format(Locale.ROOT, "%02x ", data[start + k]) : "   ");
        }
        text.append(gap);
        for (int k = 0; k < 16; k++) {
            text.append(start + k < data.length ? String.valueOf(printable(data[start + k])) : blank);
        }
        return text.toString();
    }

    /** The byte as C's {@code isprint} in the C locale sees it: itself if 0x20..0x7e, else {@code .}. */
    static char printable(byte value) {
        return value >= 0x20 && value <= 0x7e ? (char) value : '.';
    }
}
