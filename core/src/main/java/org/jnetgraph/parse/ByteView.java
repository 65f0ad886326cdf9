package org.jnetgraph.parse;

/**
 * The bytes a struct frame was laid out in: the binary being read or the output being written so far.
 *
 * <p>Threading: implementations are confined to the thread running one codec operation.
 */
interface ByteView {
    /** The backing array; only the first {@link #size()} bytes are meaningful. */
    byte[] array();

    /** How many bytes of the array are valid. */
    int size();
}
