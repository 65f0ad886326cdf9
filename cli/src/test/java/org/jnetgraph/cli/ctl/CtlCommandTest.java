package org.jnetgraph.cli.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jnetgraph ctl} as a command: what the scripted cases cannot show. */
class CtlCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldWriteTheSameGraphToAFileAsToStdout() throws IOException {
        Path script = tmp.resolve("dot.ngctl");
        Path graph = tmp.resolve("graph.dot");
        Files.writeString(script, "mkpeer . tee t left\nmkpeer .:t hole right in\ndot " + graph + "\ndot\n");

        int status = run("", "-n", "ngctl1234", "-f", script.toString());

        assertEquals(0, status, err());
        assertEquals(out(), Files.readString(graph, StandardCharsets.ISO_8859_1));
        assertTrue(out().contains("\"3.in\" -- \"2.right\";"), out());
    }

    @Test
    void shouldReadTheScriptFromStdinForDash() {
        int status = run("mkpeer . echo a b\nlist\n", "-n", "x", "-f", "-");

        assertEquals(0, status, err());
        assertTrue(out().startsWith("There are 2 total nodes:\n  Name: x "), out());
    }

    @Test
    void shouldNameTheNodeAfterTheProcessByDefault() {
        int status = run("", "list", "-n");

        assertEquals(0, status, err());
        assertTrue(out().contains("Name: ngctl" + ProcessHandle.current().pid() + " "), out());
    }

    @Test
    void shouldCutTheNodeNameTo31Characters() {
        int status = run("", "-n", "a".repeat(40), "list");

        assertEquals(0, status, err());
        assertTrue(out().contains("Name: " + "a".repeat(31) + " Type: socket"), out());
    }

    @Test
    void shouldPrintHelpForDashDashHelp() {
        int status = run("", "--help");

        assertEquals(0, status);
        assertTrue(out().startsWith(CtlCommand.USAGE + "\n"), out());
    }

    @Test
    void shouldCountRepeatedDebugOptions() {
        int status = run("", "-dd", "-d", "-n", "x", "debug");

        assertEquals(0, status, err());
        assertEquals("Current debug level is 3\n", out());
    }

    @Test
    void shouldKeepBytesOfNamesThatAreNotAscii() {
        List<String> args = CtlCommand.byteChars(new String[] {"-n", "n\u00e9", "list"}, StandardCharsets.UTF_8);

        int status = command("").run(args);

        assertEquals(0, status, err());
        byte[] printed = out.toByteArray();
        String expected = "Name: n\u00c3\u00a9 ";
        assertTrue(new String(printed, StandardCharsets.ISO_8859_1).contains(expected), out());
    }

    private int run(String stdin, String... args) {
        return command(stdin).run(List.of(args));
    }

    private CtlCommand command(String stdin) {
        return new CtlCommand(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.ISO_8859_1)),
                new PrintStream(out, true, StandardCharsets.ISO_8859_1),
                new PrintStream(err, true, StandardCharsets.ISO_8859_1));
    }

    private String out() {
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private String err() {
        return err.toString(StandardCharsets.ISO_8859_1);
    }
}
