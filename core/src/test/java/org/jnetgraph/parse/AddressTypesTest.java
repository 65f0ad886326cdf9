package org.jnetgraph.parse;

import static org.jnetgraph.parse.ParseType.ENADDR;
import static org.jnetgraph.parse.ParseType.IPADDR;
import static org.jnetgraph.parse.ParseType.UINT8;
import static org.jnetgraph.parse.ParseType.fixedArray;
import static org.jnetgraph.parse.ParseType.struct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.jnetgraph.Errno;
import org.junit.jupiter.api.Test;

class AddressTypesTest {
    private static final ParseType HOST = struct(Field.of("flag", UINT8), Field.of("ip", IPADDR));

    @Test
    void shouldParseIpAddressPartsLikeInt8InAnyBase() {
        assertArrayEquals(Bytes.of(127, 0, 0, 1), IPADDR.parse("0x7f.0.0.1"));
        assertArrayEquals(Bytes.of(8, 255, 0x80, 9), IPADDR.parse("010.-1.-128.9"));
    }

    @Test
    void shouldAlignIpAddressesLikeA32BitInteger() {
        byte[] binary = HOST.parse("{ flag=1 ip=10.0.0.2 }");

        assertArrayEquals(Bytes.of(1, 0, 0, 0, 10, 0, 0, 2), binary);
        assertEquals("{ flag=1 ip=10.0.0.2 }", HOST.unparse(binary));
    }

    @Test
    void shouldParseIpAddressDirectlyBeforeAClosingBrace() {
        assertEquals("{ ip=1.2.3.4 }", HOST.unparse(HOST.parse("{ip=1.2.3.4}")));
    }

    @Test
    void shouldRejectMalformedIpAddressesAtTheBadPart() {
        ParseException missingDot = assertThrows(ParseException.class, () -> IPADDR.parse("1.2.3"));
        ParseException tooBig = assertThrows(ParseException.class, () -> IPADDR.parse("1.256.3.4"));

        assertEquals(Errno.EINVAL, missingDot.errno());
        assertEquals(5, missingDot.position());
        assertEquals(Errno.EINVAL, tooBig.errno());
        assertEquals(2, tooBig.position());
    }

    @Test
    void shouldDecodeIpAddressesAsInet4Address() throws Exception {
        InetAddress expected = InetAddress.getByAddress(Bytes.of(192, 168, 1, 20));

        assertEquals(expected, IPADDR.decode(Bytes.of(192, 168, 1, 20)));
        assertArrayEquals(Bytes.of(192, 168, 1, 20), IPADDR.encode(expected));
        assertArrayEquals(Bytes.of(192, 168, 1, 20), IPADDR.encode(Bytes.of(192, 168, 1, 20)));
    }

    @Test
    void shouldParseEthernetAddressesAsHexAndPrintThemLowercase() {
        byte[] binary = ENADDR.parse("0:1A:0x2b:cc:44:5");

        assertArrayEquals(Bytes.of(0, 0x1a, 0x2b, 0xcc, 0x44, 5), binary);
        assertEquals("00:1a:2b:cc:44:05", ENADDR.unparse(binary));
    }

    @Test
    void shouldRejectEthernetAddressPartsAboveFf() {
        ParseException e = assertThrows(ParseException.class, () -> ENADDR.parse("0:1:100:3:4:5"));

        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(4, e.position());
        assertEquals("100", e.token());
    }

    @Test
    void shouldAlwaysPrintEthernetAddressesBecauseTheyHaveNoDefault() {
        ParseType port = struct(Field.of("mac", ENADDR));

        assertEquals("{ mac=00:00:00:00:00:00 }", port.unparse(new byte[6]));
        assertEquals("[ 00:00:00:00:00:00 ]", fixedArray(ENADDR, 1).unparse(new byte[6]));
    }

    @Test
    void shouldRefuseToOmitAnEthernetAddress() {
        ParseType port = struct(Field.of("id", UINT8), Field.of("mac", ENADDR));

        ParseException parsed = assertThrows(ParseException.class, () -> port.parse("{ id=1 }"));
        ParseException encoded = assertThrows(
                ParseException.class, () -> Struct.of(port).set("id", 1).encode());

        assertEquals(Errno.EOPNOTSUPP, parsed.errno());
        assertEquals(0, parsed.position());
        assertEquals(Errno.EOPNOTSUPP, encoded.errno());
        assertEquals(-1, encoded.position());
    }
}
