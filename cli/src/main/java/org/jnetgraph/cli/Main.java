package org.jnetgraph.cli;

import java.io.PrintStream;
import java.util.Arrays;

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
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line, writing to the given streams; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? EX_USAGE : EX_OK;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "demo" -> new DemoCommand(out, err).run(rest);
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
        stream.println("  demo    push packets through a small graph while it is rewired, in both sync modes");
        stream.println("  test    (launcher script) build and run the whole test suite");
        stream.println();
        stream.println("Run 'jnetgraph <command> --help' for a command's options.");
    }
}
