package org.jnetgraph.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jnetgraph.DropReason;
import org.jnetgraph.Graph;
import org.jnetgraph.Hook;
import org.jnetgraph.NgException;
import org.jnetgraph.Node;
import org.jnetgraph.Packet;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;

/**
 * {@code jnetgraph demo}: builds a small graph through the Java API (socket, tee, one2many, holes, a hub tapping back
 * into the socket), pushes packets into it from several threads while another thread keeps rewiring side branches,
 * and prints where every packet went, in each synchronization mode.
 *
 * <p>Threading: runs on the calling thread and starts its own sender and mutator threads.
 */
final class DemoCommand {
    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        double seconds = 2;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        List<SyncMode> modes = List.of(SyncMode.EPOCH, SyncMode.LOCK);
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        usage(out);
                        return Main.EX_OK;
                    }
                    case "--seconds" -> seconds = number(value(args, ++i, "--seconds"), "--seconds");
                    case "--threads" -> threads = (int) number(value(args, ++i, "--threads"), "--threads");
                    case "--mode" -> modes = modes(value(args, ++i, "--mode"));
                    default -> throw new IllegalArgumentException("unknown option \"" + args[i] + "\"");
                }
            }
            if (!(seconds >= 0.1 && seconds <= 3600) || threads < 1 || threads > 256) {
                throw new IllegalArgumentException("--seconds must be in [0.1, 3600] and --threads in [1, 256]");
            }
        } catch (IllegalArgumentException e) {
            err.println("jnetgraph demo: " + e.getMessage());
            usage(err);
            return Main.EX_USAGE;
        }
        for (SyncMode mode : modes) {
            int status = runMode(mode, seconds, threads);
            if (status != Main.EX_OK) {
                return status;
            }
        }
        return Main.EX_OK;
    }

    private static double number(String text, String option) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not \"" + text + "\"");
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static List<SyncMode> modes(String text) {
        return switch (text) {
            case "epoch" -> List.of(SyncMode.EPOCH);
            case "lock" -> List.of(SyncMode.LOCK);
            case "both" -> List.of(SyncMode.EPOCH, SyncMode.LOCK);
            default -> throw new IllegalArgumentException("--mode must be epoch, lock or both, not \"" + text + "\"");
        };
    }

    private static void usage(PrintStream stream) {
        stream.println("usage: jnetgraph demo [--mode epoch|lock|both] [--seconds S] [--threads T]");
    }

    private int runMode(SyncMode mode, double seconds, int threads) {
        try (Graph graph = Graph.create(Graph.Options.defaults().withMode(mode))) {
            Socket socket = graph.socket("demo");
            build(socket);
            LongAdder sent = new LongAdder();
            LongAdder tapped = new LongAdder();
            socket.onData((hook, packet) -> {
                tapped.increment();
                packet.free();
            });
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> senders = startSenders(graph, socket, threads, running, sent);
            List<Node> seen = new ArrayList<>(graph.nodes());
            List<Hook> holeHooks = new ArrayList<>();
            for (Node node : seen) {
                if (node.type().name().equals("hole")) {
                    holeHooks.add(node.hook("in"));
                }
            }
            long started = System.nanoTime();
            long changes = churn(socket, (long) (seconds * 1e9), seen, holeHooks);
            running.set(false);
            joinAll(senders);
            double measured = (System.nanoTime() - started) / 1e9;
            graph.sync();
            return report(graph, mode, measured, sent.sum(), tapped.sum(), changes, seen, holeHooks);
        } catch (NgException | IllegalStateException e) {
            err.println("jnetgraph demo: " + e);
            return Main.EX_OSERR;
        }
    }

    /** demo:out -> tee -> one2many -> holes, tee copies -> hub -> demo:tap. */
    private static void build(Socket socket) {
        socket.mkpeer(".", "tee", "out", "left");
        socket.name(".:out", "tap");
        socket.mkpeer("tap:", "one2many", "right", "one");
        socket.name("tap:right", "spread");
        socket.mkpeer("spread:", "hole", "many0", "in");
        socket.mkpeer("spread:", "hole", "many1", "in");
        socket.mkpeer("tap:", "hub", "left2right", "in");
        socket.connect("tap:left2right", "demo:", "back", "tap");
    }

    private static List<Thread> startSenders(
            Graph graph, Socket socket, int threads, AtomicBoolean running, LongAdder sent) {
        List<Thread> senders = new ArrayList<>();
        byte[] frame = new byte[64];
        for (int i = 0; i < threads; i++) {
            senders.add(Thread.ofPlatform().name("demo-sender-" + i).start(() -> {
                Hook out = socket.node().hook("out");
                while (running.get()) {
                    Packet packet = graph.allocate();
                    packet.setData(frame, 0, frame.length);
                    out.send(packet);
                    sent.increment();
                }
            }));
        }
        return senders;
    }

    /** Adds and removes a third hole and renames a node, for the given time; remembers every node made. */
    private static long churn(Socket socket, long nanos, List<Node> seen, List<Hook> holeHooks) {
        long deadline = System.nanoTime() + nanos;
        long changes = 0;
        while (System.nanoTime() < deadline) {
            socket.mkpeer("spread:", "hole", "many2", "in");
            Node hole = socket.graph().node("spread:many2");
            seen.add(hole);
            holeHooks.add(hole.hook("in"));
            socket.rmhook("spread:", "many2");
            socket.name("spread:", "spread2");
            socket.name("spread2:", "spread");
            changes += 4;
        }
        return changes;
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Prints where every packet went; each one sent makes an original and a copy, and all must be found. */
    private int report(
            Graph graph,
            SyncMode mode,
            double seconds,
            long sent,
            long tapped,
            long changes,
            List<Node> seen,
            List<Hook> holeHooks) {
        long intoHoles = holeHooks.stream().mapToLong(Hook::inPackets).sum();
        long dropped = 0;
        for (Node node : seen) {
            for (DropReason reason : DropReason.values()) {
                dropped += node.drops(reason);
            }
        }
        out.printf(
                "%s mode: %d packets sent in %.1f s (%.2f Mpps) while the graph changed %d times%n",
                mode.name().toLowerCase(java.util.Locale.ROOT), sent, seconds, sent / seconds / 1e6, changes);
        out.printf("  originals into holes:   %d%n", intoHoles);
        out.printf("  copies back at socket:  %d%n", tapped);
        out.printf("  dropped with a reason:  %d%n", dropped);
        boolean balanced = intoHoles + tapped + dropped == 2 * sent;
        out.printf("  accounted for:          %s (holes + copies + drops = 2 x sent)%n", balanced ? "all" : "NOT ALL");
        String waits = mode == SyncMode.EPOCH ? "grace periods:        " : "write-lock hand-overs:";
        out.printf("  %s  %d; teardown backlog now %d%n", waits, graph.gracePeriods(), graph.teardownBacklog());
        if (graph.errors() > 0) {
            out.printf("  node type errors:       %d%n", graph.errors());
        }
        return balanced && graph.errors() == 0 ? Main.EX_OK : Main.EX_OSERR;
    }
}
