package org.jnetgraph.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.jnetgraph.parse.StructValue;
import org.jnetgraph.pcap.PcapReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code bridge} type (node-types.md §A.1, FreeBSD ng_bridge.c): hook names, every message in binary and ASCII,
 * per-link statistics, ageing and loop muting against a clock the test moves, and a capture file run through it.
 * The FreeBSD test cases themselves are in {@code org.jnetgraph.freebsd.BridgeTest}.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BridgeTypeTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MAC_A = 0x0204_0600_000aL;
    private static final long MAC_B = 0x0204_0600_000bL;
    private static final long MAC_C = 0x0204_0600_000cL;
    private static final long UNKNOWN = 0x0204_0600_0000L;
    private static final long BROADCAST = 0xffff_ffff_ffffL;
    private static final long MULTICAST = 0x0100_5e00_0001L;

    @Parameter
    SyncMode mode;

    private final AtomicLong clock = new AtomicLong(5 * SECOND);
    private Graph graph;
    private Socket socket;
    private final Map<String, LongAdder> arrivals = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        graph.removeType("bridge");
        graph.addType(new BridgeType(clock::get));
        socket = graph.socket("test");
        socket.onData((hook, packet) -> {
            arrivals.computeIfAbsent(hook.name(), name -> new LongAdder()).increment();
            packet.free();
        });
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private void bridge(String... links) {
        socket.mkpeer(".", "bridge", "s" + links[0], links[0]);
        socket.name("s" + links[0], "br");
        for (int i = 1; i < links.length; i++) {
            socket.connect(".", "br:", "s" + links[i], links[i]);
        }
    }

    static byte[] frame(long dst, long src, int length) {
        ByteBuffer out = ByteBuffer.allocate(length);
        out.putShort((short) (dst >>> 32)).putInt((int) dst);
        out.putShort((short) (src >>> 32)).putInt((int) src);
        return out.array();
    }

    private Errno send(String link, long dst, long src) {
        return socket.sendData("s" + link, frame(dst, src, 60));
    }

    private long arrived(String link) {
        LongAdder adder = arrivals.get("s" + link);
        return adder == null ? 0 : adder.sum();
    }

    private static void expect(Errno errno, Runnable action) {
        NgException error = assertThrows(NgException.class, action::run);
        assertEquals(errno, error.errno(), error.getMessage());
    }

    private StructValue stats(int number) {
        Message request = Message.request(BridgeType.COOKIE, BridgeType.GET_STATS, "getstats", intArg(number));
        return StructValue.decode(
                BridgeType.LINK_STATS, socket.request("br:", request).message().data());
    }

    private static byte[] intArg(int value) {
        return ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value)
                .array();
    }

    private int numHosts() {
        Message request = Message.request(BridgeType.COOKIE, BridgeType.GET_TABLE, "gettable");
        return socket.request("br:", request).message().args().getInt(0);
    }

    private StructValue table() {
        return StructValue.parse(BridgeType.HOST_ARRAY, Ngctl.request(socket, "br:", "gettable", ""));
    }

    private void advance(long seconds) {
        clock.addAndGet(seconds * SECOND);
    }

    // ---------------------------------------------------------------- hooks

    @ParameterizedTest
    @ValueSource(
            strings = {
                "upl",
                "link01",
                "link+1",
                "link-1",
                "linkx",
                "foo12",
                "uplink0",
                "uplinkx",
                "ulink3",
                "link4294967296"
            })
    void shouldRefuseMalformedHookNamesWithEinval(String name) {
        bridge("link0");

        expect(Errno.EINVAL, () -> socket.connect(".", "br:", "x", name));
    }

    @Test
    void shouldNumberBareLinkAndUplinkHooksWithTheLowestFreeNumber() {
        bridge("link0");
        socket.connect(".", "br:", "a", "link");
        socket.connect(".", "br:", "b", "uplink");
        socket.connect(".", "br:", "c", "link");
        socket.rmhook("br:", "link1");
        graph.sync();
        socket.connect(".", "br:", "d", "link");

        org.jnetgraph.Node bridge = graph.node("br:");
        assertEquals(null, socket.node().hook("a"), "hook a went with link1");
        assertEquals("b", bridge.hook("uplink1").peer().name());
        assertEquals("c", bridge.hook("link2").peer().name());
        assertEquals("d", bridge.hook("link1").peer().name(), "link1 was free again and is the lowest");
    }

    @Test
    void shouldRefuseALinkToItselfWithEloop() {
        bridge("link0");

        expect(Errno.ELOOP, () -> socket.connect("br:", "br:", "link1", "link2"));
    }

    @Test
    void shouldShutDownWithItsLastHookUnlessPersistent() {
        bridge("link0");

        socket.rmhook(".", "slink0");
        graph.sync();

        expect(Errno.ENOENT, () -> graph.node("br:"));
    }

    // ---------------------------------------------------------------- messages in ASCII

    @Test
    void shouldPrintTheDefaultConfig() {
        bridge("link0");

        assertEquals(
                "{ debugLevel=1 loopTimeout=60 maxStaleness=900 minStableAge=1 }",
                Ngctl.request(socket, "br:", "getconfig", ""));
    }

    @Test
    void shouldRoundTripSetconfigThroughGetconfig() {
        bridge("link0");
        String config = "{ debugLevel=2 loopTimeout=5 maxStaleness=4294967295 minStableAge=3 }";

        Ngctl.msg(socket, "br:", "setconfig", config);

        assertEquals(config, Ngctl.request(socket, "br:", "getconfig", ""));
    }

    @Test
    void shouldMakeOmittedConfigFieldsZero() {
        bridge("link0");

        Ngctl.msg(socket, "br:", "setconfig", "{ loopTimeout=7 }");

        assertEquals("{ loopTimeout=7 }", Ngctl.request(socket, "br:", "getconfig", ""));
    }

    @Test
    void shouldRefuseAConfigOfTheWrongSize() {
        bridge("link0");
        Message shortConfig = Message.request(BridgeType.COOKIE, BridgeType.SET_CONFIG, "setconfig", new byte[12]);

        expect(Errno.EINVAL, () -> socket.send("br:", shortConfig));
    }

    @Test
    void shouldRoundTripGettableAndMovehost() {
        bridge("link0", "link1");
        send("link0", UNKNOWN, MAC_A);
        advance(3);
        send("link1", UNKNOWN, MAC_B);

        Ngctl.msg(socket, "br:", "movehost", "{ addr=02:04:06:00:00:0c hook=\"link1\" }");

        StructValue table = table();
        assertEquals(3, table.getInt("numHosts"));
        Set<String> rows = new HashSet<>();
        for (StructValue host : table.getStructList("hosts")) {
            rows.add(host.unparse());
        }
        assertEquals(
                Set.of(
                        "{ addr=02:04:06:00:00:0a hook=\"link0\" age=3 staleness=3 }",
                        "{ addr=02:04:06:00:00:0b hook=\"link1\" }",
                        "{ addr=02:04:06:00:00:0c hook=\"link1\" }"),
                rows);
        assertEquals(
                table.unparse(),
                StructValue.parse(BridgeType.HOST_ARRAY, table.unparse()).unparse());
    }

    @Test
    void shouldRoundTripStatsInAsciiWithFreeBsdFieldNames() {
        bridge("link0", "link1");
        send("link0", BROADCAST, MAC_A);
        send("link0", MULTICAST, MAC_A);

        String text = Ngctl.request(socket, "br:", "getstats", "0");

        assertEquals("{ recvOctets=120 recvPackets=2 recvMulticast=1 recvBroadcast=1 }", text);
        assertEquals(
                "{ xmitOctets=120 xmitPackets=2 xmitMulticasts=1 xmitBroadcasts=1 }",
                Ngctl.request(socket, "br:", "getclrstats", "1"));
        assertEquals("{}", Ngctl.request(socket, "br:", "getstats", "1"));
        Ngctl.msg(socket, "br:", "clrstats", "0");
        assertEquals("{}", Ngctl.request(socket, "br:", "getstats", "0"));
    }

    @Test
    void shouldAddressAnUplinkByANegativeNumberAndAnAbsentLinkWithEnotconn() {
        bridge("link0", "uplink7");
        send("uplink7", BROADCAST, MAC_A);

        assertEquals(1, stats(-7).getLong("recvBroadcast"));
        assertEquals(
                "{ recvOctets=60 recvPackets=1 recvBroadcast=1 }",
                Ngctl.request(socket, "br:", "getstats", "4294967289"));
        expect(Errno.ENOTCONN, () -> stats(3));
        expect(Errno.ENOTCONN, () -> stats(-1));
        Message wrong = Message.request(BridgeType.COOKIE, BridgeType.GET_STATS, "getstats", new byte[2]);
        expect(Errno.EINVAL, () -> socket.request("br:", wrong));
    }

    @Test
    void shouldRefuseAnUnknownCommandAndCookieWithEinval() {
        bridge("link0");

        expect(Errno.EINVAL, () -> socket.send("br:", Message.request(BridgeType.COOKIE, 99, "x")));
        expect(Errno.EINVAL, () -> socket.send("br:", Message.request(12345, BridgeType.RESET, "reset")));
    }

    @Test
    void resetShouldForgetHostsClearStatsAndUnmuteButKeepTheConfig() {
        bridge("link0", "link1");
        Ngctl.msg(socket, "br:", "setconfig", "{ debugLevel=1 loopTimeout=60 maxStaleness=900 minStableAge=1 }");
        send("link0", UNKNOWN, MAC_A);
        assertEquals(Errno.ELOOP, send("link1", UNKNOWN, MAC_A));
        assertEquals(Errno.ELOOP, send("link1", UNKNOWN, MAC_B), "muted");

        Ngctl.msg(socket, "br:", "reset", "");

        assertEquals(0, table().getInt("numHosts"));
        assertEquals("{}", Ngctl.request(socket, "br:", "getstats", "1"));
        assertEquals(Errno.OK, send("link1", UNKNOWN, MAC_B));
        assertEquals(
                "{ debugLevel=1 loopTimeout=60 maxStaleness=900 minStableAge=1 }",
                Ngctl.request(socket, "br:", "getconfig", ""));
    }

    @Test
    void setpersistentShouldKeepTheBridgeWithoutHooks() {
        bridge("link0");

        Ngctl.msg(socket, "br:", "setpersistent", "");
        socket.rmhook(".", "slink0");
        graph.sync();

        assertEquals(0, graph.node("br:").numHooks());
    }

    // ---------------------------------------------------------------- movehost

    @Test
    void movehostShouldRehomeAStableHostAndDetectALoopOnAYoungOne() {
        bridge("link0", "link1", "link2");
        send("link0", UNKNOWN, MAC_A);
        send("link2", UNKNOWN, MAC_C);

        expect(Errno.ELOOP, () -> Ngctl.msg(socket, "br:", "movehost", "{ addr=02:04:06:00:00:0a hook=\"link2\" }"));
        assertEquals(1, stats(2).getLong("loopDetects"));
        assertEquals(1, table().getInt("numHosts"), "the hosts of the muted link were forgotten");

        advance(1);
        Ngctl.msg(socket, "br:", "movehost", "{ addr=02:04:06:00:00:0a hook=\"link1\" }");
        StructValue host = table().getStructList("hosts").get(0);
        assertEquals("link1", host.getString("hook"));
        assertEquals(0, host.getInt("age"));
        assertEquals(1, host.getInt("staleness"), "a move keeps the staleness");
    }

    @Test
    void movehostShouldRefuseAnUnknownOrMissingHookWithEnoent() {
        bridge("link0");

        expect(Errno.ENOENT, () -> Ngctl.msg(socket, "br:", "movehost", "{ addr=02:04:06:00:00:0a hook=\"link9\" }"));
        expect(Errno.ENOENT, () -> Ngctl.msg(socket, "br:", "movehost", "{ addr=02:04:06:00:00:0a }"));
        Message shortArg = Message.request(BridgeType.COOKIE, BridgeType.MOVE_HOST, "movehost", new byte[37]);
        expect(Errno.EINVAL, () -> socket.send("br:", shortArg));
    }

    // ---------------------------------------------------------------- data path and counters

    @Test
    void shouldCountRuntsAndGroupSourcesAndDropThemWithEinval() {
        bridge("link0", "link1");

        assertEquals(Errno.EINVAL, socket.sendData("slink0", new byte[13]));
        assertEquals(Errno.EINVAL, send("link0", UNKNOWN, MULTICAST));

        StructValue stats = stats(0);
        assertEquals(1, stats.getLong("recvRunts"));
        assertEquals(1, stats.getLong("recvInvalid"));
        assertEquals(0, stats.getLong("recvPackets"));
        assertEquals(0, arrived("link1"));
    }

    @Test
    void shouldCountUnknownUnicastAndDropAFrameForItsOwnLinkSilently() {
        bridge("link0", "link1");
        send("link0", UNKNOWN, MAC_A);
        send("link1", UNKNOWN, MAC_B);

        assertEquals(Errno.OK, send("link0", MAC_A, MAC_C));
        graph.sync();

        assertEquals(1, stats(0).getLong("recvUnknown"));
        assertEquals(1, stats(0).getLong("xmitPackets"));
        assertEquals(1, arrived("link0"));
        assertEquals(1, arrived("link1"));
    }

    @Test
    void shouldDropAFrameFromAHostThatJumpedLinksTooSoonAndMuteThatLinkUntilTheLoopTimeout() {
        bridge("link0", "link1", "link2");
        send("link0", UNKNOWN, MAC_A);

        assertEquals(Errno.ELOOP, send("link1", UNKNOWN, MAC_A));
        assertEquals(Errno.ELOOP, send("link1", UNKNOWN, MAC_B));
        advance(59);
        assertEquals(Errno.ELOOP, send("link1", UNKNOWN, MAC_B));
        advance(1);
        assertEquals(Errno.OK, send("link1", UNKNOWN, MAC_B));

        StructValue stats = stats(1);
        assertEquals(1, stats.getLong("loopDetects"));
        assertEquals(3, stats.getLong("loopDrops"));
        assertEquals(2, stats.getLong("recvPackets"), "the looping frame is counted before it is dropped");
    }

    @Test
    void shouldMoveAHostThatStayedAtLeastMinStableAge() {
        bridge("link0", "link1", "link2");
        send("link0", UNKNOWN, MAC_A);
        advance(1);

        assertEquals(Errno.OK, send("link1", UNKNOWN, MAC_A));
        send("link2", MAC_A, MAC_C);
        graph.sync();

        assertEquals(1 + 1, arrived("link1"), "flooded once, then unicast");
        assertEquals(
                "link1",
                table().getStructList("hosts").stream()
                        .filter(h -> macText(h.getBytes("addr"), 0).equals("02:04:06:00:00:0a"))
                        .findFirst()
                        .orElseThrow()
                        .getString("hook"));
    }

    @Test
    void shouldForgetAHostAfterMaxStalenessAndFloodToItAgain() {
        bridge("link0", "link1", "link2");
        Ngctl.msg(socket, "br:", "setconfig", "{ debugLevel=1 loopTimeout=60 maxStaleness=10 minStableAge=1 }");
        send("link0", UNKNOWN, MAC_A);
        graph.sync();
        arrivals.clear();
        advance(9);
        assertEquals(1, table().getInt("numHosts"));
        send("link1", MAC_A, MAC_B);
        graph.sync();
        assertEquals(1, arrived("link0"));
        assertEquals(0, arrived("link2"));

        advance(1);
        send("link1", MAC_A, MAC_B);
        graph.sync();

        assertEquals(2, arrived("link0"));
        assertEquals(1, arrived("link2"), "unknown again, so flooded");
        assertEquals(1, table().getInt("numHosts"), "only link1's host is left");
    }

    @Test
    void shouldRefuseAGettableReplyLargerThanTheLimitWithEnobufs() {
        bridge("link0");
        int fits = (BridgeType.MAX_TABLE_REPLY - 4) / BridgeType.HOST_SIZE;
        for (int i = 1; i <= fits; i++) {
            send("link0", BROADCAST, 0x0204_0000_0000L | i);
        }
        assertEquals(fits, numHosts());

        send("link0", BROADCAST, 0x0204_0100_0000L);

        expect(Errno.ENOBUFS, this::numHosts);
    }

    // ---------------------------------------------------------------- a capture

    /*
     * example.pcap sent round robin over three links. minStableAge is 0 so that a host heard on another link is
     * simply moved (the test clock never advances, so any move would otherwise look like a loop). Every frame that
     * got in was either sent to the one known link, flooded to the two others, or dropped for its own link.
     */
    @Test
    void shouldLearnEveryDistinctSourceOfACaptureAndAccountForEveryFrame() throws Exception {
        bridge("link0", "link1", "link2");
        Ngctl.msg(socket, "br:", "setconfig", "{ debugLevel=1 loopTimeout=60 maxStaleness=900 minStableAge=0 }");
        Set<String> sources = new HashSet<>();
        int frames = 0;
        try (PcapReader reader = PcapReader.open(Path.of("/work/shared/captures/example.pcap"))) {
            while (reader.next()) {
                byte[] data = reader.frame().data();
                if (data.length >= 14 && (data[6] & 1) == 0) {
                    sources.add(macText(data, 6));
                }
                socket.sendData("slink" + frames % 3, data);
                frames++;
            }
        }
        graph.sync();

        Set<String> learned = new HashSet<>();
        table().getStructList("hosts").forEach(h -> learned.add(macText(h.getBytes("addr"), 0)));
        assertEquals(sources, learned);
        long received = 0;
        long transmitted = 0;
        long delivered = 0;
        for (int link = 0; link < 3; link++) {
            StructValue stats = stats(link);
            received += stats.getLong("recvPackets") + stats.getLong("recvRunts") + stats.getLong("recvInvalid");
            transmitted += stats.getLong("xmitPackets");
            delivered += arrived("link" + link);
        }
        assertEquals(frames, received);
        assertEquals(transmitted, delivered);
        assertTrue(transmitted <= 2L * frames);
    }

    private static String macText(byte[] data, int at) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            text.append(i == 0 ? "" : ":").append(String.format("%02x", data[at + i] & 0xff));
        }
        return text.toString();
    }

    @Test
    void shouldListHostsOfAllLinksAfterOneIsRemoved() {
        bridge("link0", "link1", "link2");
        send("link0", UNKNOWN, MAC_A);
        send("link1", UNKNOWN, MAC_B);
        send("link2", UNKNOWN, MAC_C);

        socket.rmhook(".", "slink1");
        graph.sync();

        List<StructValue> hosts = table().getStructList("hosts");
        assertEquals(2, hosts.size());
        assertTrue(hosts.stream().noneMatch(h -> h.getString("hook").equals("link1")));
    }
}
