package org.jnetgraph;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The outcome of a control request, for a caller that waits until the target applied it, even when it was queued
 * (netgraph's apply callback). Completes exactly once; later completions are ignored.
 *
 * <p>Threading: completed by the control path, awaited by the requester outside any section.
 */
final class Completion {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile NgException error;
    private volatile boolean completed;

    synchronized void complete(NgException failure) {
        if (completed) {
            return;
        }
        error = failure;
        completed = true;
        done.countDown();
    }

    void succeed() {
        complete(null);
    }

    boolean isDone() {
        return completed;
    }

    /**
     * Waits for the outcome.
     *
     * @throws NgException the handler's error, or ETIMEDOUT when nothing happened within {@code millis}
     */
    void await(long millis) {
        try {
            if (!done.await(millis, TimeUnit.MILLISECONDS)) {
                throw new NgException(Errno.ETIMEDOUT, "no answer from the graph within " + millis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NgException(Errno.EINTR, "interrupted while waiting for the graph");
        }
        NgException failure = error;
        if (failure != null) {
            throw new NgException(failure.errno(), failure.getMessage(), failure);
        }
    }
}
