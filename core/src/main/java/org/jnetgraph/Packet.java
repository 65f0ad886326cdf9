package org.jnetgraph;

import java.util.Arrays;

/**
 * A data packet in the spirit of an mbuf: bytes with headroom for prepending headers, a length, and a few tags of
 * metadata. Packets come from a per-graph pool and go back to it with {@link #free()}, so forwarding does not
 * allocate in steady state.
 *
 * <p>Ownership as in netgraph: whoever holds a packet owns it and must either pass it on (send it) or free it; the
 * sender never touches a packet after sending it, even when the send failed. Threading: owned by one thread at a
 * time; none of its methods block, lock or allocate except {@link #prepend(int)} beyond the headroom and
 * {@link #setLength(int)} beyond the capacity.
 */
public final class Packet extends Item {
    /** Bytes kept free in front of the data of a fresh packet for headers to be prepended. */
    public static final int HEADROOM = 64;
    /** The data capacity of a pooled packet; larger packets get a buffer of their own. */
    public static final int CAPACITY = 2048;
    /** How many tags one packet carries at most. */
    public static final int MAX_TAGS = 8;

    private final int[] tagKeys = new int[MAX_TAGS];
    private final long[] tagValues = new long[MAX_TAGS];
    private byte[] buffer;
    private int offset;
    private int length;
    private int tagCount;

    ThreadContext owner;
    boolean pooled;
    Hook receivedOn;

    Packet() {
        this.buffer = new byte[HEADROOM + CAPACITY];
        this.offset = HEADROOM;
    }

    @Override
    boolean isData() {
        return true;
    }

    /** The number of data bytes. */
    public int length() {
        return length;
    }

    /** The backing array; the data is {@code array()[offset() .. offset() + length())}. */
    public byte[] array() {
        return buffer;
    }

    /** Where the data starts in {@link #array()}. */
    public int offset() {
        return offset;
    }

    /**
     * The hook a packet taken from a socket's queue arrived on; null for packets in flight.
     *
     * <p>Threading: the owner thread.
     */
    public Hook receivedOn() {
        return receivedOn;
    }

    /** The byte at {@code index} (0-based from the start of the data), as an unsigned value 0..255. */
    public int getUnsignedByte(int index) {
        checkIndex(index, 1);
        return buffer[offset + index] & 0xff;
    }

    /** The big-endian (network order) 16-bit value at {@code index}, unsigned. */
    public int getUnsignedShort(int index) {
        checkIndex(index, 2);
        return ((buffer[offset + index] & 0xff) << 8) | (buffer[offset + index + 1] & 0xff);
    }

    /** The big-endian (network order) 32-bit value at {@code index}. */
    public int getInt(int index) {
        checkIndex(index, 4);
        int at = offset + index;
        return ((buffer[at] & 0xff) << 24)
                | ((buffer[at + 1] & 0xff) << 16)
                | ((buffer[at + 2] & 0xff) << 8)
                | (buffer[at + 3] & 0xff);
    }

    /** Sets the byte at {@code index}. */
    public void setByte(int index, int value) {
        checkIndex(index, 1);
        buffer[offset + index] = (byte) value;
    }

    /** Sets the big-endian 16-bit value at {@code index}. */
    public void setShort(int index, int value) {
        checkIndex(index, 2);
        buffer[offset + index] = (byte) (value >>> 8);
        buffer[offset + index + 1] = (byte) value;
    }

    /** Replaces the data with {@code count} bytes of {@code source} from {@code from}; tags are kept. */
    public Packet setData(byte[] source, int from, int count) {
        java.util.Objects.checkFromIndexSize(from, count, source.length);
        ensureCapacity(count);
        offset = HEADROOM;
        System.arraycopy(source, from, buffer, offset, count);
        length = count;
        return this;
    }

    /** Copies the data into a new array (allocates; for tests and the control path). */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    /** Sets the data length, growing into the buffer's tail; the bytes gained are not cleared. */
    public void setLength(int newLength) {
        if (newLength < 0) {
            throw new IllegalArgumentException("negative packet length " + newLength);
        }
        if (offset + newLength > buffer.length) {
            buffer = Arrays.copyOf(buffer, offset + newLength);
        }
        length = newLength;
    }

    /** Makes room for {@code count} bytes in front of the data (like M_PREPEND); the new bytes are not cleared. */
    public void prepend(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("cannot prepend a negative count " + count);
        }
        if (count > offset) {
            byte[] larger = new byte[HEADROOM + count + length];
            System.arraycopy(buffer, offset, larger, HEADROOM + count, length);
            buffer = larger;
            offset = HEADROOM + count;
        }
        offset -= count;
        length += count;
    }

    /** Removes {@code count} bytes from the front of the data (like m_adj with a positive count). */
    public void trimFront(int count) {
        checkTrim(count);
        offset += count;
        length -= count;
    }

    /** Removes {@code count} bytes from the end of the data (like m_adj with a negative count). */
    public void trimBack(int count) {
        checkTrim(count);
        length -= count;
    }

    /** The value of tag {@code key}, or {@code absent} when the packet has no such tag. */
    public long tag(int key, long absent) {
        int slot = findTag(key);
        return slot < 0 ? absent : tagValues[slot];
    }

    /** Whether the packet carries tag {@code key}. */
    public boolean hasTag(int key) {
        return findTag(key) >= 0;
    }

    /**
     * Sets tag {@code key} to {@code value}.
     *
     * @return false when the packet already carries {@link #MAX_TAGS} other tags (the tag is not set)
     */
    public boolean setTag(int key, long value) {
        int slot = findTag(key);
        if (slot < 0) {
            if (tagCount == MAX_TAGS) {
                return false;
            }
            slot = tagCount++;
            tagKeys[slot] = key;
        }
        tagValues[slot] = value;
        return true;
    }

    /** Removes tag {@code key} if present. */
    public void removeTag(int key) {
        int slot = findTag(key);
        if (slot >= 0) {
            tagCount--;
            tagKeys[slot] = tagKeys[tagCount];
            tagValues[slot] = tagValues[tagCount];
        }
    }

    /**
     * A copy of this packet, data and tags, taken from the pool of the calling thread (for fan-out).
     *
     * <p>Threading: the owner thread; does not allocate while the pool has packets.
     */
    public Packet copy() {
        ThreadContext context = currentOwner();
        Packet copy = context.graph.packets().allocate(context);
        copy.setData(buffer, offset, length);
        copy.tagCount = tagCount;
        System.arraycopy(tagKeys, 0, copy.tagKeys, 0, tagCount);
        System.arraycopy(tagValues, 0, copy.tagValues, 0, tagCount);
        return copy;
    }

    /**
     * Gives the packet back to its graph's pool. Freeing a packet twice is ignored (and counted by the pool).
     *
     * <p>Threading: the owner thread, or any thread that took it from a socket queue.
     */
    public void free() {
        ThreadContext context = currentOwner();
        context.graph.packets().release(context, this);
    }

    /** The context of the calling thread, rebinding the packet to it when it changed hands outside the graph. */
    ThreadContext currentOwner() {
        ThreadContext context = owner;
        if (context == null || !context.isCurrent()) {
            context = owner.graph.context();
            owner = context;
        }
        return context;
    }

    void reset(ThreadContext context) {
        owner = context;
        arrival = null;
        receivedOn = null;
        writer = false;
        offset = HEADROOM;
        length = 0;
        tagCount = 0;
        if (buffer.length != HEADROOM + CAPACITY) {
            buffer = new byte[HEADROOM + CAPACITY];
        }
    }

    @Override
    public String toString() {
        return "Packet[length=" + length + ", tags=" + tagCount + "]";
    }

    private void ensureCapacity(int count) {
        if (HEADROOM + count > buffer.length) {
            buffer = new byte[HEADROOM + count];
        }
    }

    private int findTag(int key) {
        for (int slot = 0; slot < tagCount; slot++) {
            if (tagKeys[slot] == key) {
                return slot;
            }
        }
        return -1;
    }

    private void checkIndex(int index, int width) {
        if (index < 0 || (long) index + width > length) {
            throw new IndexOutOfBoundsException("packet index " + index + " width " + width + ", length " + length);
        }
    }

    private void checkTrim(int count) {
        if (count < 0 || count > length) {
            throw new IllegalArgumentException("cannot trim " + count + " bytes from a packet of " + length);
        }
    }
}
