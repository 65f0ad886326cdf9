package org.jnetgraph.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RoundTripTest {
    private static final int LARGE = 1 << 20;
    private static final List<ParseType> PRIMITIVES = List.of(
            ParseType.INT8,
            ParseType.UINT8,
            ParseType.HINT8,
            ParseType.INT16,
            ParseType.UINT16,
            ParseType.HINT16,
            ParseType.INT32,
            ParseType.UINT32,
            ParseType.HINT32,
            ParseType.INT64,
            ParseType.UINT64,
            ParseType.HINT64,
            ParseType.STRING,
            ParseType.SIZED_STRING,
            ParseType.NODEBUF,
            ParseType.PATHBUF,
            ParseType.fixedString(3),
            ParseType.IPADDR,
            ParseType.ENADDR,
            ParseType.bytes(7),
            ParseType.bytes(LengthFn.remaining()));
    private static final List<ParseType> COMPOSITES = List.of(
            GenericTypes.MKPEER,
            GenericTypes.CONNECT,
            GenericTypes.NAME,
            GenericTypes.RMHOOK,
            GenericTypes.NODEINFO,
            GenericTypes.LINKINFO,
            GenericTypes.HOOKLIST,
            GenericTypes.NAMELIST,
            GenericTypes.TYPEINFO,
            GenericTypes.TYPELIST,
            ParseType.NG_MESG,
            TestTypes.MIXED,
            TestTypes.NESTED,
            TestTypes.RECORDS);

    @Test
    void shouldRoundTripRandomValuesOfEveryPrimitiveType() {
        Random random = new Random(20240611);
        for (ParseType type : PRIMITIVES) {
            assertRoundTrips(type, new RandomValues(random), 3000);
        }
    }

    @Test
    void shouldRoundTripRandomValuesOfEveryCompositeType() {
        Random random = new Random(1999);
        for (ParseType type : COMPOSITES) {
            assertRoundTrips(type, new RandomValues(random), 400);
        }
    }

    @Test
    void shouldRoundTripExtremeIntegers() {
        for (ParseType type : PRIMITIVES.subList(0, 12)) {
            int size = type.fixedSize().getAsInt();
            for (long value :
                    new long[] {0, 1, -1L >>> (64 - 8 * size), 1L << (8 * size - 1), (1L << (8 * size - 1)) - 1}) {
                assertRoundTrip(type, type.encode(value));
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldGiveTheSameResultsWhenSharedByManyThreads() throws Exception {
        byte[] binary = GenericTypes.HOOKLIST.encode(new RandomValues(new Random(7)).of(GenericTypes.HOOKLIST));
        String text = GenericTypes.HOOKLIST.unparse(binary);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> repeatRoundTrip(GenericTypes.HOOKLIST, binary, text)));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void repeatRoundTrip(ParseType type, byte[] binary, String text) {
        for (int i = 0; i < 2000; i++) {
            assertEquals(text, type.unparse(binary));
            assertArrayEquals(binary, type.parse(text));
        }
    }

    private static void assertRoundTrips(ParseType type, RandomValues values, int count) {
        for (int i = 0; i < count; i++) {
            assertRoundTrip(type, type.encode(values.of(type)));
        }
    }

    private static void assertRoundTrip(ParseType type, byte[] binary) {
        String text = type.unparse(binary);
        assertArrayEquals(binary, type.parse(text, LARGE), () -> type + " text " + text);
        assertArrayEquals(binary, type.encode(type.decode(binary)), () -> type + " value of " + text);
        assertEquals(binary.length, type.sizeOf(type.decode(binary)));
    }
}
