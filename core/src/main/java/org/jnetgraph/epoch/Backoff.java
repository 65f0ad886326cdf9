package org.jnetgraph.epoch;

import java.util.concurrent.locks.LockSupport;

/**
 * The control path's idle strategy while it waits for another thread: spin, then yield, then park for growing
 * intervals up to one millisecond.
 *
 * <p>Threading: one instance per wait, confined to the waiting thread. Parks, so never use it inside a section.
 * An interrupt does not end the wait (grace periods are not cancellable); it is remembered and restored by {@link
 * #restoreInterrupt()} so that parking does not turn into a busy loop while the flag is set.
 */
final class Backoff {
    private static final int SPINS = 128;
    private static final int YIELDS = 64;
    private static final long MIN_PARK_NANOS = 1_000L;
    private static final long MAX_PARK_NANOS = 1_000_000L;

    private int attempt;
    private boolean interrupted;

    /** Waits a little; each call waits at least as long as the one before. */
    void idle() {
        int step = attempt++;
        if (step < SPINS) {
            Thread.onSpinWait();
        } else if (step < SPINS + YIELDS) {
            Thread.yield();
        } else {
            park(step - SPINS - YIELDS);
        }
    }

    /** Sets the caller's interrupt flag again if an interrupt arrived during the wait. */
    void restoreInterrupt() {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void park(int parks) {
        long nanos = parks >= 10 ? MAX_PARK_NANOS : Math.min(MAX_PARK_NANOS, MIN_PARK_NANOS << parks);
        LockSupport.parkNanos(this, nanos);

        if (Thread.interrupted()) {
            interrupted = true;
        }
    }
}
