package org.jnetgraph;

import org.jnetgraph.epoch.EpochDomain;

/**
 * The one place where the two synchronization modes differ: how the data path marks the stretch in which it may
 * look at the topology (a section), and how a topology change waits before its teardown runs.
 *
 * <p>Threading: {@link #enter}/{@link #exit} on the data path by the context's own thread; the rest on the control
 * path.
 */
interface TopologySync {
    /** The calling thread's epoch reader, for its ThreadContext; null in lock mode. */
    default EpochDomain.Reader reader() {
        return null;
    }

    /** Opens a section (re-entrant). Epoch mode: pins an epoch. Lock mode: takes the topology read lock. */
    void enter(ThreadContext context);

    /** Closes the section opened by the matching {@link #enter}. */
    void exit(ThreadContext context);

    /** Whether the context's thread is inside a section. */
    boolean inSection(ThreadContext context);

    /** Starts a topology change (control lock held). Lock mode: takes the topology write lock; epoch: nothing. */
    void beginChange();

    /** Ends the change started by {@link #beginChange()}. */
    void endChange();

    /** Runs {@code teardown} once no section that may have seen the topology before the change is still open. */
    void retire(Runnable teardown);

    /** Waits until every section open at the call has ended (epoch: a grace period; lock: the write lock). */
    void synchronize();

    /** Waits until every teardown retired before the call has run. Not from inside a section. */
    void barrier();

    /** Teardowns retired and not yet run. */
    long backlog();

    /** The highest backlog seen. */
    long backlogHighWater();

    /** Grace-period latencies, log2 buckets of nanoseconds; empty when the mode has no grace periods. */
    long[] graceLatencyHistogram();

    /** Grace periods completed (epoch mode) or write-lock hand-overs (lock mode). */
    long gracePeriods();

    /** Sections reported as stalled (epoch mode); 0 in lock mode. */
    long stalledReaders();

    /** Stops the background thread after running what was retired. */
    void close();
}
