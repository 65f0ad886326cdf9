package org.jnetgraph.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.jnetgraph.Packet;
import org.jnetgraph.SyncMode;

/**
 * {@code jnetgraph bench}: pushes packets through a chain of forwarders while the topology next to the path changes
 * at set rates, in epoch mode and lock mode, and writes the throughput, latency percentiles and their ratios as
 * Markdown ({@code results.md}), CSV ({@code results.csv}) and an SVG chart ({@code churn.svg}) into the output
 * folder. Exit status 0 when every point delivered packets and the files were written, 64 on a usage error, 71
 * otherwise.
 *
 * <p>Threading: runs on the calling thread; each point starts and ends its own sender and mutator threads.
 */
public final class BenchCommand {
    /** Success. */
    public static final int EX_OK = 0;
    /** A usage error. */
    public static final int EX_USAGE = 64;
    /** The run failed. */
    public static final int EX_FAILURE = 71;

    /** The rates used when none are given: no churn, 1,000 and 10,000 changes per second. */
    static final List<Integer> DEFAULT_RATES = List.of(0, 1_000, 10_000);

    /**
     * What to run.
     *
     * @param chain forwarders on the path
     * @param size packet payload in bytes
     * @param threads sender threads
     * @param seconds measured seconds per point
     * @param warmupSeconds warm-up seconds per point
     * @param rates churn rates in changes per second, ascending, 0 first
     * @param modes synchronization modes
     * @param repeat measurements per point
     * @param out the output folder
     * @param prime whether to run each mode once, unmeasured, before the first point (JIT warm-up)
     */
    record Config(
            int chain,
            int size,
            int threads,
            double seconds,
            double warmupSeconds,
            List<Integer> rates,
            List<SyncMode> modes,
            int repeat,
            Path out,
            boolean prime) {}

    private BenchCommand() {}

    /** Runs the command line, printing progress and the report to {@code out}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Config config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("jnetgraph bench: " + e.getMessage());
            usage(err);
            return EX_USAGE;
        }
        if (config == null) {
            usage(out);
            return EX_OK;
        }
        try {
            return execute(config, out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("jnetgraph bench: interrupted");
            return EX_FAILURE;
        } catch (IOException e) {
            err.println("jnetgraph bench: cannot write the results to " + config.out() + ": " + e.getMessage());
            return EX_FAILURE;
        } catch (RuntimeException e) {
            err.println("jnetgraph bench: the run failed: " + e);
            e.printStackTrace(err);
            return EX_FAILURE;
        }
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    private static int execute(Config config, PrintStream out, PrintStream err)
            throws InterruptedException, IOException {
        String loadBefore = loadAverage();
        out.printf(
                Locale.ROOT,
                "jnetgraph bench: %d forwarders, %d-byte packets, %d sender thread%s, %s s (+%s s warm-up) per point,"
                        + " churn %s changes/s, %s%n",
                config.chain(),
                config.size(),
                config.threads(),
                config.threads() == 1 ? "" : "s",
                config.seconds(),
                config.warmupSeconds(),
                config.rates(),
                config.modes().stream().map(Report::modeName).toList());
        if (config.prime() && config.warmupSeconds() > 0) {
            // The first point would otherwise pay for JIT compilation of the data and control paths.
            int busiest = config.rates().getLast();
            for (SyncMode mode : config.modes()) {
                ChurnRun.run(new ChurnRun.Settings(
                        mode,
                        config.chain(),
                        config.size(),
                        config.threads(),
                        0,
                        Math.max(0.05, config.warmupSeconds()),
                        busiest));
            }
            out.println("  (primed the JIT: one unmeasured run per mode at " + busiest + " changes/s)");
        }
        List<List<ChurnRun.Result>> runs = new ArrayList<>();
        for (int i = 0; i < config.rates().size() * config.modes().size(); i++) {
            runs.add(new ArrayList<>());
        }
        // Interleaved (repeat, rate, mode) so that drift on a shared machine falls on both modes alike.
        for (int r = 0; r < config.repeat(); r++) {
            for (int rate = 0; rate < config.rates().size(); rate++) {
                for (int m = 0; m < config.modes().size(); m++) {
                    ChurnRun.Settings settings = new ChurnRun.Settings(
                            config.modes().get(m),
                            config.chain(),
                            config.size(),
                            config.threads(),
                            config.warmupSeconds(),
                            config.seconds(),
                            config.rates().get(rate));
                    System.gc(); // start every point from a collected heap: the last one left its dead graph behind
                    ChurnRun.Result result = ChurnRun.run(settings);
                    progress(out, result);
                    runs.get(rate * config.modes().size() + m).add(result);
                }
            }
        }
        List<Point> points = new ArrayList<>();
        boolean allDelivered = true;
        for (int m = 0; m < config.modes().size(); m++) {
            for (int rate = 0; rate < config.rates().size(); rate++) {
                List<ChurnRun.Result> point = runs.get(rate * config.modes().size() + m);
                points.add(Point.of(point));
                allDelivered &= point.stream().allMatch(result -> result.delivered() > 0);
            }
        }
        String machine = machine() + "; load average (1/5/15 min) " + loadBefore + " before the run, " + loadAverage()
                + " after it";
        Report report = new Report(points, config, machine);
        Files.createDirectories(config.out());
        String markdown = report.markdown();
        Files.writeString(config.out().resolve("results.md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(config.out().resolve("results.csv"), report.csv(), StandardCharsets.UTF_8);
        Files.writeString(config.out().resolve("churn.svg"), report.svg(), StandardCharsets.UTF_8);
        out.println();
        out.print(markdown);
        out.println();
        out.println("jnetgraph bench: wrote results.md, results.csv and churn.svg to " + config.out());
        if (!allDelivered) {
            err.println("jnetgraph bench: a point delivered no packet at all");
            return EX_FAILURE;
        }
        return EX_OK;
    }

    private static void progress(PrintStream out, ChurnRun.Result result) {
        out.printf(
                Locale.ROOT,
                "  %-5s churn %,6d/s: %6.2f Mpps, p99.9 %,9.2f µs, %,d changes (%,.0f/s), sync p50 %,.0f µs,"
                        + " %,d lost, %,d failed %s%n",
                Report.modeName(result.settings().mode()),
                result.settings().churnRate(),
                result.packetsPerSecond() / 1e6,
                result.latency().getTotalCount() == 0 ? 0.0 : result.latency().getValueAtPercentile(99.9) / 1e3,
                result.changes(),
                result.changesPerSecond(),
                result.syncWaits().getTotalCount() == 0
                        ? 0.0
                        : result.syncWaits().getValueAtPercentile(50) / 1e3,
                result.lost(),
                result.changeFailures(),
                result.lostWhere().isEmpty() ? "" : "(" + result.lostWhere() + ")");
        out.flush();
    }

    static String machine() {
        return String.format(
                Locale.ROOT,
                "%d cores (availableProcessors), Java %s (%s), %s %s %s",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"));
    }

    /** The 1, 5 and 15 minute load averages (Linux), or "unknown": how busy the machine was around the run. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    // ---------------------------------------------------------------- options

    /** The configuration, or null when help was asked for. */
    static Config parse(String[] args) {
        int chain = 5;
        int size = 64;
        int threads = 1;
        double seconds = 3;
        double warmup = 1;
        List<Integer> rates = DEFAULT_RATES;
        List<SyncMode> modes = List.of(SyncMode.EPOCH, SyncMode.LOCK);
        int repeat = 1;
        Path out = Path.of("bench-results");
        boolean smoke = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--chain" -> chain = intValue(args, ++i, option, 1, 64);
                case "--size" -> size = intValue(args, ++i, option, 1, Packet.CAPACITY);
                case "--threads" -> threads = intValue(args, ++i, option, 1, 64);
                case "--seconds" -> seconds = doubleValue(args, ++i, option, 0.05, 3600);
                case "--warmup" -> warmup = doubleValue(args, ++i, option, 0, 600);
                case "--churn" -> rates = rates(value(args, ++i, option));
                case "--mode" -> modes = modes(value(args, ++i, option));
                case "--repeat" -> repeat = intValue(args, ++i, option, 1, 100);
                case "--out" -> out = Path.of(value(args, ++i, option));
                case "--smoke" -> smoke = true;
                default -> throw new IllegalArgumentException("unknown option \"" + option + "\"");
            }
        }
        if (smoke) {
            // About two seconds in all: 2 modes x 2 rates x (0.1 s warm-up + 0.3 s), plus graph set-up.
            seconds = 0.3;
            warmup = 0.1;
            rates = List.of(0, 1_000);
            repeat = 1;
        }
        return new Config(chain, size, threads, seconds, warmup, rates, modes, repeat, out, !smoke);
    }

    private static void usage(PrintStream stream) {
        stream.println("usage: jnetgraph bench [--chain N] [--size BYTES] [--threads T] [--seconds S] [--warmup S]");
        stream.println("                       [--churn R1,R2,..] [--mode epoch|lock|both] [--repeat K] [--out DIR]");
        stream.println("                       [--smoke]");
        stream.println();
        stream.println("  --chain N      forwarders on the path (1-64; default 5); a one2many failover switch sits in");
        stream.println("                 front of forwarder N/2 for make-before-break replacements");
        stream.println("  --size BYTES   packet payload (1-" + Packet.CAPACITY + "; default 64)");
        stream.println("  --threads T    sender threads (default 1)");
        stream.println("  --seconds S    measured seconds per point (default 3)");
        stream.println("  --warmup S     warm-up seconds per point, senders and churn running (default 1)");
        stream.println("  --churn LIST   topology changes per second, comma-separated (default 0,1000,10000);");
        stream.println("                 0 (no churn) is always run, as the baseline of the ratios");
        stream.println("  --mode M       epoch, lock or both (default both)");
        stream.println("  --repeat K     measurements per point; median throughput, merged latencies (default 1)");
        stream.println("  --out DIR      where results.md, results.csv and churn.svg go (default bench-results)");
        stream.println("  --smoke        a run of about two seconds (churn 0 and 1000, both modes unless --mode)");
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int intValue(String[] args, int index, String option, int min, int max) {
        String text = value(args, index, option);
        int parsed;
        try {
            parsed = Integer.parseInt(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not \"" + text + "\"");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "], not " + parsed);
        }
        return parsed;
    }

    private static double doubleValue(String[] args, int index, String option, double min, double max) {
        String text = value(args, index, option);
        double parsed;
        try {
            parsed = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not \"" + text + "\"");
        }
        if (!(parsed >= min && parsed <= max)) {
            throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "], not " + text);
        }
        return parsed;
    }

    static List<Integer> rates(String text) {
        TreeSet<Integer> rates = new TreeSet<>();
        rates.add(0);
        for (String part : text.split(",", -1)) {
            int rate;
            try {
                rate = Integer.parseInt(part.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--churn needs rates like 0,1000,10000, not \"" + text + "\"");
            }
            if (rate < 0 || rate > 1_000_000) {
                throw new IllegalArgumentException("--churn rates must be in [0, 1000000], not " + rate);
            }
            rates.add(rate);
        }
        return List.copyOf(rates);
    }

    static List<SyncMode> modes(String text) {
        return switch (text) {
            case "epoch" -> List.of(SyncMode.EPOCH);
            case "lock" -> List.of(SyncMode.LOCK);
            case "both" -> List.of(SyncMode.EPOCH, SyncMode.LOCK);
            default -> throw new IllegalArgumentException("--mode must be epoch, lock or both, not \"" + text + "\"");
        };
    }
}
