package org.jnetgraph.cli.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of ngctl's interpreter: word splitting, command matching, getopt, C integers, the hex dump. */
class InterpreterPiecesTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.ISO_8859_1);

    @Test
    void shouldSplitOnNgctlWhitespaceWithoutQuoting() {
        assertEquals(
                List.of("msg", ".", "name", "{", "name=\"a", "b\"", "}"),
                Ngctl.split(" msg\t. name\u000b{ name=\"a  b\" }\r\n"));
        assertEquals(List.of(), Ngctl.split(" \t "));
    }

    @Test
    void shouldKeepAtMost511Words() {
        String line = String.join(" ", Collections.nCopies(600, "w"));

        assertEquals(511, Ngctl.split(line).size());
    }

    @Test
    void shouldMatchCommandsByCaseInsensitivePrefixOfNameOrAlias() {
        CommandTable table = CommandTable.standard();
        Diagnostics diagnostics = new Diagnostics(errStream);

        assertEquals("show", table.find("SHO", diagnostics).name());
        assertEquals("read", table.find(".", diagnostics).name());
        assertEquals("shutdown", table.find("rmn", diagnostics).name());
        assertEquals("list", table.find("l", diagnostics).name());
        assertNull(table.find("s", diagnostics));
        assertNull(table.find("shows", diagnostics));
        assertEquals("ngctl: \"s\": ambiguous command\nngctl: \"shows\": unknown command\n", err());
    }

    @Test
    void shouldParseOptionsLikeBsdGetopt() {
        GetOpt options = new GetOpt(List.of("ngctl", "-dn", "name", "-ffile", "--", "-x"), "df:n:", errStream);

        assertEquals(List.of("d", "n=name", "f=file"), drain(options));
        assertEquals(List.of("-x"), options.remaining());
    }

    @Test
    void shouldStopAtTheFirstWordThatIsNoOption() {
        GetOpt options = new GetOpt(List.of("ngctl", "list", "-l"), "df:n:", errStream);

        assertEquals(List.of(), drain(options));
        assertEquals(List.of("list", "-l"), options.remaining());
    }

    @Test
    void shouldReportBadOptionsAsFreeBsdLibcDoes() {
        assertEquals(List.of("?"), drain(new GetOpt(List.of("show", "-x"), "n", errStream)));
        assertEquals(List.of("?"), drain(new GetOpt(List.of("ngctl", "-f"), "f:", errStream)));
        assertEquals("ngctl: illegal option -- x\nngctl: option requires an argument -- f\n", err());
    }

    @Test
    void shouldReadIntegersAsScanfPercentIDoes() {
        assertEquals(10L, CInt.scan("10"));
        assertEquals(16L, CInt.scan("0x10"));
        assertEquals(8L, CInt.scan("010"));
        assertEquals(-128L, CInt.scan("-128"));
        assertEquals(12L, CInt.scan("12abc"));
        assertEquals(0L, CInt.scan("0x"));
        assertEquals(0L, CInt.scan("09"));
        assertNull(CInt.scan("x1"));
        assertNull(CInt.scan("-"));
        assertEquals(0, CInt.atoi("abc"));
        assertEquals(-3, CInt.atoi("-3x"));
    }

    @Test
    void shouldDumpSixteenBytesALineWithFullWidthLastLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] data = "0123456789abcdef\u0000~\u007f".getBytes(StandardCharsets.ISO_8859_1);

        HexDump.dump(data, new PrintStream(out, true, StandardCharsets.ISO_8859_1));

        String[] lines = out.toString(StandardCharsets.ISO_8859_1).split("\n");
        assertEquals("0000:  30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66  0123456789abcdef", lines[0]);
        assertEquals("0010:  00 7e 7f" + " ".repeat(41) + ".~." + " ".repeat(13), lines[1]);
        assertEquals(72, lines[1].length());
    }

    @Test
    void shouldNameCommandsByTheFirstWordOfTheirUsage() {
        for (NgCmd command : CommandTable.standard().all()) {
            assertFalse(command.name().isEmpty());
            assertTrue(command.usage().startsWith(command.name()));
        }
    }

    private static List<String> drain(GetOpt options) {
        List<String> seen = new ArrayList<>();
        for (int option; (option = options.next()) != GetOpt.END; ) {
            seen.add((char) option + (options.optarg() == null ? "" : "=" + options.optarg()));
        }
        return seen;
    }

    private String err() {
        return err.toString(StandardCharsets.ISO_8859_1);
    }
}
