package org.jnetgraph.pcap;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The capture formats {@link PcapWriter} writes, named as {@code editcap -F} names them.
 *
 * <p>Threading: immutable; any thread.
 */
public enum PcapFormat {
    /** Classic pcap with microsecond timestamps ({@code .pcap}): one link type per file. */
    PCAP("pcap"),
    /** Classic pcap with nanosecond timestamps: one link type per file. */
    NSECPCAP("nsecpcap"),
    /** pcapng with nanosecond timestamps ({@code .pcapng}): one interface per link type. */
    PCAPNG("pcapng");

    private final String label;

    PcapFormat(String label) {
        this.label = label;
    }

    /** The format's name: {@code pcap}, {@code nsecpcap} or {@code pcapng}. */
    public String label() {
        return label;
    }

    /**
     * The format a file name asks for: {@code .pcap} gives {@link #PCAP}, {@code .pcapng} gives {@link #PCAPNG}
     * (case ignored).
     *
     * @throws IllegalArgumentException for any other suffix, naming the ones accepted
     */
    public static PcapFormat forPath(Path path) {
        String name =
                path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pcapng")) {
            return PCAPNG;
        }
        if (name.endsWith(".pcap")) {
            return PCAP;
        }
        throw new IllegalArgumentException(
                "cannot tell the capture format of \"" + path + "\": the name should end in .pcap or .pcapng");
    }

    /**
     * The format of that name ({@code pcap}, {@code nsecpcap} or {@code pcapng}, case ignored).
     *
     * @throws IllegalArgumentException for another name, listing the known ones
     */
    public static PcapFormat byLabel(String name) {
        for (PcapFormat format : values()) {
            if (format.label.equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown capture format \"" + name + "\": use pcap, nsecpcap or pcapng");
    }
}
