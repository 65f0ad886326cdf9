package org.jnetgraph.cli.ctl;

/**
 * Reads integers as C's {@code sscanf("%i")} and {@code atoi} do: leading whitespace, an optional sign, then
 * {@code 0x} hex, a leading-0 octal or decimal digits, stopping at the first character that does not belong.
 *
 * <p>Threading: stateless; any thread.
 */
final class CInt {
    private CInt() {}

    /** {@code sscanf(text, "%i", &n)}: the value (saturated to 64 bits), or null when no digits were read. */
    static Long scan(String text) {
        int i = skipSpace(text, 0);
        boolean negative = i < text.length() && text.charAt(i) == '-';
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        int radix = 10;
        if (text.startsWith("0x", i) || text.startsWith("0X", i)) {
            radix = digit(text, i + 2, 16) >= 0 ? 16 : 0;
            i += radix == 16 ? 2 : 0;
        } else if (text.startsWith("0", i)) {
            radix = 8;
        }
        if (radix == 0) {
            return 0L;
        }
        return digits(text, i, radix, negative);
    }

    /** {@code atoi}: like {@link #scan} in base 10, and 0 when there are no digits. */
    static int atoi(String text) {
        int i = skipSpace(text, 0);
        boolean negative = i < text.length() && text.charAt(i) == '-';
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        Long value = digits(text, i, 10, negative);
        return value == null ? 0 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static Long digits(String text, int from, int radix, boolean negative) {
        long value = 0;
        int i = from;
        for (int d; (d = digit(text, i, radix)) >= 0; i++) {
            value = value > (Long.MAX_VALUE - d) / radix ? Long.MAX_VALUE : value * radix + d;
        }
        if (i == from) {
            return null;
        }
        return negative ? -value : value;
    }

    private static int digit(String text, int at, int radix) {
        return at < text.length() ? Character.digit(text.charAt(at), radix) : -1;
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && (Ngctl.isWhitespace(text.charAt(i)))) {
            i++;
        }
        return i;
    }
}
