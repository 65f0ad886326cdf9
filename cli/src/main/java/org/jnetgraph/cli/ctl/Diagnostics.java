package org.jnetgraph.cli.ctl;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.jnetgraph.Errno;
import org.jnetgraph.NgException;
import org.jnetgraph.parse.ParseException;

/**
 * ngctl's diagnostics on stderr, in the form of BSD {@code warn}/{@code warnx}: {@code ngctl: <context>: <strerror>}.
 *
 * <p>Beyond FreeBSD, when the engine's message says more than the errno text, it follows on continuation lines that
 * start with {@code ngctl:} and three spaces, so the first line stays byte-identical to FreeBSD's:
 *
 * <pre>
 * ngctl: send msg: File exists
 * ngctl:   hook "a" already exists on [1]:
 * </pre>
 *
 * A parse error of an ASCII argument adds the argument text and a caret under the offending token.
 *
 * <p>Threading: confined to the interpreter's thread (callers hold the session lock).
 */
final class Diagnostics {
    /** How every diagnostic line starts. */
    static final String PREFIX = "ngctl: ";
    /** How a continuation line with the engine's detail starts. */
    static final String DETAIL = "ngctl:   ";

    private final PrintStream err;

    Diagnostics(PrintStream err) {
        this.err = err;
    }

    /** The stream diagnostics go to. */
    PrintStream stream() {
        return err;
    }

    /** {@code warnx}: {@code ngctl: <text>}. */
    void warnx(String text) {
        err.println(PREFIX + text);
    }

    /** {@code warn} for a failed exchange with the graph, plus the engine's detail. */
    void warn(Failure failure) {
        warn(failure.context(), failure.error(), failure.parsedText());
    }

    /** {@code warn} for an engine error, plus its detail. */
    void warn(String context, NgException error) {
        warn(context, error, null);
    }

    /** {@code warn} for an errno that has no further detail. */
    void warn(String context, Errno errno) {
        warnx(context + ": " + errno.strerror());
    }

    /** {@code warn} for a failed file operation. */
    void warn(String context, IOException error) {
        warnx(context + ": " + strerror(error));
    }

    private void warn(String context, NgException error, String parsedText) {
        warn(context, error.errno());
        String detail = error.getMessage();
        if (detail != null && !detail.isBlank() && !detail.equals(error.errno().strerror())) {
            err.println(DETAIL + detail);
        }
        pointAt(parseError(error), parsedText);
    }

    private void pointAt(ParseException parse, String text) {
        if (parse == null || text == null || parse.position() < 0 || parse.position() > text.length()) {
            return;
        }
        err.println(DETAIL + text);
        err.println(DETAIL + " ".repeat(parse.position()) + "^");
    }

    private static ParseException parseError(Throwable error) {
        for (Throwable at = error; at != null; at = at.getCause()) {
            if (at instanceof ParseException parse) {
                return parse;
            }
        }
        return null;
    }

    /** The text FreeBSD's {@code strerror} would give for a Java I/O failure. */
    static String strerror(IOException error) {
        return switch (error) {
            case NoSuchFileException e -> Errno.ENOENT.strerror();
            case AccessDeniedException e -> Errno.EACCES.strerror();
            case FileSystemException e when e.getReason() != null -> e.getReason();
            default -> error.getMessage() != null ? error.getMessage() : Errno.EIO.strerror();
        };
    }
}
