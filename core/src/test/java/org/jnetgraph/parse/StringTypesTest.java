package org.jnetgraph.parse;

import static org.jnetgraph.parse.ParseType.NODEBUF;
import static org.jnetgraph.parse.ParseType.PATHBUF;
import static org.jnetgraph.parse.ParseType.SIZED_STRING;
import static org.jnetgraph.parse.ParseType.STRING;
import static org.jnetgraph.parse.ParseType.UINT8;
import static org.jnetgraph.parse.ParseType.fixedString;
import static org.jnetgraph.parse.ParseType.struct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jnetgraph.Errno;
import org.junit.jupiter.api.Test;

class StringTypesTest {

    @Test
    void shouldEscapeEveryByteLikeNgEncodeString() {
        byte[] raw = Bytes.of('\t', '\f', '\n', '\r', 0x0b, '"', '\\', 1, 0x7f, 0x80, 0xff, 'A', ' ', '~', 0);

        assertEquals("\"\\t\\f\\n\\r\\v\\\"\\\\\\x01\\x7f\\x80\\xffA ~\"", STRING.unparse(raw));
    }

    @Test
    void shouldDecodeNamedAndOtherEscapes() {
        assertArrayEquals(
                Bytes.of('\t', '\n', '\r', 0x0b, '\f', '"', 'a', '\\', 0),
                STRING.parse("\"\\t\\n\\r\\v\\f\\\"\\a\\\\\""));
    }

    @Test
    void shouldLimitOctalEscapesToThreeDigits() {
        assertArrayEquals(Bytes.of('A', 'S', '4', 0), STRING.parse("\"\\101\\1234\""));
        assertArrayEquals(Bytes.of(0xff, 0, '8', 0), STRING.parse("\"\\777\\08\""));
    }

    @Test
    void shouldLimitHexEscapesToTwoDigits() {
        assertArrayEquals(Bytes.of('A', 'A', '4', '2', 0), STRING.parse("\"\\x41\\x4142\""));
        assertArrayEquals(Bytes.of(0, 'z', 0x0f, 0), STRING.parse("\"\\xz\\xF\""));
    }

    @Test
    void shouldRoundTripBackslashAndHexEscapesInsideAStruct() {
        ParseType name = GenericTypes.NAME;
        String text = "{ name=\"a\\\\b\\x01\\\"c\" }";

        byte[] binary = name.parse(text);

        assertArrayEquals(Bytes.padded("a\\b\u0001\"c", 32), binary);
        assertEquals(text, name.unparse(binary));
    }

    @Test
    void shouldPadFixedStringsWithZerosAndLimitThemToOneLessThanTheBuffer() {
        assertArrayEquals(Bytes.padded("abc", 32), NODEBUF.parse("\"abc\""));
        assertEquals(32, NODEBUF.parse("\"" + "x".repeat(31) + "\"").length);
        assertEquals(512, PATHBUF.parse("\"" + "p".repeat(511) + "\"").length);
        ParseException e = assertThrows(ParseException.class, () -> NODEBUF.parse("\"" + "x".repeat(32) + "\""));
        assertEquals(Errno.E2BIG, e.errno());
    }

    @Test
    void shouldUnparseFixedStringsUpToTheFirstNulOrOneLessThanTheBuffer() {
        ParseType four = fixedString(4);

        assertEquals("\"ab\"", four.unparse(Bytes.of('a', 'b', 0, 'z')));
        assertEquals("\"abc\"", four.unparse(Bytes.of('a', 'b', 'c', 'd')));
        assertEquals("abc", four.decode(Bytes.of('a', 'b', 'c', 'd')));
    }

    @Test
    void shouldStoreSizedStringsAsLengthAndBytesWithoutAlignment() {
        ParseType record = struct(Field.of("a", UINT8), Field.of("s", SIZED_STRING));

        byte[] binary = record.parse("{ a=1 s=\"x\\0y\" }");

        assertArrayEquals(Bytes.of(1, 3, 0, 'x', 0, 'y'), binary);
        assertEquals("{ a=1 s=\"x\\x00y\" }", record.unparse(binary));
        assertEquals("{}", record.unparse(Bytes.of(0, 0, 0)));
    }

    @Test
    void shouldTerminateVariableStringsWithNul() {
        assertArrayEquals(Bytes.of('h', 'i', 0), STRING.parse("  \"hi\" trailing"));
        assertEquals("\"hi\"", STRING.unparse(Bytes.of('h', 'i', 0, 'x')));
        assertEquals("hi", STRING.decode(Bytes.of('h', 'i', 0)));
    }

    @Test
    void shouldRejectVariableStringWithoutNulInTheBinary() {
        ParseException e = assertThrows(ParseException.class, () -> STRING.unparse(Bytes.of('h', 'i')));

        assertEquals(Errno.EINVAL, e.errno());
    }

    @Test
    void shouldRequireAQuotedString() {
        ParseException e = assertThrows(ParseException.class, () -> NODEBUF.parse(" abc"));

        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(1, e.position());
        assertEquals("abc", e.token());
    }

    @Test
    void shouldEndTheTextAtANulCharLikeACString() {
        ParseException e = assertThrows(ParseException.class, () -> NODEBUF.parse("\"ab\0c\""));

        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(0, e.position());
        assertEquals("{}", GenericTypes.NAME.unparse(GenericTypes.NAME.parse("{}\0{ name=1")));
    }

    @Test
    void shouldRejectCharsAboveLatin1WithTheirPosition() {
        ParseException e = assertThrows(ParseException.class, () -> STRING.parse("\"ab\u20ac\""));

        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(3, e.position());
        assertArrayEquals(Bytes.of(0xe9, 0), STRING.parse("\"\u00e9\""));
    }

    @Test
    void shouldEncodeAndDecodeStringsAsLatin1() {
        assertArrayEquals(Bytes.of(0xe9, 0), STRING.encode("\u00e9"));
        assertEquals("\u00e9", STRING.decode(Bytes.of(0xe9, 0)));
        assertEquals(
                Errno.E2BIG,
                assertThrows(ParseException.class, () -> fixedString(2).encode("ab"))
                        .errno());
        assertEquals(
                Errno.EINVAL,
                assertThrows(ParseException.class, () -> STRING.encode("\u20ac"))
                        .errno());
    }
}
