package org.jnetgraph;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The generic control messages (NGM_GENERIC_COOKIE), which the framework handles for every node type: their
 * numbers, binary argument layouts and handlers.
 *
 * <p>Threading: {@link #handle} runs on the control path with the control lock held.
 */
final class Generic {
    static final int COOKIE = 1137070366;
    static final int RO_HR = Message.READONLY | Message.HASREPLY;

    static final int SHUTDOWN = 1;
    static final int MKPEER = 2;
    static final int CONNECT = 3;
    static final int NAME = 4;
    static final int RMHOOK = 5;
    static final int NODEINFO = 6 | RO_HR;
    static final int LISTHOOKS = 7 | RO_HR;
    static final int LISTNAMES = 8 | RO_HR;
    static final int LISTNODES = 9 | RO_HR;
    static final int LISTTYPES = 10 | RO_HR;
    static final int TEXT_STATUS = 11 | RO_HR;
    static final int BINARY2ASCII = 12 | RO_HR;
    static final int ASCII2BINARY = 13 | RO_HR;
    static final int TEXT_CONFIG = 14;

    static final int NAME_SIZE = 32;
    static final int PATH_SIZE = 512;
    static final int NODEINFO_SIZE = 72;
    static final int LINKINFO_SIZE = 136;
    static final int TYPEINFO_SIZE = 36;

    /** Returned by {@link #handle} when the request completes later (CONNECT). */
    static final Message DEFERRED = Message.request(0, 0, "deferred");

    private final Graph graph;
    private final Control control;

    Generic(Graph graph, Control control) {
        this.graph = graph;
        this.control = control;
    }

    /** Generic requests are the framework's, except TEXT_STATUS and TEXT_CONFIG, which go to the type. */
    boolean handles(Message message) {
        return message.typecookie() == COOKIE
                && !message.isResponse()
                && message.cmd() != TEXT_STATUS
                && message.cmd() != TEXT_CONFIG;
    }

    Message handle(Node node, ControlItem item) {
        Message message = item.message;
        return switch (message.cmd()) {
            case SHUTDOWN -> shutdown(node);
            case MKPEER -> mkpeer(node, message);
            case CONNECT -> connect(node, item);
            case NAME -> name(node, message);
            case RMHOOK -> rmhook(node, message);
            case NODEINFO -> message.reply(nodeinfo(node));
            case LISTHOOKS -> message.reply(listhooks(node));
            case LISTNAMES -> message.reply(listnodes(true));
            case LISTNODES -> message.reply(listnodes(false));
            case LISTTYPES -> message.reply(listtypes());
            case BINARY2ASCII -> message.reply(graph.codec().binaryToAscii(node, message.data()));
            case ASCII2BINARY -> message.reply(graph.codec().asciiToBinary(node, message.data()));
            default ->
                throw new NgException(
                        Errno.EINVAL,
                        "unknown generic message " + Integer.toUnsignedString(message.cmd()) + " (\"" + message.cmdstr()
                                + "\")");
        };
    }

    private Message shutdown(Node node) {
        control.rmnode(node);
        return null;
    }

    private Message mkpeer(Node node, Message message) {
        ByteBuffer args = arguments(message, 3 * NAME_SIZE, "mkpeer");
        control.mkpeer(
                node,
                fixedString(args, 0, NAME_SIZE),
                fixedString(args, 32, NAME_SIZE),
                fixedString(args, 64, NAME_SIZE));
        return null;
    }

    private Message connect(Node node, ControlItem item) {
        ByteBuffer args = arguments(item.message, PATH_SIZE + 2 * NAME_SIZE, "connect");
        String path = fixedString(args, 0, PATH_SIZE);
        String ourhook = fixedString(args, PATH_SIZE, NAME_SIZE);
        String peerhook = fixedString(args, PATH_SIZE + NAME_SIZE, NAME_SIZE);
        Completion completion = item.completion != null ? item.completion : new Completion();
        control.connect(node, path, ourhook, peerhook, completion);
        return DEFERRED;
    }

    private Message name(Node node, Message message) {
        ByteBuffer args = arguments(message, NAME_SIZE, "name");
        control.name(node, fixedString(args, 0, NAME_SIZE));
        return null;
    }

    private Message rmhook(Node node, Message message) {
        ByteBuffer args = arguments(message, NAME_SIZE, "rmhook");
        control.rmhook(node, fixedString(args, 0, NAME_SIZE));
        return null;
    }

    private static ByteBuffer arguments(Message message, int size, String what) {
        if (message.arglen() != size) {
            throw new NgException(
                    Errno.EINVAL, what + ": argument is " + message.arglen() + " bytes, expected " + size);
        }
        return message.args();
    }

    /** A fixed-size C string as the kernel reads it: the last byte is forced to NUL, so longer text is cut. */
    static String fixedString(ByteBuffer args, int offset, int size) {
        byte[] bytes = new byte[size];
        args.get(offset, bytes);
        return Message.cString(bytes, 0, size - 1);
    }

    // ---------------------------------------------------------------- replies

    byte[] nodeinfo(Node node) {
        ByteBuffer out = buffer(NODEINFO_SIZE);
        putNodeinfo(out, 0, node, node.numHooks());
        return out.array();
    }

    private static void putNodeinfo(ByteBuffer out, int offset, Node node, int hooks) {
        putFixedString(out, offset, node.name(), NAME_SIZE);
        putFixedString(out, offset + 32, node.type().name(), NAME_SIZE);
        out.putInt(offset + 64, node.id());
        out.putInt(offset + 68, hooks);
    }

    private byte[] listhooks(Node node) {
        Hook[] all = node.hookArray();
        ByteBuffer out = buffer(NODEINFO_SIZE + all.length * LINKINFO_SIZE);
        int valid = 0;
        for (Hook hook : all) {
            Hook peer = hook.peerAcquire();
            if (!hook.isValid() || peer.stateAcquire() != Hook.VALID) {
                continue;
            }
            int at = NODEINFO_SIZE + valid * LINKINFO_SIZE;
            putFixedString(out, at, hook.name(), NAME_SIZE);
            putFixedString(out, at + 32, peer.name(), NAME_SIZE);
            putNodeinfo(out, at + 64, peer.node(), peer.node().numHooks());
            valid++;
        }
        putNodeinfo(out, 0, node, valid);
        return out.array();
    }

    private byte[] listnodes(boolean namedOnly) {
        List<Node> all = graph.allNodes();
        ByteBuffer out = buffer(4 + all.size() * NODEINFO_SIZE);
        int count = 0;
        for (Node node : all) {
            if (!node.isValid() || (namedOnly && node.name().isEmpty())) {
                continue;
            }
            putNodeinfo(out, 4 + count * NODEINFO_SIZE, node, node.numHooks());
            count++;
        }
        out.putInt(0, count);
        return out.array();
    }

    private byte[] listtypes() {
        List<NodeType> types = graph.types();
        ByteBuffer out = buffer(4 + types.size() * TYPEINFO_SIZE);
        out.putInt(0, types.size());
        for (int i = 0; i < types.size(); i++) {
            NodeType type = types.get(i);
            putFixedString(out, 4 + i * TYPEINFO_SIZE, type.name(), NAME_SIZE);
            out.putInt(4 + i * TYPEINFO_SIZE + 32, graph.nodeCount(type));
        }
        return out.array();
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static void putFixedString(ByteBuffer out, int offset, String text, int size) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        out.put(offset, bytes, 0, Math.min(bytes.length, size - 1));
    }

    // ---------------------------------------------------------------- request builders

    static Message mkpeerRequest(String type, String ourhook, String peerhook) {
        ByteBuffer args = buffer(3 * NAME_SIZE);
        putFixedString(args, 0, type, NAME_SIZE);
        putFixedString(args, 32, ourhook, NAME_SIZE);
        putFixedString(args, 64, peerhook, NAME_SIZE);
        return Message.request(COOKIE, MKPEER, "mkpeer", args.array());
    }

    static Message connectRequest(String path, String ourhook, String peerhook) {
        ByteBuffer args = buffer(PATH_SIZE + 2 * NAME_SIZE);
        putFixedString(args, 0, path, PATH_SIZE);
        putFixedString(args, PATH_SIZE, ourhook, NAME_SIZE);
        putFixedString(args, PATH_SIZE + NAME_SIZE, peerhook, NAME_SIZE);
        return Message.request(COOKIE, CONNECT, "connect", args.array());
    }

    static Message nameRequest(String name) {
        ByteBuffer args = buffer(NAME_SIZE);
        putFixedString(args, 0, name, NAME_SIZE);
        return Message.request(COOKIE, NAME, "name", args.array());
    }

    static Message rmhookRequest(String hook) {
        ByteBuffer args = buffer(NAME_SIZE);
        putFixedString(args, 0, hook, NAME_SIZE);
        return Message.request(COOKIE, RMHOOK, "rmhook", args.array());
    }
}
