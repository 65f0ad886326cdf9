package org.jnetgraph.pcap;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One captured frame, copied out of a capture file: for tests, tools and the control path. The data path reads
 * frames in place through {@link PcapReader} instead.
 *
 * <p>Threading: immutable (the data array is a private copy); any thread.
 *
 * @param timestampNanos capture time in nanoseconds since the Unix epoch
 * @param linkType the pcap link type ({@link LinkType})
 * @param interfaceIndex the pcapng interface the frame was captured on within its section (0 for classic pcap)
 * @param originalLength the frame's length on the wire, at least the captured length in well-formed files
 * @param data the captured bytes
 */
public record Frame(long timestampNanos, int linkType, int interfaceIndex, long originalLength, byte[] data) {
    /** Copies {@code data}, so that the record stays immutable. */
    public Frame {
        data = data.clone();
    }

    /** The number of captured bytes. */
    public int capturedLength() {
        return data.length;
    }

    /** A copy of the captured bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame that
                && timestampNanos == that.timestampNanos
                && linkType == that.linkType
                && interfaceIndex == that.interfaceIndex
                && originalLength == that.originalLength
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestampNanos) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        String head = HexFormat.of().formatHex(data, 0, Math.min(data.length, 16));
        return "Frame[ts=" + timestampNanos + " link=" + linkType + " if=" + interfaceIndex + " caplen=" + data.length
                + " len=" + originalLength + " data=" + head + (data.length > 16 ? "...]" : "]");
    }
}
