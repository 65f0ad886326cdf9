package org.jnetgraph.parse;

import static org.jnetgraph.parse.ParseType.HINT16;
import static org.jnetgraph.parse.ParseType.HINT32;
import static org.jnetgraph.parse.ParseType.HINT64;
import static org.jnetgraph.parse.ParseType.HINT8;
import static org.jnetgraph.parse.ParseType.INT16;
import static org.jnetgraph.parse.ParseType.INT32;
import static org.jnetgraph.parse.ParseType.INT64;
import static org.jnetgraph.parse.ParseType.INT8;
import static org.jnetgraph.parse.ParseType.UINT16;
import static org.jnetgraph.parse.ParseType.UINT32;
import static org.jnetgraph.parse.ParseType.UINT64;
import static org.jnetgraph.parse.ParseType.UINT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jnetgraph.Errno;
import org.junit.jupiter.api.Test;

class IntegerTypesTest {

    @Test
    void shouldAcceptSignedAndUnsignedSpellingsOfEightBitValues() {
        assertArrayEquals(Bytes.of(0xff), INT8.parse("255"));
        assertArrayEquals(Bytes.of(0xff), UINT8.parse("-1"));
        assertArrayEquals(Bytes.of(0x80), HINT8.parse("-128"));
        assertInvalid(INT8, "256");
        assertInvalid(UINT8, "-129");
    }

    @Test
    void shouldCheckSixteenBitRange() {
        assertArrayEquals(Bytes.of(0xff, 0xff), INT16.parse("65535"));
        assertArrayEquals(Bytes.of(0x00, 0x80), UINT16.parse("-32768"));
        assertInvalid(HINT16, "65536");
        assertInvalid(INT16, "-32769");
    }

    @Test
    void shouldReadUnsignedThirtyTwoBitMinusOneAsAllOnes() {
        assertArrayEquals(Bytes.of(0xff, 0xff, 0xff, 0xff), UINT32.parse("-1"));
        assertArrayEquals(Bytes.of(0xff, 0xff, 0xff, 0xff), HINT32.parse("-1"));
        assertArrayEquals(Bytes.of(0xff, 0xff, 0xff, 0xff), INT32.parse("4294967295"));
        assertInvalid(INT32, "4294967296");
        assertInvalid(INT32, "-2147483649");
    }

    @Test
    void shouldTakeClampedUnsignedLongOverflowAsAllOnesLikeFreeBsd() {
        assertArrayEquals(Bytes.of(0xff, 0xff, 0xff, 0xff), UINT32.parse("99999999999999999999999"));
        assertInvalid(UINT32, "-4294967296");
    }

    @Test
    void shouldWriteLittleEndian() {
        assertArrayEquals(Bytes.of(4, 3, 2, 1), UINT32.parse("0x01020304"));
        assertArrayEquals(Bytes.of(8, 7, 6, 5, 4, 3, 2, 1), HINT64.parse("0x0102030405060708"));
    }

    @Test
    void shouldParseNumbersInAnyCBase() {
        assertEquals(31L, UINT32.decode(UINT32.parse("0x1F")));
        assertEquals(15L, UINT32.decode(UINT32.parse("017")));
        assertEquals(5L, UINT32.decode(UINT32.parse("  +5")));
        assertEquals(-16L, INT16.decode(INT16.parse("-0x10")));
    }

    @Test
    void shouldIgnoreJunkAfterTheDigitsOfAWord() {
        assertEquals(12L, INT32.decode(INT32.parse("12abc")));
        assertEquals(0L, INT32.decode(INT32.parse("09")));
        assertEquals("{ id=0xc }", GenericTypes.NODEINFO.unparse(GenericTypes.NODEINFO.parse("{ id=12abc }")));
    }

    @Test
    void shouldRejectHexPrefixWithoutDigitsLikeTheKernelStrtol() {
        assertInvalid(UINT32, "0x");
        assertInvalid(UINT32, "0xg");
        assertInvalid(INT8, "- 1");
        assertInvalid(INT8, "");
    }

    @Test
    void shouldClampSignedSixtyFourBitOverflowLikeStrtoq() {
        assertEquals(Long.MAX_VALUE, INT64.decode(INT64.parse("99999999999999999999")));
        assertEquals(Long.MIN_VALUE, INT64.decode(INT64.parse("-99999999999999999999")));
    }

    @Test
    void shouldReadTheWholeUnsignedSixtyFourBitRange() {
        assertEquals(-1L, UINT64.decode(UINT64.parse("18446744073709551615")));
        assertEquals(-1L, HINT64.decode(HINT64.parse("0xffffffffffffffff")));
        assertEquals(-1L, UINT64.decode(UINT64.parse("-1")));
    }

    @Test
    void shouldUnparseWithFreeBsdFormats() {
        byte[] ones8 = Bytes.of(0xff);
        byte[] top32 = Bytes.of(0, 0, 0, 0x80);
        byte[] ones64 = Bytes.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
        assertEquals(List.of("-1", "255", "0xff"), unparseAll(ones8, INT8, UINT8, HINT8));
        assertEquals(List.of("-2147483648", "2147483648", "0x80000000"), unparseAll(top32, INT32, UINT32, HINT32));
        assertEquals(
                List.of("-1", "18446744073709551615", "0xffffffffffffffff"), unparseAll(ones64, INT64, UINT64, HINT64));
        assertEquals("0x0", HINT16.unparse(Bytes.of(0, 0)));
    }

    @Test
    void shouldDecodeSignedTypesSignExtendedAndOthersZeroExtended() {
        assertEquals(-1L, INT16.decode(Bytes.of(0xff, 0xff)));
        assertEquals(65535L, UINT16.decode(Bytes.of(0xff, 0xff)));
        assertEquals(0xffffffffL, HINT32.decode(Bytes.of(0xff, 0xff, 0xff, 0xff)));
    }

    @Test
    void shouldEncodeAnyIntegerBoxWithinTheParseRange() {
        assertArrayEquals(Bytes.of(0xff), UINT8.encode(-1));
        assertArrayEquals(Bytes.of(0xff, 0xff), INT16.encode((short) -1));
        assertArrayEquals(Bytes.of(1, 0, 0, 0), UINT32.encode((byte) 1));
        ParseException e = assertThrows(ParseException.class, () -> UINT8.encode(256));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(
                Errno.EINVAL,
                assertThrows(ParseException.class, () -> UINT8.encode("1")).errno());
    }

    @Test
    void shouldReportAlignmentAndSize() {
        assertEquals(
                List.of(1, 2, 4, 8),
                List.of(UINT8.alignment(), UINT16.alignment(), UINT32.alignment(), UINT64.alignment()));
        assertEquals(8, INT64.fixedSize().getAsInt());
        assertEquals(4, HINT32.sizeOf(7L));
    }

    private static List<String> unparseAll(byte[] binary, ParseType... types) {
        return java.util.Arrays.stream(types).map(t -> t.unparse(binary)).toList();
    }

    private static void assertInvalid(ParseType type, String text) {
        ParseException e = assertThrows(ParseException.class, () -> type.parse(text));
        assertEquals(Errno.EINVAL, e.errno(), e.getMessage());
    }
}
