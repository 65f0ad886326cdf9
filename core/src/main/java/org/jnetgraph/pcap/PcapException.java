package org.jnetgraph.pcap;

import java.io.IOException;

/**
 * A capture file that cannot be read or written as asked: damaged, truncated, of an unknown format, or (when
 * writing) given a frame the format cannot hold. The message names the file, the byte offset and what was wrong.
 *
 * <p>Threading: immutable once thrown; any thread.
 */
public final class PcapException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    /**
     * A failure at byte {@code offset} of the file named {@code file}.
     *
     * @param file the file's name, as given to the reader or writer
     * @param offset the byte offset where the damage starts, or -1 when no offset applies
     * @param what what was wrong there
     */
    public PcapException(String file, long offset, String what) {
        super(offset < 0 ? file + ": " + what : file + ": " + what + " at byte offset " + offset);
        this.offset = offset;
    }

    /** The byte offset the message names, or -1 when the failure has none. */
    public long offset() {
        return offset;
    }
}
