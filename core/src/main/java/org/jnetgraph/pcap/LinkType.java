package org.jnetgraph.pcap;

/**
 * The pcap link-layer types (LINKTYPE_ numbers, as tcpdump.org lists them) that jnetgraph's node types and tests
 * name; any other number is carried through unchanged.
 *
 * <p>Threading: constants; any thread.
 */
public final class LinkType {
    /** LINKTYPE_NULL: BSD loopback, a 4-byte address family in host order. */
    public static final int NULL = 0;
    /** LINKTYPE_ETHERNET: IEEE 802.3 Ethernet. */
    public static final int ETHERNET = 1;
    /** LINKTYPE_RAW: raw IPv4 or IPv6, no link-layer header. */
    public static final int RAW = 101;
    /** LINKTYPE_LINUX_SLL: Linux "cooked" capture, version 1. */
    public static final int LINUX_SLL = 113;
    /** LINKTYPE_LINUX_SLL2: Linux "cooked" capture, version 2. */
    public static final int LINUX_SLL2 = 276;

    private LinkType() {}

    /** A short name for a link type, such as {@code "Ethernet"}, or {@code "link type N"} for others. */
    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "BSD loopback";
            case ETHERNET -> "Ethernet";
            case RAW -> "raw IP";
            case LINUX_SLL -> "Linux cooked (SLL)";
            case LINUX_SLL2 -> "Linux cooked (SLL2)";
            default -> "link type " + linkType;
        };
    }
}
