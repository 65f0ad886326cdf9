package org.jnetgraph.parse;

/**
 * C's {@code strtol}/{@code strtoul} as FreeBSD's kernel library implements them, over the text of a {@link Lexer}.
 *
 * <p>Leading whitespace and one sign are accepted; base 0 picks hex after {@code 0x}, octal after a leading
 * {@code 0}, else decimal. As in the kernel, a {@code 0x} prefix with no hex digit after it converts nothing.
 * Overflow clamps: signed to {@code Long.MIN_VALUE}/{@code Long.MAX_VALUE}, unsigned to all ones; an unsigned read of
 * a negative number yields its two's complement. Longs here are C's 64-bit {@code long}.
 *
 * <p>Threading: stateless; any thread.
 */
final class CNum {
    /** The converted value and the position after the last digit ({@code end == start} when nothing converted). */
    record Result(long value, int end) {}

    private CNum() {}

    /** The value of an ASCII digit or letter in bases up to 36, or 99 for anything else. */
    static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
    }

    /** Reads a number at {@code start}; {@code base} is 0 or 2..36. */
    static Result strtol(Lexer text, int start, int base, boolean unsigned) {
        Cursor cursor = new Cursor(text, text.skipSpace(start));
        boolean negative = cursor.sign();
        int radix = cursor.prefix(base);
        Accumulator acc = new Accumulator(radix, unsigned, negative);
        while (acc.add(digit(cursor.c))) {
            cursor.advance();
        }
        return new Result(acc.result(), acc.any == 0 ? start : cursor.p);
    }

    /** The current char {@code c} at position {@code p}. */
    private static final class Cursor {
        private final Lexer text;
        private int p;
        private char c;

        Cursor(Lexer text, int p) {
            this.text = text;
            this.p = p;
            this.c = text.at(p);
        }

        void advance() {
            p++;
            c = text.at(p);
        }

        boolean sign() {
            boolean negative = c == '-';
            if (negative || c == '+') {
                advance();
            }
            return negative;
        }

        int prefix(int base) {
            char after = text.at(p + 1);
            if ((base == 0 || base == 16) && c == '0' && (after == 'x' || after == 'X')) {
                advance();
                advance();
                return 16;
            }
            return base != 0 ? base : c == '0' ? 8 : 10;
        }
    }

    /** Accumulates digits with the kernel's cutoff test; {@code any} is 0 (none), 1 (some) or -1 (overflow). */
    private static final class Accumulator {
        private final int base;
        private final boolean unsigned;
        private final boolean negative;
        private final long cutoff;
        private final long cutlim;
        private long acc;
        private int any;

        Accumulator(int base, boolean unsigned, boolean negative) {
            this.base = base;
            this.unsigned = unsigned;
            this.negative = negative;
            long limit = unsigned ? -1L : negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            this.cutoff = Long.divideUnsigned(limit, base);
            this.cutlim = Long.remainderUnsigned(limit, base);
        }

        boolean add(int d) {
            if (d >= base) {
                return false;
            }
            if (any < 0 || Long.compareUnsigned(acc, cutoff) > 0 || (acc == cutoff && d > cutlim)) {
                any = -1;
            } else {
                any = 1;
                acc = acc * base + d;
            }
            return true;
        }

        long result() {
            if (any < 0) {
                return unsigned ? -1L : negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            return negative ? -acc : acc;
        }
    }
}
