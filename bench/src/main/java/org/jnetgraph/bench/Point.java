package org.jnetgraph.bench;

import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.jnetgraph.SyncMode;

/**
 * The figures of one (mode, churn rate) point, over one or more repeats: the median throughput, the latencies of
 * every repeat merged into one histogram, and sums of the counts.
 *
 * <p>Threading: immutable once built; any thread.
 */
record Point(
        SyncMode mode,
        int churnRate,
        int repeats,
        double packetsPerSecond,
        double bitsPerSecond,
        Histogram latency,
        long changes,
        double changesPerSecond,
        long lost,
        long changeFailures,
        String firstFailure,
        long gracePeriods,
        long engineErrors,
        String lostWhere,
        Histogram syncWaits,
        Histogram corrected) {

    /** Aggregates the repeats of one point (all with the same mode and rate). */
    static Point of(List<ChurnRun.Result> runs) {
        ChurnRun.Result first = runs.getFirst();
        double[] pps = runs.stream()
                .mapToDouble(ChurnRun.Result::packetsPerSecond)
                .sorted()
                .toArray();
        double medianPps = median(pps);
        Histogram merged = new Histogram(1, SinkType.MAX_LATENCY_NANOS, 3);
        Histogram waits = new Histogram(1, SinkType.MAX_LATENCY_NANOS, 3);
        Histogram corrected = new Histogram(1, SinkType.MAX_LATENCY_NANOS, 3);
        StringBuilder where = new StringBuilder();
        long changes = 0;
        double seconds = 0;
        long lost = 0;
        long failures = 0;
        long grace = 0;
        long errors = 0;
        String failure = "";
        for (ChurnRun.Result run : runs) {
            merged.add(run.latency());
            corrected.add(run.latency().copyCorrectedForCoordinatedOmission(expectedInterval(run)));
            waits.add(run.syncWaits());
            if (!run.lostWhere().isEmpty()) {
                where.append(where.isEmpty() ? "" : "; ").append(run.lostWhere());
            }
            changes += run.changes();
            seconds += run.seconds();
            lost += run.lost();
            failures += run.changeFailures();
            grace += run.gracePeriods();
            errors += run.engineErrors();
            if (failure.isEmpty()) {
                failure = run.firstFailure();
            }
        }
        return new Point(
                first.settings().mode(),
                first.settings().churnRate(),
                runs.size(),
                medianPps,
                medianPps * first.settings().size() * 8.0,
                merged,
                changes,
                changes / seconds,
                lost,
                failures,
                failure,
                grace,
                errors,
                where.toString(),
                waits,
                corrected);
    }

    /**
     * The time between two sampled packets of one sender at the run's average rate: a sender samples every
     * {@value ChurnRun#SAMPLE_EVERY}th of its packets. Used to correct for coordinated omission: a closed-loop sender
     * that stalls sends nothing meanwhile, so the stall shows in one sample only; the correction adds the samples an
     * open-loop sender at the average rate would have had delayed.
     */
    static long expectedInterval(ChurnRun.Result run) {
        double perSender = run.packetsPerSecond() / run.settings().threads();
        return perSender <= 0 ? 0 : (long) (ChurnRun.SAMPLE_EVERY * 1e9 / perSender);
    }

    /** The latency at {@code percentile} (0..100) in nanoseconds; 0 when nothing was sampled. */
    long latencyNanos(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile);
    }

    /** The coordinated-omission-corrected latency at {@code percentile}, in nanoseconds. */
    long correctedNanos(double percentile) {
        return corrected.getTotalCount() == 0 ? 0 : corrected.getValueAtPercentile(percentile);
    }

    long maxLatencyNanos() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        double[] copy = Arrays.copyOf(sorted, n);
        return n % 2 == 1 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
    }
}
