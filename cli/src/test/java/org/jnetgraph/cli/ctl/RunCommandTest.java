package org.jnetgraph.cli.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jnetgraph.pcap.PcapReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jnetgraph run} on the DNS split example, against the facts of the shared captures' README. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunCommandTest {
    private static final Path EXAMPLE = Path.of("../examples/dns-split.ngctl");
    private static final Path CAPTURE = Path.of("../../shared/captures/example.pcap");

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return RunCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.ISO_8859_1),
                new PrintStream(err, true, StandardCharsets.ISO_8859_1));
    }

    private Path script(String capture, String written) throws Exception {
        String text = Files.readString(EXAMPLE, StandardCharsets.ISO_8859_1)
                .replace("../shared/captures/example.pcap", capture)
                .replace("/tmp/jnetgraph-dns.pcap", written);
        Path script = folder.resolve("dns-split.ngctl");
        Files.writeString(script, text, StandardCharsets.ISO_8859_1);
        return script;
    }

    @Test
    void shouldSplitTheDnsFramesOfExampleIntoACaptureFile() throws Exception {
        assumeTrue(Files.exists(CAPTURE), "skipped: ../shared/captures/example.pcap is absent");
        Path written = folder.resolve("dns.pcap");

        int status = run(
                "--dot",
                folder.resolve("graph.dot").toString(),
                script(CAPTURE.toAbsolutePath().toString(), written.toString()).toString());

        assertEquals(0, status, err.toString(StandardCharsets.ISO_8859_1));
        String summary = out.toString(StandardCharsets.ISO_8859_1);
        assertTrue(summary.matches("(?s).*dnswriter:\\s+pcapwrite\\s+in\\s+138\\s.*"), summary);
        assertTrue(summary.matches("(?s).*reader:\\s+pcapread\\s+out\\s+0\\s+0\\s+4631\\s.*"), summary);
        assertEquals(138, framesIn(written));
        assertTrue(Files.readString(folder.resolve("graph.dot")).startsWith("graph netgraph {"));
    }

    private static int framesIn(Path capture) throws Exception {
        int frames = 0;
        try (PcapReader reader = PcapReader.open(capture)) {
            while (reader.next()) {
                frames++;
            }
        }
        return frames;
    }

    @Test
    void shouldSplitVlanPacketsByEthertype() throws Exception {
        Path vlan = folder.resolve("vlan.pcap");
        Path other = folder.resolve("other.pcap");

        int status = runExample(
                "ethertype-split.ngctl", "/tmp/jnetgraph-vlan.pcap", vlan, "/tmp/jnetgraph-other.pcap", other);

        assertEquals(0, status, err.toString(StandardCharsets.ISO_8859_1));
        assertEquals(24, framesIn(vlan));
        assertEquals(2, framesIn(other));
    }

    @Test
    void shouldFanACaptureOutToTwoFilesWithATee() throws Exception {
        Path first = folder.resolve("fan-1.pcapng");
        Path second = folder.resolve("fan-2.pcap");

        int status = runExample(
                "tee-fanout.ngctl", "/tmp/jnetgraph-fan-1.pcapng", first, "/tmp/jnetgraph-fan-2.pcap", second);

        assertEquals(0, status, err.toString(StandardCharsets.ISO_8859_1));
        assertEquals(1985, framesIn(first));
        assertEquals(1985, framesIn(second));
    }

    /** Runs an example with its captures read from the shared folder and its two outputs moved to the test's. */
    private int runExample(String name, String output1, Path to1, String output2, Path to2) throws Exception {
        assumeTrue(Files.exists(CAPTURE), "skipped: ../shared/captures is absent");
        String text = Files.readString(Path.of("../examples", name), StandardCharsets.ISO_8859_1)
                .replace("../shared/captures/", CAPTURE.toAbsolutePath().getParent() + "/")
                .replace(output1, to1.toString())
                .replace(output2, to2.toString());
        Path script = folder.resolve(name);
        Files.writeString(script, text, StandardCharsets.ISO_8859_1);
        return run(script.toString());
    }

    @Test
    void shouldFailWithTheFileNamedWhenTheCaptureIsMissing() throws Exception {
        int status =
                run(script("/nonexistent/capture.pcap", folder.resolve("x.pcap").toString())
                        .toString());

        assertEquals(71, status);
        assertTrue(err.toString(StandardCharsets.ISO_8859_1).contains("/nonexistent/capture.pcap"), err.toString());
    }

    @Test
    void shouldTearDownAndFailWhenAScriptLineFails() throws Exception {
        Path script = folder.resolve("bad.ngctl");
        Files.writeString(script, "mkpeer . hole a b\nmkpeer . nosuchtype x y\n");

        int status = run(script.toString());

        String errors = err.toString(StandardCharsets.ISO_8859_1);
        assertEquals(71, status);
        assertTrue(errors.contains("line 2: error in file"), errors);
        assertTrue(errors.contains("tearing it down"), errors);
    }

    @Test
    void shouldReportAMissingScriptAndUsage() {
        assertEquals(66, run(folder.resolve("none.ngctl").toString()));
        assertEquals(64, run());
        assertEquals(64, run("--mode", "fast", "x"));
    }

    @Test
    void shouldDeliverTheFramesBeforeTheDamageOfATruncatedCapture() throws Exception {
        assumeTrue(Files.exists(CAPTURE), "skipped: ../shared/captures/example.pcap is absent");
        Path truncated = folder.resolve("truncated.pcap");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(CAPTURE), 3000));

        int status = run(script(truncated.toString(), folder.resolve("dns.pcap").toString())
                .toString());

        assertEquals(71, status);
        assertTrue(err.toString(StandardCharsets.ISO_8859_1).contains("byte offset 2946"), err.toString());
        assertTrue(out.toString(StandardCharsets.ISO_8859_1)
                .matches("(?s).*reader:\\s+pcapread\\s+out\\s+0\\s+0\\s+18\\s.*"));
    }
}
