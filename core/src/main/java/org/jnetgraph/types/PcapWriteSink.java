package org.jnetgraph.types;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.varhandle.MpscBlockingConsumerVarHandleArrayQueue;
import org.jnetgraph.Counters;
import org.jnetgraph.Errno;
import org.jnetgraph.NgException;
import org.jnetgraph.Node;
import org.jnetgraph.Packet;
import org.jnetgraph.PacketTags;
import org.jnetgraph.pcap.LinkType;
import org.jnetgraph.pcap.PcapFormat;
import org.jnetgraph.pcap.PcapWriter;

/**
 * The file side of a {@code pcapwrite} node: the queue data threads hand packets to and the one thread that owns the
 * open {@link PcapWriter}, writes the queued packets and frees them. The control path talks to the thread through
 * requests (switch file, flush, close) that the thread serves between batches, after writing everything queued
 * before the request.
 *
 * <p>Threading: {@link #offer} on any data thread (lock-free, no allocation); {@link #open} before {@link #start}
 * and the request methods on the control path, which wait for the writer thread (bounded); everything else on the
 * writer thread.
 */
final class PcapWriteSink implements Runnable {
    private static final long IDLE_MILLIS = 10;
    private static final long WAIT_MILLIS = 10_000;
    private static final int BATCH = 1024;

    private enum Kind {
        SWITCH,
        FLUSH,
        CLOSE
    }

    private record Request(Kind kind, Path path, PcapFormat format, CompletableFuture<Void> done) {}

    private final MpscBlockingConsumerVarHandleArrayQueue<Packet> queue =
            new MpscBlockingConsumerVarHandleArrayQueue<>(PcapWriteType.QUEUE_CAPACITY);
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Node node;
    private final Counters stats;
    private volatile String file = "";
    private volatile PcapFormat format = PcapFormat.PCAP;
    private volatile String error = "";
    private volatile boolean held;
    private volatile boolean holding;
    private PcapWriter writer;
    private boolean dirty;
    private int refusedLinkType = -1;
    private Thread thread;

    PcapWriteSink(Node node, Counters stats) {
        this.node = node;
        this.stats = stats;
    }

    /** Hands a packet to the writer thread; false when the queue is full (the caller still owns the packet). */
    boolean offer(Packet packet) {
        return queue.offer(packet);
    }

    /** Opens the first file, on the control path, before the thread starts. */
    void open(Path path, PcapFormat newFormat) {
        writer = create(path, newFormat);
        file = path.toString();
        format = newFormat;
    }

    void start() {
        thread = Thread.ofPlatform()
                .name("pcapwrite-" + Integer.toHexString(node.id()))
                .daemon()
                .start(this);
    }

    /** Writes what is queued to the current file, closes it and continues with a new one. */
    void switchTo(Path path, PcapFormat newFormat) {
        request(Kind.SWITCH, path, newFormat);
    }

    /** Returns once everything queued before it is written to the operating system. */
    void flush() {
        request(Kind.FLUSH, null, null);
    }

    /** Writes what is queued, closes the file and ends the thread. */
    void close() {
        request(Kind.CLOSE, null, null);
        try {
            thread.join(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String file() {
        return file;
    }

    PcapFormat format() {
        return format;
    }

    String error() {
        return error;
    }

    void clearError() {
        error = "";
    }

    /** Holds the writer thread (for tests): returns once it stopped taking packets, or releases it. */
    void hold(boolean hold) {
        held = hold;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (hold && !holding && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    Thread thread() {
        return thread;
    }

    private void request(Kind kind, Path path, PcapFormat newFormat) {
        Request request = new Request(kind, path, newFormat, new CompletableFuture<>());
        requests.add(request);
        try {
            request.done().get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof NgException failure
                    ? failure
                    : new NgException(Errno.EIO, "pcapwrite: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new NgException(Errno.ETIMEDOUT, "pcapwrite: the writer thread did not answer within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NgException(Errno.EINTR, "pcapwrite: interrupted waiting for the writer thread");
        }
    }

    // ---------------------------------------------------------------- the writer thread

    @Override
    public void run() {
        while (true) {
            holding = held;
            if (holding) {
                LockSupport.parkNanos(1_000_000);
                continue;
            }
            Packet packet = poll();
            if (packet != null) {
                write(packet);
                drain(BATCH);
            } else {
                flushIfDirty();
            }
            Request request = requests.poll();
            if (request != null && serve(request)) {
                return;
            }
        }
    }

    private Packet poll() {
        try {
            return queue.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return null;
        }
    }

    private void drain(int limit) {
        for (int i = 0; i < limit; i++) {
            Packet packet = queue.relaxedPoll();
            if (packet == null) {
                return;
            }
            write(packet);
        }
    }

    /**
     * Serves a request after writing everything queued before it (the queue's size now covers those frames; frames
     * arriving meanwhile wait, so a busy queue cannot hold a request up forever); true when the thread must end.
     */
    private boolean serve(Request request) {
        drain(queue.size());
        try {
            switch (request.kind()) {
                case SWITCH -> switchFile(request.path(), request.format());
                case FLUSH -> flushWriter();
                case CLOSE -> closeWriter();
            }
            request.done().complete(null);
        } catch (NgException e) {
            request.done().completeExceptionally(e);
        }
        return request.kind() == Kind.CLOSE;
    }

    private void switchFile(Path path, PcapFormat newFormat) {
        PcapWriter next = create(path, newFormat);
        closeWriter();
        writer = next;
        file = path.toString();
        format = newFormat;
        refusedLinkType = -1;
    }

    private void write(Packet packet) {
        try {
            int linkType = (int) packet.tag(PacketTags.LINK_TYPE, LinkType.ETHERNET);
            if (writer == null || !writer.accepts(linkType)) {
                refuse(packet, linkType);
                return;
            }
            long timestamp = packet.tag(PacketTags.TIMESTAMP_NANOS, System.currentTimeMillis() * 1_000_000L);
            long original = packet.tag(PcapReadType.ORIGINAL_LENGTH, packet.length());
            writer.write(timestamp, linkType, packet.array(), packet.offset(), packet.length(), original);
            stats.add(packet, PcapWriteType.WRITTEN_FRAMES, 1);
            stats.add(packet, PcapWriteType.WRITTEN_OCTETS, packet.length());
            dirty = true;
        } catch (IOException | RuntimeException e) {
            stats.add(packet, PcapWriteType.DROP_IO_ERROR, 1);
            error = "pcapwrite: " + file + ": " + e;
        } finally {
            packet.free();
        }
    }

    private void refuse(Packet packet, int linkType) {
        if (writer == null) {
            stats.add(packet, PcapWriteType.DROP_IO_ERROR, 1);
            return;
        }
        stats.add(packet, PcapWriteType.DROP_LINK_TYPE, 1);
        if (linkType != refusedLinkType) {
            refusedLinkType = linkType;
            error = "pcapwrite: " + file + ": frames of " + LinkType.name(linkType) + " (link type " + linkType
                    + ") dropped: this pcap file holds " + LinkType.name(writer.fileLinkType())
                    + " and pcap holds one link type per file; write .pcapng to keep both";
        }
    }

    private void flushIfDirty() {
        if (dirty) {
            try {
                writer.flush();
            } catch (IOException e) {
                error = "pcapwrite: " + file + ": " + e;
            }
            dirty = false;
        }
    }

    private void flushWriter() {
        dirty = true;
        flushIfDirty();
    }

    private void closeWriter() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            error = "pcapwrite: " + file + ": " + e;
        }
        writer = null;
        dirty = false;
    }

    private static PcapWriter create(Path path, PcapFormat newFormat) {
        try {
            return PcapWriter.open(path, newFormat);
        } catch (IOException e) {
            throw new NgException(PcapReadType.errnoOf(e), "pcapwrite: cannot create " + path + ": " + e, e);
        }
    }
}
