package org.jnetgraph.types;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Hook;
import org.jnetgraph.Node;
import org.jnetgraph.Packet;
import org.jnetgraph.PacketTags;
import org.jnetgraph.pcap.PcapException;
import org.jnetgraph.pcap.PcapReader;

/**
 * One run of a {@code pcapread} node: a thread that reads the file and sends each frame out of the node's hook, for
 * the configured number of passes, at the configured pace, until done, stopped or the file turns out damaged.
 *
 * <p>Threading: {@link #start}, {@link #requestStop} and {@link #stop} are called by the control path; everything
 * else runs on the replay thread, which is never inside an epoch section while it waits (each {@link Hook#send}
 * opens and closes its own).
 */
final class PcapReadReplay implements Runnable {
    private final PcapReadType.Reader owner;
    private final PcapReader first;
    private final String file;
    private final long speed;
    private final long loops;
    private volatile boolean stopRequested;
    private Graph graph;
    private Thread thread;
    private long passStartTimestamp;
    private long passStartNanos;

    PcapReadReplay(PcapReadType.Reader owner, PcapReader first, String file, long speed, long loops) {
        this.owner = owner;
        this.first = first;
        this.file = file;
        this.speed = speed;
        this.loops = loops;
    }

    /** Starts the replay thread, named after the node. */
    void start(Node node) {
        graph = node.graph();
        thread = Thread.ofPlatform()
                .name("pcapread-" + Integer.toHexString(node.id()))
                .daemon()
                .unstarted(this);
        thread.start();
    }

    /** Asks the thread to stop after the frame it is sending, or at once when it waits; does not wait. */
    void requestStop() {
        stopRequested = true;
        LockSupport.unpark(thread);
    }

    /** Asks the thread to stop and waits for it to end, at most {@code millis}. */
    void stop(long millis) {
        requestStop();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Thread thread() {
        return thread;
    }

    @Override
    public void run() {
        try {
            owner.finish(replayAll());
        } catch (PcapException e) {
            owner.fail(e.getMessage());
        } catch (IOException | RuntimeException e) {
            owner.fail(file + ": the replay failed: " + e);
        }
    }

    private PcapReadType.State replayAll() throws IOException {
        PcapReader reader = first;
        for (long pass = 0; loops == 0 || pass < loops; pass++) {
            if (pass > 0) {
                reader = PcapReader.open(Path.of(file));
            }
            long sent;
            try (PcapReader current = reader) {
                sent = replayPass(current);
            }
            if (sent < 0) {
                return PcapReadType.State.STOPPED;
            }
            owner.countLoop();
            if (sent == 0) {
                break;
            }
        }
        return PcapReadType.State.DONE;
    }

    /** Sends every frame of one pass; returns how many, or -1 when stopped (or the hook went away) on the way. */
    private long replayPass(PcapReader reader) throws IOException {
        long sent = 0;
        while (reader.next()) {
            Hook out = owner.out();
            if (stopRequested || out == null || !waitUntilDue(reader.timestampNanos(), sent == 0)) {
                return -1;
            }
            emit(out, reader);
            sent++;
        }
        return sent;
    }

    /**
     * Waits until the frame's time relative to the pass's first frame, scaled by the speed, has passed; false when
     * a stop came meanwhile. Frames earlier than the first one go at once.
     */
    private boolean waitUntilDue(long timestamp, boolean firstOfPass) {
        if (speed == 0) {
            return true;
        }
        if (firstOfPass) {
            passStartTimestamp = timestamp;
            passStartNanos = System.nanoTime();
            return true;
        }
        long delay = (long) (((double) timestamp - passStartTimestamp) * 100.0 / speed);
        long due = passStartNanos + Math.max(0, delay);
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            if (stopRequested) {
                return false;
            }
            LockSupport.parkNanos(this, left);
        }
        return !stopRequested;
    }

    private void emit(Hook out, PcapReader reader) {
        int length = reader.capturedLength();
        Packet packet = graph.allocate();
        packet.setData(reader.array(), reader.dataOffset(), length);
        packet.setTag(PacketTags.TIMESTAMP_NANOS, reader.timestampNanos());
        packet.setTag(PacketTags.LINK_TYPE, reader.linkType());
        packet.setTag(PacketTags.INTERFACE, reader.interfaceIndex());
        packet.setTag(PcapReadType.ORIGINAL_LENGTH, reader.originalLength());
        owner.countSent(length);
        if (out.send(packet) != Errno.OK) {
            owner.countDropped();
        }
    }
}
