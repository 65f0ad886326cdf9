package org.jnetgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The launcher's dispatch: subcommands, help, exit codes. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldListCtlAmongTheCommands() {
        assertEquals(Main.EX_OK, run("--help"));
        assertTrue(text(out).contains("  ctl "), text(out));
    }

    @Test
    void shouldRunCtl() {
        assertEquals(0, run("ctl", "-n", "x", "list"));
        assertTrue(text(out).startsWith("There are 1 total nodes:"), text(out));
    }

    @Test
    void shouldKeepDemoHelpWorking() {
        assertEquals(Main.EX_OK, run("demo", "--help"));
        assertTrue(text(out).startsWith("usage: jnetgraph demo"), text(out));
    }

    @Test
    void shouldRefuseUnknownCommandsWithUsageStatus() {
        assertEquals(Main.EX_USAGE, run("nosuch"));
        assertTrue(text(err).startsWith("jnetgraph: unknown command \"nosuch\""), text(err));
    }

    private int run(String... args) {
        return Main.run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.ISO_8859_1),
                new PrintStream(err, true, StandardCharsets.ISO_8859_1),
                false);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
