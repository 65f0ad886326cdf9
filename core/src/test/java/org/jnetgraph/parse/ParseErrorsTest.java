package org.jnetgraph.parse;

import static org.jnetgraph.parse.GenericTypes.NAME;
import static org.jnetgraph.parse.GenericTypes.NODEINFO;
import static org.jnetgraph.parse.ParseType.ENADDR;
import static org.jnetgraph.parse.ParseType.UINT8;
import static org.jnetgraph.parse.ParseType.bytes;
import static org.jnetgraph.parse.ParseType.fixedArray;
import static org.jnetgraph.parse.ParseType.struct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jnetgraph.Errno;
import org.junit.jupiter.api.Test;

class ParseErrorsTest {
    private static final ParseType THREE = fixedArray(UINT8, 3);

    @Test
    void shouldReportUnknownFieldWithPositionAndToken() {
        ParseException e = failure(NODEINFO, "{ name=\"ab\" foo=1 }");

        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("unknown field \"foo\" at position 12", e.getMessage());
        assertEquals(12, e.position());
        assertEquals("foo", e.token());
    }

    @Test
    void shouldReportFieldGivenTwiceAsAlready() {
        assertFailure(NODEINFO, "{ id=1 id=2 }", Errno.EALREADY, 7, "id");
    }

    @Test
    void shouldReportArrayIndexGivenTwiceAsAlready() {
        assertFailure(THREE, "[ 1=5 1=6 ]", Errno.EALREADY, 6, "1");
        assertFailure(THREE, "[ 1=5 0=3 9 ]", Errno.EALREADY, 10, "9");
    }

    @Test
    void shouldReportIndexBeyondTheArrayAsTooBig() {
        assertFailure(THREE, "[ 1 2 3 4 ]", Errno.E2BIG, 8, "4");
        assertFailure(THREE, "[ 5=1 ]", Errno.E2BIG, 2, "5");
        assertFailure(THREE, "[ -1=1 ]", Errno.E2BIG, 2, "-1");
    }

    @Test
    void shouldReportStringsTooLongForTheirBufferAsTooBig() {
        String name = "n".repeat(50);

        assertFailure(NAME, "{ name=\"" + name + "\" }", Errno.E2BIG, 7, "\"" + "n".repeat(39) + "...");
        assertFailure(bytes(2), " \"abc\"", Errno.E2BIG, 1, "\"abc\"");
    }

    @Test
    void shouldReportSyntaxErrorsAsInvalid() {
        assertFailure(NODEINFO, "{ name=\"a\" ] }", Errno.EINVAL, 11, "]");
        assertFailure(NODEINFO, "{ name \"a\" }", Errno.EINVAL, 7, "\"a\"");
        assertFailure(NODEINFO, "{ \"name\"=\"a\" }", Errno.EINVAL, 2, "\"name\"");
        assertFailure(NODEINFO, "[ ]", Errno.EINVAL, 0, "[");
        assertFailure(THREE, "[ 1 = ]", Errno.EINVAL, 6, "]");
        assertFailure(THREE, "[ 1x=2 ]", Errno.EINVAL, 2, "1x");
        assertFailure(THREE, "[ 1 } ]", Errno.EINVAL, 4, "}");
    }

    @Test
    void shouldReportBadNumbersAsInvalid() {
        assertFailure(NODEINFO, "{ id=xyz }", Errno.EINVAL, 5, "xyz");
        assertFailure(struct(Field.of("v", UINT8)), "{ v=256 }", Errno.EINVAL, 4, "256");
        assertFailure(NODEINFO, "{ hooks={ } }", Errno.EINVAL, 8, "{");
    }

    @Test
    void shouldReportUnterminatedStringAtItsOpeningQuote() {
        ParseException e = failure(NODEINFO, "{ name=\"abc }");

        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(7, e.position());
        assertEquals("\"abc }", e.token());
        assertEquals("unterminated string \"\"abc }\" at position 7", e.getMessage());
    }

    @Test
    void shouldReportEndOfInput() {
        ParseException e = failure(NODEINFO, "{ name=\"a\"");

        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(10, e.position());
        assertEquals("", e.token());
        assertTrue(e.getMessage().contains("end of input"), e.getMessage());
        assertFailure(NODEINFO, "{ name=", Errno.EINVAL, 7, "");
    }

    @Test
    void shouldReportOutputLongerThanTheLimitAsRange() {
        ParseException e = assertThrows(ParseException.class, () -> NODEINFO.parse("{ type=\"tee\" }", 40));

        assertEquals(Errno.ERANGE, e.errno());
        assertEquals(7, e.position());
        assertEquals("\"tee\"", e.token());
        assertEquals(
                Errno.ERANGE,
                failure(GenericTypes.NAMELIST, "{ numnames=1000 }").errno());
    }

    @Test
    void shouldReportOmittedValueWithoutDefaultAsNotSupported() {
        ParseType port = struct(Field.of("a", UINT8), Field.of("mac", ENADDR));

        assertFailure(port, "  { a=1 }", Errno.EOPNOTSUPP, 2, "{");
        assertFailure(fixedArray(ENADDR, 2), "[ 0:1:2:3:4:5 ]", Errno.EOPNOTSUPP, 0, "[");
    }

    @Test
    void shouldCheckAllNamesBeforeAnyValueLikeFreeBsd() {
        assertFailure(NODEINFO, "{ id=bad zz=1 }", Errno.ENOENT, 9, "zz");
    }

    @Test
    void shouldNameTheFieldOfTruncatedBinary() {
        ParseException e = assertThrows(ParseException.class, () -> NODEINFO.unparse(new byte[40]));

        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(-1, e.position());
        assertTrue(e.getMessage().contains("field type"), e.getMessage());
    }

    @Test
    void shouldNameTheArrayElementOfTruncatedBinary() {
        byte[] binary = Bytes.concat(Bytes.le32(2), new byte[72], Bytes.padded("x", 40));

        ParseException e = assertThrows(ParseException.class, () -> GenericTypes.NAMELIST.decode(binary));

        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("array length 2"), e.getMessage());
    }

    @Test
    void shouldNameTheFieldOfAWrongJavaValue() {
        ParseException e = assertThrows(
                ParseException.class, () -> Struct.of(NODEINFO).set("id", "x").encode());

        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().endsWith("in field id"), e.getMessage());
    }

    private static ParseException failure(ParseType type, String text) {
        return assertThrows(ParseException.class, () -> type.parse(text));
    }

    private static void assertFailure(ParseType type, String text, Errno errno, int position, String token) {
        ParseException e = failure(type, text);
        assertEquals(errno, e.errno(), e.getMessage());
        assertEquals(position, e.position(), e.getMessage());
        assertEquals(token, e.token(), e.getMessage());
        assertTrue(e.getMessage().endsWith(" at position " + position), e.getMessage());
    }
}
