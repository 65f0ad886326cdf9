package org.jnetgraph.parse;

import org.jnetgraph.Errno;

/**
 * Turns a {@link LengthFn} into an element count, refusing counts that cannot fit before any work is done on them.
 *
 * <p>Threading: stateless; any thread.
 */
final class Lengths {
    /** Counts of zero-size elements above this are refused when reading; they could only come from corrupt data. */
    private static final int MAX_EMPTY_ELEMENTS = 1 << 16;

    private Lengths() {}

    static boolean isRemaining(LengthFn length) {
        return length == RemainingLength.INSTANCE;
    }

    /** The element count for output, or -1 when the text or value decides ({@link LengthFn#remaining()}). */
    static int forWriter(LengthFn length, ParseType element, BinWriter out) {
        if (isRemaining(length)) {
            return -1;
        }
        long count = resolve(length, out.frame);
        if (count < 0) {
            throw out.fail(Errno.EINVAL, "array length " + count + " from field \"" + length + "\" is negative");
        }
        if (count > Math.min(out.max, ParseType.MAX_ENCODED) || count * element.minSize() > out.remaining()) {
            throw out.fail(Errno.ERANGE, "array of " + count + " elements does not fit in " + out.max + " bytes");
        }
        return (int) count;
    }

    /** The element count for input, or -1 when the array runs to the end of the input. */
    static int forReader(LengthFn length, ParseType element, BinReader in) {
        if (isRemaining(length)) {
            return -1;
        }
        long count = resolve(length, in.frame);
        int min = element.minSize();
        boolean fits = min > 0 ? count <= in.remaining() / min : count <= MAX_EMPTY_ELEMENTS;
        if (count < 0 || !fits) {
            throw in.fail(
                    Errno.EINVAL,
                    "array length " + Long.toUnsignedString(count) + " from field \"" + length
                            + "\" does not fit in the " + in.remaining() + " bytes left");
        }
        return (int) count;
    }

    private static long resolve(LengthFn length, Frame frame) {
        return switch (length) {
            case FixedLength fixed -> fixed.count();
            case FieldLength field -> Frame.lookup(frame, field);
            case RemainingLength remaining -> -1;
        };
    }
}
