package org.jnetgraph.parse;

import static org.jnetgraph.parse.ParseType.HINT16;
import static org.jnetgraph.parse.ParseType.NODEBUF;
import static org.jnetgraph.parse.ParseType.UINT16;
import static org.jnetgraph.parse.ParseType.UINT32;
import static org.jnetgraph.parse.ParseType.UINT64;
import static org.jnetgraph.parse.ParseType.UINT8;
import static org.jnetgraph.parse.ParseType.array;
import static org.jnetgraph.parse.ParseType.bytes;
import static org.jnetgraph.parse.ParseType.fixedArray;
import static org.jnetgraph.parse.ParseType.struct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeTypesTest {
    private static final ParseType PADDED = struct(Field.of("a", UINT8), Field.of("b", UINT32), Field.of("c", UINT8));
    private static final ParseType THREE = fixedArray(UINT8, 3);

    @Test
    void shouldLayOutFieldsWithNaturalAlignmentAndRoundTheSize() {
        byte[] binary = PADDED.parse("{ c=3 a=1 b=2 }");

        assertArrayEquals(Bytes.of(1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0), binary);
        assertEquals(12, PADDED.fixedSize().getAsInt());
        assertEquals(4, PADDED.alignment());
        assertEquals(
                16,
                struct(Field.of("x", UINT64), Field.of("y", UINT8)).fixedSize().getAsInt());
    }

    @Test
    void shouldPrintFieldsInDeclarationOrderAndOmitDefaults() {
        assertEquals("{ a=1 c=3 }", PADDED.unparse(PADDED.parse("{ c=3 a=1 }")));
    }

    @Test
    void shouldRenderAllDefaultStructAsEmptyBraces() {
        assertEquals("{}", PADDED.unparse(new byte[12]));
        assertArrayEquals(new byte[12], PADDED.parse("{}"));
    }

    @Test
    void shouldRenderSparseArraysWithIndexesOnlyAfterGaps() {
        assertEquals("[ 2=0x5 ]", bytes(3).unparse(Bytes.of(0, 0, 5)));
        assertEquals("[]", bytes(3).unparse(Bytes.of(0, 0, 0)));
        assertEquals("[ 1 2 ]", THREE.unparse(Bytes.of(1, 2, 0)));
        assertEquals("[ 1 2=3 ]", THREE.unparse(Bytes.of(1, 0, 3)));
        assertEquals("[ 1=2 3 ]", THREE.unparse(Bytes.of(0, 2, 3)));
    }

    @Test
    void shouldContinueImplicitIndexesAfterAnExplicitOne() {
        assertArrayEquals(Bytes.of(7, 1, 2), THREE.parse("[ 1=1 2 0=7 ]"));
        assertArrayEquals(Bytes.of(0, 0, 9), THREE.parse("[ 0x2=9 ]"));
    }

    @Test
    void shouldTruncateExplicitIndexesTo32BitsLikeFreeBsd() {
        assertArrayEquals(Bytes.of(4, 0, 0), THREE.parse("[ 4294967296=4 ]"));
    }

    @Test
    void shouldAcceptWhitespaceAroundTheIndexEquals() {
        assertArrayEquals(Bytes.of(0, 5, 6), THREE.parse("[ 1 = 5 6 ]"));
    }

    @Test
    void shouldAcceptQuotedStringsAsArrayElementsWithoutIndex() {
        ParseType names = fixedArray(NODEBUF, 2);
        byte[] binary = Bytes.concat(Bytes.padded("a", 32), Bytes.padded("b", 32));

        assertEquals("[ \"a\" \"b\" ]", names.unparse(binary));
        assertArrayEquals(binary, names.parse("[ \"a\" \"b\" ]"));
    }

    @Test
    void shouldAcceptByteArraysAsStringsOrNumbers() {
        assertArrayEquals(Bytes.of('a', 'b', 0, 0), bytes(4).parse("\"ab\""));
        assertArrayEquals(Bytes.of(0x41, 0xff, 8, 0), bytes(4).parse("[ 0x41 -1 010 ]"));
        assertEquals("[ 0x61 0x62 ]", bytes(4).unparse(Bytes.of('a', 'b', 0, 0)));
    }

    @Test
    void shouldTakeArrayLengthsFromAnEarlierField() {
        ParseType counted = struct(Field.of("n", UINT16), Field.of("v", array(HINT16, LengthFn.field("n"))));

        byte[] binary = counted.parse("{ n=3 v=[ 1=0x22 ] }");

        assertArrayEquals(Bytes.of(3, 0, 0, 0, 0x22, 0, 0, 0), binary);
        assertEquals("{ n=3 v=[ 1=0x22 ] }", counted.unparse(binary));
        assertEquals("{ n=2 }", counted.unparse(Bytes.of(2, 0, 0, 0, 0, 0)));
    }

    @Test
    void shouldSizeEachArrayElementFromItsOwnLengthField() {
        String text = "{ count=2 recs=[ { len=2 data=[ 0x1 0x2 ] ip=1.2.3.4 } { len=1 data=\"a\" } ] }";

        byte[] binary = TestTypes.RECORDS.parse(text);

        assertEquals(4 + 8 + 8, binary.length);
        assertEquals(text.replace("\"a\"", "[ 0x61 ]"), TestTypes.RECORDS.unparse(binary));
    }

    @Test
    void shouldSkipTrailingPaddingOfANestedStruct() {
        ParseType inner = struct(Field.of("a", UINT32), Field.of("b", UINT8));
        ParseType outer = struct(Field.of("inner", inner), Field.of("c", UINT8));

        byte[] binary = outer.parse("{ inner={ b=1 } c=7 }");

        assertArrayEquals(Bytes.of(0, 0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0), binary);
        assertEquals("{ inner={ b=1 } c=7 }", outer.unparse(binary));
    }

    @Test
    void shouldRunRestOfInputArraysToTheEndAndAlwaysPrintTheirLastElement() {
        ParseType tail = struct(Field.of("n", UINT8), Field.of("rest", bytes(LengthFn.remaining())));

        assertEquals("{ n=1 rest=[ 2=0x5 0x0 ] }", tail.unparse(Bytes.of(1, 0, 0, 5, 0)));
        assertArrayEquals(Bytes.of(1, 0, 0, 5, 0), tail.parse("{ n=1 rest=[ 2=0x5 0x0 ] }"));
        assertEquals("{ n=1 }", tail.unparse(Bytes.of(1)));
        assertArrayEquals(Bytes.of(1, 'h', 'i'), tail.parse("{ n=1 rest=\"hi\" }"));
    }

    @Test
    void shouldDecodeRestOfInputArraysOfWiderElements() {
        ParseType tail = struct(Field.of("n", UINT8), Field.of("rest", array(UINT16, LengthFn.remaining())));

        assertEquals(
                List.of(5L, 0L),
                StructValue.decode(tail, Bytes.of(2, 0, 5, 0, 0, 0)).getList("rest"));
        assertEquals("{ n=2 rest=[ 5 0 ] }", tail.unparse(Bytes.of(2, 0, 5, 0, 0, 0)));
    }

    @Test
    void shouldIgnoreTextAfterTheValueAndBytesAfterTheBinary() {
        assertArrayEquals(Bytes.of(1, 0, 0), THREE.parse("[ 1 ] [ garbage"));
        assertEquals("[ 1 ]", THREE.unparse(Bytes.of(1, 0, 0, 9, 9)));
    }

    @Test
    void shouldRefuseBadTypeDefinitions() {
        Field later = Field.of("v", array(UINT8, LengthFn.field("n")));
        Field rest = Field.of("r", bytes(LengthFn.remaining()));

        assertThrows(IllegalArgumentException.class, () -> struct(later, Field.of("n", UINT8)));
        assertThrows(IllegalArgumentException.class, () -> struct(Field.of("n", NODEBUF), later));
        assertThrows(IllegalArgumentException.class, () -> struct(rest, Field.of("n", UINT8)));
        assertThrows(IllegalArgumentException.class, () -> struct(Field.of("n", UINT8), Field.of("n", UINT8)));
        assertThrows(IllegalArgumentException.class, () -> Field.of("a b", UINT8));
    }
}
