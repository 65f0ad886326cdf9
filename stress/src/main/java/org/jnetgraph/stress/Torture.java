package org.jnetgraph.stress;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.jnetgraph.DropReason;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Hook;
import org.jnetgraph.NgException;
import org.jnetgraph.Node;
import org.jnetgraph.Packet;
import org.jnetgraph.PacketTags;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;

/**
 * The torture run, in the spirit of rcutorture: sender threads push uniquely numbered packets through relays whose
 * downstream side mutator threads rewire at random (mkpeer, rmhook, shutdown, name, make-before-break swaps), while a
 * staller thread holds long read sections on purpose. At the end every check is exact:
 * <ul>
 *   <li>sent = delivered + dropped, with every drop counted under a documented reason;</li>
 *   <li>no packet delivered twice;</li>
 *   <li>no packet delivered to a node whose shutdown method started, or through a hook whose disconnect started;</li>
 *   <li>the stable path (a link nobody touches) loses nothing, and a relay drops only after a destructive change
 *       to it (a drop reason that was true at the time);</li>
 *   <li>grace periods keep completing, and the teardown backlog stays bounded.</li>
 * </ul>
 *
 * <p>Threading: {@link #run} blocks the caller for the run's duration and starts its own threads.
 */
public final class Torture {
    /**
     * Packets a run may number: the delivery bitmap holds one bit per packet, at most 2^33 bits (1 GiB). A run
     * longer than the senders need to reach that stops sending there and keeps rewiring; the checks still hold.
     */
    private static final long PACKETS_PER_SECOND_BOUND = 40_000_000L;

    private static final long STALL_NANOS = 50_000_000L;
    private static final long BACKLOG_BOUND = 65_536;
    private static final long STUCK_SECONDS = 10;

    /**
     * How to torture.
     *
     * @param seconds how long to run
     * @param senders sender threads
     * @param mutators mutator threads
     * @param relays relays between the socket and the churned probes
     * @param seed the seed of the mutators' choices
     * @param mode the synchronization mode
     * @param stall whether a thread holds long read sections on purpose
     */
    public record Options(
            double seconds, int senders, int mutators, int relays, long seed, SyncMode mode, boolean stall) {}

    /**
     * What a run saw.
     *
     * @param sent packets sent
     * @param delivered packets delivered to probes
     * @param dropped packets dropped, each with a counted reason
     * @param changes topology changes that succeeded
     * @param gracePeriods grace periods completed
     * @param breaches invariant breaches (0 when the run passed)
     * @param firstBreaches the first few breaches, described
     */
    public record Result(
            long sent,
            long delivered,
            long dropped,
            long changes,
            long gracePeriods,
            long breaches,
            List<String> firstBreaches) {
        /** Whether every check held. */
        public boolean passed() {
            return breaches == 0;
        }
    }

    private final Options options;
    private final PrintStream out;
    private final long maxPackets;
    private final Ledger ledger;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong stableSent = new AtomicLong();
    private final AtomicLong refusedAtSocket = new AtomicLong();
    private final AtomicLong nextSeq = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicIntegerArray disturbed;

    /** A torture run with these options, printing its progress and summary to {@code out}. */
    public Torture(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.maxPackets = Math.min(1L << 33, (long) Math.ceil(options.seconds()) * PACKETS_PER_SECOND_BOUND);
        this.ledger = new Ledger(maxPackets);
        this.disturbed = new AtomicIntegerArray(options.relays());
    }

    /** Runs the torture and prints the summary. Blocks for the run's duration. */
    public Result run() throws InterruptedException {
        try (Graph graph = Graph.create(Graph.Options.defaults().withMode(options.mode()))) {
            graph.addType(new TortureTypes.Probe(ledger));
            graph.addType(new TortureTypes.Relay(ledger));
            Socket socket = graph.socket("torture");
            Node stable = build(socket);
            List<Thread> threads = startThreads(graph, socket);
            long stuckGraceChecks = watchGracePeriods(graph);
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
            graph.sync();
            Result result = verify(graph, socket, stable, stuckGraceChecks);
            print(graph, result);
            return result;
        }
    }

    /** torture:sN -> trelay rN -> tprobe (churned); torture:st -> tprobe "stable" (never touched). */
    private Node build(Socket socket) {
        for (int i = 0; i < options.relays(); i++) {
            socket.mkpeer(".", "trelay", "s" + i, "in");
            socket.name(".:s" + i, "r" + i);
            socket.mkpeer("r" + i + ":", "tprobe", "out", "in");
        }
        socket.mkpeer(".", "tprobe", "st", "in");
        socket.name(".:st", "stable");
        return socket.graph().node("stable:");
    }

    private List<Thread> startThreads(Graph graph, Socket socket) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.senders(); i++) {
            threads.add(Thread.ofPlatform().name("torture-sender-" + i).start(() -> sendLoop(graph, socket)));
        }
        for (int i = 0; i < options.mutators(); i++) {
            Random random = new Random(options.seed() + i);
            int first = i;
            threads.add(
                    Thread.ofPlatform().name("torture-mutator-" + i).start(() -> mutateLoop(socket, random, first)));
        }
        if (options.stall()) {
            threads.add(Thread.ofPlatform().name("torture-staller").start(() -> stallLoop(graph, socket)));
        }
        return threads;
    }

    private void sendLoop(Graph graph, Socket socket) {
        int relays = options.relays();
        Hook[] hooks = new Hook[relays + 1];
        for (int i = 0; i < relays; i++) {
            hooks[i] = socket.node().hook("s" + i);
        }
        hooks[relays] = socket.node().hook("st");
        int round = 0;
        while (running.get()) {
            long seq = nextSeq.getAndIncrement();
            if (seq >= maxPackets) {
                return;
            }
            int which = round++ % hooks.length;
            sendOne(graph, hooks[which], seq, which == relays, 0);
        }
    }

    private void sendOne(Graph graph, Hook hook, long seq, boolean stablePath, long hold) {
        Packet packet = graph.allocate();
        packet.setLength(64);
        packet.setTag(PacketTags.SEQUENCE, seq);
        if (hold > 0) {
            packet.setTag(TortureTypes.STALL_TAG, hold);
        }
        sent.incrementAndGet();
        if (stablePath) {
            stableSent.incrementAndGet();
        }
        Errno result = hook.send(packet);
        if (stablePath && result != Errno.OK) {
            ledger.breach("send on the stable path failed with " + result);
        }
    }

    /** Holds a read section for 50 ms every 200 ms, so that grace periods must wait and the backlog grows. */
    private void stallLoop(Graph graph, Socket socket) {
        Hook stable = socket.node().hook("st");
        while (running.get()) {
            long seq = nextSeq.getAndIncrement();
            if (seq >= maxPackets) {
                return;
            }
            sendOne(graph, stable, seq, true, STALL_NANOS);
            pause(200);
        }
    }

    private void mutateLoop(Socket socket, Random random, int index) {
        while (running.get()) {
            int relay = random.nextInt(options.relays());
            if (relay % options.mutators() != index) {
                continue;
            }
            try {
                mutate(socket, random, relay);
                changes.incrementAndGet();
            } catch (NgException refused) {
                // A refusal (the hook already exists, a node is gone) is a normal outcome of random churn.
            }
            if (random.nextInt(64) == 0) {
                pause(1);
            }
        }
    }

    private void mutate(Socket socket, Random random, int relay) {
        String node = "r" + relay + ":";
        String target = socket.graph().node(node).hooks().stream()
                .map(Hook::name)
                .filter(name -> name.equals("out") || name.equals("next"))
                .findFirst()
                .orElse("out");
        String spare = target.equals("out") ? "next" : "out";
        switch (random.nextInt(6)) {
            case 0, 1 -> swap(socket, node, spare);
            case 2 -> {
                disturbed.incrementAndGet(relay);
                socket.rmhook(node, target);
            }
            case 3 -> {
                disturbed.incrementAndGet(relay);
                socket.shutdown(node + target);
            }
            case 4 -> socket.mkpeer(node, "tprobe", target, "in");
            default -> socket.name(node + target, "p" + relay + "x" + random.nextInt(4));
        }
    }

    /** Make-before-break: a new probe on the spare hook, traffic switched to it, then the old one removed. */
    private void swap(Socket socket, String node, String spare) {
        socket.mkpeer(node, "tprobe", spare, "in");
        socket.send(node, TortureTypes.setTarget(spare));
        socket.rmhook(node, spare.equals("out") ? "next" : "out");
    }

    /**
     * Samples grace-period progress once a second while the run lasts; returns the longest run of consecutive
     * samples in which topology changes waited for teardown but no grace period completed. Liveness, not speed: a
     * loaded machine may starve the reclaimer for a few seconds, a stuck grace period never ends.
     */
    private long watchGracePeriods(Graph graph) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (options.seconds() * 1e9);
        long stuck = 0;
        long longest = 0;
        long lastGrace = graph.gracePeriods();
        long lastChanges = changes.get();
        while (System.nanoTime() < deadline) {
            Thread.sleep(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            long grace = graph.gracePeriods();
            long changed = changes.get();
            boolean waiting = grace == lastGrace && changed > lastChanges + 10 && options.mode() == SyncMode.EPOCH;
            stuck = waiting ? stuck + 1 : 0;
            longest = Math.max(longest, stuck);
            lastGrace = grace;
            lastChanges = changed;
        }
        return longest;
    }

    private Result verify(Graph graph, Socket socket, Node stable, long stuckGraceChecks) throws InterruptedException {
        long dropped = awaitBalance(graph, socket);
        if (ledger.deliveries.get() + dropped != sent.get()) {
            ledger.breach("sent " + sent.get() + " != delivered " + ledger.deliveries.get() + " + dropped " + dropped);
        }
        checkStablePath(socket, stable);
        checkRelayDrops(graph);
        if (stuckGraceChecks >= STUCK_SECONDS) {
            ledger.breach("no grace period completed for " + stuckGraceChecks + " seconds in a row");
        }
        if (graph.teardownBacklogHighWater() > BACKLOG_BOUND) {
            ledger.breach("teardown backlog reached " + graph.teardownBacklogHighWater());
        }
        return new Result(
                sent.get(),
                ledger.deliveries.get(),
                dropped,
                changes.get(),
                graph.gracePeriods(),
                ledger.breaches.get(),
                List.copyOf(ledger.firstBreaches));
    }

    /** Waits (a bounded time) until queued packets are all delivered or dropped; returns the drops counted. */
    private long awaitBalance(Graph graph, Socket socket) throws InterruptedException {
        long dropped = 0;
        for (int attempt = 0; attempt < 1000; attempt++) {
            dropped = refusedAtSocket.get() + ledger.typeDrops.get() + drops(socket.node());
            for (Node node : ledger.nodes) {
                dropped += drops(node);
            }
            if (ledger.deliveries.get() + dropped >= sent.get()) {
                return dropped;
            }
            Thread.sleep(10);
            graph.sync();
        }
        return dropped;
    }

    private void checkStablePath(Socket socket, Node stable) {
        long lost = drops(stable)
                + socket.node().hook("st").outPackets()
                - stable.hook("in").inPackets();
        if (drops(stable) != 0 || lost != 0) {
            ledger.breach("the stable path lost " + lost + " packets with nobody touching it");
        }
        if (stable.hook("in").inPackets() != stableSent.get()) {
            ledger.breach("stable path: sent " + stableSent.get() + ", arrived "
                    + stable.hook("in").inPackets());
        }
    }

    private void checkRelayDrops(Graph graph) {
        for (int i = 0; i < options.relays(); i++) {
            Node relay = graph.node("r" + i + ":");
            long relayDrops =
                    drops(relay) + relay.methods(TortureTypes.Methods.class).relayDrops();
            if (relayDrops > 0 && disturbed.get(i) == 0) {
                ledger.breach("relay r" + i + " dropped " + relayDrops + " packets but nothing removed its target");
            }
        }
    }

    private static long drops(Node node) {
        long total = 0;
        for (DropReason reason : DropReason.values()) {
            total += node.drops(reason);
        }
        return total;
    }

    private void print(Graph graph, Result result) {
        out.printf(
                "torture: %s mode, %.0f s, %d senders, %d mutators, %d relays, seed %d%s%n",
                options.mode().name().toLowerCase(java.util.Locale.ROOT),
                options.seconds(),
                options.senders(),
                options.mutators(),
                options.relays(),
                options.seed(),
                options.stall() ? ", stalling reader" : "");
        out.printf("  sent %d = delivered %d + dropped %d%n", result.sent(), result.delivered(), result.dropped());
        out.printf(
                "  topology changes: %d; grace periods: %d; teardown backlog high-water: %d%n",
                result.changes(), result.gracePeriods(), graph.teardownBacklogHighWater());
        printHistogram(graph.graceLatencyHistogram());
        if (result.passed()) {
            out.println("  PASSED: 0 breaches");
            return;
        }
        out.println("  FAILED: " + result.breaches() + " breaches; replay with --seed " + options.seed());
        result.firstBreaches().forEach(breach -> out.println("    " + breach));
    }

    private void printHistogram(long[] buckets) {
        if (buckets.length == 0) {
            out.println("  grace-period latency: none (lock mode waits for readers inside each change)");
            return;
        }
        long total = Arrays.stream(buckets).sum();
        out.println("  grace-period latency (" + total + " grace periods):");
        for (int k = 0; k < buckets.length; k++) {
            if (buckets[k] > 0) {
                out.printf("    < %-10s %d%n", nanos(k == 0 ? 1 : 1L << k), buckets[k]);
            }
        }
    }

    private static String nanos(long value) {
        if (value >= 1_000_000_000L) {
            return value / 1_000_000_000L + " s";
        }
        if (value >= 1_000_000L) {
            return value / 1_000_000L + " ms";
        }
        return value >= 1_000L ? value / 1_000L + " us" : value + " ns";
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
