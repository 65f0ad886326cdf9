package org.jnetgraph.types;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.jnetgraph.Command;
import org.jnetgraph.Counters;
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
 * {@code tee}: a passive tap. Frames pass between {@code left} and {@code right}; a copy of each goes out of
 * {@code left2right} or {@code right2left}. On shutdown with both sides linked, the tee splices its neighbours
 * together so the chain keeps working.
 *
 * <p>Threading: immutable; any thread.
 */
public final class TeeType extends SnapshotType {
    /** NGM_TEE_COOKIE. */
    public static final int COOKIE = 916107047;
    /** NGM_TEE_GET_STATS. */
    public static final int GET_STATS = 1;
    /** NGM_TEE_CLR_STATS. */
    public static final int CLR_STATS = 2;
    /** NGM_TEE_GETCLR_STATS. */
    public static final int GETCLR_STATS = 3;
    /** NGM_FLOW_COOKIE: flow messages arriving on left or right are passed on. */
    public static final int FLOW_COOKIE = 851672669;

    static final ParseType HOOK_STATS = ParseType.struct(
            Field.of("inOctets", ParseType.UINT64),
            Field.of("inFrames", ParseType.UINT64),
            Field.of("outOctets", ParseType.UINT64),
            Field.of("outFrames", ParseType.UINT64));

    /** The statistics reply: {@code { right={...} left={...} right2left={...} left2right={...} }}. */
    public static final ParseType STATS = ParseType.struct(
            Field.of("right", HOOK_STATS),
            Field.of("left", HOOK_STATS),
            Field.of("right2left", HOOK_STATS),
            Field.of("left2right", HOOK_STATS));

    private static final List<String> HOOKS = List.of("right", "left", "right2left", "left2right");

    private static final List<Command> COMMANDS = List.of(
            new Command(COOKIE, GET_STATS, "getstats", null, STATS),
            new Command(COOKIE, CLR_STATS, "clrstats", null, null),
            new Command(COOKIE, GETCLR_STATS, "getclrstats", null, STATS));

    /** The tee type, as the type registry finds it. */
    public TeeType() {
        super("tee", COOKIE, COMMANDS);
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new Tee(node);
    }

    /** The roles, in the order the statistics reply lists them. */
    static final int RIGHT = 0;

    static final int LEFT = 1;
    static final int RIGHT2LEFT = 2;
    static final int LEFT2RIGHT = 3;

    static final int IN_OCTETS = 0;
    static final int IN_FRAMES = 1;
    static final int OUT_OCTETS = 2;
    static final int OUT_FRAMES = 3;

    private static final class Tee implements NodeMethods {
        /*
         * Implementation notes: the hook of each role lives in an immutable array, replaced by the control path and
         * read once per packet (volatile load); rcvdata derives the route from it and allocates nothing. A hook
         * being removed is already invalid while it waits for its disconnect; routing treats it as absent, so
         * traffic falls back at once, as in FreeBSD where the disconnect runs inside the RMHOOK. Statistics belong
         * to the roles, not the hooks: they survive a disconnect and are zeroed when a new hook takes the role.
         */
        private final Node node;
        private final Counters[] stats = {new Counters(4), new Counters(4), new Counters(4), new Counters(4)};
        private volatile Hook[] roles = new Hook[4];

        Tee(Node node) {
            this.node = node;
        }

        @Override
        public void newhook(Hook hook, String name) {
            int role = HOOKS.indexOf(name);
            if (role < 0) {
                throw new NgException(Errno.EINVAL, "tee: no hook named \"" + name + "\"");
            }
            stats[role].clear();
        }

        @Override
        public void connect(Hook hook) {
            Hook[] next = roles.clone();
            next[HOOKS.indexOf(hook.name())] = hook;
            roles = next;
        }

        @Override
        public Errno rcvdata(Hook hook, Packet packet) {
            Hook[] current = roles;
            int from = roleOf(current, hook);
            if (from < 0) {
                packet.free();
                return Errno.OK;
            }
            count(from, IN_OCTETS, IN_FRAMES, packet);
            int original = originalRole(current, from);
            int copy = copyRole(current, from);
            if (copy >= 0 && usable(current[copy])) {
                sendCopy(current[copy], copy, packet);
            }
            if (original < 0 || !usable(current[original])) {
                packet.free();
                return Errno.OK;
            }
            count(original, OUT_OCTETS, OUT_FRAMES, packet);
            return current[original].send(packet);
        }

        private void sendCopy(Hook out, int role, Packet packet) {
            Packet copy = packet.copy();
            int octets = copy.length();
            if (out.send(copy) == Errno.OK) {
                stats[role].add(packet, OUT_OCTETS, octets);
                stats[role].add(packet, OUT_FRAMES, 1);
            }
        }

        private void count(int role, int octetCounter, int frameCounter, Packet packet) {
            stats[role].add(packet, octetCounter, packet.length());
            stats[role].add(packet, frameCounter, 1);
        }

        private static boolean usable(Hook hook) {
            return hook != null && hook.isLinked();
        }

        private static int roleOf(Hook[] current, Hook hook) {
            for (int role = 0; role < current.length; role++) {
                if (current[role] == hook) {
                    return role;
                }
            }
            return -1;
        }

        /** Where the original goes: across, or out of the copy hook when the other side is missing. */
        private static int originalRole(Hook[] current, int from) {
            return switch (from) {
                case LEFT -> usable(current[RIGHT]) ? RIGHT : LEFT2RIGHT;
                case RIGHT -> usable(current[LEFT]) ? LEFT : RIGHT2LEFT;
                case LEFT2RIGHT -> LEFT;
                default -> RIGHT;
            };
        }

        /** Where the copy goes: only when the original crosses to the other side. */
        private static int copyRole(Hook[] current, int from) {
            return switch (from) {
                case LEFT -> usable(current[RIGHT]) ? LEFT2RIGHT : -1;
                case RIGHT -> usable(current[LEFT]) ? RIGHT2LEFT : -1;
                default -> -1;
            };
        }

        @Override
        public Message rcvmsg(Message message, Hook lasthook) {
            if (message.typecookie() == FLOW_COOKIE) {
                forwardFlow(message, lasthook);
                return null;
            }
            if (message.typecookie() != COOKIE) {
                throw new NgException(Errno.EINVAL, "tee: unknown message cookie " + message.typecookie());
            }
            return switch (message.cmd()) {
                case GET_STATS -> message.reply(stats(false));
                case CLR_STATS -> {
                    stats(true);
                    yield null;
                }
                case GETCLR_STATS -> message.reply(stats(true));
                default -> throw new NgException(Errno.EINVAL, "tee: unknown command " + message.cmd());
            };
        }

        /** Flow messages arriving on left or right go where that side's data goes. */
        private void forwardFlow(Message message, Hook lasthook) {
            Hook[] current = roles;
            int from = roleOf(current, lasthook);
            if (from != LEFT && from != RIGHT) {
                return;
            }
            Hook destination = current[originalRole(current, from)];
            if (usable(destination)) {
                destination.sendMessage(message);
            }
        }

        private byte[] stats(boolean clear) {
            ByteBuffer out = ByteBuffer.allocate(4 * 32).order(ByteOrder.LITTLE_ENDIAN);
            for (Counters role : stats) {
                out.putLong(role.get(IN_OCTETS)).putLong(role.get(IN_FRAMES));
                out.putLong(role.get(OUT_OCTETS)).putLong(role.get(OUT_FRAMES));
                if (clear) {
                    role.clear();
                }
            }
            return out.array();
        }

        @Override
        public void close() {
            Hook[] current = roles;
            if (usable(current[LEFT]) && usable(current[RIGHT])) {
                node.bypass(current[LEFT], current[RIGHT]);
            }
        }

        @Override
        public void disconnect(Hook hook) {
            Hook[] current = roles;
            int role = roleOf(current, hook);
            if (role >= 0) {
                Hook[] next = current.clone();
                next[role] = null;
                roles = next;
            }
            if (node.numHooks() == 0 && node.isValid()) {
                node.rmnodeSelf();
            }
        }
    }
}
