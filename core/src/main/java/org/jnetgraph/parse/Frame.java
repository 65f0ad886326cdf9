package org.jnetgraph.parse;

import java.util.Arrays;
import java.util.List;
import org.jnetgraph.Errno;

/**
 * A struct being read or written, so that a variable-length array can look up its count in an earlier field
 * (FreeBSD's {@code getLength} callbacks do the same with pointer arithmetic).
 *
 * <p>{@code offsets[i]} is where field {@code i} starts in {@code bytes}, or -1 until the codec reaches it.
 *
 * <p>Threading: confined to the thread running one codec operation.
 */
final class Frame {
    final StructType type;
    final ByteView bytes;
    final Frame parent;
    final int[] offsets;

    Frame(StructType type, ByteView bytes, Frame parent) {
        this.type = type;
        this.bytes = bytes;
        this.parent = parent;
        this.offsets = new int[type.fields().size()];
        Arrays.fill(offsets, -1);
    }

    /** The value of the integer field that {@code ref} names, searching this struct and then enclosing ones. */
    static long lookup(Frame innermost, FieldLength ref) {
        for (Frame frame = innermost; frame != null; frame = frame.parent) {
            int index = frame.type.indexOf(ref.first());
            if (index >= 0 && frame.offsets[index] >= 0) {
                return frame.read(index, ref.rest());
            }
        }
        throw new ParseException(Errno.EINVAL, "length field \"" + ref + "\" is not in an enclosing struct", -1, "");
    }

    private long read(int index, List<String> rest) {
        BinReader in = new BinReader(bytes.array(), bytes.size(), offsets[index], this);
        ParseType fieldType = type.fields().get(index).type();
        return rest.isEmpty() ? ((IntType) fieldType).read(in) : ((StructType) fieldType).readPath(in, rest);
    }
}
