package org.jnetgraph.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jnetgraph.DropReason;
import org.jnetgraph.Graph;
import org.jnetgraph.Hook;
import org.jnetgraph.Node;
import org.jnetgraph.Packet;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.jnetgraph.types.One2ManyType;

/**
 * One measured point of the churn benchmark: sender threads push packets through a chain of forwarders while a
 * mutator thread changes the topology next to the hot path at a set rate; the sink at the end counts packets and
 * records send-to-arrival latencies of every {@value #SAMPLE_EVERY}th packet.
 *
 * <p>The path, for a chain of N forwarders with {@code b = N / 2} of them before the switch:
 *
 * <pre>
 * bench:out -> c0 -> .. -> c(b-1) -> sw(one2many, failover) -manyK-> slot -> c(b) -> .. -> c(N-2) -> sink
 * </pre>
 *
 * <p>The mutator repeats a cycle of nine changes, each one control request, on the forwarders in turn ({@link
 * #change}): a side branch (mkpeer, rmhook), a make-before-break replacement of the slot forwarder (mkpeer, connect,
 * setconfig, rmhook, shutdown) and two renames. The switch's failover sends every packet through exactly one slot
 * forwarder, old or new, so the switch is atomic for the data.
 *
 * <p>Threading: {@link #run} runs on the calling thread and starts the senders and the mutator; not reentrant.
 */
final class ChurnRun {
    /** Every this many packets a sender stamps one with its send time. */
    static final int SAMPLE_EVERY = 64;

    /** Changes in one mutator cycle: side mkpeer and rmhook, two renames, five for a replacement. */
    static final int CYCLE = 9;

    /**
     * What to run.
     *
     * @param mode the graph's synchronization mode
     * @param chain forwarders on the path (at least 1)
     * @param size packet payload in bytes
     * @param threads sender threads
     * @param warmupSeconds seconds run before measuring (senders and mutator already going)
     * @param seconds seconds measured
     * @param churnRate topology changes per second; 0 for none
     */
    record Settings(
            SyncMode mode, int chain, int size, int threads, double warmupSeconds, double seconds, int churnRate) {}

    /**
     * What one point measured.
     *
     * @param settings what was run
     * @param seconds the measured window, as timed
     * @param delivered packets that reached the sink in the window
     * @param latency send-to-arrival nanoseconds of the sampled packets that arrived in the window
     * @param changes topology changes completed in the window
     * @param sent packets sent over the whole run (warm-up included)
     * @param lost packets sent that did not reach the sink over the whole run (dropped, each with a reason)
     * @param changeFailures control requests of the mutator that failed
     * @param firstFailure the first such failure, or empty
     * @param gracePeriods grace periods (epoch) or write-lock hand-overs (lock) in the window
     * @param engineErrors exceptions thrown by node type code and caught by the graph
     * @param lostWhere where the lost packets were dropped and why, e.g. {@code switch NOT_CONNECTED=3}
     * @param syncWaits how long the mutator's {@link Graph#sync()} after each switch took, in nanoseconds
     */
    record Result(
            Settings settings,
            double seconds,
            long delivered,
            Histogram latency,
            long changes,
            long sent,
            long lost,
            long changeFailures,
            String firstFailure,
            long gracePeriods,
            long engineErrors,
            String lostWhere,
            Histogram syncWaits) {
        double packetsPerSecond() {
            return delivered / seconds;
        }

        double bitsPerSecond() {
            return packetsPerSecond() * settings.size() * 8.0;
        }

        double changesPerSecond() {
            return changes / seconds;
        }
    }

    private final Settings settings;
    private final Recorder latencies = new Recorder(1, SinkType.MAX_LATENCY_NANOS, 3);
    private final Recorder syncWaits = new Recorder(1, SinkType.MAX_LATENCY_NANOS, 3);
    private final LongAdder sent = new LongAdder();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong changeFailures = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>("");
    private volatile boolean running = true;

    private Graph graph;
    private Socket socket;
    private Node sw;
    private Node slot;
    private Node afterSlot;
    private int slotLink;
    private Node fresh;
    private final List<Node> forwarders = new ArrayList<>();
    /** The last retired slot forwarders (their drops may still change); older ones are folded into the tally. */
    private final List<Node> retired = new ArrayList<>();

    private final java.util.Map<String, Long> retiredDrops = new java.util.TreeMap<>();

    private ChurnRun(Settings settings) {
        this.settings = settings;
    }

    /** Runs one point and returns what it measured. */
    static Result run(Settings settings) throws InterruptedException {
        return new ChurnRun(settings).measure();
    }

    private Result measure() throws InterruptedException {
        AtomicReference<String> engineError = new AtomicReference<>("");
        Graph.Options options = Graph.Options.defaults()
                .withMode(settings.mode())
                .withErrorHandler((node, error) -> engineError.compareAndSet("", node + ": " + error));
        try (Graph g = Graph.create(options)) {
            graph = g;
            graph.addType(new ForwardType());
            graph.addType(new SinkType(latencies));
            socket = graph.socket("bench");
            SinkType.Sink sink = build();
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < settings.threads(); i++) {
                senders.add(Thread.ofPlatform().name("bench-sender-" + i).start(this::send));
            }
            Thread mutator = settings.churnRate() > 0
                    ? Thread.ofPlatform().name("bench-mutator").start(this::mutate)
                    : null;
            try {
                sleep(settings.warmupSeconds());
                long delivered0 = sink.arrived();
                long changes0 = changes.get();
                long grace0 = graph.gracePeriods();
                latencies.reset();
                syncWaits.reset();
                long t0 = System.nanoTime();
                sleep(settings.seconds());
                long delivered1 = sink.arrived();
                long changes1 = changes.get();
                long grace1 = graph.gracePeriods();
                Histogram window = latencies.getIntervalHistogram();
                Histogram waits = syncWaits.getIntervalHistogram();
                long t1 = System.nanoTime();
                running = false;
                joinAll(senders, mutator);
                graph.sync();
                long lost = sent.sum() - sink.arrived();
                return new Result(
                        settings,
                        (t1 - t0) / 1e9,
                        delivered1 - delivered0,
                        window,
                        changes1 - changes0,
                        sent.sum(),
                        lost,
                        changeFailures.get(),
                        firstFailure.get().isEmpty() ? engineError.get() : firstFailure.get(),
                        grace1 - grace0,
                        graph.errors(),
                        lostWhere(),
                        waits);
            } finally {
                running = false;
                joinAll(senders, mutator);
            }
        }
    }

    /** Builds the path; returns the sink's methods. */
    private SinkType.Sink build() {
        int before = settings.chain() / 2;
        String at = ".";
        for (int i = 0; i < before; i++) {
            at = link(at, "out", ForwardType.NAME, "in", "c" + i);
            forwarders.add(graph.node(at));
        }
        at = link(at, "out", "one2many", "one", "sw");
        sw = graph.node(at);
        socket.send(at, Topologies.one2manyConfig(One2ManyType.XMIT_FAILOVER));
        at = link(at, "many0", ForwardType.NAME, "in", "slot");
        slot = graph.node(at);
        forwarders.add(slot);
        String inHook = "in0";
        for (int i = before; i < settings.chain() - 1; i++) {
            at = link(at, "out", ForwardType.NAME, inHook, "c" + i);
            forwarders.add(graph.node(at));
            if (afterSlot == null) {
                afterSlot = graph.node(at);
            }
            inHook = "in";
        }
        at = link(at, "out", SinkType.NAME, inHook, "sink");
        Node sinkNode = graph.node(at);
        if (afterSlot == null) {
            afterSlot = sinkNode;
        }
        return sinkNode.methods(SinkType.Sink.class);
    }

    /** mkpeer a node of {@code type} on hook {@code hook} of the node at {@code at}, names it; returns its path. */
    private String link(String at, String hook, String type, String peerHook, String name) {
        socket.mkpeer(at, type, hook, peerHook);
        socket.name(Topologies.peer(at, hook), name);
        return name + ":";
    }

    /**
     * Remembers a retired slot forwarder; the one retired two replacements earlier has finished its teardown by now
     * (its grace period was waited for since), so its drops are final: they go into the tally and the node is let
     * go, so that a long run does not keep thousands of dead nodes reachable.
     */
    private void retire(Node old) {
        retired.add(old);
        if (retired.size() > 2) {
            tally(retired.removeFirst(), "old slot", retiredDrops);
        }
    }

    private static void tally(Node node, String place, java.util.Map<String, Long> counts) {
        for (DropReason reason : DropReason.values()) {
            long n = node.drops(reason);
            if (n > 0) {
                counts.merge(place + " " + reason, n, Long::sum);
            }
        }
        if (node.type().name().equals(ForwardType.NAME)) {
            long unrouted = node.methods(ForwardType.Forwarder.class).unrouted();
            if (unrouted > 0) {
                counts.merge(place + " UNROUTED", unrouted, Long::sum);
            }
        }
    }

    /** Drops counted on the path's nodes (the retired slot forwarders included), by place and reason. */
    private String lostWhere() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>(retiredDrops);
        List<Node> live = new ArrayList<>(forwarders);
        live.add(sw);
        live.addAll(retired);
        live.add(socket.node());
        for (Node node : live) {
            String place = node == sw
                    ? "switch"
                    : node == socket.node() ? "socket" : retired.contains(node) ? "old slot" : "forwarder";
            tally(node, place, counts);
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((key, n) ->
                text.append(text.isEmpty() ? "" : ", ").append(key).append('=').append(n));
        return text.toString();
    }

    // ---------------------------------------------------------------- senders

    private void send() {
        Hook out = socket.node().hook(Topologies.OUT);
        byte[] payload = new byte[settings.size()];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        long count = 0;
        try {
            while (running) {
                Packet packet = graph.allocate();
                packet.setData(payload, 0, payload.length);
                if ((count++ & (SAMPLE_EVERY - 1)) == 0) {
                    packet.setTag(SinkType.STAMP_TAG, System.nanoTime());
                }
                out.send(packet);
            }
        } catch (RuntimeException | Error e) {
            firstFailure.compareAndSet("", "sender " + Thread.currentThread().getName() + ": " + e);
            throw e;
        } finally {
            sent.add(count);
        }
    }

    // ---------------------------------------------------------------- mutator

    /** Does changes at the set rate; when it cannot keep up it runs flat out and the achieved rate shows it. */
    private void mutate() {
        double perNano = settings.churnRate() / 1e9;
        long maxBacklog = Math.max(CYCLE, settings.churnRate() / 10);
        long start = System.nanoTime();
        long paced = 0;
        long step = 0;
        while (running) {
            long due = (long) ((System.nanoTime() - start) * perNano);
            if (due - paced > maxBacklog) {
                paced = due - maxBacklog;
            }
            if (paced < due) {
                int done = change(step++);
                paced += done;
                changes.addAndGet(done);
            } else {
                long wait = (long) ((paced + 1 - due) / perNano);
                LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(1)));
            }
        }
    }

    /**
     * One step of the cycle, one control request; returns the number of changes made (1). The cycle, on forwarder
     * {@code k} of the path and the slot forwarder {@code X} behind the switch:
     *
     * <ol start="0">
     *   <li>mkpeer the new forwarder {@code Y} on the node after the slot (Y's {@code out} into its spare input);
     *   <li>connect the switch's spare link to Y's {@code in};
     *   <li>setconfig the switch to Y's link only: the switch, one snapshot store, atomic for the data;
     *   <li>mkpeer a hole on {@code k}'s hook {@code side} (a side branch);
     *   <li>rmhook it: its teardown waits for a grace period that began after the switch;
     *   <li>rename {@code k};
     *   <li>rename it back;
     *   <li>wait ({@link Graph#sync()}) until the side branch's teardown ran, so that no packet routed by the old
     *       configuration is still in flight, then rmhook the switch's link to X: nothing can be on it any more;
     *   <li>shut X down.
     * </ol>
     *
     * <p>Without the wait in step 7 the unlink could catch a packet that read the old configuration just before the
     * switch (measured: about one replacement in 24 lost a packet at 10,000 changes/s): epoch mode lets data run
     * on while the topology changes, so a lossless make-before-break needs a grace period between the switch and the
     * unlink. The engine has no public call that waits for one, so the bench retires a teardown of its own (the
     * side branch) after the switch and waits for it, two renames later so that the grace period overlaps them.
     */
    private int change(long step) {
        int phase = (int) (step % CYCLE);
        Node node = forwarders.get((int) ((step / CYCLE) % forwarders.size()));
        String at = node.address();
        int next = 1 - slotLink;
        try {
            switch (phase) {
                case 0 -> {
                    fresh = null;
                    socket.mkpeer(afterSlot.address(), ForwardType.NAME, "in" + next, "out");
                    fresh = graph.node(afterSlot.address() + "in" + next);
                }
                // From the switch's side: connect makes the relpath node's hook valid first and the origin's last,
                // so the switch cannot see its new link valid while the new forwarder's end is still being built.
                case 1 -> socket.connect(sw.address(), fresh.address(), "many" + next, "in");
                case 2 -> socket.send(sw.address(), Topologies.one2manyConfig(One2ManyType.XMIT_FAILOVER, next));
                case 3 -> socket.mkpeer(at, "hole", "side", "in");
                case 4 -> socket.rmhook(at, "side");
                case 5 -> socket.name(at, "r" + Integer.toHexString(node.id()));
                case 6 -> socket.name(at, "n" + Integer.toHexString(node.id()));
                case 7 -> {
                    long t0 = System.nanoTime();
                    graph.sync();
                    syncWaits.recordValue(Math.max(1, Math.min(System.nanoTime() - t0, SinkType.MAX_LATENCY_NANOS)));
                    socket.rmhook(sw.address(), "many" + slotLink);
                }
                default -> {
                    Node old = slot;
                    retire(old);
                    forwarders.set(forwarders.indexOf(old), fresh);
                    slot = fresh;
                    slotLink = next;
                    socket.shutdown(old.address());
                }
            }
        } catch (RuntimeException e) {
            fail(e);
        }
        return 1;
    }

    private void fail(RuntimeException e) {
        changeFailures.incrementAndGet();
        firstFailure.compareAndSet("", e.toString());
    }

    // ---------------------------------------------------------------- helpers

    private static void sleep(double seconds) throws InterruptedException {
        long nanos = (long) (seconds * 1e9);
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static void joinAll(List<Thread> senders, Thread mutator) throws InterruptedException {
        for (Thread sender : senders) {
            sender.join();
        }
        if (mutator != null) {
            mutator.join();
        }
    }
}
