package org.jnetgraph.cli.ctl;

import org.jnetgraph.Errno;
import org.jnetgraph.NgException;

/**
 * A failed exchange with the graph, with the context ngctl names in its diagnostic ({@code send msg},
 * {@code recv listnodes msg}, {@code shutdown}...) and, for ASCII messages, the argument text that was parsed.
 *
 * <p>Threading: immutable once thrown; any thread.
 */
final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String context;
    private final String parsedText;

    Failure(String context, NgException cause) {
        this(context, cause, null);
    }

    Failure(String context, NgException cause, String parsedText) {
        super(context + ": " + cause.getMessage(), cause);
        this.context = context;
        this.parsedText = parsedText;
    }

    /** What ngctl was doing, as its diagnostic names it. */
    String context() {
        return context;
    }

    /** The engine's error. */
    NgException error() {
        return (NgException) getCause();
    }

    /** The error number. */
    Errno errno() {
        return error().errno();
    }

    /** The ASCII argument text the node parsed, or null. */
    String parsedText() {
        return parsedText;
    }
}
