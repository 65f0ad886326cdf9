package org.jnetgraph.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jnetgraph.bench.BenchCommand;
import org.jnetgraph.cli.ctl.CtlCommand;
import org.jnetgraph.cli.ctl.RunCommand;
import org.jnetgraph.stress.TortureCommand;

/**
 * The {@code jnetgraph} launcher: dispatches to a subcommand and returns ngctl's exit codes (0 success, 64 usage,
 * 71 failure).
 *
 * <p>Threading: runs on the main thread.
 */
public final class Main {
    static final int EX_OK = 0;
    static final int EX_USAGE = 64;
    static final int EX_OSERR = 71;

    private Main() {}

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        PrintStream out = byteStream(FileDescriptor.out);
        PrintStream err = byteStream(FileDescriptor.err);
        int status = run(args, System.in, out, err, isTerminal());
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs the command line, reading from {@code in} and writing to the given streams; returns the exit status.
     *
     * @param terminal whether stdin and stdout are terminals (ctl's interactive mode needs both)
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? EX_USAGE : EX_OK;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "demo" -> new DemoCommand(out, err).run(rest);
            case "torture" -> TortureCommand.run(rest, out, err);
            case "run" -> RunCommand.run(rest, out, err);
            case "bench" -> BenchCommand.run(rest, out, err);
            case "ctl" ->
                new CtlCommand(in, out, err).interactive(terminal).run(CtlCommand.byteChars(rest, platform()));
            default -> {
                err.println("jnetgraph: unknown command \"" + args[0] + "\"");
                usage(err);
                yield EX_USAGE;
            }
        };
    }

    private static void usage(PrintStream stream) {
        stream.println("usage: jnetgraph <command> [options]");
        stream.println();
        stream.println("commands:");
        stream.println("  ctl     FreeBSD's ngctl on a graph of its own: build, inspect and message nodes");
        stream.println("  run     build a graph from an ngctl script, run its capture sources, print the counters");
        stream.println("  demo    push packets through a small graph while it is rewired, in both sync modes");
        stream.println("  bench   throughput and latency of epoch and lock mode, with and without topology churn");
        stream.println("  torture packets through a graph rewired at random, with exact accounting of every one");
        stream.println("  test    (launcher script) build and run the whole test suite");
        stream.println();
        stream.println("Run 'jnetgraph <command> --help' for a command's options.");
    }

    /** Standard output or error as bytes: ngctl's text is one char per byte, so it is written back the same way. */
    private static PrintStream byteStream(FileDescriptor fd) {
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(fd)), true, StandardCharsets.ISO_8859_1);
    }

    /** The charset the JVM decoded the command line with. */
    private static Charset platform() {
        String name = System.getProperty("sun.jnu.encoding");
        return name != null && Charset.isSupported(name) ? Charset.forName(name) : Charset.defaultCharset();
    }

    private static boolean isTerminal() {
        return System.console() != null && System.console().isTerminal();
    }
}
