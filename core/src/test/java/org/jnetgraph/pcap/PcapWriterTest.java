package org.jnetgraph.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The writer: every shared capture read, written and read again gives the same frames, and the files it writes
 * open in capinfos and tshark without a warning, with the same frame count.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PcapWriterTest {
    static final List<Captures.Capture> ALL = Captures.ALL;

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("ALL")
    void shouldRoundTripEveryCaptureThroughPcapng(Captures.Capture capture) throws IOException {
        List<Frame> frames = Captures.frames(capture.path());
        Path copy = dir.resolve(capture.file() + ".copy.pcapng");

        write(copy, null, frames);

        assertEquals(PcapFormat.PCAPNG, formatOf(copy));
        assertEquals(frames, Captures.frames(copy));
        checkWithTools(copy, frames.size(), true);
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void shouldRoundTripEveryCaptureOfOneLinkTypeThroughPcap(Captures.Capture capture) throws IOException {
        assumeTrue(capture.singleLinkType(), capture + " has several link types, which pcap cannot hold: skipped");
        List<Frame> frames = Captures.frames(capture.path());
        Path copy = dir.resolve(capture.file() + ".copy.pcap");

        write(copy, null, frames);

        assertEquals(PcapFormat.PCAP, formatOf(copy));
        assertEquals(frames, Captures.frames(copy));
        checkWithTools(copy, frames.size(), true);
    }

    @Test
    void shouldKeepNanosecondsInNsecpcapAndPcapng() throws IOException {
        List<Frame> frames = List.of(
                new Frame(1_700_000_000_123_456_789L, LinkType.ETHERNET, 0, 64, new byte[60]),
                new Frame(1_700_000_001_000_000_001L, LinkType.ETHERNET, 0, 60, new byte[60]));
        Path nsec = dir.resolve("nanos.cap");
        Path ng = dir.resolve("nanos.pcapng");

        write(nsec, PcapFormat.NSECPCAP, frames);
        write(ng, null, frames);

        assertEquals(PcapFormat.NSECPCAP, formatOf(nsec));
        assertEquals(frames, Captures.frames(nsec));
        assertEquals(frames, Captures.frames(ng));
        checkWithTools(nsec, 2, true);
    }

    @Test
    void shouldTruncateMicrosecondPcapToMicroseconds() throws IOException {
        Path file = dir.resolve("micros.pcap");

        write(file, null, List.of(new Frame(1_700_000_000_123_456_789L, LinkType.ETHERNET, 0, 60, new byte[60])));

        assertEquals(1_700_000_000_123_456_000L, Captures.frames(file).get(0).timestampNanos());
    }

    @Test
    void shouldRefuseASecondLinkTypeInPcapAndKeepTheFileValid() throws IOException {
        Path file = dir.resolve("mixed.pcap");
        try (PcapWriter writer = PcapWriter.open(file)) {
            writer.write(new Frame(1, LinkType.ETHERNET, 0, 60, new byte[60]));

            assertFalse(writer.accepts(LinkType.LINUX_SLL));
            PcapException error = assertThrows(
                    PcapException.class, () -> writer.write(new Frame(2, LinkType.LINUX_SLL, 0, 60, new byte[60])));
            assertTrue(error.getMessage().contains("pcap holds one link type per file"), error.getMessage());
            writer.write(new Frame(3, LinkType.ETHERNET, 0, 60, new byte[60]));
        }

        assertEquals(2, Captures.frames(file).size());
        checkWithTools(file, 2, false);
    }

    @Test
    void shouldWriteOneInterfacePerLinkTypeInPcapng() throws IOException {
        Path file = dir.resolve("mixed.pcapng");
        List<Frame> frames = List.of(
                new Frame(1_000, LinkType.LINUX_SLL, 0, 16, new byte[16]),
                new Frame(2_000, LinkType.ETHERNET, 1, 60, new byte[60]),
                new Frame(3_000, LinkType.LINUX_SLL, 0, 20, new byte[20]),
                new Frame(4_000, LinkType.RAW, 2, 20, new byte[20]));

        write(file, null, frames);

        assertEquals(frames, Captures.frames(file));
        checkWithTools(file, 4, true);
    }

    @Test
    void shouldWriteAValidEmptyPcapWhenNoFrameCame() throws IOException {
        Path file = dir.resolve("empty.pcap");

        PcapWriter.open(file).close();

        assertEquals(24, Files.size(file));
        assertEquals(List.of(), Captures.frames(file));
        checkWithTools(file, 0, false);
    }

    @Test
    void shouldCutFramesLongerThanTheSnapshotLengthAndKeepTheirOriginalLength() throws IOException {
        Path file = dir.resolve("jumbo.pcapng");

        write(file, null, List.of(new Frame(5, LinkType.ETHERNET, 0, 300_000, new byte[300_000])));

        Frame read = Captures.frames(file).get(0);
        assertEquals(PcapWriter.SNAPLEN, read.capturedLength());
        assertEquals(300_000, read.originalLength());
    }

    @Test
    void shouldRefuseANameWithoutAKnownSuffix() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> PcapWriter.open(dir.resolve("out.txt")));

        assertTrue(error.getMessage().contains(".pcap or .pcapng"), error.getMessage());
    }

    static void write(Path file, PcapFormat format, List<Frame> frames) throws IOException {
        try (PcapWriter writer = format == null ? PcapWriter.open(file) : PcapWriter.open(file, format)) {
            for (Frame frame : frames) {
                writer.write(frame);
            }
        }
    }

    private static PcapFormat formatOf(Path file) throws IOException {
        try (PcapReader reader = PcapReader.open(file)) {
            return reader.format();
        }
    }

    /** capinfos counts the frames without complaint; tshark (when asked) reads the file without a warning. */
    static void checkWithTools(Path file, long frames, boolean tshark) {
        if (!Tools.has("capinfos")) {
            System.out.println("capinfos is not installed: skipped the check of " + file.getFileName());
            return;
        }
        assertEquals(frames, Tools.capinfosCount(file));
        if (tshark) {
            Tools.Result result = Tools.run("tshark", "-r", file.toString(), "-q");
            assertEquals(0, result.exit(), result.err());
            assertEquals(List.of(), result.warnings(), "tshark warnings for " + file.getFileName());
        }
    }
}
