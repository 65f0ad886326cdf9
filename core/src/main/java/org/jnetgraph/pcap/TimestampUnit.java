package org.jnetgraph.pcap;

/**
 * Converts a pcapng interface's timestamp units to nanoseconds: units of 10^-d seconds (if_tsresol with its high bit
 * clear) or 2^-b seconds (high bit set), plus the interface's if_tsoffset in seconds.
 *
 * <p>Threading: immutable; any thread.
 */
final class TimestampUnit {
    static final TimestampUnit MICROS = decimal(6, 0);
    static final TimestampUnit NANOS = decimal(9, 0);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long[] POWERS_OF_TEN = powersOfTen();

    private final boolean binary;
    private final int exponent;
    private final long offsetNanos;

    private TimestampUnit(boolean binary, int exponent, long offsetNanos) {
        this.binary = binary;
        this.exponent = exponent;
        this.offsetNanos = offsetNanos;
    }

    /** Units of 10^-{@code digits} seconds; digits 0 to 18. */
    static TimestampUnit decimal(int digits, long offsetSeconds) {
        return new TimestampUnit(false, digits, offsetSeconds * NANOS_PER_SECOND);
    }

    /** Units of 2^-{@code bits} seconds; bits 0 to 63. */
    static TimestampUnit binary(int bits, long offsetSeconds) {
        return new TimestampUnit(true, bits, offsetSeconds * NANOS_PER_SECOND);
    }

    /**
     * The unit an if_tsresol byte names, or null when no 64-bit count of such units can be converted (10^-19 and
     * finer, 2^-64 and finer).
     */
    static TimestampUnit ofResolution(int tsresol, long offsetSeconds) {
        int value = tsresol & 0x7f;
        if ((tsresol & 0x80) != 0) {
            return value < 64 ? binary(value, offsetSeconds) : null;
        }
        return value <= 18 ? decimal(value, offsetSeconds) : null;
    }

    /** This unit with an if_tsoffset of {@code seconds}. */
    TimestampUnit withOffset(long seconds) {
        return new TimestampUnit(binary, exponent, seconds * NANOS_PER_SECOND);
    }

    /** The resolution byte this unit came from (without the offset). */
    int resolution() {
        return binary ? 0x80 | exponent : exponent;
    }

    /** Nanoseconds since the epoch for {@code units} (a signed 64-bit count). */
    long toNanos(long units) {
        return offsetNanos + (binary ? binaryToNanos(units) : decimalToNanos(units));
    }

    private long decimalToNanos(long units) {
        return exponent <= 9 ? units * POWERS_OF_TEN[9 - exponent] : Math.floorDiv(units, POWERS_OF_TEN[exponent - 9]);
    }

    private long binaryToNanos(long units) {
        if (exponent == 0) {
            return units * NANOS_PER_SECOND;
        }
        long seconds = units >> exponent;
        long fraction = units & ((1L << exponent) - 1);
        return seconds * NANOS_PER_SECOND + Math.unsignedMultiplyHigh(fraction << (64 - exponent), NANOS_PER_SECOND);
    }

    private static long[] powersOfTen() {
        long[] powers = new long[19];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}
