package org.jnetgraph.pcap;

/**
 * Where the current frame of a reader lies in its buffer, and what the file says about it. Filled by the format
 * parsers, read through {@link PcapReader}'s accessors.
 *
 * <p>Threading: confined to the reader's thread.
 */
final class FrameView {
    long timestampNanos;
    int linkType;
    int interfaceIndex;
    int dataIndex;
    int capturedLength;
    long originalLength;
    long offset;

    void set(long timestamp, int link, int iface, int index, int caplen, long origlen, long at) {
        timestampNanos = timestamp;
        linkType = link;
        interfaceIndex = iface;
        dataIndex = index;
        capturedLength = caplen;
        originalLength = origlen;
        offset = at;
    }
}
