package org.jnetgraph.parse;

import org.jnetgraph.Errno;
import org.jnetgraph.NgException;

/**
 * A failure of the ASCII or binary codec: the errno FreeBSD's ng_parse returns for the same input, plus where in the
 * text the problem was found.
 *
 * <p>For failures while parsing text, {@link #position()} is the 0-based index of the offending token's first
 * character and {@link #token()} its text; the message reads like {@code unknown field "foo" at position 12}. For
 * failures while reading binary data or encoding a Java value, the position is -1, the token is empty and the message
 * names the field instead.
 *
 * <p>Threading: immutable once thrown; any thread.
 */
public final class ParseException extends NgException {
    private static final long serialVersionUID = 1L;

    private final int position;
    private final String token;

    ParseException(Errno errno, String message, int position, String token) {
        super(errno, message);
        this.position = position;
        this.token = token;
    }

    /** The 0-based character position of the offending token in the parsed text, or -1 when no text was involved. */
    public int position() {
        return position;
    }

    /** The offending token as it appears in the text (empty at end of input or when no text was involved). */
    public String token() {
        return token;
    }
}
