package org.jnetgraph.epoch;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Grace-period counters: how many completed, the longest, and a log2 latency histogram.
 *
 * <p>Threading: any number of threads record concurrently (writers calling synchronize() and the reclaimer); any
 * thread reads. The three figures are updated one after another, not as one snapshot, so a reader may see a count
 * one ahead of the histogram. Recording allocates nothing and takes no lock.
 */
final class GraceStats {
    /** Number of histogram buckets; see {@link #bucketOf(long)}. */
    static final int BUCKETS = 40;

    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong maxNanos = new AtomicLong();
    private final AtomicLongArray histogram = new AtomicLongArray(BUCKETS);

    /**
     * The histogram bucket of a latency: bucket 0 holds 0 ns, bucket {@code k} holds {@code [2^(k-1), 2^k)} ns, and
     * the last bucket also holds everything longer (about 275 s and up).
     */
    static int bucketOf(long nanos) {
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(0L, nanos));
        return Math.min(bits, BUCKETS - 1);
    }

    void record(long nanos) {
        histogram.incrementAndGet(bucketOf(nanos));
        maxNanos.accumulateAndGet(nanos, Math::max);
        completed.incrementAndGet();
    }

    long completed() {
        return completed.get();
    }

    long maxNanos() {
        return maxNanos.get();
    }

    long[] histogram() {
        long[] copy = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = histogram.get(i);
        }
        return copy;
    }
}
