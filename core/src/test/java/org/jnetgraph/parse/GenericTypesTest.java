package org.jnetgraph.parse;

import static org.jnetgraph.parse.GenericTypes.CONNECT;
import static org.jnetgraph.parse.GenericTypes.HOOKLIST;
import static org.jnetgraph.parse.GenericTypes.LINKINFO;
import static org.jnetgraph.parse.GenericTypes.MKPEER;
import static org.jnetgraph.parse.GenericTypes.NAME;
import static org.jnetgraph.parse.GenericTypes.NAMELIST;
import static org.jnetgraph.parse.GenericTypes.NODEINFO;
import static org.jnetgraph.parse.GenericTypes.RMHOOK;
import static org.jnetgraph.parse.GenericTypes.TYPEINFO;
import static org.jnetgraph.parse.GenericTypes.TYPELIST;
import static org.jnetgraph.parse.ParseType.NG_MESG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GenericTypesTest {

    @Test
    void shouldHaveTheBinarySizesOfNgMessageH() {
        List<ParseType> types = List.of(MKPEER, CONNECT, NAME, RMHOOK, NODEINFO, LINKINFO, TYPEINFO);

        List<Integer> sizes = types.stream().map(t -> t.fixedSize().getAsInt()).toList();

        assertEquals(List.of(96, 576, 32, 32, 72, 136, 36), sizes);
        assertTrue(HOOKLIST.fixedSize().isEmpty());
    }

    @Test
    void shouldPrintNodeinfoRepliesLikeFreeBsd() {
        byte[] named = Bytes.concat(Bytes.padded("foo", 32), Bytes.padded("tee", 32), Bytes.le32(5), Bytes.le32(2));
        byte[] unnamed = Bytes.concat(new byte[32], Bytes.padded("echo", 32), Bytes.le32(7), Bytes.le32(0));

        assertEquals("{ name=\"foo\" type=\"tee\" id=0x5 hooks=2 }", NODEINFO.unparse(named));
        assertEquals("{ type=\"echo\" id=0x7 }", NODEINFO.unparse(unnamed));
    }

    @Test
    void shouldRoundTripTheReferenceArguments() {
        assertRoundTrip(MKPEER, "{ type=\"tee\" ourhook=\"left\" peerhook=\"right\" }");
        assertRoundTrip(CONNECT, "{ path=\"foo:\" ourhook=\"a\" peerhook=\"b\" }");
        assertRoundTrip(NAME, "{ name=\"foo\" }");
        assertRoundTrip(RMHOOK, "{ hook=\"a\" }");
        assertRoundTrip(ParseType.STRING, "\"free text\"");
    }

    @Test
    void shouldRoundTripTheListtypesReply() {
        String text = "{ numtypes=2 typeinfo=[ { typename=\"socket\" numnodes=1 } { typename=\"tee\" numnodes=1 } ] }";

        byte[] binary = TYPELIST.parse(text);

        assertEquals(4 + 2 * 36, binary.length);
        assertEquals(text, TYPELIST.unparse(binary));
    }

    @Test
    void shouldRoundTripTheListnodesReply() {
        String text = "{ numnames=1 nodeinfo=[ { name=\"ngctl5\" type=\"socket\" id=0x3 hooks=1 } ] }";

        assertEquals(76, NAMELIST.parse(text).length);
        assertRoundTrip(NAMELIST, text);
    }

    @Test
    void shouldSizeTheHooklistFromTheNestedHookCount() {
        String text = "{ nodeinfo={ name=\"x\" type=\"tee\" id=0x3 hooks=2 } linkinfo=[ { ourhook=\"a\" peerhook=\"b\""
                + " nodeinfo={ type=\"echo\" id=0x4 hooks=1 } } 1={ ourhook=\"c\" } ] }";

        byte[] binary = HOOKLIST.parse(text);

        assertEquals(72 + 2 * 136, binary.length);
        assertEquals(text.replace("1={", "{"), HOOKLIST.unparse(binary));
    }

    @Test
    void shouldIgnoreTheZeroTailOfAListhooksReplySizedForInvalidHooks() {
        byte[] reply =
                Bytes.concat(HOOKLIST.parse("{ nodeinfo={ hooks=1 } linkinfo=[ { ourhook=\"a\" } ] }"), new byte[136]);

        assertEquals("{ nodeinfo={ hooks=1 } linkinfo=[ { ourhook=\"a\" } ] }", HOOKLIST.unparse(reply));
    }

    @Test
    void shouldLayOutTheMessageHeaderIn56Bytes() {
        String text = "{ version=8 arglen=3 cmd=805306374 flags=0x1 token=7 typecookie=1137070366"
                + " cmdstr=\"nodeinfo\" data=[ 0x61 0x62 0x63 ] }";

        byte[] binary = NG_MESG.parse(text);

        assertEquals(60, binary.length);
        assertEquals(8, binary[0]);
        assertArrayEquals(Bytes.le32(805306374), java.util.Arrays.copyOfRange(binary, 8, 12));
        assertArrayEquals(Bytes.padded("nodeinfo", 32), java.util.Arrays.copyOfRange(binary, 24, 56));
        assertEquals('a', binary[56]);
        assertEquals(text, NG_MESG.unparse(binary));
        assertEquals(56, NG_MESG.encode(java.util.Map.of("version", 8)).length);
    }

    @Test
    void shouldAcceptMessageDataAsAString() {
        byte[] binary = NG_MESG.parse("{ arglen=4 data=\"ab\" }");

        assertEquals("{ arglen=4 data=[ 0x61 0x62 ] }", NG_MESG.unparse(binary));
    }

    @Test
    void shouldPrintDefaultsBeyondTheTwentyKilobyteWorkBufferLikeFreeBsd() {
        Struct list = Struct.of(NAMELIST)
                .set("numnames", 300)
                .set("nodeinfo", List.of(Struct.of(NODEINFO).set("name", "first")));

        String text = list.unparse();

        assertTrue(
                text.startsWith("{ numnames=300 nodeinfo=[ { name=\"first\" } 283={ type=\"\" id=0x0 hooks=0 }"
                        + " { name=\"\" type=\"\" id=0x0 hooks=0 }"),
                text);
        assertTrue(text.endsWith("{ name=\"\" type=\"\" id=0x0 hooks=0 } ] }"), text);
        assertArrayEquals(list.encode(), NAMELIST.parse(text, 1 << 16));
    }

    private static void assertRoundTrip(ParseType type, String text) {
        assertEquals(text, type.unparse(type.parse(text)));
    }
}
