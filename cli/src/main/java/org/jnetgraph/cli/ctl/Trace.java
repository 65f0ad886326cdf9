package org.jnetgraph.cli.ctl;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.jnetgraph.Errno;
import org.jnetgraph.Message;
import org.jnetgraph.NodeType;

/**
 * libnetgraph's debug output, raised by {@code -d} and the {@code debug} command: level 1 reports failed sends
 * ({@code ngctl: sendto(path): <strerror>}); level 2 and up print every message sent and received (header, then the
 * arguments as bytes); level 3 and up ask the node to render the arguments in ASCII instead, lowering the level by 4
 * meanwhile so that this exchange is not traced itself. Lines go to stderr through {@link Diagnostics#warnx}.
 *
 * <p>Threading: the level may be read and set from any thread; printing happens on the thread that sends.
 */
final class Trace {
    /** AF_NETGRAPH, printed as the address family. */
    private static final int AF_NETGRAPH = 32;
    /** libnetgraph's RECURSIVE_DEBUG_ADJUST. */
    private static final int RECURSION_ADJUST = 4;

    private final Diagnostics log;
    private final Map<Integer, String> cookieNames;
    private volatile int level;
    private BiFunction<String, Message, Message> decoder;

    /** A trace naming cookies as given (cookie to upper-case type name); level 0. */
    Trace(Diagnostics log, Map<Integer, String> cookieNames) {
        this.log = log;
        this.cookieNames = Map.copyOf(cookieNames);
    }

    /** The function that asks the node at a path for BINARY2ASCII of a message (used from level 3). */
    void setDecoder(BiFunction<String, Message, Message> binaryToAscii) {
        this.decoder = binaryToAscii;
    }

    int level() {
        return level;
    }

    void setLevel(int newLevel) {
        level = newLevel;
    }

    /** A message was sent to {@code path} with {@code token} (null when the send failed before one was known). */
    void sent(String path, Message message, Integer token) {
        if (level >= 2) {
            log.warnx("SENDING " + (message.isResponse() ? "RESPONSE" : "MESSAGE") + ":");
            header(path, message, token);
        }
    }

    /** A message arrived from {@code path}. */
    void received(String path, Message message) {
        if (level >= 2) {
            log.warnx("RECEIVED " + (message.isResponse() ? "RESPONSE" : "MESSAGE") + ":");
            header(path, message, message.token());
        }
    }

    /** A send failed. */
    void sendFailed(String path, Errno errno) {
        if (level >= 1) {
            log.warn("sendto(" + path + ")", errno);
        }
    }

    private void header(String path, Message message, Integer token) {
        log.warnx("SOCKADDR: { fam=" + AF_NETGRAPH + " len=" + (path.length() + 3) + " addr=\"" + path + "\" }");
        log.warnx("NG_MESG :");
        log.warnx("  vers   " + message.version());
        log.warnx("  arglen " + message.arglen());
        log.warnx("  flags  " + Integer.toUnsignedString(message.flags()));
        log.warnx("  token  " + (token == null ? "?" : Integer.toUnsignedString(token)));
        log.warnx(
                "  cookie " + cookieNames.getOrDefault(message.typecookie(), "??") + " (" + message.typecookie() + ")");
        if (level <= 2 || path.indexOf(':') < 0 || !decoded(path, message)) {
            log.warnx("  cmd    " + message.cmd());
            log.warnx("  args (" + message.arglen() + " bytes)");
            bytes(message.data());
        }
    }

    private boolean decoded(String path, Message message) {
        Message ascii;
        level -= RECURSION_ADJUST;
        try {
            ascii = decoder.apply(path, message);
        } catch (Failure failure) {
            log.warnx("  [error decoding message: " + failure.errno().strerror() + "]");
            return false;
        } finally {
            level += RECURSION_ADJUST;
        }
        log.warnx("  cmd    " + ascii.cmdstr() + " (" + ascii.cmd() + ")");
        log.warnx("  args   " + GenericMessages.fromCString(ascii.data()));
        return true;
    }

    /** libnetgraph's byte dump: as ngctl's, with two spaces before the characters and for each missing one. */
    private void bytes(byte[] data) {
        for (int start = 0; start < data.length; start += 16) {
            log.warnx(HexDump.line(data, start, "  ", "  "));
        }
    }

    /** Cookie names as libnetgraph prints them: the type name in upper case, and GENERIC. */
    static Map<Integer, String> cookieNames(Iterable<NodeType> types) {
        Map<Integer, String> names = new HashMap<>();
        for (NodeType type : types) {
            names.putIfAbsent(type.cookie(), type.name().toUpperCase(Locale.ROOT));
        }
        names.put(GenericMessages.COOKIE, "GENERIC");
        return names;
    }
}
