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
 * {@code one2many}: distributes packets from {@code one} over the links {@code many0}..{@code many63} (round robin,
 * to all, or failover) and merges everything from the many links into {@code one}.
 *
 * <p>Threading: immutable; any thread.
 */
public final class One2ManyType extends SnapshotType {
    /** NGM_ONE2MANY_COOKIE. */
    public static final int COOKIE = 1100897444;
    /** NGM_ONE2MANY_SET_CONFIG. */
    public static final int SET_CONFIG = 0;
    /** NGM_ONE2MANY_GET_CONFIG. */
    public static final int GET_CONFIG = 1;
    /** NGM_ONE2MANY_GET_STATS. */
    public static final int GET_STATS = 2;
    /** NGM_ONE2MANY_CLR_STATS. */
    public static final int CLR_STATS = 3;
    /** NGM_ONE2MANY_GETCLR_STATS. */
    public static final int GETCLR_STATS = 4;
    /** NG_ONE2MANY_MAX_LINKS. */
    public static final int MAX_LINKS = 64;
    /** Transmit algorithms. */
    public static final int XMIT_ROUNDROBIN = 1;
    /** Copies to every active link. */
    public static final int XMIT_ALL = 2;
    /** The lowest-numbered active link. */
    public static final int XMIT_FAILOVER = 3;
    /** Link failure detection: only setconfig changes the enabled flags. */
    public static final int FAIL_MANUAL = 1;
    /** Link failure detection: LINK_IS_UP/LINK_IS_DOWN flow messages from a many link set its flag. */
    public static final int FAIL_NOTIFY = 2;

    static final int FLOW_COOKIE = 851672669;
    static final int LINK_IS_UP = 32;
    static final int LINK_IS_DOWN = 33;
    static final int CONFIG_SIZE = 4 + 4 + MAX_LINKS;

    /** {@code { xmitAlg failAlg enabledLinks=[...] }}. */
    public static final ParseType CONFIG = ParseType.struct(
            Field.of("xmitAlg", ParseType.UINT32),
            Field.of("failAlg", ParseType.UINT32),
            Field.of("enabledLinks", ParseType.fixedArray(ParseType.UINT8, MAX_LINKS)));

    /** Per-link statistics. */
    public static final ParseType LINK_STATS = ParseType.struct(
            Field.of("recvOctets", ParseType.UINT64),
            Field.of("recvPackets", ParseType.UINT64),
            Field.of("xmitOctets", ParseType.UINT64),
            Field.of("xmitPackets", ParseType.UINT64),
            Field.of("memoryFailures", ParseType.UINT64));

    private static final List<Command> COMMANDS = List.of(
            new Command(COOKIE, SET_CONFIG, "setconfig", CONFIG, null),
            new Command(COOKIE, GET_CONFIG, "getconfig", null, CONFIG),
            new Command(COOKIE, GET_STATS, "getstats", ParseType.INT32, LINK_STATS),
            new Command(COOKIE, CLR_STATS, "clrstats", ParseType.INT32, null),
            new Command(COOKIE, GETCLR_STATS, "getclrstats", ParseType.INT32, LINK_STATS));

    /** The one2many type, as the type registry finds it. */
    public One2ManyType() {
        super("one2many", COOKIE, COMMANDS);
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new One2Many(node);
    }

    /** An immutable configuration and the active links it yields, in ascending link number. */
    private record Config(int xmitAlg, int failAlg, boolean[] enabled, Hook one, Hook[] many, Hook[] active) {
        static Config initial() {
            return new Config(
                    XMIT_ROUNDROBIN, FAIL_MANUAL, new boolean[MAX_LINKS], null, new Hook[MAX_LINKS], new Hook[0]);
        }

        Config withLinks(boolean[] newEnabled, Hook newOne, Hook[] newMany) {
            return new Config(xmitAlg, failAlg, newEnabled, newOne, newMany, activeOf(newEnabled, newMany));
        }

        Config withAlgorithms(int newXmit, int newFail, boolean[] newEnabled) {
            return new Config(newXmit, newFail, newEnabled, one, many, activeOf(newEnabled, many));
        }

        private static Hook[] activeOf(boolean[] enabled, Hook[] many) {
            return java.util.stream.IntStream.range(0, MAX_LINKS)
                    .filter(i -> enabled[i] && many[i] != null)
                    .mapToObj(i -> many[i])
                    .toArray(Hook[]::new);
        }
    }

    private static final class One2Many implements NodeMethods {
        /*
         * Implementation notes: all configuration and the active-link array live in one immutable Config, replaced
         * by the control path and read once per packet. The round-robin position is a plain int read and written
         * without atomics on purpose: two threads racing on it may pick the same link once, which only makes the
         * spread slightly uneven, and no packet is lost or duplicated by it.
         */
        private static final int RECV_OCTETS = 0;
        private static final int RECV_PACKETS = 1;
        private static final int XMIT_OCTETS = 2;
        private static final int XMIT_PACKETS = 3;

        private final Node node;
        private final Counters[] stats = newStats();
        private volatile Config config = Config.initial();
        private int nextLink;

        /** Statistics per link: index 0 is {@code one}, 1 + N is {@code manyN}; they outlive the link's hook. */
        private static Counters[] newStats() {
            Counters[] all = new Counters[MAX_LINKS + 1];
            for (int i = 0; i < all.length; i++) {
                all[i] = new Counters(4);
            }
            return all;
        }

        private static int statsIndex(String hookName) {
            return hookName.equals("one") ? 0 : 1 + linkNumber(hookName);
        }

        One2Many(Node node) {
            this.node = node;
        }

        /**
         * Accepts {@code one} and {@code manyN}. A name in use by a valid hook was already refused by the
         * framework (EEXIST); a link whose old hook is still being torn down may be taken again at once, and that
         * hook's late disconnect leaves the new link alone.
         */
        /** Also records the link's statistics index in the hook, so that rcvdata never parses the hook name. */
        @Override
        public void newhook(Hook hook, String name) {
            int index = statsIndex(name);
            stats[index].clear();
            hook.attach(index);
        }

        private static int statsIndex(Hook hook) {
            return (Integer) hook.attachment();
        }

        static int linkNumber(String name) {
            String digits = name.startsWith("many") ? name.substring(4) : "";
            boolean wellFormed = !digits.isEmpty()
                    && digits.length() <= 2
                    && digits.chars().allMatch(Character::isDigit)
                    && (digits.length() == 1 || digits.charAt(0) != '0');
            int link = wellFormed ? Integer.parseInt(digits) : -1;
            if (link < 0 || link >= MAX_LINKS) {
                throw new NgException(Errno.EINVAL, "one2many: no hook named \"" + name + "\"");
            }
            return link;
        }

        @Override
        public void connect(Hook hook) {
            Config old = config;
            int activeBefore = old.active().length;
            if (hook.name().equals("one")) {
                config = old.withLinks(old.enabled(), hook, old.many());
            } else {
                int link = linkNumber(hook.name());
                boolean[] enabled = old.enabled().clone();
                Hook[] many = old.many().clone();
                enabled[link] = true;
                many[link] = hook;
                config = old.withLinks(enabled, old.one(), many);
            }
            notifyIfChanged(activeBefore);
        }

        @Override
        public Errno rcvdata(Hook hook, Packet packet) {
            Config current = config;
            count(statsIndex(hook), RECV_OCTETS, RECV_PACKETS, packet);
            if (hook != current.one()) {
                Hook one = current.one();
                if (one == null) {
                    packet.free();
                    return Errno.ENETDOWN;
                }
                count(0, XMIT_OCTETS, XMIT_PACKETS, packet);
                return one.send(packet);
            }
            Hook[] active = current.active();
            if (active.length == 0) {
                packet.free();
                return Errno.ENOTCONN;
            }
            return switch (current.xmitAlg()) {
                case XMIT_ALL -> sendToAll(active, packet);
                case XMIT_FAILOVER -> transmit(validFrom(active, 0), packet);
                default -> transmit(validFrom(active, roundRobin(active.length)), packet);
            };
        }

        /** Counts the packet as transmitted on the link (before the send, whatever its outcome), then sends it. */
        private Errno transmit(Hook link, Packet packet) {
            count(statsIndex(link), XMIT_OCTETS, XMIT_PACKETS, packet);
            return link.send(packet);
        }

        private void count(int index, int octets, int packets, Packet packet) {
            stats[index].add(packet, octets, packet.length());
            stats[index].add(packet, packets, 1);
        }

        private int roundRobin(int count) {
            int link = nextLink;
            if (link >= count) {
                link = 0;
            }
            nextLink = link + 1;
            return link;
        }

        /**
         * The first link from {@code start} on (wrapping) that is still valid. A link being removed stays in the
         * active set until its disconnect method runs after a grace period; skipping it meanwhile keeps traffic
         * flowing over the remaining links. When none is valid, the chosen one (whose send then drops, counted).
         */
        private static Hook validFrom(Hook[] active, int start) {
            for (int i = 0; i < active.length; i++) {
                Hook hook = active[(start + i) % active.length];
                if (hook.isLinked()) {
                    return hook;
                }
            }
            return active[start];
        }

        private Errno sendToAll(Hook[] active, Packet packet) {
            Hook first = validFrom(active, 0);
            for (Hook hook : active) {
                if (hook != first && hook.isLinked()) {
                    transmit(hook, packet.copy());
                }
            }
            return transmit(first, packet);
        }

        @Override
        public Message rcvmsg(Message message, Hook lasthook) {
            if (message.typecookie() == FLOW_COOKIE) {
                flow(message, lasthook);
                return null;
            }
            if (message.typecookie() != COOKIE) {
                throw new NgException(Errno.EINVAL, "one2many: unknown message cookie " + message.typecookie());
            }
            return switch (message.cmd()) {
                case SET_CONFIG -> setConfig(message);
                case GET_CONFIG -> message.reply(encodeConfig(config));
                case GET_STATS -> message.reply(stats(message, false));
                case CLR_STATS -> {
                    stats(message, true);
                    yield null;
                }
                case GETCLR_STATS -> message.reply(stats(message, true));
                default -> throw new NgException(Errno.EINVAL, "one2many: unknown command " + message.cmd());
            };
        }

        private Message setConfig(Message message) {
            if (message.arglen() != CONFIG_SIZE) {
                throw new NgException(Errno.EINVAL, "one2many: config is " + message.arglen() + " bytes, expected 72");
            }
            ByteBuffer in = message.args();
            int xmit = in.getInt(0);
            int fail = in.getInt(4);
            if (xmit < XMIT_ROUNDROBIN || xmit > XMIT_FAILOVER || fail < FAIL_MANUAL || fail > FAIL_NOTIFY) {
                throw new NgException(Errno.EINVAL, "one2many: xmitAlg " + xmit + " or failAlg " + fail + " unknown");
            }
            boolean[] enabled = new boolean[MAX_LINKS];
            for (int i = 0; i < MAX_LINKS; i++) {
                enabled[i] = in.get(8 + i) != 0;
            }
            int activeBefore = config.active().length;
            config = config.withAlgorithms(xmit, fail, enabled);
            notifyIfChanged(activeBefore);
            return null;
        }

        private static byte[] encodeConfig(Config current) {
            ByteBuffer out = ByteBuffer.allocate(CONFIG_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            out.putInt(current.xmitAlg()).putInt(current.failAlg());
            for (boolean enabled : current.enabled()) {
                out.put((byte) (enabled ? 1 : 0));
            }
            return out.array();
        }

        private byte[] stats(Message message, boolean clear) {
            if (message.arglen() != 4) {
                throw new NgException(Errno.EINVAL, "one2many: link argument is " + message.arglen() + " bytes");
            }
            int number = message.args().getInt(0);
            if (number < -1 || number >= MAX_LINKS) {
                throw new NgException(Errno.EINVAL, "one2many: no link " + number);
            }
            Counters link = stats[number + 1];
            long[] values = {
                link.get(RECV_OCTETS), link.get(RECV_PACKETS), link.get(XMIT_OCTETS), link.get(XMIT_PACKETS)
            };
            if (clear) {
                link.clear();
            }
            ByteBuffer out = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
            for (long value : values) {
                out.putLong(value);
            }
            out.putLong(0);
            return out.array();
        }

        private void flow(Message message, Hook lasthook) {
            Config old = config;
            boolean up = message.cmd() == LINK_IS_UP;
            if (old.failAlg() != FAIL_NOTIFY
                    || lasthook == null
                    || lasthook == old.one()
                    || (message.cmd() != LINK_IS_UP && message.cmd() != LINK_IS_DOWN)) {
                return;
            }
            boolean[] enabled = old.enabled().clone();
            enabled[linkNumber(lasthook.name())] = up;
            config = old.withAlgorithms(old.xmitAlg(), old.failAlg(), enabled);
            notifyIfChanged(old.active().length);
        }

        private void notifyIfChanged(int activeBefore) {
            int activeAfter = config.active().length;
            nextLink = activeAfter == 0 ? 0 : nextLink % activeAfter;
            Hook one = config.one();
            if (one == null || (activeBefore == 0) == (activeAfter == 0)) {
                return;
            }
            int cmd = activeAfter == 0 ? LINK_IS_DOWN : LINK_IS_UP;
            String name = activeAfter == 0 ? "LINK_IS_DOWN" : "LINK_IS_UP";
            if (one.isValid()) {
                one.sendMessage(Message.request(FLOW_COOKIE, cmd, name));
            }
        }

        @Override
        public void disconnect(Hook hook) {
            Config old = config;
            int activeBefore = old.active().length;
            if (hook == old.one()) {
                config = old.withLinks(old.enabled(), null, old.many());
            } else if (!hook.name().equals("one")) {
                int link = linkNumber(hook.name());
                if (old.many()[link] == hook) {
                    boolean[] enabled = old.enabled().clone();
                    Hook[] many = old.many().clone();
                    enabled[link] = false;
                    many[link] = null;
                    config = old.withLinks(enabled, old.one(), many);
                }
            }
            notifyIfChanged(activeBefore);
            if (node.numHooks() == 0 && node.isValid()) {
                node.rmnodeSelf();
            }
        }
    }
}
