package org.jnetgraph;

import java.time.Duration;
import org.jnetgraph.epoch.EpochDomain;

/**
 * Epoch mode: a section pins an epoch; teardown is retired to the epoch domain and runs after a grace period.
 * Topology changes take no lock that data could wait on.
 *
 * <p>Threading: as {@link TopologySync}.
 */
final class EpochSync implements TopologySync {
    private final EpochDomain domain;
    private final boolean manual;

    EpochSync(Graph graph, String name, Duration stallThreshold) {
        this(graph, name, stallThreshold, false);
    }

    /** With {@code manual}, no reclaimer thread: teardowns run inside {@link #barrier()} on the caller. */
    EpochSync(Graph graph, String name, Duration stallThreshold, boolean manual) {
        EpochDomain.Builder builder = EpochDomain.builder("graph-" + name)
                .stallThreshold(stallThreshold)
                .errorHandler(e -> graph.reportError(null, e));
        this.domain = (manual ? builder.manualReclaim() : builder).build();
        this.manual = manual;
    }

    EpochDomain domain() {
        return domain;
    }

    @Override
    public EpochDomain.Reader reader() {
        return domain.reader();
    }

    @Override
    public void enter(ThreadContext context) {
        context.reader.enter();
    }

    @Override
    public void exit(ThreadContext context) {
        context.reader.exit();
    }

    @Override
    public boolean inSection(ThreadContext context) {
        return context.reader.inSection();
    }

    @Override
    public void beginChange() {
        // Nothing: readers never wait; the unlink is published by the release stores of the hook states.
    }

    @Override
    public void endChange() {
        // Nothing, as for beginChange.
    }

    @Override
    public void synchronize() {
        domain.synchronize();
    }

    @Override
    public void retire(Runnable teardown) {
        domain.retire(teardown);
    }

    /** In manual mode the callers run the callbacks themselves, one caller at a time. */
    @Override
    public void barrier() {
        if (manual) {
            synchronized (this) {
                domain.barrier();
            }
        } else {
            domain.barrier();
        }
    }

    @Override
    public long backlog() {
        return domain.backlog();
    }

    @Override
    public long backlogHighWater() {
        return domain.backlogHighWater();
    }

    @Override
    public long[] graceLatencyHistogram() {
        return domain.graceLatencyHistogram();
    }

    @Override
    public long gracePeriods() {
        return domain.gracePeriods();
    }

    @Override
    public long stalledReaders() {
        return domain.stalledReaders();
    }

    @Override
    public void close() {
        domain.close();
    }
}
