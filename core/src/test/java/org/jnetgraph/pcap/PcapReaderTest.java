package org.jnetgraph.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's handling of byte orders, timestamp resolutions, pcapng block kinds and damaged input. Damaged files
 * are made from the shared captures; the counts of frames before the damage are checked against capinfos when it is
 * installed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PcapReaderTest {
    private static final byte[] DATA = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};

    @TempDir
    Path dir;

    /** The frames read before the reader failed, and its failure (null when it read to the end). */
    record Outcome(List<Frame> frames, PcapException failure) {}

    static Outcome readAll(Path file) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try (PcapReader reader = PcapReader.open(file)) {
            while (reader.next()) {
                frames.add(reader.frame());
            }
            return new Outcome(frames, null);
        } catch (PcapException e) {
            return new Outcome(frames, e);
        }
    }

    /** The byte offset of each frame's record in a capture. */
    static List<Long> offsets(Path file) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (PcapReader reader = PcapReader.open(file)) {
            while (reader.next()) {
                offsets.add(reader.recordOffset());
            }
        }
        return offsets;
    }

    // ---------------------------------------------------------------- classic pcap

    @Test
    void shouldReadABigEndianPcapAsTheSameFrames() throws IOException {
        Path original = Captures.path("DnsPackets.pcap");
        Path swapped = dir.resolve("big-endian.pcap");
        Files.write(swapped, swapClassic(Files.readAllBytes(original)));

        assertEquals(Captures.frames(original), Captures.frames(swapped));
        if (Tools.has("capinfos")) {
            assertEquals(464, Tools.capinfosCount(swapped));
        }
    }

    @Test
    void shouldReadAnEditcapNanosecondPcapAsTheSameFrames() throws IOException {
        Tools.require("editcap");
        Path original = Captures.path("VlanPackets.pcap");
        Path nanos = dir.resolve("nanos.pcap");
        Tools.run("editcap", "-F", "nsecpcap", original.toString(), nanos.toString());

        try (PcapReader reader = PcapReader.open(nanos)) {
            assertEquals(PcapFormat.NSECPCAP, reader.format());
        }
        assertEquals(Captures.frames(original), Captures.frames(nanos));
    }

    @Test
    void shouldDeliverEveryFrameBeforeATruncationAndNameItsOffset() throws IOException {
        Path original = Captures.path("example.pcap");
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(original), 100_000));
        List<Long> offsets = offsets(original);
        int whole = (int) offsets.stream().filter(at -> at < 100_000).count() - 1;

        Outcome outcome = readAll(cut);

        assertEquals(Captures.frames(original).subList(0, whole), outcome.frames());
        assertEquals(offsets.get(whole), outcome.failure().offset());
        assertTrue(
                outcome.failure().getMessage().contains("truncated frame"),
                outcome.failure().getMessage());
        assertTrue(outcome.failure().getMessage().contains("at byte offset " + offsets.get(whole)));
        if (Tools.has("capinfos")) {
            Tools.Result capinfos = Tools.run("capinfos", "-M", "-c", cut.toString());
            assertTrue(capinfos.out().contains("Number of packets:   " + whole), capinfos.out());
        }
    }

    @Test
    void shouldStopAtACorruptRecordHeaderAfterTheFramesBeforeIt() throws IOException {
        Path original = Captures.path("DnsPackets.pcap");
        List<Long> offsets = offsets(original);
        byte[] bytes = Files.readAllBytes(original);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) (offsets.get(100) + 8), 0x7fff_0000);
        Path damaged = dir.resolve("damaged.pcap");
        Files.write(damaged, bytes);

        Outcome outcome = readAll(damaged);

        assertEquals(Captures.frames(original).subList(0, 100), outcome.frames());
        assertEquals(offsets.get(100), outcome.failure().offset());
        assertTrue(
                outcome.failure().getMessage().contains("captured length 2147418112"),
                outcome.failure().getMessage());
    }

    @Test
    void shouldRethrowTheSameFailureOnceDamaged() throws IOException {
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(Captures.path("VlanPackets.pcap")), 200));

        try (PcapReader reader = PcapReader.open(cut)) {
            PcapException first = assertThrows(PcapException.class, () -> {
                while (reader.next()) {
                    // frames before the damage
                }
            });
            assertEquals(first, assertThrows(PcapException.class, reader::next));
        }
    }

    @Test
    void shouldNameAFileThatIsNotACapture() throws IOException {
        Path text = dir.resolve("notes.pcap");
        Files.writeString(text, "hello, this is no capture");

        PcapException error = assertThrows(PcapException.class, () -> PcapReader.open(text));

        assertTrue(
                error.getMessage().contains("not a pcap or pcapng file: magic number 0x68656c6c"), error.getMessage());
        assertEquals(0, error.offset());
    }

    @Test
    void shouldReportAnEmptyFileAndAMissingFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.pcap"));

        PcapException error = assertThrows(PcapException.class, () -> PcapReader.open(empty));

        assertTrue(error.getMessage().contains("empty file"), error.getMessage());
        assertThrows(NoSuchFileException.class, () -> PcapReader.open(dir.resolve("missing.pcap")));
    }

    @Test
    void shouldReadTheSameFramesThroughATinyBufferThatMustGrow() throws IOException {
        for (String file : List.of("http-packets.pcap", "pcapng-example.pcapng")) {
            Path path = Captures.path(file);
            List<Frame> frames = new ArrayList<>();
            try (PcapReader reader = PcapReader.open(path, 64)) {
                while (reader.next()) {
                    frames.add(reader.frame());
                }
            }
            assertEquals(Captures.frames(path), frames, file);
        }
    }

    // ---------------------------------------------------------------- pcapng

    @Test
    void shouldReadSectionsOfBothByteOrdersWithTheirOwnInterfacesAndResolutions() throws IOException {
        byte[] file = new PcapngBuilder()
                .section(ByteOrder.BIG_ENDIAN)
                .iface(LinkType.ETHERNET, 0, 3, null)
                .iface(LinkType.RAW, 0, 0x8a, 100L)
                .enhanced(0, 1_700_000_000_123L, DATA, 60)
                .enhanced(1, 3L << 10 | 512, DATA, 14)
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.LINUX_SLL, 0, null, null)
                .enhanced(0, 42_000_001L, DATA, 14)
                .build();
        Path path = write("sections.pcapng", file);

        List<Frame> frames = Captures.frames(path);

        assertEquals(
                List.of(
                        new Frame(1_700_000_000_123_000_000L, LinkType.ETHERNET, 0, 60, DATA),
                        new Frame(103_500_000_000L, LinkType.RAW, 1, 14, DATA),
                        new Frame(42_000_001_000L, LinkType.LINUX_SLL, 0, 14, DATA)),
                frames);
        agreesWithTshark(path, frames);
    }

    @Test
    void shouldReadSimpleAndObsoletePacketBlocksAndSkipOthers() throws IOException {
        byte[] file = new PcapngBuilder()
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 10, 9, null)
                .other(0x0BAD, 7)
                .simple(DATA, 14)
                .other(5, 20)
                .obsolete(0, 5_000_000_007L, DATA, 99)
                .build();
        Path path = write("kinds.pcapng", file);

        List<Frame> frames = Captures.frames(path);

        assertEquals(
                List.of(
                        new Frame(0, LinkType.ETHERNET, 0, 14, Arrays.copyOf(DATA, 10)),
                        new Frame(5_000_000_007L, LinkType.ETHERNET, 0, 99, DATA)),
                frames);
    }

    @Test
    void shouldNameABlockWhoseTrailingLengthDisagrees() throws IOException {
        Path original = Captures.path("pcapng-example.pcapng");
        List<Long> offsets = offsets(original);
        byte[] bytes = Files.readAllBytes(original);
        ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = (int) (long) offsets.get(30);
        int length = view.getInt(at + 4);
        view.putInt(at + length - 4, length + 4);
        Path damaged = write("trailer.pcapng", bytes);

        Outcome outcome = readAll(damaged);

        assertEquals(Captures.frames(original).subList(0, 30), outcome.frames());
        assertEquals(at, outcome.failure().offset());
        assertTrue(outcome.failure()
                .getMessage()
                .contains("total length " + length + " at its start but " + (length + 4) + " at its end"));
    }

    @Test
    void shouldNameAPacketBlockForAnInterfaceTheSectionDoesNotDescribe() throws IOException {
        byte[] file = new PcapngBuilder()
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 0, null, null)
                .enhanced(0, 1, DATA, 14)
                .enhanced(3, 2, DATA, 14)
                .build();

        Outcome outcome = readAll(write("iface.pcapng", file));

        assertEquals(1, outcome.frames().size());
        assertEquals(28 + 24 + 48, outcome.failure().offset());
        assertTrue(outcome.failure().getMessage().contains("names interface 3 but the section describes 1"));
    }

    @Test
    void shouldNameATruncatedBlock() throws IOException {
        Path original = Captures.path("pcapng-example.pcapng");
        List<Long> offsets = offsets(original);
        Path cut = write("cut.pcapng", Arrays.copyOf(Files.readAllBytes(original), (int) (offsets.get(158) + 20)));

        Outcome outcome = readAll(cut);

        assertEquals(158, outcome.frames().size());
        assertEquals(offsets.get(158), outcome.failure().offset());
        assertTrue(outcome.failure().getMessage().contains("truncated block of type 0x6"));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** tshark reads the same frame times from a file the builder made (when installed). */
    private static void agreesWithTshark(Path path, List<Frame> frames) {
        if (!Tools.has("tshark")) {
            return;
        }
        Tools.Result result = Tools.run("tshark", "-r", path.toString(), "-T", "fields", "-e", "frame.time_epoch");
        List<Long> times = result.out()
                .lines()
                .map(line -> new java.math.BigDecimal(line).movePointRight(9).longValueExact())
                .toList();
        assertEquals(frames.stream().map(Frame::timestampNanos).toList(), times);
    }

    /** The same classic pcap file in the other byte order. */
    static byte[] swapClassic(byte[] little) {
        ByteBuffer in = ByteBuffer.wrap(little).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.wrap(little.clone()).order(ByteOrder.BIG_ENDIAN);
        swapInts(in, out, 0, 1);
        out.putShort(4, in.getShort(4)).putShort(6, in.getShort(6));
        swapInts(in, out, 8, 4);
        for (int at = 24; at < little.length; at += 16 + in.getInt(at + 8)) {
            swapInts(in, out, at, 4);
        }
        return out.array();
    }

    private static void swapInts(ByteBuffer in, ByteBuffer out, int at, int count) {
        for (int i = 0; i < count; i++) {
            out.putInt(at + 4 * i, in.getInt(at + 4 * i));
        }
    }
}
