package org.jnetgraph.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Hook;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.jnetgraph.parse.StructValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Forwarding on every core while links come and go: one sender per core sends unicast to a host on link0 and now
 * and then a broadcast, while another thread keeps adding and removing links. Every frame must reach link0 exactly
 * once, the bridge's counters must add up to what was sent, and nothing may arrive on a link once it was removed.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BridgeConcurrencyTest {
    private static final long SINK_MAC = 0x0204_0600_ff00L;
    private static final long BROADCAST = 0xffff_ffff_ffffL;
    private static final int CHURN_CYCLES = 300;
    private static final int CHURN_NUMBERS = 50;

    @Parameter
    SyncMode mode;

    private Graph graph;
    private Socket socket;
    private final LongAdder atSink = new LongAdder();
    private final LongAdder afterRemoval = new LongAdder();
    private final Set<Hook> removed = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        socket = graph.socket("test");
        socket.onData((hook, packet) -> {
            if (removed.contains(hook)) {
                afterRemoval.increment();
            }
            if (hook.name().equals("sink")) {
                atSink.increment();
            }
            packet.free();
        });
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private static byte[] frame(long dst, long src) {
        ByteBuffer out = ByteBuffer.allocate(64).order(ByteOrder.BIG_ENDIAN);
        out.putShort((short) (dst >>> 32)).putInt((int) dst);
        out.putShort((short) (src >>> 32)).putInt((int) src);
        return out.array();
    }

    @Test
    void shouldForwardEveryFrameExactlyOnceToTheSinkWhileLinksChurn() throws Exception {
        int senders = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
        socket.mkpeer(".", "bridge", "sink", "link0");
        socket.name("sink", "br");
        socket.sendData("sink", frame(BROADCAST, SINK_MAC));
        for (int s = 1; s <= senders; s++) {
            socket.connect(".", "br:", "s" + s, "link" + s);
        }
        ExecutorService pool = Executors.newFixedThreadPool(senders + 1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean sending = new AtomicBoolean(true);

        List<Future<Long>> sent = new ArrayList<>();
        for (int s = 1; s <= senders; s++) {
            int sender = s;
            sent.add(pool.submit(() -> send(go, sender, sending)));
        }
        Future<Integer> churned = pool.submit(() -> churn(go, sending));
        go.countDown();
        int cycles = churned.get(15, TimeUnit.SECONDS);
        long total = 0;
        for (Future<Long> result : sent) {
            total += result.get(5, TimeUnit.SECONDS);
        }
        pool.shutdown();
        graph.sync();

        assertEquals(total, atSink.sum(), "every frame reached link0 once");
        assertEquals(total, linkStats(0).getLong("xmitPackets"));
        long received = 0;
        for (int s = 1; s <= senders; s++) {
            received += linkStats(s).getLong("recvPackets");
        }
        assertEquals(total, received);
        assertEquals(0, afterRemoval.sum(), "frames arrived on removed links");
        assertEquals(senders + 1, graph.node("br:").numHooks());
        assertEquals(CHURN_CYCLES, cycles);
        assertTrue(total >= 1000L * senders);
    }

    private StructValue linkStats(int number) {
        byte[] arg = ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(number)
                .array();
        Message request = Message.request(BridgeType.COOKIE, BridgeType.GET_STATS, "getstats", arg);
        return StructValue.decode(
                BridgeType.LINK_STATS, socket.request("br:", request).message().data());
    }

    /** Sends unicast to the sink, every eighth frame a broadcast, until the churn ends; the number of frames sent. */
    private long send(CountDownLatch go, int sender, AtomicBoolean sending) throws InterruptedException {
        go.await();
        String hook = "s" + sender;
        long source = 0x0204_0600_0000L | sender;
        byte[] unicast = frame(SINK_MAC, source);
        byte[] broadcast = frame(BROADCAST, source);
        long i = 0;
        for (; sending.get() || i < 1000; i++) {
            Errno result = socket.sendData(hook, i % 8 == 7 ? broadcast : unicast);
            if (i % 8 != 7 && result != Errno.OK) {
                throw new AssertionError("unicast send failed: " + result);
            }
        }
        return i;
    }

    /** Adds and removes links while the senders run; a removed hook is recorded once its removal has settled. */
    private int churn(CountDownLatch go, AtomicBoolean sending) throws InterruptedException {
        go.await();
        try {
            return churnLinks();
        } finally {
            sending.set(false);
        }
    }

    private int churnLinks() {
        int cycles = 0;
        while (cycles < CHURN_CYCLES) {
            int number = 100 + cycles % CHURN_NUMBERS;
            String name = "c" + cycles;
            socket.connect(".", "br:", name, "link" + number);
            Hook hook = socket.node().hook(name);
            socket.rmhook(".", name);
            graph.sync();
            removed.add(hook);
            cycles++;
            assertGone(number);
        }
        return cycles;
    }

    private void assertGone(int number) {
        try {
            linkStats(number);
            throw new AssertionError("link" + number + " still has statistics after its removal");
        } catch (NgException expected) {
            assertEquals(Errno.ENOTCONN, expected.errno());
        }
    }
}
