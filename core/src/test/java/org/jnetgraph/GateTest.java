package org.jnetgraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The per-node reader/writer gate of a gated type, its queue and FIFO order (netgraph-core.md §10 item 12). */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GateTest {
    @Parameter
    SyncMode mode;

    private Graph graph;
    private Socket socket;
    private final Watch watch = new Watch();

    /** A gated type that notices when a writer overlaps anything else. */
    static final class Watch implements NodeType {
        final AtomicInteger readers = new AtomicInteger();
        final AtomicInteger writers = new AtomicInteger();
        final AtomicLong overlaps = new AtomicLong();
        final AtomicLong readerOverlaps = new AtomicLong();
        final AtomicLong messages = new AtomicLong();
        final List<Integer> order = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "watch";
        }

        @Override
        public int cookie() {
            return 4242;
        }

        @Override
        public NodeMethods constructor(Node node) {
            return new NodeMethods() {
                @Override
                public Errno rcvdata(Hook hook, Packet packet) {
                    int inside = readers.incrementAndGet();
                    if (writers.get() != 0) {
                        overlaps.incrementAndGet();
                    }
                    if (inside > 1) {
                        readerOverlaps.incrementAndGet();
                    }
                    order.add(packet.getUnsignedByte(0));
                    Thread.onSpinWait();
                    readers.decrementAndGet();
                    packet.free();
                    return Errno.OK;
                }

                @Override
                public Message rcvmsg(Message message, Hook lasthook) {
                    if ((message.cmd() & Message.READONLY) != 0) {
                        messages.incrementAndGet();
                        return null;
                    }
                    if (writers.incrementAndGet() != 1 || readers.get() != 0) {
                        overlaps.incrementAndGet();
                    }
                    for (int i = 0; i < 1000; i++) {
                        Thread.onSpinWait();
                    }
                    messages.incrementAndGet();
                    writers.decrementAndGet();
                    return null;
                }
            };
        }
    }

    @BeforeEach
    void start() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        graph.addType(watch);
        socket = graph.socket("s");
        socket.mkpeer(".", "watch", "a", "in");
        socket.mkpeer(".", "hole", "b", "x");
        socket.connect(".:a", "s:b", "in2", "y");
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    @Test
    void shouldNeverRunAWriterMessageBesideAnyOtherItem() throws Exception {
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            senders.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    socket.sendData("a", new byte[] {1});
                }
            }));
        }
        for (int i = 0; i < 200; i++) {
            socket.send("[2]:", Message.request(4242, 1, "write"));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        graph.sync();

        assertEquals(0, watch.overlaps.get(), "writer overlapped another item");
        assertEquals(200, watch.messages.get());
    }

    @Test
    void shouldRunReadOnlyMessagesBesideData() {
        socket.send("[2]:", Message.request(4242, 2 | Message.READONLY, "look"));

        assertEquals(1, watch.messages.get());
    }

    @Test
    void shouldQueueDataBehindABusyWriterAndRunItInOrder() throws Exception {
        Node node = graph.node("[2]:");
        assertTrue(node.gate.tryEnterWriter());
        for (int i = 0; i < 100; i++) {
            assertEquals(Errno.OK, socket.sendData("a", new byte[] {(byte) i}));
        }
        assertEquals(0, watch.order.size(), "nothing ran while the writer held the gate");

        if (node.gate.exitWriter()) {
            graph.control().schedule(node);
        }
        awaitCount(100);

        for (int i = 0; i < 100; i++) {
            assertEquals(i, watch.order.get(i));
        }
    }

    @Test
    void shouldAlwaysQueueItemsArrivingOnAQueueHook() throws Exception {
        Node node = graph.node("[2]:");
        node.hook("in").setQueueItems(true);

        for (int i = 0; i < 50; i++) {
            socket.sendData("a", new byte[] {(byte) i});
        }
        awaitCount(50);

        for (int i = 0; i < 50; i++) {
            assertEquals(i, watch.order.get(i));
        }
    }

    @Test
    void shouldDropWithCountedReasonWhenTheQueueIsFull() {
        graph.close();
        graph = Graph.create(Graph.Options.defaults().withMode(mode).withQueueLimit(8));
        graph.addType(watch);
        socket = graph.socket("s");
        socket.mkpeer(".", "watch", "a", "in");
        Node node = graph.node("[2]:");
        assertTrue(node.gate.tryEnterWriter());

        int ok = 0;
        for (int i = 0; i < 20; i++) {
            ok += socket.sendData("a", new byte[] {1}) == Errno.OK ? 1 : 0;
        }

        assertEquals(8, ok);
        assertEquals(12, node.drops(DropReason.QUEUE_FULL));
        if (node.gate.exitWriter()) {
            graph.control().schedule(node);
        }
    }

    @Test
    void shouldTurnALoopIntoQueuedWorkInsteadOfOverflowingTheStack() {
        socket.mkpeer(".", "hub", "loop", "a");
        socket.connect(".:loop", ".", "b", "c");
        socket.send(".:loop", Message.request(org.jnetgraph.types.HubType.COOKIE, 1, "setpersistent"));

        Errno sent = socket.sendData("loop", new byte[] {7});
        assertTrue(sent == Errno.OK || sent == Errno.ENOBUFS, "a storm fills queues; drops are counted: " + sent);
        Packet first = socket.receiveData(Duration.ofSeconds(5));
        assertNotNull(first);
        first.free();
        socket.shutdown(".:loop");
        graph.sync();

        assertTrue(graph.errors() == 0, "no StackOverflowError or other failure in node code");
    }

    private void awaitCount(int count) throws InterruptedException {
        for (int i = 0; i < 500 && watch.order.size() < count; i++) {
            Thread.sleep(10);
        }
        assertEquals(count, watch.order.size());
    }
}
