package org.jnetgraph;

import java.util.concurrent.locks.LockSupport;

/**
 * Spin, then yield, then park for growing short times: how the control path waits for something the data path
 * will finish soon. Never used on the data path.
 *
 * <p>Threading: one instance per waiting thread.
 */
final class Backoff {
    private int rounds;

    void pause() {
        rounds++;
        if (rounds < 64) {
            Thread.onSpinWait();
        } else if (rounds < 128) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(Math.min(1_000_000L, 1_000L << Math.min(10, (rounds - 128) / 16)));
        }
    }
}
