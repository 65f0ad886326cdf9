package org.jnetgraph.stress;

import java.io.PrintStream;
import java.util.Locale;
import org.jnetgraph.SyncMode;

/**
 * {@code jnetgraph torture [--seconds N] [--threads T] [--mutators M] [--relays R] [--seed S] [--mode epoch|lock]
 * [--no-stall]}: runs {@link Torture} and exits 0 when every check held, 71 on a breach (printing the seed to replay)
 * and 64 on a usage error.
 *
 * <p>Threading: runs on the calling thread.
 */
public final class TortureCommand {
    private static final int EX_OK = 0;
    private static final int EX_USAGE = 64;
    private static final int EX_FAILURE = 71;

    private TortureCommand() {}

    /** Runs the command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Torture.Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("jnetgraph torture: " + e.getMessage());
            usage(err);
            return EX_USAGE;
        }
        if (options == null) {
            usage(out);
            return EX_OK;
        }
        try {
            return new Torture(options, out).run().passed() ? EX_OK : EX_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("jnetgraph torture: interrupted");
            return EX_FAILURE;
        }
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    private static Torture.Options parse(String[] args) {
        int cores = Runtime.getRuntime().availableProcessors();
        double seconds = 10;
        int senders = Math.max(1, cores);
        int mutators = 1;
        int relays = 4;
        long seed = System.nanoTime() & 0xFFFF_FFFFL;
        SyncMode mode = SyncMode.EPOCH;
        boolean stall = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--seconds" -> seconds = Double.parseDouble(value(args, ++i, "--seconds"));
                case "--threads" -> senders = Integer.parseInt(value(args, ++i, "--threads"));
                case "--mutators" -> mutators = Integer.parseInt(value(args, ++i, "--mutators"));
                case "--relays" -> relays = Integer.parseInt(value(args, ++i, "--relays"));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                case "--mode" ->
                    mode = SyncMode.valueOf(value(args, ++i, "--mode").toUpperCase(Locale.ROOT));
                case "--no-stall" -> stall = false;
                default -> throw new IllegalArgumentException("unknown option \"" + args[i] + "\"");
            }
        }
        if (seconds <= 0 || senders < 1 || mutators < 1 || relays < mutators || relays > 1000) {
            throw new IllegalArgumentException(
                    "need --seconds > 0, --threads >= 1, 1 <= --mutators <= --relays <= 1000");
        }
        return new Torture.Options(seconds, senders, mutators, relays, seed, mode, stall);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static void usage(PrintStream stream) {
        stream.println("usage: jnetgraph torture [--seconds N] [--threads T] [--mutators M] [--relays R] [--seed S]");
        stream.println("                         [--mode epoch|lock] [--no-stall]");
    }
}
