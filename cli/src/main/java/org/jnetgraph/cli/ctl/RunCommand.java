package org.jnetgraph.cli.ctl;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jnetgraph.DropReason;
import org.jnetgraph.Graph;
import org.jnetgraph.Hook;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Node;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.jnetgraph.parse.StructValue;
import org.jnetgraph.types.PcapReadType;

/**
 * {@code jnetgraph run [--mode epoch|lock] [--dot FILE] SCRIPT}: builds a graph from an ngctl script, starts every
 * {@code pcapread} source the script left idle, shows a progress line on a terminal, and when the sources are done
 * (or on Ctrl-C) prints every node's and hook's counters, then shuts every node down so that writers flush and
 * close their files.
 *
 * <p>Exit status: 0 when the script ran and every source finished cleanly; 64 on a usage error; 66 when the script
 * cannot be read; 71 when a script line failed (the graph is torn down, never left half-built) or a source reported
 * an error (a missing or corrupt capture: the frames before the damage were still delivered).
 *
 * <p>Threading: runs on the calling thread; a shutdown hook stops the sources on Ctrl-C.
 */
public final class RunCommand {
    private static final int EX_OK = 0;
    private static final int EX_USAGE = 64;
    private static final int EX_NOINPUT = 66;
    private static final int EX_FAILURE = 71;
    private static final long POLL_MILLIS = 200;

    private final PrintStream out;
    private final PrintStream err;
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
    private SyncMode mode = SyncMode.EPOCH;
    private String dotFile;
    private String script;

    private RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        RunCommand command = new RunCommand(out, err);
        try {
            if (!command.parse(args)) {
                usage(out);
                return EX_OK;
            }
        } catch (IllegalArgumentException e) {
            err.println("jnetgraph run: " + e.getMessage());
            usage(err);
            return EX_USAGE;
        }
        return command.execute();
    }

    private static void usage(PrintStream stream) {
        stream.println("usage: jnetgraph run [--mode epoch|lock] [--dot FILE] SCRIPT");
        stream.println("  Builds the graph SCRIPT describes (ngctl commands), starts its pcapread sources, and prints");
        stream.println("  every node's and hook's counters when they are done (or on Ctrl-C).");
    }

    private boolean parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    return false;
                }
                case "--mode" -> mode = parseMode(value(args, ++i, "--mode"));
                case "--dot" -> dotFile = value(args, ++i, "--dot");
                default -> {
                    if (args[i].startsWith("-") || script != null) {
                        throw new IllegalArgumentException("unexpected argument \"" + args[i] + "\"");
                    }
                    script = args[i];
                }
            }
        }
        if (script == null) {
            throw new IllegalArgumentException("no script given");
        }
        return true;
    }

    private static SyncMode parseMode(String text) {
        return switch (text) {
            case "epoch" -> SyncMode.EPOCH;
            case "lock" -> SyncMode.LOCK;
            default -> throw new IllegalArgumentException("--mode must be epoch or lock, not \"" + text + "\"");
        };
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private int execute() {
        byte[] text;
        try {
            text = Files.readAllBytes(Path.of(script));
        } catch (NoSuchFileException e) {
            err.println("jnetgraph run: cannot read script \"" + script + "\": no such file");
            return EX_NOINPUT;
        } catch (IOException e) {
            err.println("jnetgraph run: cannot read script \"" + script + "\": " + e.getMessage());
            return EX_NOINPUT;
        }
        try (Graph graph = Graph.create(Graph.Options.defaults().withMode(mode))) {
            return runGraph(graph, text);
        }
    }

    private int runGraph(Graph graph, byte[] text) {
        Socket socket = graph.socket("ngctl" + ProcessHandle.current().pid());
        Ngctl ngctl = new Ngctl(graph, socket, out, err);
        CmdResult built = ngctl.readFile(new java.io.ByteArrayInputStream(text), e -> err.println(e.getMessage()));
        if (built != CmdResult.OK && built != CmdResult.QUIT) {
            err.println("jnetgraph run: the graph of \"" + script + "\" was not built; tearing it down");
            teardown(graph, socket);
            return EX_FAILURE;
        }
        Thread hook = Thread.ofPlatform().unstarted(this::onInterrupt);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<Node> sources = startSources(graph, socket);
            boolean clean = waitForSources(graph, socket, sources);
            report(graph);
            writeDot(ngctl);
            teardown(graph, socket);
            return clean ? EX_OK : EX_FAILURE;
        } catch (NgException e) {
            err.println("jnetgraph run: " + e.getMessage() + ": " + e.errno().strerror());
            teardown(graph, socket);
            return EX_FAILURE;
        } finally {
            finished.countDown();
            removeHook(hook);
        }
    }

    /** Ctrl-C: stop the sources, and let the main thread print the summary and close the files before exiting. */
    private void onInterrupt() {
        interrupted.set(true);
        try {
            finished.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting (Ctrl-C): the hook has run.
        }
    }

    private static List<Node> startSources(Graph graph, Socket socket) {
        List<Node> sources = new ArrayList<>();
        for (Node node : graph.nodes()) {
            if (node.type().name().equals("pcapread")) {
                sources.add(node);
                if (state(socket, node).equals("idle")) {
                    socket.send(node.address(), Message.request(PcapReadType.COOKIE, PcapReadType.START, "start"));
                }
            }
        }
        return sources;
    }

    private static StructValue stats(Socket socket, Node node) {
        Message request = Message.request(PcapReadType.COOKIE, PcapReadType.GET_STATS, "getstats");
        return StructValue.decode(
                PcapReadType.STATS,
                socket.request(node.address(), request).message().data());
    }

    private static String state(Socket socket, Node node) {
        return stats(socket, node).getString("state");
    }

    /** Waits until no source is running; returns false when one failed or the run was interrupted. */
    private boolean waitForSources(Graph graph, Socket socket, List<Node> sources) {
        boolean terminal = System.console() != null;
        long started = System.nanoTime();
        while (!interrupted.get()) {
            long frames = 0;
            long octets = 0;
            boolean running = false;
            for (Node source : sources) {
                StructValue stats = stats(socket, source);
                frames += stats.getLong("frames");
                octets += stats.getLong("octets");
                running |= stats.getString("state").equals("running");
            }
            if (terminal) {
                double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
                err.printf(Locale.ROOT, "\r%d packets, %d bytes, %.0f packets/s   ", frames, octets, frames / seconds);
            }
            if (!running) {
                break;
            }
            pause();
        }
        if (terminal) {
            err.println();
        }
        return checkSources(socket, sources);
    }

    private boolean checkSources(Socket socket, List<Node> sources) {
        boolean clean = !interrupted.get();
        for (Node source : sources) {
            StructValue stats = stats(socket, source);
            String error = stats.getString("error");
            if (!error.isEmpty() || stats.getString("state").equals("failed")) {
                err.println("jnetgraph run: source " + name(source) + " " + error);
                clean = false;
            }
            if (interrupted.get()) {
                socket.send(source.address(), Message.request(PcapReadType.COOKIE, PcapReadType.STOP, "stop"));
            }
        }
        graphSync(socket);
        return clean;
    }

    private static void graphSync(Socket socket) {
        socket.graph().sync();
    }

    private void report(Graph graph) {
        graph.sync();
        out.println("Node                 Type       Hook         In packets     In bytes   Out packets    Out bytes");
        for (Node node : graph.nodes()) {
            reportNode(node);
        }
    }

    private void reportNode(Node node) {
        String label = name(node);
        List<Hook> hooks = node.hooks();
        if (hooks.isEmpty()) {
            out.printf(Locale.ROOT, "%-20s %-10s %-12s%n", label, node.type().name(), "-");
        }
        for (Hook hook : hooks) {
            out.printf(
                    Locale.ROOT,
                    "%-20s %-10s %-12s %10d %12d %13d %12d%n",
                    label,
                    node.type().name(),
                    hook.name(),
                    hook.inPackets(),
                    hook.inOctets(),
                    hook.outPackets(),
                    hook.outOctets());
            label = "";
        }
        for (DropReason reason : DropReason.values()) {
            if (node.drops(reason) > 0) {
                out.printf(
                        Locale.ROOT,
                        "%-20s   dropped %d: %s%n",
                        "",
                        node.drops(reason),
                        reason.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
    }

    private static String name(Node node) {
        return node.name().isEmpty() ? node.address() : node.name() + ":";
    }

    private void writeDot(Ngctl ngctl) {
        if (dotFile != null && ngctl.doParseCommand("dot " + dotFile) != CmdResult.OK) {
            err.println("jnetgraph run: could not write " + dotFile);
        }
    }

    /** Shuts every node down (writers flush and close their files), then waits for the teardown. */
    private static void teardown(Graph graph, Socket socket) {
        for (Node node : graph.nodes()) {
            if (node != socket.node()) {
                try {
                    socket.shutdown(node.address());
                } catch (NgException alreadyGone) {
                    // A neighbour's shutdown took it first (a node that dies with its last hook).
                }
            }
        }
        graph.sync();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
