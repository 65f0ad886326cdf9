package org.jnetgraph.parse;

import static org.jnetgraph.parse.GenericTypes.HOOKLIST;
import static org.jnetgraph.parse.GenericTypes.LINKINFO;
import static org.jnetgraph.parse.GenericTypes.NAMELIST;
import static org.jnetgraph.parse.GenericTypes.NODEINFO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jnetgraph.Errno;
import org.junit.jupiter.api.Test;

class StructValueTest {
    private static final Struct FOO =
            Struct.of(NODEINFO).set("name", "foo").set("type", "tee").set("id", 5);

    @Test
    void shouldEncodeABuiltStructLikeTheParsedText() {
        assertArrayEquals(NODEINFO.parse("{ name=\"foo\" type=\"tee\" id=0x5 }"), FOO.encode());
        assertEquals("{ name=\"foo\" type=\"tee\" id=0x5 }", FOO.unparse());
    }

    @Test
    void shouldLeaveTheBuilderUnchangedWhenSetting() {
        Struct renamed = FOO.set("name", "bar");

        assertEquals("foo", FOO.get("name"));
        assertEquals("bar", renamed.get("name"));
        assertNull(renamed.set("name", null).get("name"));
    }

    @Test
    void shouldRefuseUnknownFieldNamesWhenBuilding() {
        assertThrows(IllegalArgumentException.class, () -> FOO.set("nmae", "x"));
        assertThrows(IllegalArgumentException.class, () -> Struct.of(ParseType.UINT8));
    }

    @Test
    void shouldFillInAnOmittedLengthFieldFromTheElementsGiven() {
        Struct list = Struct.of(NAMELIST).set("nodeinfo", List.of(FOO, Map.of("id", 9L)));

        assertEquals("{ numnames=2 nodeinfo=[ { name=\"foo\" type=\"tee\" id=0x5 } { id=0x9 } ] }", list.unparse());
    }

    @Test
    void shouldFillInANestedLengthField() {
        Struct link =
                Struct.of(LINKINFO).set("ourhook", "a").set("peerhook", "b").set("nodeinfo", FOO);
        Struct hooks = Struct.of(HOOKLIST).set("nodeinfo", FOO).set("linkinfo", List.of(link, link));

        StructValue decoded = StructValue.decode(HOOKLIST, hooks.encode());

        assertEquals(2, decoded.getInt("nodeinfo.hooks"));
        assertEquals("foo", decoded.getStruct("nodeinfo").getString("name"));
        assertEquals("b", decoded.getStructList("linkinfo").get(1).getString("peerhook"));
    }

    @Test
    void shouldKeepAGivenLengthAndPadWithDefaults() {
        Struct list = Struct.of(NAMELIST).set("numnames", 3).set("nodeinfo", List.of(FOO));

        assertEquals(4 + 3 * 72, list.encode().length);
        assertEquals(3, list.toValue().getStructList("nodeinfo").size());
    }

    @Test
    void shouldRefuseMoreElementsThanTheLengthField() {
        Struct list = Struct.of(NAMELIST).set("numnames", 1).set("nodeinfo", List.of(FOO, FOO));

        assertEquals(
                Errno.E2BIG, assertThrows(ParseException.class, list::encode).errno());
    }

    @Test
    void shouldRefuseUnknownKeysInAPlainMap() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("nmae", "x");

        ParseException e = assertThrows(ParseException.class, () -> NODEINFO.encode(raw));

        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void shouldDecodeEveryFieldInDeclarationOrder() {
        StructValue value = StructValue.parse(NODEINFO, "{ hooks=2 id=0x5 }");

        assertEquals(
                List.of("name", "type", "id", "hooks"),
                List.copyOf(value.asMap().keySet()));
        assertEquals("", value.getString("name"));
        assertEquals(5L, value.getLong("id"));
        assertEquals(2L, value.get("hooks"));
        assertEquals("{ id=0x5 hooks=2 }", value.toString());
    }

    @Test
    void shouldReportTypeMismatchesInGetters() {
        StructValue value = FOO.toValue();

        assertThrows(IllegalArgumentException.class, () -> value.getString("id"));
        assertThrows(IllegalArgumentException.class, () -> value.getLong("missing"));
        assertThrows(IllegalArgumentException.class, () -> value.getLong("name.x"));
        assertThrows(IllegalArgumentException.class, () -> value.getStructList("name"));
    }

    @Test
    void shouldRebuildADecodedValue() {
        StructValue value = FOO.toValue();

        assertEquals(
                "{ name=\"foo\" type=\"tee\" id=0x5 hooks=1 }",
                value.toStruct().set("hooks", 1).unparse());
    }

    @Test
    void shouldCopyByteArraysOut() {
        ParseType blob = ParseType.struct(Field.of("b", ParseType.bytes(2)));
        StructValue value = StructValue.decode(blob, Bytes.of(1, 2));

        value.getBytes("b")[0] = 9;

        assertArrayEquals(Bytes.of(1, 2), value.getBytes("b"));
    }
}
