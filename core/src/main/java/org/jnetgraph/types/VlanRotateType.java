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
 * {@code vlan_rotate}: rotates the stack of VLAN tags of frames passing between {@code ordered} and {@code original}.
 * A frame from {@code ordered} is rotated by {@code rot} positions (the tag at position {@code i}, counted from the
 * outermost, takes the one from {@code i + rot}); a frame from {@code original} is rotated back. Frames with more
 * tags than {@code max} leave through {@code excessive}, frames with fewer than {@code min} tags or no more tags than
 * the rotation through {@code incomplete}; frames arriving on those two go to {@code original} unchanged.
 *
 * <p>Threading: immutable; any thread.
 */
public final class VlanRotateType extends SnapshotType {
    /** NGM_VLANROTATE_COOKIE. */
    public static final int COOKIE = 1568378766;
    /** NGM_VLANROTATE_GET_CONF. */
    public static final int GET_CONF = 1;
    /** NGM_VLANROTATE_SET_CONF. */
    public static final int SET_CONF = 2;
    /** NGM_VLANROTATE_GET_STAT. */
    public static final int GET_STAT = 3;
    /** NGM_VLANROTATE_CLR_STAT. */
    public static final int CLR_STAT = 4;
    /** NGM_VLANROTATE_GETCLR_STAT. */
    public static final int GETCLR_STAT = 5;
    /** NG_VLANROTATE_MAX_VLANS: the deepest stack the type rotates, and the default {@code max}. */
    public static final int MAX_VLANS = 10;

    /** The hook whose frames are rotated forward, towards {@code original}. */
    public static final String ORDERED = "ordered";
    /** The hook whose frames are rotated back, towards {@code ordered}. */
    public static final String ORIGINAL = "original";
    /** Where frames with too many tags go. */
    public static final String EXCESSIVE = "excessive";
    /** Where frames with too few tags go. */
    public static final String INCOMPLETE = "incomplete";

    /** {@code { rot min max }}. */
    public static final ParseType CONF = ParseType.struct(
            Field.of("rot", ParseType.INT8), Field.of("min", ParseType.UINT8), Field.of("max", ParseType.UINT8));

    /** {@code { drops excessive incomplete histogram=[...] }}; the histogram counts rotated frames by depth. */
    public static final ParseType STAT = ParseType.struct(
            Field.of("drops", ParseType.UINT64),
            Field.of("excessive", ParseType.UINT64),
            Field.of("incomplete", ParseType.UINT64),
            Field.of("histogram", ParseType.fixedArray(ParseType.UINT64, MAX_VLANS)));

    private static final List<Command> COMMANDS = List.of(
            new Command(COOKIE, GET_CONF, "getconf", null, CONF),
            new Command(COOKIE, SET_CONF, "setconf", CONF, null),
            new Command(COOKIE, GET_STAT, "getstat", null, STAT),
            new Command(COOKIE, CLR_STAT, "clrstat", null, STAT),
            new Command(COOKIE, GETCLR_STAT, "getclrstat", null, STAT));

    private static final List<String> HOOKS = List.of(ORDERED, ORIGINAL, EXCESSIVE, INCOMPLETE);
    private static final int ROLE_ORDERED = 0;
    private static final int ROLE_ORIGINAL = 1;
    private static final int ROLE_EXCESSIVE = 2;
    private static final int ROLE_INCOMPLETE = 3;

    /** The counters of the statistics reply, in its order; the histogram follows them. */
    private static final int DROPS = 0;

    private static final int EXCESSIVE_FRAMES = 1;
    private static final int INCOMPLETE_FRAMES = 2;
    private static final int TOTALS = 3;
    /** A counter set holds at most eight counters, so the histogram is split over two sets of this many. */
    private static final int HISTOGRAM_HALF = MAX_VLANS / 2;

    /** Two MAC addresses. */
    private static final int MACS = 12;
    /** One tag: its TPID and its TCI. */
    private static final int TAG = 4;

    /** The vlan_rotate type, as the type registry finds it. */
    public VlanRotateType() {
        super("vlan_rotate", COOKIE, COMMANDS);
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new VlanRotate(node);
    }

    /** Whether {@code tpid} marks a VLAN tag: 802.1Q, 802.1ad, or one of the old 0x9100..0x9300 QinQ values. */
    static boolean isTagProtocol(int tpid) {
        return tpid == 0x8100 || tpid == 0x88a8 || tpid == 0x9100 || tpid == 0x9200 || tpid == 0x9300;
    }

    /** An immutable configuration and the hook of each role. */
    private record Config(int rot, int min, int max, Hook[] roles) {
        static Config initial() {
            return new Config(0, 0, MAX_VLANS, new Hook[4]);
        }

        Config withRoles(Hook[] newRoles) {
            return new Config(rot, min, max, newRoles);
        }

        Config withLimits(int newRot, int newMin, int newMax) {
            return new Config(newRot, newMin, newMax, roles);
        }
    }

    private static final class VlanRotate implements NodeMethods {
        /*
         * Implementation notes: the rotation, the limits and the hooks live in one immutable Config that the control
         * path replaces and rcvdata reads once per packet (volatile load), so a frame is classified and rotated with
         * one consistent configuration. The stack is rotated in place, one four-byte entry at a time along each
         * cycle of the permutation, holding the displaced entry in a local int: nothing is allocated per frame.
         */
        private final Node node;
        private final Counters totals = new Counters(TOTALS);
        private final Counters[] histogram = {new Counters(HISTOGRAM_HALF), new Counters(HISTOGRAM_HALF)};
        private volatile Config config = Config.initial();

        VlanRotate(Node node) {
            this.node = node;
        }

        @Override
        public void newhook(Hook hook, String name) {
            int role = HOOKS.indexOf(name);
            if (role < 0) {
                throw new NgException(Errno.EINVAL, "vlan_rotate: no hook named \"" + name + "\"");
            }
            if (config.roles()[role] != null) {
                throw new NgException(Errno.EADDRINUSE, "vlan_rotate: hook \"" + name + "\" is still connected");
            }
            hook.attach(role);
        }

        @Override
        public void connect(Hook hook) {
            Config old = config;
            Hook[] roles = old.roles().clone();
            roles[(Integer) hook.attachment()] = hook;
            config = old.withRoles(roles);
        }

        @Override
        public Errno rcvdata(Hook hook, Packet packet) {
            Config current = config;
            int from = (Integer) hook.attachment();
            if (from == ROLE_EXCESSIVE || from == ROLE_INCOMPLETE) {
                return forward(current.roles()[ROLE_ORIGINAL], packet);
            }
            int rotate = from == ROLE_ORDERED ? current.rot() : -current.rot();
            Hook destination = current.roles()[from == ROLE_ORDERED ? ROLE_ORIGINAL : ROLE_ORDERED];
            if (destination == null) {
                return drop(packet, Errno.ENETDOWN);
            }
            int tags = countTags(packet);
            if (tags < 0) {
                return drop(packet, Errno.EINVAL);
            }
            if (tags > current.max() || tags >= MAX_VLANS) {
                totals.add(packet, EXCESSIVE_FRAMES, 1);
                return forward(current.roles()[ROLE_EXCESSIVE], packet);
            }
            if (tags < current.min() || tags <= Math.abs(rotate)) {
                totals.add(packet, INCOMPLETE_FRAMES, 1);
                return forward(current.roles()[ROLE_INCOMPLETE], packet);
            }
            histogram[tags / HISTOGRAM_HALF].add(packet, tags % HISTOGRAM_HALF, 1);
            rotate(packet, rotate < 0 ? tags + rotate : rotate, tags);
            return forward(destination, packet);
        }

        /** Sends the frame on; a frame handed to the next hop counts as delivered, whatever that hop answers. */
        private Errno forward(Hook destination, Packet packet) {
            if (destination == null) {
                return drop(packet, Errno.ENOSYS);
            }
            destination.send(packet);
            return Errno.OK;
        }

        private Errno drop(Packet packet, Errno errno) {
            totals.add(packet, DROPS, 1);
            packet.free();
            return errno;
        }

        /**
         * The number of consecutive tags after the MAC addresses, at most {@link #MAX_VLANS} + 1; -1 when the frame
         * ends before the protocol field that follows the last tag counted so far (FreeBSD's pullup of the header
         * and one more stack entry fails there).
         */
        private static int countTags(Packet packet) {
            int tags = 0;
            while (tags <= MAX_VLANS) {
                int entry = MACS + tags * TAG;
                if (packet.length() < entry + TAG) {
                    return -1;
                }
                if (!isTagProtocol(packet.getUnsignedShort(entry))) {
                    return tags;
                }
                tags++;
            }
            return tags;
        }

        /** Rotates the {@code n} stack entries so that entry {@code i} takes entry {@code (i + d) mod n}. */
        private static void rotate(Packet packet, int d, int n) {
            if (d == 0) {
                return;
            }
            for (int start = gcd(d, n) - 1; start >= 0; start--) {
                int saved = packet.getInt(entry(start));
                int j = start;
                for (int k = next(j, d, n); k != start; k = next(j, d, n)) {
                    copyEntry(packet, entry(k), entry(j));
                    j = k;
                }
                setEntry(packet, entry(j), saved);
            }
        }

        private static int next(int j, int d, int n) {
            int k = j + d;
            return k >= n ? k - n : k;
        }

        private static int entry(int index) {
            return MACS + index * TAG;
        }

        private static void copyEntry(Packet packet, int from, int to) {
            setEntry(packet, to, packet.getInt(from));
        }

        private static void setEntry(Packet packet, int at, int value) {
            packet.setShort(at, value >>> 16);
            packet.setShort(at + 2, value & 0xffff);
        }

        private static int gcd(int a, int b) {
            return b == 0 ? a : gcd(b, a % b);
        }

        @Override
        public Message rcvmsg(Message message, Hook lasthook) {
            if (message.typecookie() != COOKIE) {
                throw new NgException(Errno.EINVAL, "vlan_rotate: unknown message cookie " + message.typecookie());
            }
            return switch (message.cmd()) {
                case GET_CONF -> message.reply(encodeConf(config));
                case SET_CONF -> setConf(message);
                case GET_STAT -> message.reply(stat(false));
                case GETCLR_STAT -> message.reply(stat(true));
                case CLR_STAT -> {
                    stat(true);
                    yield null;
                }
                default -> throw new NgException(Errno.EINVAL, "vlan_rotate: unknown command " + message.cmd());
            };
        }

        private Message setConf(Message message) {
            if (message.arglen() != 3) {
                throw new NgException(Errno.EINVAL, "vlan_rotate: conf is " + message.arglen() + " bytes, expected 3");
            }
            ByteBuffer in = message.args();
            int rot = in.get(0);
            int min = Byte.toUnsignedInt(in.get(1));
            int max = Byte.toUnsignedInt(in.get(2));
            Config old = config;
            if (max == 0) {
                max = old.max();
            }
            if (max > MAX_VLANS || min > max || Math.abs(rot) >= max) {
                throw new NgException(
                        Errno.EINVAL, "vlan_rotate: rot " + rot + " min " + min + " max " + max + " out of range");
            }
            config = old.withLimits(rot, min, max);
            return null;
        }

        private static byte[] encodeConf(Config current) {
            return new byte[] {(byte) current.rot(), (byte) current.min(), (byte) current.max()};
        }

        private byte[] stat(boolean clear) {
            ByteBuffer out = ByteBuffer.allocate(8 * (TOTALS + MAX_VLANS)).order(ByteOrder.LITTLE_ENDIAN);
            for (int counter = 0; counter < TOTALS; counter++) {
                out.putLong(totals.get(counter));
            }
            for (int depth = 0; depth < MAX_VLANS; depth++) {
                out.putLong(histogram[depth / HISTOGRAM_HALF].get(depth % HISTOGRAM_HALF));
            }
            if (clear) {
                totals.clear();
                histogram[0].clear();
                histogram[1].clear();
            }
            return out.array();
        }

        @Override
        public void disconnect(Hook hook) {
            Config old = config;
            int role = (Integer) hook.attachment();
            if (old.roles()[role] == hook) {
                Hook[] roles = old.roles().clone();
                roles[role] = null;
                config = old.withRoles(roles);
            }
            if (node.numHooks() == 0 && node.isValid()) {
                node.rmnodeSelf();
            }
        }
    }
}
