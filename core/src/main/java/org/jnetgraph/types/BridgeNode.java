package org.jnetgraph.types;

import static org.jnetgraph.types.BridgeLink.LOOP_DETECTS;
import static org.jnetgraph.types.BridgeLink.LOOP_DROPS;
import static org.jnetgraph.types.BridgeLink.MEMORY_FAILURES;
import static org.jnetgraph.types.BridgeLink.RECV_BROADCAST;
import static org.jnetgraph.types.BridgeLink.RECV_INVALID;
import static org.jnetgraph.types.BridgeLink.RECV_MULTICAST;
import static org.jnetgraph.types.BridgeLink.RECV_OCTETS;
import static org.jnetgraph.types.BridgeLink.RECV_PACKETS;
import static org.jnetgraph.types.BridgeLink.RECV_RUNTS;
import static org.jnetgraph.types.BridgeLink.RECV_UNKNOWN;
import static org.jnetgraph.types.BridgeLink.XMIT_BROADCASTS;
import static org.jnetgraph.types.BridgeLink.XMIT_MULTICASTS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.jnetgraph.Errno;
import org.jnetgraph.Hook;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Node;
import org.jnetgraph.NodeMethods;
import org.jnetgraph.Packet;
import org.jnetgraph.types.BridgeHostTable.Host;

/**
 * The methods of one bridge node.
 *
 * <p>Threading: rcvdata on any number of data threads at once, never locking, logging or (in steady state)
 * allocating; every other method on the control path, one at a time.
 */
final class BridgeNode implements NodeMethods {
    /*
     * Implementation notes.
     *
     * Shared state and its writers:
     * - config: an immutable Config, replaced by setconfig (control path) and read once per packet.
     * - links: an immutable array of the connected links, replaced by connect and disconnect (control path) and
     *   read once per flood. A link still in a reader's copy after its hook went away is skipped by the hook's own
     *   validity flag and by BridgeLink.removed.
     * - byNumber, restrictive, persistent: control path only (the framework runs control methods one at a time per
     *   graph, which is also what makes choosing a link number race-free).
     * - hosts: BridgeHostTable, written by data threads (learning, moves) and the control path; lock-free.
     *
     * Time: ageing is lazy. FreeBSD counts age and staleness up once a second in a timer that runs on the writer
     * path; the framework offers no way for a node to post itself a control message from a timer or from rcvdata,
     * so each host keeps the nanoTime it arrived on its link (age) and was last heard from (staleness), each
     * link keeps the nanoTime its mute ends, and every reader compares against the clock. A stale host is removed
     * by the first reader that notices, by gettable, or when the table is rebuilt. For the same reason learning
     * and moves happen inline in rcvdata instead of through a MOVE_HOST message to self; the first frame from a
     * new host is still flooded, as in FreeBSD, because the destination is looked up, not the source.
     *
     * A loop detected on the data path walks the whole table to forget the muted link's hosts (and allocates the
     * walk's lambda): a cold path, taken about once per loopTimeout per link, because a muted link's frames are
     * dropped before they reach the table.
     *
     * lastSeen is refreshed at most every TOUCH_NANOS so that many cores receiving from one host do not keep
     * writing the same cache line; staleness is reported in whole seconds, so this is invisible.
     */
    static final int ETHER_HEADER = 14;
    private static final long SECOND = 1_000_000_000L;
    private static final long TOUCH_NANOS = 10_000_000L;
    private static final long BROADCAST = 0xffff_ffff_ffffL;
    private static final BridgeLink[] NO_LINKS = new BridgeLink[0];
    private static final int CONFIG_SIZE = 16;
    private static final int MOVE_HOST_SIZE = 6 + 32;

    /** The configuration in its binary units (seconds) and, for the data path, in nanoseconds. */
    record Config(
            int debugLevel,
            long loopTimeout,
            long maxStaleness,
            long minStableAge,
            long loopTimeoutNanos,
            long maxStalenessNanos,
            long minStableAgeNanos) {
        static final Config DEFAULT = of(
                BridgeType.DEFAULT_DEBUG_LEVEL,
                BridgeType.DEFAULT_LOOP_TIMEOUT,
                BridgeType.DEFAULT_MAX_STALENESS,
                BridgeType.DEFAULT_MIN_STABLE_AGE);

        static Config of(int debugLevel, long loopTimeout, long maxStaleness, long minStableAge) {
            return new Config(
                    debugLevel,
                    loopTimeout,
                    maxStaleness,
                    minStableAge,
                    loopTimeout * SECOND,
                    maxStaleness * SECOND,
                    minStableAge * SECOND);
        }
    }

    private final Node node;
    private final LongSupplier clock;
    private final BridgeHostTable hosts;
    private final Map<Integer, BridgeLink> byNumber = new TreeMap<>();
    private volatile Config config = Config.DEFAULT;
    private volatile BridgeLink[] links = NO_LINKS;
    private volatile boolean persistent;
    /** Names hookName gave out whose hooks are not connected yet; control path only. */
    private final java.util.Set<String> handedOut = new java.util.HashSet<>();

    private boolean restrictive;

    BridgeNode(Node node, LongSupplier clock) {
        this.node = node;
        this.clock = clock;
        this.hosts = new BridgeHostTable((host, now) -> !isStale(host, now, config), clock);
    }

    // ---------------------------------------------------------------- hooks

    /** Checks the name: linkN or uplinkN (N without leading zeros, uplink0 refused); FreeBSD's refusal order. */
    @Override
    public void newhook(Hook hook, String name) {
        linkNumber(name);
    }

    /**
     * A bare {@code link} or {@code uplink} gets the lowest free number appended (as FreeBSD 15 does): link numbers
     * start at 0, uplink numbers at 1. A number handed out stays taken until its hook is gone, even while a CONNECT
     * is still building the hook, so two requests never get the same number.
     */
    @Override
    public String hookName(String requested) {
        if (!requested.equals("link") && !requested.equals("uplink")) {
            return requested;
        }
        boolean uplink = requested.equals("uplink");
        for (int n = uplink ? 1 : 0; ; n++) {
            String name = requested + n;
            int number = uplink ? -n : n;
            if (!byNumber.containsKey(number) && node.hook(name) == null && handedOut.add(name)) {
                return name;
            }
        }
    }

    /** The signed link number of a hook name: N for {@code linkN}, -N for {@code uplinkN}. */
    static int linkNumber(String name) {
        if (name.length() <= 4) {
            throw refuse(name);
        }
        boolean uplink = name.charAt(0) == 'u';
        String prefix = uplink ? "uplink" : "link";
        if (!name.startsWith(prefix)) {
            throw refuse(name);
        }
        long number = canonicalNumber(name.substring(prefix.length()));
        if (number < 0 || (uplink && number == 0)) {
            throw refuse(name);
        }
        return (int) (uplink ? -number : number);
    }

    private static long canonicalNumber(String digits) {
        boolean wellFormed = !digits.isEmpty()
                && digits.length() <= 10
                && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                && (digits.length() == 1 || digits.charAt(0) != '0');
        long number = wellFormed ? Long.parseLong(digits) : -1;
        return number > Integer.MAX_VALUE ? -1 : number;
    }

    private static NgException refuse(String name) {
        return new NgException(Errno.EINVAL, "bridge: no hook named \"" + name + "\"");
    }

    /** Refuses a link to this node itself (ELOOP); otherwise adds the link with the flags of its kind. */
    @Override
    public void connect(Hook hook) {
        Hook peer = hook.peer();
        if (peer != null && peer.node() == node) {
            throw new NgException(Errno.ELOOP, "bridge: hook \"" + hook.name() + "\" would connect to itself");
        }
        int number = linkNumber(hook.name());
        if (number < 0 && byNumber.isEmpty()) {
            restrictive = true;
        }
        BridgeLink link = new BridgeLink(hook, number, number < 0 || !restrictive);
        hook.attach(link);
        byNumber.put(number, link);
        handedOut.remove(hook.name());
        publishLinks();
    }

    private void publishLinks() {
        links = byNumber.values().toArray(NO_LINKS);
    }

    /** Forgets the link and its hosts; a non-persistent bridge dies with its last hook. */
    @Override
    public void disconnect(Hook hook) {
        if (hook.attachment() instanceof BridgeLink link) {
            link.removed = true;
            byNumber.remove(link.number, link);
            publishLinks();
            forgetHostsOn(link);
        }
        if (node.numHooks() == 0 && node.isValid() && !persistent) {
            node.rmnodeSelf();
        }
    }

    private void forgetHostsOn(BridgeLink link) {
        hosts.forEach(host -> {
            if (host.link == link) {
                hosts.remove(host);
            }
        });
    }

    // ---------------------------------------------------------------- data

    @Override
    public Errno rcvdata(Hook hook, Packet packet) {
        BridgeLink link = (BridgeLink) hook.attachment();
        int length = packet.length();
        if (length < ETHER_HEADER) {
            return drop(link, packet, RECV_RUNTS, Errno.EINVAL);
        }
        if ((packet.getUnsignedByte(6) & 1) != 0) {
            return drop(link, packet, RECV_INVALID, Errno.EINVAL);
        }
        Config current = config;
        long now = clock.getAsLong();
        if (link.isMuted(now)) {
            return loopDrop(link, packet);
        }

        link.recv.add(packet, RECV_PACKETS, 1);
        link.recv.add(packet, RECV_OCTETS, length);
        long dst = mac(packet, 0);
        int kind = kindOf(dst);
        if (kind != -1) {
            link.countRecv(packet, kind == XMIT_BROADCASTS ? RECV_BROADCAST : RECV_MULTICAST);
        }

        if (!learn(link, mac(packet, 6), now, packet, current)) {
            return loopDrop(link, packet);
        }
        if (kind != -1) {
            return flood(link, packet, length, kind, false);
        }
        return unicast(link, packet, dst, length, now, current);
    }

    private static Errno drop(BridgeLink link, Packet packet, int counter, Errno error) {
        link.countRecv(packet, counter);
        packet.free();
        return error;
    }

    private static Errno loopDrop(BridgeLink link, Packet packet) {
        link.xmit.add(packet, LOOP_DROPS, 1);
        packet.free();
        return Errno.ELOOP;
    }

    static long mac(Packet packet, int at) {
        return ((long) packet.getUnsignedShort(at) << 32) | (packet.getInt(at + 2) & 0xffff_ffffL);
    }

    /** -1 for unicast, else the xmit counter of the class: broadcast or multicast. */
    private static int kindOf(long dst) {
        if ((dst & (1L << 40)) == 0) {
            return -1;
        }
        return dst == BROADCAST ? XMIT_BROADCASTS : XMIT_MULTICASTS;
    }

    /**
     * Learns or refreshes the source host; false when it moved here too soon after arriving elsewhere (a loop), in
     * which case this link is muted and its hosts forgotten.
     */
    private boolean learn(BridgeLink link, long src, long now, Packet packet, Config current) {
        Host host = live(hosts.find(src), now, current);
        if (host == null) {
            if (link.learns) {
                hosts.learn(src, link, now);
            }
            return true;
        }
        touch(host, now);
        if (host.link == link) {
            return true;
        }
        if (now - host.homedAt >= current.minStableAgeNanos()) {
            rehome(host, link, now);
            return true;
        }
        mute(link, now, current);
        link.xmit.add(packet, LOOP_DETECTS, 1);
        return false;
    }

    private static void touch(Host host, long now) {
        if (now - host.lastSeen >= TOUCH_NANOS) {
            host.lastSeen = now;
        }
    }

    private static void rehome(Host host, BridgeLink link, long now) {
        host.link = link;
        host.homedAt = now;
    }

    /** Mutes {@code link} for loopTimeout and forgets every host on it (a cold path: it walks the table). */
    private void mute(BridgeLink link, long now, Config current) {
        long timeout = current.loopTimeoutNanos();
        if (timeout > 0) {
            long until = now + timeout;
            link.mutedUntil = until == 0 ? 1 : until;
        }
        forgetHostsOn(link);
    }

    /** {@code host} if it is alive, its link still connected and it is not stale; removes it when not. */
    private Host live(Host host, long now, Config current) {
        if (host == null || host.isDead()) {
            return null;
        }
        if (host.link.removed || isStale(host, now, current)) {
            hosts.remove(host);
            return null;
        }
        return host;
    }

    private static boolean isStale(Host host, long now, Config current) {
        return now - host.lastSeen >= current.maxStalenessNanos();
    }

    private Errno unicast(BridgeLink link, Packet packet, long dst, int length, long now, Config current) {
        Host host = live(hosts.find(dst), now, current);
        if (host == null) {
            link.countRecv(packet, RECV_UNKNOWN);
            return flood(link, packet, length, -1, true);
        }
        BridgeLink out = host.link;
        if (out == link) {
            packet.free();
            return Errno.OK;
        }
        out.countXmit(packet, length, -1);
        return out.hook.send(packet);
    }

    /**
     * Sends a copy to every eligible link but the first, then the original to the first; the last error seen, or OK.
     * The original's send is counted before it is made, because afterwards the packet belongs to the receiver.
     */
    private Errno flood(BridgeLink link, Packet packet, int length, int kind, boolean unknown) {
        BridgeLink reserved = null;
        Errno error = Errno.OK;
        for (BridgeLink out : links) {
            if (out == link || out.removed || !out.hook.isValid() || (unknown && !out.sendUnknown)) {
                continue;
            }
            if (reserved == null) {
                reserved = out;
            } else {
                error = sendCopy(link, out, packet, length, kind, error);
            }
        }
        if (reserved == null) {
            packet.free();
            return error;
        }
        reserved.countXmit(packet, length, kind);
        Errno last = reserved.hook.send(packet);
        return last == Errno.OK ? error : last;
    }

    private static Errno sendCopy(BridgeLink in, BridgeLink out, Packet packet, int length, int kind, Errno error) {
        out.countXmit(packet, length, kind);
        Errno result = out.hook.send(packet.copy());
        if (result == Errno.ENOBUFS || result == Errno.ENOMEM) {
            out.xmit.add(packet, MEMORY_FAILURES, 1);
        }
        return result == Errno.OK ? error : result;
    }

    // ---------------------------------------------------------------- control

    @Override
    public Message rcvmsg(Message message, Hook lasthook) {
        if (message.typecookie() != BridgeType.COOKIE) {
            throw new NgException(Errno.EINVAL, "bridge: unknown message cookie " + message.typecookie());
        }
        return switch (message.cmd()) {
            case BridgeType.SET_CONFIG -> setConfig(message);
            case BridgeType.GET_CONFIG -> message.reply(encodeConfig(config));
            case BridgeType.RESET -> reset();
            case BridgeType.GET_STATS -> message.reply(stats(message, false));
            case BridgeType.CLR_STATS -> {
                stats(message, true);
                yield null;
            }
            case BridgeType.GETCLR_STATS -> message.reply(stats(message, true));
            case BridgeType.GET_TABLE -> message.reply(table());
            case BridgeType.SET_PERSISTENT -> {
                persistent = true;
                yield null;
            }
            case BridgeType.MOVE_HOST -> moveHost(message, lasthook);
            default -> throw new NgException(Errno.EINVAL, "bridge: unknown command " + message.cmd());
        };
    }

    private Message setConfig(Message message) {
        if (message.arglen() != CONFIG_SIZE) {
            throw new NgException(
                    Errno.EINVAL, "bridge: config is " + message.arglen() + " bytes, expected " + CONFIG_SIZE);
        }
        ByteBuffer in = message.args();
        config = Config.of(
                in.get(0) & 0xff,
                in.getInt(4) & 0xffff_ffffL,
                in.getInt(8) & 0xffff_ffffL,
                in.getInt(12) & 0xffff_ffffL);
        return null;
    }

    static byte[] encodeConfig(Config current) {
        ByteBuffer out = ByteBuffer.allocate(CONFIG_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) current.debugLevel()).put(new byte[3]);
        out.putInt((int) current.loopTimeout()).putInt((int) current.maxStaleness());
        out.putInt((int) current.minStableAge());
        return out.array();
    }

    private Message reset() {
        hosts.forEach(hosts::remove);
        for (BridgeLink link : byNumber.values()) {
            link.mutedUntil = 0;
            link.clearStats();
        }
        return null;
    }

    private byte[] stats(Message message, boolean clear) {
        if (message.arglen() != 4) {
            throw new NgException(Errno.EINVAL, "bridge: link argument is " + message.arglen() + " bytes");
        }
        int number = message.args().getInt(0);
        BridgeLink link = byNumber.get(number);
        if (link == null) {
            String name = number < 0 ? "uplink" + -(long) number : "link" + number;
            throw new NgException(Errno.ENOTCONN, "bridge: no hook " + name);
        }
        long[] values = link.stats();
        if (clear) {
            link.clearStats();
        }
        ByteBuffer out = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            out.putLong(value);
        }
        return out.array();
    }

    /** The live hosts, deduplicated (a host being migrated is visited twice), stale ones removed on the way. */
    List<Host> liveHosts() {
        long now = clock.getAsLong();
        Config current = config;
        Map<Long, Host> unique = new LinkedHashMap<>();
        hosts.forEach(host -> {
            if (live(host, now, current) != null) {
                unique.putIfAbsent(host.mac, host);
            }
        });
        return new ArrayList<>(unique.values());
    }

    /** Entries in the host table (stale ones not yet noticed included); for tests. */
    int tableSize() {
        return hosts.size();
    }

    private byte[] table() {
        List<Host> live = liveHosts();
        long size = 4 + (long) live.size() * BridgeType.HOST_SIZE;
        if (size > BridgeType.MAX_TABLE_REPLY) {
            throw new NgException(
                    Errno.ENOBUFS,
                    "bridge: gettable reply for " + live.size() + " hosts would be " + size + " bytes, more than "
                            + BridgeType.MAX_TABLE_REPLY);
        }
        long now = clock.getAsLong();
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(live.size());
        for (Host host : live) {
            putHost(out, host, now);
        }
        return out.array();
    }

    private static void putHost(ByteBuffer out, Host host, long now) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            out.put((byte) (host.mac >>> shift));
        }
        byte[] name = host.link.hook.name().getBytes(StandardCharsets.ISO_8859_1);
        out.put(Arrays.copyOf(name, 32));
        out.putShort((short) seconds(now - host.homedAt));
        out.putShort((short) seconds(now - host.lastSeen));
    }

    private static int seconds(long nanos) {
        return (int) Math.min(0xffff, Math.max(0, nanos / SECOND));
    }

    private Message moveHost(Message message, Hook lasthook) {
        if (message.arglen() < MOVE_HOST_SIZE) {
            throw new NgException(Errno.EINVAL, "bridge: movehost argument is " + message.arglen() + " bytes");
        }
        byte[] args = message.data();
        long mac = ByteBuffer.wrap(args, 0, 8).getLong() >>> 16;
        BridgeLink link = targetLink(cString(args, 6, 32), lasthook);
        if ((args[0] & 1) != 0) {
            throw new NgException(Errno.EINVAL, "bridge: movehost of a group address");
        }
        long now = clock.getAsLong();
        Config current = config;
        Host host = live(hosts.find(mac), now, current);
        if (host == null) {
            hosts.learn(mac, link, now);
        } else if (host.link != link) {
            if (now - host.homedAt < current.minStableAgeNanos()) {
                mute(link, now, current);
                link.controlLoopDetects.incrementAndGet();
                throw new NgException(Errno.ELOOP, "bridge: loop detected on " + link.hook.name());
            }
            rehome(host, link, now);
        }
        return null;
    }

    private BridgeLink targetLink(String name, Hook lasthook) {
        Hook hook = name.isEmpty() ? lasthook : node.hook(name);
        if (hook == null || !(hook.attachment() instanceof BridgeLink link) || link.removed) {
            throw new NgException(Errno.ENOENT, "bridge: movehost to unknown hook \"" + name + "\"");
        }
        return link;
    }

    private static String cString(byte[] bytes, int from, int max) {
        int end = from;
        while (end < from + max && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, from, end - from, StandardCharsets.ISO_8859_1);
    }
}
