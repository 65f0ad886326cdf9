package org.jnetgraph.parse;

/**
 * A count given by the data itself (see {@link LengthFn#remaining()}).
 *
 * <p>Threading: immutable; any thread.
 */
enum RemainingLength implements LengthFn {
    INSTANCE;

    @Override
    public String toString() {
        return "remaining";
    }
}
