package org.jnetgraph;

/**
 * Well-known packet tag keys, in the spirit of FreeBSD's mbuf tags. A tag is an int key with a 64-bit value; node
 * types may define their own keys above {@link #FIRST_PRIVATE}.
 *
 * <p>Threading: constants; any thread.
 */
public final class PacketTags {
    /** Capture or arrival time, in nanoseconds since the Unix epoch. */
    public static final int TIMESTAMP_NANOS = 1;
    /** The pcap link-layer type of the frame (1 = Ethernet). */
    public static final int LINK_TYPE = 2;
    /** Priority as FreeBSD's NG_TAG_PRIO: 0..255, higher is more urgent. */
    public static final int PRIORITY = 3;
    /** The capture interface index the frame came from. */
    public static final int INTERFACE = 4;
    /** A sequence number set by a packet source (used by the torture and benchmark tools). */
    public static final int SEQUENCE = 5;
    /** A captured frame's length on the wire, when the capture cut it shorter. */
    public static final int ORIGINAL_LENGTH = 6;
    /** An 802.1Q tag carried beside the frame instead of inside it (FreeBSD's M_VLANTAG): the 16-bit TCI. */
    public static final int VLAN_TAG = 7;
    /** The first key node types may use for their own tags. */
    public static final int FIRST_PRIVATE = 1024;

    private PacketTags() {}
}
