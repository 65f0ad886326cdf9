package org.jnetgraph.types;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.jnetgraph.Command;
import org.jnetgraph.Errno;
import org.jnetgraph.Hook;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Node;
import org.jnetgraph.NodeMethods;
import org.jnetgraph.Packet;
import org.jnetgraph.parse.Field;
import org.jnetgraph.parse.ParseType;

/**
 * {@code hole}: a sink. Accepts any hook, counts and frees every packet, and shuts down with its last hook. Its
 * per-hook statistics are the framework's hook counters, minus what {@code clrstats} set aside.
 *
 * <p>Threading: immutable; any thread.
 */
public final class HoleType extends SnapshotType {
    /** NGM_HOLE_COOKIE. */
    public static final int COOKIE = 915433206;
    /** NGM_HOLE_GET_STATS: statistics of one hook. */
    public static final int GET_STATS = 1;
    /** NGM_HOLE_CLR_STATS. */
    public static final int CLR_STATS = 2;
    /** NGM_HOLE_GETCLR_STATS. */
    public static final int GETCLR_STATS = 3;

    /** The reply of getstats: {@code { frames=N octets=N }}. */
    public static final ParseType STATS =
            ParseType.struct(Field.of("frames", ParseType.UINT64), Field.of("octets", ParseType.UINT64));

    private static final List<Command> COMMANDS = List.of(
            new Command(COOKIE, GET_STATS, "getstats", ParseType.HOOKBUF, STATS),
            new Command(COOKIE, CLR_STATS, "clrstats", ParseType.HOOKBUF, null),
            new Command(COOKIE, GETCLR_STATS, "getclrstats", ParseType.HOOKBUF, STATS));

    /** The hole type, as the type registry finds it. */
    public HoleType() {
        super("hole", COOKIE, COMMANDS);
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new Hole(node);
    }

    /** The baseline a hook's counters had at the last clrstats. */
    private record Baseline(long frames, long octets) {}

    private static final class Hole implements NodeMethods {
        private final Node node;

        Hole(Node node) {
            this.node = node;
        }

        @Override
        public void connect(Hook hook) {
            hook.attach(new Baseline(hook.inPackets(), hook.inOctets()));
        }

        @Override
        public Errno rcvdata(Hook hook, Packet packet) {
            packet.free();
            return Errno.OK;
        }

        @Override
        public Message rcvmsg(Message message, Hook lasthook) {
            if (message.typecookie() != COOKIE) {
                throw new NgException(Errno.EINVAL, "hole: unknown message cookie " + message.typecookie());
            }
            return switch (message.cmd()) {
                case GET_STATS -> message.reply(stats(hookOf(message), false));
                case CLR_STATS -> {
                    stats(hookOf(message), true);
                    yield null;
                }
                case GETCLR_STATS -> message.reply(stats(hookOf(message), true));
                default -> throw new NgException(Errno.EINVAL, "hole: unknown command " + message.cmd());
            };
        }

        private Hook hookOf(Message message) {
            if (message.arglen() != 32) {
                throw new NgException(Errno.EINVAL, "hole: argument is " + message.arglen() + " bytes, expected 32");
            }
            byte[] data = message.data();
            int end = 0;
            while (end < 31 && data[end] != 0) {
                end++;
            }
            String name = new String(data, 0, end, java.nio.charset.StandardCharsets.ISO_8859_1);
            Hook hook = node.hook(name);
            if (hook == null) {
                throw new NgException(Errno.ENOENT, "hole: no hook \"" + name + "\"");
            }
            return hook;
        }

        private static byte[] stats(Hook hook, boolean clear) {
            long frames = hook.inPackets();
            long octets = hook.inOctets();
            Baseline base = (Baseline) hook.attachment();
            if (clear) {
                hook.attach(new Baseline(frames, octets));
            }
            ByteBuffer out = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            out.putLong(frames - base.frames());
            out.putLong(octets - base.octets());
            return out.array();
        }

        @Override
        public void disconnect(Hook hook) {
            if (node.numHooks() == 0 && node.isValid()) {
                node.rmnodeSelf();
            }
        }
    }
}
