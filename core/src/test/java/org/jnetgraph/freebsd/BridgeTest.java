package org.jnetgraph.freebsd;

import static org.jnetgraph.freebsd.Events.handleEvent;
import static org.jnetgraph.freebsd.Events.handleEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.jnetgraph.types.BridgeType;
import org.jnetgraph.types.Ngctl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * FreeBSD's tests/sys/netgraph/bridge.c, case by case: basic, persistence, loop, many_unicasts, many_broadcasts,
 * uplink_private and uplink_classic. Frames are an Ethernet header, an IPv4 header and 64 bytes of payload; source
 * addresses are 02:04:06:xx:yy:zz and the destination starts as the unknown unicast 02:04:06:00:00:00.
 *
 * <p>The bridge type is registered with a clock the test controls and never advances, so that "a host seen less than
 * minStableAge ago" holds however slow the machine is (FreeBSD's test relies on running within one second).
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BridgeTest {
    private static final int FRAME_SIZE = 14 + 20 + 64;
    private static final long BASE_MAC = 0x0204_0600_0000L;
    private static final long BROADCAST = 0xffff_ffff_ffffL;

    @Parameter
    SyncMode mode;

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private Graph graph;
    private Socket socket;

    @BeforeEach
    void start() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        graph.removeType("bridge");
        graph.addType(new BridgeType(clock::get));
        socket = graph.socket();
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    static byte[] frame(long dst, long src) {
        ByteBuffer out = ByteBuffer.allocate(FRAME_SIZE).order(ByteOrder.BIG_ENDIAN);
        out.putShort((short) (dst >>> 32)).putInt((int) dst);
        out.putShort((short) (src >>> 32)).putInt((int) src);
        out.putShort((short) 0x0800);
        out.put((byte) 0x45);
        return out.array();
    }

    private int numHosts(String path) {
        Socket.Received reply =
                socket.request(path, Message.request(BridgeType.COOKIE, BridgeType.GET_TABLE, "gettable"));
        return reply.message().args().getInt(0);
    }

    private void bridgeWithLinks(String... pairs) {
        socket.mkpeer(".", "bridge", pairs[0], pairs[1]);
        socket.name(pairs[0], "bridge");
        for (int i = 2; i < pairs.length; i += 2) {
            socket.connect(".", "bridge:", pairs[i], pairs[i + 1]);
        }
    }

    // ---------------------------------------------------------------- basic

    @Test
    void basicShouldLearnForwardFloodAndForgetARemovedLink() {
        bridgeWithLinks("a", "link0", "b", "link1", "c", "link2");
        long macA = BASE_MAC | 0x0a;
        long macB = BASE_MAC | 0x0b;
        long macC = BASE_MAC | 0x0c;

        socket.sendData("a", frame(BASE_MAC, macA));
        assertEquals(Map.of("b", 1, "c", 1), handleEvents(socket), "unknown unicast from a, never back to a");
        socket.sendData("b", frame(BASE_MAC, macB));
        assertEquals(Map.of("a", 1, "c", 1), handleEvents(socket));
        socket.sendData("c", frame(BASE_MAC, macC));
        assertEquals(Map.of("a", 1, "b", 1), handleEvents(socket));

        socket.sendData("a", frame(macC, macA));
        assertEquals(Map.of("c", 1), handleEvents(socket), "known destination");
        assertEquals(3, numHosts("bridge:"));

        socket.rmhook(".", "b");
        socket.sendData("a", frame(BASE_MAC | 0xff, macA));
        assertEquals(Map.of("c", 1), handleEvents(socket));
        assertEquals(2, numHosts("bridge:"));
    }

    // ---------------------------------------------------------------- persistence

    @Test
    void persistenceShouldKeepABridgeWithoutHooksUntilItIsShutDown() {
        bridgeWithLinks("a", "link0");

        Ngctl.msg(socket, "bridge:", "setpersistent", "");
        socket.rmhook(".", "a");
        graph.sync();

        assertEquals(0, graph.node("bridge:").numHooks());
        socket.shutdown("bridge:");
        graph.sync();
        NgException gone = assertThrows(NgException.class, () -> graph.node("bridge:"));
        assertEquals(Errno.ENOENT, gone.errno());
    }

    // ---------------------------------------------------------------- loop

    private void twoBridgesWithOneCrossLink() {
        socket.mkpeer(".", "bridge", "a", "link0");
        socket.name("a", "bridge1");
        socket.mkpeer(".", "bridge", "b", "link1");
        socket.name("b", "bridge2");
        socket.connect("bridge1:", "bridge2:", "link11", "link11");
    }

    @Test
    void loopShouldDeliverAFrameOnceThroughAnOpenLoop() {
        twoBridgesWithOneCrossLink();

        socket.sendData("a", frame(BASE_MAC, BASE_MAC | 0x01));

        assertEquals(Map.of("b", 1), handleEvents(socket));
    }

    /*
     * The second cross link closes the loop. The copy that comes back finds its source learned on another link less
     * than minStableAge ago: the bridge drops it, mutes that link and the error travels back to the sender through
     * the direct calls (bridge.c requires ELOOP). b sees the frame once, a never, within 10 events.
     */
    @Test
    void loopShouldFailWithEloopAndDeliverOnceThroughAClosedLoop() {
        twoBridgesWithOneCrossLink();
        long mac = BASE_MAC | 0x01;
        socket.sendData("a", frame(BASE_MAC, mac));
        assertEquals(Map.of("b", 1), handleEvents(socket));
        socket.connect("bridge1:", "bridge2:", "link12", "link12");

        assertEquals(Errno.ELOOP, socket.sendData("a", frame(BASE_MAC, mac)));

        int atA = 0;
        int atB = 0;
        String hook;
        for (int event = 0; event < 10 && (hook = handleEvent(socket)) != null; event++) {
            atA += hook.equals("a") ? 1 : 0;
            atB += hook.equals("b") ? 1 : 0;
        }
        assertEquals(1, atB);
        assertEquals(0, atA);
    }

    // ---------------------------------------------------------------- many_unicasts and many_broadcasts

    /** Counts arrivals per socket hook inside the data path, so that no socket queue limits the test. */
    private Map<String, LongAdder> countArrivals() {
        Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        socket.onData((hook, packet) -> {
            counts.computeIfAbsent(hook.name(), name -> new LongAdder()).increment();
            packet.free();
        });
        return counts;
    }

    private static long count(Map<String, LongAdder> counts, String hook) {
        LongAdder adder = counts.get(hook);
        return adder == null ? 0 : adder.sum();
    }

    /*
     * bridge.c adds 1000 links, each sending one frame from a new address to the address learned on link0, and
     * requires that link0 got all of them and nothing was flooded. Its gettable of 1001 hosts may fail with ENOBUFS
     * (the 20 KiB control socket buffer), an expected failure there; the limit here is BridgeType.MAX_TABLE_REPLY
     * (64 KiB, 1560 hosts), so the count is checked.
     */
    @Test
    void manyUnicastsShouldReachLink0AndLearnEverySender() {
        Map<String, LongAdder> counts = countArrivals();
        bridgeWithLinks("a", "link0");
        long macA = BASE_MAC | 0xff_0000L;
        socket.sendData("a", frame(BASE_MAC, macA));
        int links = 1000;

        for (int i = 1; i <= links; i++) {
            socket.connect(".", "bridge:", "h" + i, "link" + i);
            assertEquals(Errno.OK, socket.sendData("h" + i, frame(macA, BASE_MAC | i)));
        }
        graph.sync();

        assertEquals(links, count(counts, "a"));
        assertEquals(links, counts.values().stream().mapToLong(LongAdder::sum).sum(), "nothing flooded");
        assertEquals(links + 1, numHosts("bridge:"));
    }

    /*
     * The same with broadcasts: each new link's frame reaches link0 and every earlier link. bridge.c requires more
     * than 100 at link0 and on the extra links, and marks "all 1000 at link0" as an expected failure when its queue
     * overflowed; nothing is queued here, so every copy must arrive.
     */
    @Test
    void manyBroadcastsShouldReachEveryOtherLink() {
        Map<String, LongAdder> counts = countArrivals();
        bridgeWithLinks("a", "link0");
        int links = 1000;

        for (int i = 1; i <= links; i++) {
            socket.connect(".", "bridge:", "h" + i, "link" + i);
            assertEquals(Errno.OK, socket.sendData("h" + i, frame(BROADCAST, BASE_MAC | i)));
        }
        graph.sync();

        assertEquals(links, count(counts, "a"));
        long extra = counts.values().stream().mapToLong(LongAdder::sum).sum() - links;
        assertEquals((long) links * (links - 1) / 2, extra);
    }

    // ---------------------------------------------------------------- uplinks

    private static final long MAC_U1 = BASE_MAC | 0x0101;
    private static final long MAC_U2 = BASE_MAC | 0x0102;
    private static final long MAC_L0 = BASE_MAC | 0x0200;
    private static final long MAC_L3 = BASE_MAC | 0x0203;
    private static final long MULTICAST = 0x0100_5e00_0001L;

    private Map<String, Integer> send(String hook, long dst, long src) {
        assertEquals(Errno.OK, socket.sendData(hook, frame(dst, src)));
        return handleEvents(socket);
    }

    private void assertGroupFramesReachAllOthers() {
        assertEquals(Map.of("l0", 1, "l3", 1, "u2", 1), send("u1", BROADCAST, MAC_U1));
        assertEquals(Map.of("u1", 1, "u2", 1, "l3", 1), send("l0", BROADCAST, MAC_L0));
        assertEquals(Map.of("l0", 1, "l3", 1, "u1", 1), send("u2", MULTICAST, MAC_U2));
        assertEquals(Map.of("u1", 1, "u2", 1, "l0", 1), send("l3", MULTICAST, MAC_L3));
    }

    private void assertKnownAndUplinkOnlyDestinations() {
        assertEquals(Map.of("l0", 1), send("u1", MAC_L0, MAC_U1), "known on link0, from an uplink");
        assertEquals(Map.of("l0", 1), send("l3", MAC_L0, MAC_L3), "known on link0, from a link");
    }

    /* Restrictive: the first hook is an uplink, so links never get unknown unicast. */
    @Test
    void uplinkPrivateShouldKeepUnknownUnicastOnTheUplinks() {
        bridgeWithLinks("u1", "uplink1", "u2", "uplink2", "l0", "link0", "l3", "link3");

        assertEquals(Map.of("u2", 1), send("u1", BASE_MAC, MAC_U1));
        assertEquals(Map.of("u1", 1, "u2", 1), send("l0", BASE_MAC, MAC_L0));
        assertEquals(Map.of("u1", 1, "u2", 1), send("l3", BASE_MAC, MAC_L3));
        assertKnownAndUplinkOnlyDestinations();
        assertEquals(Map.of("u1", 1, "u2", 1), send("l3", MAC_U1, MAC_L3), "seen only on an uplink: unknown");
        assertGroupFramesReachAllOthers();
        assertEquals(2, numHosts("bridge:"));
    }

    /* Classic: the first hook is a link, so unknown unicast goes everywhere even with uplinks. */
    @Test
    void uplinkClassicShouldFloodUnknownUnicastEverywhere() {
        bridgeWithLinks("l0", "link0", "u1", "uplink1", "u2", "uplink2", "l3", "link3");

        assertEquals(Map.of("l0", 1, "u2", 1, "l3", 1), send("u1", BASE_MAC, MAC_U1));
        assertEquals(Map.of("u1", 1, "u2", 1, "l3", 1), send("l0", BASE_MAC, MAC_L0));
        assertEquals(Map.of("u1", 1, "u2", 1, "l0", 1), send("l3", BASE_MAC, MAC_L3));
        assertKnownAndUplinkOnlyDestinations();
        assertEquals(Map.of("u1", 1, "u2", 1, "l0", 1), send("l3", MAC_U1, MAC_L3), "seen only on an uplink");
        assertGroupFramesReachAllOthers();
        assertEquals(2, numHosts("bridge:"));
    }
}
