package org.jnetgraph.pcap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared real captures ({@code ../shared/captures/} next to the project, read-only) and the facts their README
 * states. Tests that need them skip with a message when the folder is absent.
 *
 * <p>Threading: immutable; any thread.
 */
public final class Captures {
    /** The folder, or null when it cannot be found. */
    public static final Path DIR = find();

    /**
     * One capture and what its README says about it.
     *
     * @param file the file name
     * @param frames the number of frames
     * @param linkTypes the number of frames of each link type
     */
    public record Capture(String file, int frames, Map<Integer, Integer> linkTypes) {
        /** The capture's path; skips the calling test when the folder is absent. */
        public Path path() {
            return Captures.path(file);
        }

        /** Whether every frame has one link type, so that classic pcap can hold them. */
        public boolean singleLinkType() {
            return linkTypes.size() == 1;
        }

        @Override
        public String toString() {
            return file;
        }
    }

    /*
     * The README's table. pcapng-example.pcapng is "per packet" there; its split (59 Ethernet frames on interface 0,
     * 100 Linux cooked frames on interface 1) is what tshark and capinfos report for it.
     */
    public static final List<Capture> ALL = List.of(
            new Capture("example.pcap", 4631, Map.of(LinkType.ETHERNET, 4631)),
            new Capture("http-packets.pcap", 1985, Map.of(LinkType.ETHERNET, 1985)),
            new Capture("DnsPackets.pcap", 464, Map.of(LinkType.ETHERNET, 464)),
            new Capture("VlanPackets.pcap", 26, Map.of(LinkType.ETHERNET, 26)),
            new Capture("ip4_fragments.pcap", 53, Map.of(LinkType.ETHERNET, 53)),
            new Capture("pcapng-example.pcapng", 159, Map.of(LinkType.ETHERNET, 59, LinkType.LINUX_SLL, 100)),
            new Capture("sll.pcap", 518, Map.of(LinkType.LINUX_SLL, 518)),
            new Capture("raw_ip.pcap", 100, Map.of(LinkType.RAW, 100)));

    /** example.pcap: frames that are TCP over IPv4. */
    public static final int EXAMPLE_TCP = 4492;
    /** example.pcap: frames that are UDP over IPv4. */
    public static final int EXAMPLE_UDP = 139;
    /** example.pcap: the DNS frames among the UDP ones. */
    public static final int EXAMPLE_DNS = 138;

    private Captures() {}

    /** The path of a capture; skips the calling test with a message when the folder is absent. */
    public static Path path(String file) {
        assumeTrue(DIR != null, "the shared captures folder (../shared/captures) is absent: skipped");
        Path path = DIR.resolve(file);
        assumeTrue(Files.isReadable(path), "capture " + path + " is absent: skipped");
        return path;
    }

    /** Every frame of a capture, copied (for tests). */
    public static List<Frame> frames(Path path) {
        try (PcapReader reader = PcapReader.open(path)) {
            List<Frame> frames = new ArrayList<>();
            while (reader.next()) {
                frames.add(reader.frame());
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path find() {
        String configured = System.getProperty("jnetgraph.captures", System.getenv("JNETGRAPH_CAPTURES"));
        if (configured != null) {
            return Files.isDirectory(Path.of(configured)) ? Path.of(configured) : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("captures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
