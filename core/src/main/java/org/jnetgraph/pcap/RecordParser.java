package org.jnetgraph.pcap;

import java.io.IOException;

/**
 * The format-specific half of a reader: finds the next frame in the buffer.
 *
 * <p>Threading: confined to the reader's thread.
 */
interface RecordParser {
    /**
     * Moves to the next frame and describes it in {@code frame}.
     *
     * @return false at a clean end of file
     * @throws PcapException when the file is damaged or truncated at the next record
     */
    boolean next(FrameView frame) throws IOException;

    /** The file's format, as a writer would name it. */
    PcapFormat format();
}
