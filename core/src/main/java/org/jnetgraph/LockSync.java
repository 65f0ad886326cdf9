package org.jnetgraph;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * FreeBSD's scheme: a topology reader/writer lock, read-locked around every hop and write-locked by every topology
 * change. A change runs with no reader inside, so its teardown needs no grace period: it is handed to a teardown
 * thread in order, right away.
 *
 * <p>Threading: as {@link TopologySync}.
 */
final class LockSync implements TopologySync {
    private final ReentrantReadWriteLock topology = new ReentrantReadWriteLock();
    private final LinkedBlockingQueue<Runnable> teardowns = new LinkedBlockingQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong highWater = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private final Thread runner;
    private final Graph graph;
    private volatile boolean closed;

    LockSync(Graph graph, String name) {
        this(graph, name, false);
    }

    /** With {@code manual}, no teardown thread: teardowns run inside {@link #barrier()} on the caller. */
    LockSync(Graph graph, String name, boolean manual) {
        this.graph = graph;
        this.runner = manual
                ? null
                : Thread.ofPlatform().daemon().name("lock-teardown-" + name).start(this::run);
    }

    @Override
    public void enter(ThreadContext context) {
        topology.readLock().lock();
    }

    @Override
    public void exit(ThreadContext context) {
        topology.readLock().unlock();
    }

    @Override
    public boolean inSection(ThreadContext context) {
        return topology.getReadHoldCount() > 0;
    }

    @Override
    public void beginChange() {
        topology.writeLock().lock();
    }

    @Override
    public void endChange() {
        changes.incrementAndGet();
        topology.writeLock().unlock();
    }

    @Override
    public void synchronize() {
        topology.writeLock().lock();
        topology.writeLock().unlock();
    }

    @Override
    public void retire(Runnable teardown) {
        highWater.accumulateAndGet(pending.incrementAndGet(), Math::max);
        teardowns.add(teardown);
    }

    @Override
    public void barrier() {
        if (topology.getReadHoldCount() > 0) {
            throw new IllegalStateException("barrier() called inside a section of the topology lock");
        }
        if (runner == null) {
            Runnable teardown;
            while ((teardown = teardowns.poll()) != null) {
                runOne(teardown);
            }
            return;
        }
        Backoff backoff = new Backoff();
        while (pending.get() > 0) {
            backoff.pause();
        }
    }

    @Override
    public long backlog() {
        return pending.get();
    }

    @Override
    public long backlogHighWater() {
        return highWater.get();
    }

    @Override
    public long[] graceLatencyHistogram() {
        return new long[0];
    }

    @Override
    public long gracePeriods() {
        return changes.get();
    }

    @Override
    public long stalledReaders() {
        return 0;
    }

    @Override
    public void close() {
        barrier();
        closed = true;
        if (runner != null) {
            runner.interrupt();
        }
    }

    private void run() {
        while (!closed) {
            try {
                Runnable teardown = teardowns.poll(100, TimeUnit.MILLISECONDS);
                if (teardown != null) {
                    runOne(teardown);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void runOne(Runnable teardown) {
        try {
            teardown.run();
        } catch (Throwable e) {
            graph.reportError(null, e);
        } finally {
            pending.decrementAndGet();
        }
    }
}
