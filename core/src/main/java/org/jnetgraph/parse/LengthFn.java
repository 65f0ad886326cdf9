package org.jnetgraph.parse;

import java.util.List;

/**
 * Where a variable-length array or byte array finds its element count, like FreeBSD's {@code getLength} callback.
 *
 * <p>Threading: immutable; any thread.
 */
public sealed interface LengthFn permits FieldLength, RemainingLength, FixedLength {

    /**
     * The count is the value of an integer field laid out earlier in the enclosing struct.
     *
     * <p>The path may name a field of a nested struct with dots, as in {@code "nodeinfo.hooks"}. The struct that
     * holds the array checks the path when it is built.
     *
     * <p>Threading: stateless; any thread.
     *
     * @param path a field name, or dotted names through nested structs ending at an integer field
     */
    static LengthFn field(String path) {
        return new FieldLength(List.of(path.split("\\.", -1)));
    }

    /**
     * The array takes the rest of the data: when reading binary it runs to the end of the input, when parsing text or
     * encoding a value it has as many elements as were given. Only the last field of a struct may use it.
     *
     * <p>When reading, bytes at the end too few for one more element are taken as the enclosing struct's tail padding
     * and ignored; padding long enough to hold elements reads as zero elements, which encode back to the same bytes.
     * When unparsing, the last element is always printed, even if it is zero, so that the text keeps the length.
     *
     * <p>Threading: stateless; any thread.
     */
    static LengthFn remaining() {
        return RemainingLength.INSTANCE;
    }
}
