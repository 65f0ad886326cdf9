package org.jnetgraph.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FuzzTest {
    private static final int TEXT_INPUTS = 110_000;
    private static final int BINARY_INPUTS = 30_000;
    private static final long SLOW_NANOS = 500_000_000L;
    private static final String ALPHABET =
            "{}[]=\"\\ \t\n0123456789abcdefxX.:-+_nameidhookstypeargdt\0\u000b\u00e9\u20ac";
    private static final List<ParseType> TYPES = List.of(
            GenericTypes.NODEINFO,
            GenericTypes.HOOKLIST,
            GenericTypes.NAMELIST,
            GenericTypes.TYPELIST,
            GenericTypes.MKPEER,
            ParseType.NG_MESG,
            TestTypes.MIXED,
            TestTypes.NESTED,
            ParseType.STRING,
            ParseType.IPADDR,
            ParseType.ENADDR,
            ParseType.bytes(8),
            ParseType.fixedArray(ParseType.UINT16, 4),
            ParseType.INT32,
            TestTypes.RECORDS);

    private final Random random = new Random(424242);
    private final RandomValues values = new RandomValues(random);
    private long slowest;
    private int parsed;

    @Test
    void shouldOnlyEverThrowParseExceptionForMutatedText() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < TEXT_INPUTS; i++) {
                ParseType type = TYPES.get(i % TYPES.size());
                checkText(type, textInput(type));
            }
        });
        assertTrue(parsed > TEXT_INPUTS / 10, "only " + parsed + " inputs parsed; the mutations are too harsh");
        assertTrue(slowest < SLOW_NANOS, "slowest input took " + slowest / 1_000_000 + " ms");
    }

    @Test
    void shouldOnlyEverThrowParseExceptionForMutatedBinary() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < BINARY_INPUTS; i++) {
                ParseType type = TYPES.get(i % TYPES.size());
                checkBinary(type, binaryInput(type));
            }
        });
        assertTrue(slowest < SLOW_NANOS, "slowest input took " + slowest / 1_000_000 + " ms");
    }

    private void checkText(ParseType type, String text) {
        long start = System.nanoTime();
        try {
            byte[] binary = type.parse(text);
            assertStable(type, type.unparse(binary));
            parsed++;
        } catch (ParseException expected) {
            assertTrue(expected.position() >= -1 && expected.position() <= text.length(), expected.getMessage());
        } catch (RuntimeException | AssertionError e) {
            fail(type + " failed on text <" + text + ">", e);
        }
        slowest = Math.max(slowest, System.nanoTime() - start);
    }

    private void checkBinary(ParseType type, byte[] binary) {
        long start = System.nanoTime();
        try {
            type.decode(binary);
            assertStable(type, type.unparse(binary));
        } catch (ParseException expected) {
            assertEquals(-1, expected.position());
        } catch (RuntimeException | AssertionError e) {
            fail(type + " failed on binary " + java.util.HexFormat.of().formatHex(binary), e);
        }
        slowest = Math.max(slowest, System.nanoTime() - start);
    }

    /**
     * Printed text always parses back; one more round makes it a fixed point. (Printed text itself need not be one:
     * FreeBSD prints a fixed string with bytes after its NUL as {@code ""}, which parses back to the default.)
     */
    private static void assertStable(ParseType type, String printed) {
        String canonical = type.unparse(type.parse(printed, 1 << 20));
        assertEquals(canonical, type.unparse(type.parse(canonical, 1 << 20)));
    }

    private String textInput(ParseType type) {
        if (random.nextInt(10) == 0) {
            return randomText(random.nextInt(60));
        }
        StringBuilder text = new StringBuilder(type.unparse(type.encode(values.of(type))));
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            mutate(text);
        }
        return text.toString();
    }

    private void mutate(StringBuilder text) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length());
        switch (random.nextInt(6)) {
            case 0 -> text.insert(at, randomText(1 + random.nextInt(3)));
            case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(4)));
            case 2 -> text.replace(at, Math.min(text.length(), at + 1), randomText(1));
            case 3 -> text.insert(at, text.substring(at, Math.min(text.length(), at + random.nextInt(20))));
            case 4 -> text.setLength(at);
            default ->
                text.insert(
                        at,
                        " "
                                + List.of("0x", "-1", "99999999999", "=", "{", "[", "\"")
                                        .get(random.nextInt(7)));
        }
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private byte[] binaryInput(ParseType type) {
        if (random.nextInt(4) == 0) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            return bytes;
        }
        byte[] binary = type.encode(values.of(type));
        for (int flips = random.nextInt(4); flips > 0 && binary.length > 0; flips--) {
            binary[random.nextInt(binary.length)] = (byte) random.nextInt(256);
        }
        return random.nextInt(5) == 0 ? java.util.Arrays.copyOf(binary, random.nextInt(binary.length + 1)) : binary;
    }
}
