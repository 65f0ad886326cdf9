package org.jnetgraph;

/**
 * A control-path failure: a FreeBSD errno plus a message that names what was wrong.
 *
 * <p>The data path never throws this; it returns an {@link Errno} and counts the drop instead.
 *
 * <p>Threading: immutable once thrown; any thread.
 */
public class NgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;

    /** An error with the given errno and a message naming the problem. */
    public NgException(Errno errno, String message) {
        super(message);
        this.errno = errno;
    }

    /** An error with the given errno, a message and the exception that caused it. */
    public NgException(Errno errno, String message, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    /** The FreeBSD errno this failure maps to. */
    public Errno errno() {
        return errno;
    }

    /** The message followed by the errno text, as {@code message: strerror}. */
    @Override
    public String toString() {
        return getMessage() + ": " + errno.strerror();
    }
}
