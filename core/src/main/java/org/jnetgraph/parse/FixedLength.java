package org.jnetgraph.parse;

/**
 * A constant count, used for fixed arrays and fixed byte arrays.
 *
 * <p>Threading: immutable; any thread.
 */
record FixedLength(int count) implements LengthFn {

    FixedLength {
        if (count < 0) {
            throw new IllegalArgumentException("negative array length " + count);
        }
    }

    @Override
    public String toString() {
        return Integer.toString(count);
    }
}
