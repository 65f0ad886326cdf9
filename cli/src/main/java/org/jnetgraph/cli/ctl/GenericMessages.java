package org.jnetgraph.cli.ctl;

import java.nio.charset.StandardCharsets;
import org.jnetgraph.Message;

/**
 * The generic control messages (NGM_GENERIC_COOKIE) that ngctl sends, and their binary arguments, built as
 * libnetgraph's {@code NgSendMsg} builds them: command string {@code cmd<number>}, fixed-size name buffers cut to
 * their last byte as {@code snprintf} cuts them.
 *
 * <p>Threading: stateless; any thread.
 */
final class GenericMessages {
    static final int COOKIE = 1137070366;

    static final int SHUTDOWN = 1;
    static final int MKPEER = 2;
    static final int CONNECT = 3;
    static final int NAME = 4;
    static final int RMHOOK = 5;
    static final int NODEINFO = 0x30000006;
    static final int LISTHOOKS = 0x30000007;
    static final int LISTNAMES = 0x30000008;
    static final int LISTNODES = 0x30000009;
    static final int LISTTYPES = 0x3000000a;
    static final int TEXT_STATUS = 0x3000000b;
    static final int BINARY2ASCII = 0x3000000c;
    static final int ASCII2BINARY = 0x3000000d;
    static final int TEXT_CONFIG = 14;

    /** NG_NODESIZ, NG_HOOKSIZ and NG_TYPESIZ. */
    static final int NAME_SIZE = 32;
    /** NG_PATHSIZ. */
    static final int PATH_SIZE = 512;

    private GenericMessages() {}

    /** A generic request as {@code NgSendMsg} builds it. */
    static Message request(int cmd, byte[] args) {
        return Message.request(COOKIE, cmd, "cmd" + cmd, args);
    }

    /** A generic request without arguments. */
    static Message request(int cmd) {
        return request(cmd, new byte[0]);
    }

    /** {@code struct ngm_mkpeer}. */
    static Message mkpeer(String type, String ourhook, String peerhook) {
        byte[] args = new byte[3 * NAME_SIZE];
        put(args, 0, NAME_SIZE, type);
        put(args, NAME_SIZE, NAME_SIZE, ourhook);
        put(args, 2 * NAME_SIZE, NAME_SIZE, peerhook);
        return request(MKPEER, args);
    }

    /** {@code struct ngm_connect}. */
    static Message connect(String path, String ourhook, String peerhook) {
        byte[] args = new byte[PATH_SIZE + 2 * NAME_SIZE];
        put(args, 0, PATH_SIZE, path);
        put(args, PATH_SIZE, NAME_SIZE, ourhook);
        put(args, PATH_SIZE + NAME_SIZE, NAME_SIZE, peerhook);
        return request(CONNECT, args);
    }

    /** {@code struct ngm_name}. */
    static Message name(String name) {
        return request(NAME, fixed(name));
    }

    /** {@code struct ngm_rmhook}. */
    static Message rmhook(String hook) {
        return request(RMHOOK, fixed(hook));
    }

    /** A NUL-terminated C string; text is kept one char per byte (ISO-8859-1) throughout ngctl. */
    static byte[] cString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] withNul = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, withNul, 0, bytes.length);
        return withNul;
    }

    /** The C string at the start of {@code bytes} (up to the first NUL or the end). */
    static String fromCString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static byte[] fixed(String text) {
        byte[] args = new byte[NAME_SIZE];
        put(args, 0, NAME_SIZE, text);
        return args;
    }

    private static void put(byte[] args, int offset, int size, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, args, offset, Math.min(bytes.length, size - 1));
    }
}
