package org.jnetgraph;

/**
 * Why the framework dropped a data packet or a control item. Each drop is counted on the node where it happened;
 * nothing is logged on the data path.
 *
 * <p>Threading: immutable; any thread.
 */
public enum DropReason {
    /** Sent on a hook that is not connected, or whose link is being removed ({@link Errno#ENETDOWN}). */
    NOT_CONNECTED(Errno.ENETDOWN),
    /** Queued, and the arrival hook was removed before delivery ({@link Errno#EIO}). */
    HOOK_GONE(Errno.EIO),
    /** Queued, and the destination node shut down before delivery ({@link Errno#ENOENT}). */
    NODE_GONE(Errno.ENOENT),
    /** The destination node's input queue was full ({@link Errno#ENOBUFS}). */
    QUEUE_FULL(Errno.ENOBUFS),
    /** The node type's method threw; the exception was reported to the graph's error handler. */
    HANDLER_ERROR(Errno.EIO),
    /** A packet could not be copied for fan-out because the packet pool and the heap were exhausted. */
    NO_BUFFERS(Errno.ENOBUFS);

    private final Errno errno;

    DropReason(Errno errno) {
        this.errno = errno;
    }

    /** The errno the sender sees for this drop when the drop happens in its own call. */
    public Errno errno() {
        return errno;
    }
}
