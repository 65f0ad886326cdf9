package org.jnetgraph.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.jnetgraph.SyncMode;

/**
 * Turns the points of a churn benchmark into a Markdown report, a CSV file and an SVG chart (throughput and p99.9
 * latency against churn rate, one line per mode), all written by hand.
 *
 * <p>Threading: immutable; any thread.
 */
final class Report {
    /** Targets from the project's goals, reported against and never tuned to. */
    static final double TARGET_CHURN_THROUGHPUT = 0.95;

    static final double TARGET_CHURN_P999 = 2.0;
    static final double TARGET_EPOCH_OVER_LOCK = 5.0;
    static final double TARGET_MPPS_5_HOPS = 30.0;
    static final int TARGET_CHURN_RATE = 10_000;

    private final List<Point> points;
    private final BenchCommand.Config config;
    private final String machine;

    Report(List<Point> points, BenchCommand.Config config, String machine) {
        this.points = List.copyOf(points);
        this.config = config;
        this.machine = machine;
    }

    // ---------------------------------------------------------------- Markdown

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# jnetgraph bench\n\n");
        md.append("Machine: ").append(machine).append(".\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Path: %d forwarders (`bfwd`) with a one2many failover switch in front of forwarder %d, into a sink:"
                        + " %d hops per packet. %d-byte packets, %d sender thread%s, %s s measured after %s s of"
                        + " warm-up per point, %d repeat%s per point (median throughput, latencies merged)."
                        + " Latency is send-to-arrival of every %dth packet (HdrHistogram).%n%n",
                config.chain(),
                config.chain() / 2,
                config.chain() + 2,
                config.size(),
                config.threads(),
                config.threads() == 1 ? "" : "s",
                trim(config.seconds()),
                trim(config.warmupSeconds()),
                config.repeat(),
                config.repeat() == 1 ? "" : "s",
                ChurnRun.SAMPLE_EVERY));
        md.append("## Results\n\n");
        md.append("| mode | churn asked (changes/s) | changes done | churn achieved (changes/s) | Mpps | Gbit/s"
                + " | p50 µs | p99 µs | p99.9 µs | p99.99 µs | max µs | p99.9 µs CO-corrected | lost packets"
                + " | failed changes |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Point p : points) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %,d | %,.0f | %.2f | %.2f | %s | %s | %s | %s | %s | %s | %,d | %,d |%n",
                    modeName(p.mode()),
                    p.churnRate(),
                    p.changes(),
                    p.changesPerSecond(),
                    p.packetsPerSecond() / 1e6,
                    p.bitsPerSecond() / 1e9,
                    micros(p.latencyNanos(50)),
                    micros(p.latencyNanos(99)),
                    micros(p.latencyNanos(99.9)),
                    micros(p.latencyNanos(99.99)),
                    micros(p.maxLatencyNanos()),
                    micros(p.correctedNanos(99.9)),
                    p.lost(),
                    p.changeFailures()));
        }
        md.append("\nSenders are closed-loop: a sender that stalls (lock mode: waiting for the topology lock) sends"
                + " nothing meanwhile, so a stall shows in one sampled packet and in the throughput. The CO-corrected"
                + " column adds the samples an open-loop sender at the run's average rate would have had delayed"
                + " (HdrHistogram's correction for coordinated omission).\n");
        md.append("\nLost packets are sent packets that never reached the sink (each dropped with a counted reason);"
                + " the make-before-break replacement is built to lose none.\n");
        md.append("\n| mode | churn asked (changes/s) | grace periods (epoch) or write-lock hand-overs (lock)"
                + " | graph.sync() after a switch: p50 µs | p99 µs | max µs | where packets were lost |\n");
        md.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (Point p : points) {
            if (p.churnRate() == 0) {
                continue;
            }
            Histogram waits = p.syncWaits();
            boolean any = waits.getTotalCount() > 0;
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %,d | %s | %s | %s | %s |%n",
                    modeName(p.mode()),
                    p.churnRate(),
                    p.gracePeriods(),
                    any ? micros(waits.getValueAtPercentile(50)) : "-",
                    any ? micros(waits.getValueAtPercentile(99)) : "-",
                    any ? micros(waits.getMaxValue()) : "-",
                    p.lostWhere().isEmpty() ? "-" : p.lostWhere()));
        }
        String failures = failureLines();
        if (!failures.isEmpty()) {
            md.append('\n').append(failures);
        }
        md.append("\n## Ratios (same run)\n\n");
        md.append("| churn (changes/s) | epoch/lock throughput | lock/epoch p99.9 | epoch churn/no-churn throughput"
                + " | epoch churn/no-churn p99.9 | lock churn/no-churn throughput | lock churn/no-churn p99.9"
                + " | epoch churn/no-churn p99.9 CO-corrected | lock churn/no-churn p99.9 CO-corrected |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int rate : rates()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %,d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    rate,
                    ratio(throughput(SyncMode.EPOCH, rate), throughput(SyncMode.LOCK, rate)),
                    ratio(p999(SyncMode.LOCK, rate), p999(SyncMode.EPOCH, rate)),
                    ratio(throughput(SyncMode.EPOCH, rate), throughput(SyncMode.EPOCH, 0)),
                    ratio(p999(SyncMode.EPOCH, rate), p999(SyncMode.EPOCH, 0)),
                    ratio(throughput(SyncMode.LOCK, rate), throughput(SyncMode.LOCK, 0)),
                    ratio(p999(SyncMode.LOCK, rate), p999(SyncMode.LOCK, 0)),
                    ratio(corrected999(SyncMode.EPOCH, rate), corrected999(SyncMode.EPOCH, 0)),
                    ratio(corrected999(SyncMode.LOCK, rate), corrected999(SyncMode.LOCK, 0))));
        }
        md.append("\n## Targets (recorded, not tuned to)\n\n");
        md.append("| target | measured | met |\n|---|---|---|\n");
        targets(md);
        md.append("\nChart: `churn.svg` (throughput and p99.9 latency against churn rate, both modes).\n");
        return md.toString();
    }

    /** One line per point whose changes failed or whose node code threw: the first message. */
    private String failureLines() {
        StringBuilder text = new StringBuilder();
        for (Point p : points) {
            if ((p.changeFailures() > 0 || p.engineErrors() > 0)
                    && !p.firstFailure().isEmpty()) {
                text.append(String.format(
                        Locale.ROOT,
                        "- %s at %,d changes/s: %,d failed changes, %,d node errors; first: `%s`%n",
                        modeName(p.mode()),
                        p.churnRate(),
                        p.changeFailures(),
                        p.engineErrors(),
                        p.firstFailure().replace('`', '\'')));
            }
        }
        return text.toString();
    }

    private void targets(StringBuilder md) {
        int rate = TARGET_CHURN_RATE;
        Optional<Double> tput = ratioOf(throughput(SyncMode.EPOCH, rate), throughput(SyncMode.EPOCH, 0));
        Optional<Double> tail = ratioOf(p999(SyncMode.EPOCH, rate), p999(SyncMode.EPOCH, 0));
        Optional<Double> versus = ratioOf(throughput(SyncMode.EPOCH, rate), throughput(SyncMode.LOCK, rate));
        targetRow(
                md,
                "epoch throughput at 10,000 changes/s >= 95% of churn-free",
                tput,
                v -> v >= TARGET_CHURN_THROUGHPUT,
                "x");
        targetRow(md, "epoch p99.9 at 10,000 changes/s <= 2x churn-free", tail, v -> v <= TARGET_CHURN_P999, "x");
        targetRow(md, "epoch >= 5x lock throughput at 10,000 changes/s", versus, v -> v >= TARGET_EPOCH_OVER_LOCK, "x");
        Optional<Double> mpps = throughput(SyncMode.EPOCH, 0).map(pps -> pps / 1e6);
        String shape = String.format(
                Locale.ROOT,
                " (this path: %d forwarders + switch + sink, %d thread%s; JMH `ChainBenchmark` measures the bare"
                        + " chain)",
                config.chain(),
                config.threads(),
                config.threads() == 1 ? "" : "s");
        targetRow(
                md,
                ">= 30 Mpps through a 5-hop chain, one core, epoch" + shape,
                mpps,
                v -> v >= TARGET_MPPS_5_HOPS,
                " Mpps");
    }

    /** The churn each mode achieved when asked for {@code rate}, when short of 95% of it: the target is then moot. */
    private String achievedNote(int rate) {
        StringBuilder note = new StringBuilder();
        for (Point p : points) {
            if (p.churnRate() == rate && p.changesPerSecond() < 0.95 * rate) {
                note.append(note.isEmpty() ? " (asked, but " : "; ")
                        .append(String.format(
                                Locale.ROOT,
                                "%s achieved only %,.0f changes/s",
                                modeName(p.mode()),
                                p.changesPerSecond()));
            }
        }
        return note.isEmpty() ? "" : note.append(')').toString();
    }

    private static void targetRow(
            StringBuilder md,
            String target,
            Optional<Double> value,
            java.util.function.DoublePredicate met,
            String unit) {
        if (value.isEmpty()) {
            md.append("| ").append(target).append(" | not measured in this run | - |\n");
            return;
        }
        double v = value.get();
        md.append(
                String.format(Locale.ROOT, "| %s | %.2f%s | %s |%n", target, v, unit, met.test(v) ? "yes" : "**no**"));
    }

    // ---------------------------------------------------------------- CSV

    String csv() {
        StringBuilder csv = new StringBuilder();
        csv.append("mode,churn_asked,changes,churn_achieved,pps,bps,p50_ns,p99_ns,p999_ns,p9999_ns,max_ns,"
                + "p999_corrected_ns,samples,lost,failed_changes,grace_periods\n");
        for (Point p : points) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%s,%d,%d,%.1f,%.1f,%.1f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d%n",
                    modeName(p.mode()),
                    p.churnRate(),
                    p.changes(),
                    p.changesPerSecond(),
                    p.packetsPerSecond(),
                    p.bitsPerSecond(),
                    p.latencyNanos(50),
                    p.latencyNanos(99),
                    p.latencyNanos(99.9),
                    p.latencyNanos(99.99),
                    p.maxLatencyNanos(),
                    p.correctedNanos(99.9),
                    p.latency().getTotalCount(),
                    p.lost(),
                    p.changeFailures(),
                    p.gracePeriods()));
        }
        return csv.toString();
    }

    // ---------------------------------------------------------------- SVG

    /** Two panels side by side: throughput (linear) and p99.9 latency (log scale) against churn rate. */
    String svg() {
        List<Integer> rates = rates();
        int width = 960;
        int height = 460;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">%n",
                width,
                height,
                width,
                height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(
                width / 2.0,
                24,
                "middle",
                16,
                String.format(
                        Locale.ROOT,
                        "jnetgraph: %d-forwarder path, %d-byte packets, %d sender thread%s, under topology churn",
                        config.chain(),
                        config.size(),
                        config.threads(),
                        config.threads() == 1 ? "" : "s")));
        Panel left = new Panel(70, 90, 360, 280);
        Panel right = new Panel(560, 90, 360, 280);
        double maxMpps = points.stream()
                .mapToDouble(p -> p.packetsPerSecond() / 1e6)
                .max()
                .orElse(1);
        double top = niceCeiling(maxMpps);
        left.frame(svg, "Throughput (Mpps)", rates);
        for (int i = 0; i <= 5; i++) {
            double value = top * i / 5;
            left.yTick(svg, left.y + left.h - left.h * i / 5.0, String.format(Locale.ROOT, "%.3g", value));
        }
        double[] micros = points.stream()
                .mapToDouble(p -> Math.max(0.001, p.latencyNanos(99.9) / 1e3))
                .toArray();
        double lowDecade = Math.floor(Math.log10(min(micros, 0.01)));
        double highDecade = Math.ceil(Math.log10(max(micros, 1)));
        if (highDecade <= lowDecade) {
            highDecade = lowDecade + 1;
        }
        right.frame(svg, "p99.9 latency (µs, log scale)", rates);
        for (double d = lowDecade; d <= highDecade; d++) {
            double y = right.y + right.h - right.h * (d - lowDecade) / (highDecade - lowDecade);
            right.yTick(svg, y, formatDecade(d));
        }
        int legend = 0;
        for (SyncMode mode : modes()) {
            String colour = mode == SyncMode.EPOCH ? "#1f6fb4" : "#c8372d";
            List<double[]> tput = new ArrayList<>();
            List<double[]> tail = new ArrayList<>();
            for (Point p : points) {
                if (p.mode() != mode) {
                    continue;
                }
                int index = rates.indexOf(p.churnRate());
                double mpps = p.packetsPerSecond() / 1e6;
                tput.add(new double[] {left.x(index, rates.size()), left.y + left.h - left.h * mpps / top, mpps});
                double us = Math.max(0.001, p.latencyNanos(99.9) / 1e3);
                double fraction = (Math.log10(us) - lowDecade) / (highDecade - lowDecade);
                tail.add(new double[] {right.x(index, rates.size()), right.y + right.h - right.h * fraction, us});
            }
            series(svg, tput, colour, "%.2f");
            series(svg, tail, colour, "%.3g");
            double lx = 380 + legend * 130;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"50\" x2=\"%.1f\" y2=\"50\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    lx,
                    lx + 28,
                    colour));
            svg.append(text(lx + 34, 54, "start", 12, modeName(mode) + " mode"));
            legend++;
        }
        svg.append(text(
                width / 2.0,
                height - 26,
                "middle",
                11,
                "Churn: side branches (mkpeer, rmhook), renames, make-before-break replacement of a forwarder"
                        + " behind a one2many failover switch."));
        svg.append(text(
                width / 2.0,
                height - 10,
                "middle",
                11,
                "One run on one machine: compare the two modes and the churn levels with each other, not with"
                        + " other machines."));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void series(StringBuilder svg, List<double[]> pts, String colour, String labelFormat) {
        if (pts.isEmpty()) {
            return;
        }
        StringBuilder path = new StringBuilder();
        for (double[] p : pts) {
            path.append(path.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", p[0], p[1]));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"/>%n",
                path,
                colour));
        for (double[] p : pts) {
            svg.append(String.format(
                    Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>%n", p[0], p[1], colour));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\" fill=\"%s\">%s</text>%n",
                    p[0],
                    p[1] - 8,
                    colour,
                    String.format(Locale.ROOT, labelFormat, p[2])));
        }
    }

    /** A plot area with its frame, x axis (categorical churn rates) and title. */
    private record Panel(double x0, double y, double w, double h) {
        double x(int index, int count) {
            return count == 1 ? x0 + w / 2 : x0 + w * (0.08 + 0.84 * index / (count - 1));
        }

        void frame(StringBuilder svg, String title, List<Integer> rates) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#444\"/>%n",
                    x0,
                    y,
                    w,
                    h));
            svg.append(text(x0 + w / 2, y - 8, "middle", 13, title));
            for (int i = 0; i < rates.size(); i++) {
                double px = x(i, rates.size());
                svg.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>%n",
                        px,
                        y + h,
                        px,
                        y + h + 5));
                svg.append(text(px, y + h + 19, "middle", 11, String.format(Locale.ROOT, "%,d", rates.get(i))));
            }
            svg.append(text(x0 + w / 2, y + h + 38, "middle", 12, "topology changes per second (asked)"));
        }

        void yTick(StringBuilder svg, double py, String label) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    x0,
                    py,
                    x0 + w,
                    py));
            svg.append(text(x0 - 6, py + 4, "end", 11, label));
        }
    }

    private static String text(double x, double y, String anchor, int size, String content) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x,
                y,
                anchor,
                size,
                escape(content));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String formatDecade(double decade) {
        double value = Math.pow(10, decade);
        return value >= 1 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%s", value);
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * magnitude >= value * 1.05) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static double min(double[] values, double floor) {
        double m = Double.MAX_VALUE;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return values.length == 0 ? floor : m;
    }

    private static double max(double[] values, double floor) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return values.length == 0 ? floor : m;
    }

    // ---------------------------------------------------------------- lookups

    private List<Integer> rates() {
        TreeSet<Integer> rates = new TreeSet<>();
        points.forEach(p -> rates.add(p.churnRate()));
        return List.copyOf(rates);
    }

    private List<SyncMode> modes() {
        return points.stream().map(Point::mode).distinct().toList();
    }

    private Optional<Point> point(SyncMode mode, int rate) {
        return points.stream()
                .filter(p -> p.mode() == mode && p.churnRate() == rate)
                .findFirst();
    }

    Optional<Double> throughput(SyncMode mode, int rate) {
        return point(mode, rate).map(Point::packetsPerSecond);
    }

    Optional<Double> p999(SyncMode mode, int rate) {
        return point(mode, rate).filter(p -> p.latency().getTotalCount() > 0).map(p -> (double) p.latencyNanos(99.9));
    }

    Optional<Double> corrected999(SyncMode mode, int rate) {
        return point(mode, rate).filter(p -> p.latency().getTotalCount() > 0).map(p -> (double) p.correctedNanos(99.9));
    }

    private static Optional<Double> ratioOf(Optional<Double> a, Optional<Double> b) {
        if (a.isEmpty() || b.isEmpty() || b.get() == 0) {
            return Optional.empty();
        }
        return Optional.of(a.get() / b.get());
    }

    private static String ratio(Optional<Double> a, Optional<Double> b) {
        return ratioOf(a, b).map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("-");
    }

    static String modeName(SyncMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    private static String micros(long nanos) {
        double us = nanos / 1e3;
        return us >= 100 ? String.format(Locale.ROOT, "%,.0f", us) : String.format(Locale.ROOT, "%.2f", us);
    }

    private static String trim(double seconds) {
        return seconds == Math.rint(seconds)
                ? Long.toString((long) seconds)
                : String.format(Locale.ROOT, "%s", seconds);
    }
}
