package org.jnetgraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Packets pushed through a graph that a mutator rewires all the time: every packet sent is delivered exactly once or
 * dropped with a counted reason, and no packet reaches a node whose shutdown started or comes through a hook whose
 * disconnect started.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChurnAccountingTest {
    private static final int MAX_PACKETS = 1 << 22;
    private static final int SENDERS = Math.max(2, Runtime.getRuntime().availableProcessors());

    /** Shared by the probe and relay nodes of one run. */
    static final class Ledger {
        final AtomicIntegerArray delivered = new AtomicIntegerArray(MAX_PACKETS);
        final AtomicLong deliveries = new AtomicLong();
        final AtomicLong typeDrops = new AtomicLong();
        final AtomicLong violations = new AtomicLong();
        final List<String> firstViolations = new CopyOnWriteArrayList<>();
        final List<Node> nodes = new CopyOnWriteArrayList<>();

        void violation(String what) {
            if (violations.incrementAndGet() <= 5) {
                firstViolations.add(what);
            }
        }
    }

    /** A node's flags, set when its teardown starts; a hook's flag lives in its attachment. */
    static final class Flags {
        volatile boolean shutdownStarted;
    }

    /** {@code probe}: records each packet's sequence number; {@code relay}: forwards "in" to "out". */
    static final class ChurnType implements NodeType {
        private final String name;
        private final Ledger ledger;

        ChurnType(String name, Ledger ledger) {
            this.name = name;
            this.ledger = ledger;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int cookie() {
            return 42;
        }

        @Override
        public boolean dataConcurrentWithControl() {
            return true;
        }

        @Override
        public NodeMethods constructor(Node node) {
            ledger.nodes.add(node);
            Flags flags = new Flags();
            boolean relay = name.equals("relay");
            return new NodeMethods() {
                @Override
                public void connect(Hook hook) {
                    hook.attach(new AtomicBoolean());
                }

                @Override
                public Errno rcvdata(Hook hook, Packet packet) {
                    check(hook);
                    if (!relay) {
                        record(packet);
                        return Errno.OK;
                    }
                    Hook out = node.hook("out");
                    if (out == null || hook == out) {
                        ledger.typeDrops.incrementAndGet();
                        packet.free();
                        return Errno.ENOTCONN;
                    }
                    return out.send(packet);
                }

                private void check(Hook hook) {
                    for (int i = 0; i < 20; i++) {
                        Thread.onSpinWait();
                    }
                    if (flags.shutdownStarted) {
                        ledger.violation("rcvdata after shutdown started on " + node);
                    }
                    if (((AtomicBoolean) hook.attachment()).get()) {
                        ledger.violation("rcvdata through " + hook + " after its disconnect started");
                    }
                }

                private void record(Packet packet) {
                    int seq = (int) packet.tag(PacketTags.SEQUENCE, -1);
                    if (ledger.delivered.incrementAndGet(seq) != 1) {
                        ledger.violation("packet " + seq + " delivered twice");
                    }
                    ledger.deliveries.incrementAndGet();
                    packet.free();
                }

                @Override
                public void disconnect(Hook hook) {
                    ((AtomicBoolean) hook.attachment()).set(true);
                    if (node.numHooks() == 0 && node.isValid()) {
                        node.rmnodeSelf();
                    }
                }

                @Override
                public void shutdown() {
                    flags.shutdownStarted = true;
                }
            };
        }
    }

    /** What one churn run saw. */
    record Outcome(long sent, long delivered, long dropped, long changes, long violations, List<String> first) {}

    @ParameterizedTest(name = "{0} mode, max depth {1}")
    @CsvSource({"EPOCH, 32", "EPOCH, 2", "LOCK, 32", "LOCK, 2"})
    void shouldAccountForEveryPacketWhileTheGraphChanges(SyncMode mode, int maxDepth) throws Exception {
        Graph.Options options = Graph.Options.defaults().withMode(mode).withMaxDepth(maxDepth);
        try (Graph graph = Graph.create(options)) {
            Outcome outcome = churn(graph, 2_000, 1234 + maxDepth);

            assertEquals(List.of(), outcome.first());
            assertEquals(outcome.sent(), outcome.delivered() + outcome.dropped(), "sent = delivered + dropped");
            assertTrue(outcome.changes() > 50, "the mutator changed the graph " + outcome.changes() + " times");
            assertTrue(outcome.delivered() > 0, "some packets were delivered");
        }
    }

    /** Runs senders on every core and one mutator for {@code millis} against {@code graph}. */
    static Outcome churn(Graph graph, long millis, long seed) throws InterruptedException {
        Ledger ledger = new Ledger();
        graph.addType(new ChurnType("probe", ledger));
        graph.addType(new ChurnType("relay", ledger));
        Socket socket = graph.socket("src");
        AtomicLong sent = new AtomicLong();
        AtomicLong refusedAtSocket = new AtomicLong();
        AtomicLong nextSeq = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);

        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(Thread.ofPlatform()
                    .name("sender-" + i)
                    .start(() -> send(graph, socket, running, nextSeq, sent, refusedAtSocket)));
        }
        long changes = mutate(socket, millis, new Random(seed));
        running.set(false);
        for (Thread sender : senders) {
            sender.join();
        }
        graph.sync();

        long dropped = awaitAccounting(graph, socket, ledger, sent.get(), refusedAtSocket);
        return new Outcome(
                sent.get(),
                ledger.deliveries.get(),
                dropped,
                changes,
                ledger.violations.get(),
                List.copyOf(ledger.firstViolations));
    }

    private static void send(
            Graph graph,
            Socket socket,
            AtomicBoolean running,
            AtomicLong nextSeq,
            AtomicLong sent,
            AtomicLong refused) {
        String[] hooks = {"h0", "h1", "h2"};
        int round = 0;
        while (running.get()) {
            long seq = nextSeq.getAndIncrement();
            if (seq >= MAX_PACKETS) {
                return;
            }
            Packet packet = graph.allocate();
            packet.setData(new byte[] {1, 2, 3, 4}, 0, 4);
            packet.setTag(PacketTags.SEQUENCE, seq);
            sent.incrementAndGet();
            Errno result = socket.sendData(hooks[round++ % hooks.length], packet);
            if (result == Errno.EHOSTUNREACH) {
                refused.incrementAndGet();
            }
        }
    }

    /** Rewires the graph at random for {@code millis}; returns how many changes succeeded. */
    private static long mutate(Socket socket, long millis, Random random) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long changes = 0;
        while (System.nanoTime() < deadline) {
            String hook = "h" + random.nextInt(3);
            try {
                switch (random.nextInt(6)) {
                    case 0 -> socket.mkpeer(".", "relay", hook, "in");
                    case 1 -> socket.mkpeer(".:" + hook, "probe", "out", "in");
                    case 2 -> socket.rmhook(".", hook);
                    case 3 -> socket.shutdown(".:" + hook);
                    case 4 -> socket.mkpeer(".", "probe", hook, "in");
                    default -> socket.rmhook(".:" + hook, "out");
                }
                changes++;
            } catch (NgException expected) {
                // Refusals (hook taken, no such node) are part of random churn.
            }
        }
        return changes;
    }

    private static long awaitAccounting(Graph graph, Socket socket, Ledger ledger, long sent, AtomicLong refused)
            throws InterruptedException {
        long dropped = 0;
        for (int attempt = 0; attempt < 500; attempt++) {
            dropped = refused.get() + ledger.typeDrops.get() + frameworkDrops(socket.node());
            for (Node node : ledger.nodes) {
                dropped += frameworkDrops(node);
            }
            if (ledger.deliveries.get() + dropped == sent) {
                return dropped;
            }
            Thread.sleep(10);
            graph.sync();
        }
        return dropped;
    }

    private static long frameworkDrops(Node node) {
        long total = 0;
        for (DropReason reason : DropReason.values()) {
            total += node.drops(reason);
        }
        return total;
    }
}
