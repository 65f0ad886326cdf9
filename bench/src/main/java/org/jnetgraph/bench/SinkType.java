package org.jnetgraph.bench;

import org.HdrHistogram.Recorder;
import org.jnetgraph.Counters;
import org.jnetgraph.Errno;
import org.jnetgraph.Hook;
import org.jnetgraph.Node;
import org.jnetgraph.NodeMethods;
import org.jnetgraph.NodeType;
import org.jnetgraph.Packet;
import org.jnetgraph.PacketTags;

/**
 * {@code bsink}: the end of the benchmark path. Counts every packet, and for packets that carry a send time in
 * {@link #STAMP_TAG} records the send-to-arrival time in nanoseconds in the recorder it was built with; then frees
 * the packet. Accepts hooks of any name.
 *
 * <p>Threading: immutable; any thread. The recorder is HdrHistogram's {@link Recorder}, wait-free for writers, so
 * any number of threads may arrive at once.
 */
public final class SinkType implements NodeType {
    /** The type name used with mkpeer. */
    public static final String NAME = "bsink";
    /** The type cookie (ASCII "bsnk"). */
    public static final int COOKIE = 0x62736e6b;
    /** The tag a sender puts its {@link System#nanoTime()} in, on the packets it samples. */
    public static final int STAMP_TAG = PacketTags.FIRST_PRIVATE + 0x62;
    /** Counter index: packets that arrived. */
    public static final int ARRIVED = 0;
    /** Latencies above this many nanoseconds are recorded as this value. */
    public static final long MAX_LATENCY_NANOS = 60_000_000_000L;

    private final Recorder latencies;

    /** A sink type recording into {@code latencies} (range 1 ns .. {@link #MAX_LATENCY_NANOS}). */
    public SinkType(Recorder latencies) {
        this.latencies = latencies;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int cookie() {
        return COOKIE;
    }

    @Override
    public boolean dataConcurrentWithControl() {
        return true;
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new Sink(latencies);
    }

    /** The methods of one sink; public so that a harness can read its count. */
    public static final class Sink implements NodeMethods {
        private final Counters counters = new Counters(1);
        private final Recorder latencies;

        Sink(Recorder latencies) {
            this.latencies = latencies;
        }

        /** Packets that arrived so far. Any thread; a sum over per-thread stripes. */
        public long arrived() {
            return counters.get(ARRIVED);
        }

        @Override
        public Errno rcvdata(Hook hook, Packet packet) {
            counters.add(packet, ARRIVED, 1);
            long stamp = packet.tag(STAMP_TAG, 0L);
            if (stamp != 0L) {
                long nanos = System.nanoTime() - stamp;
                latencies.recordValue(Math.max(1L, Math.min(nanos, MAX_LATENCY_NANOS)));
            }
            packet.free();
            return Errno.OK;
        }
    }
}
