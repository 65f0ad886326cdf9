package org.jnetgraph.types;

import java.util.List;
import java.util.function.LongSupplier;
import org.jnetgraph.Command;
import org.jnetgraph.Node;
import org.jnetgraph.NodeMethods;
import org.jnetgraph.parse.Field;
import org.jnetgraph.parse.LengthFn;
import org.jnetgraph.parse.ParseType;

/**
 * {@code bridge}: a learning Ethernet switch over any number of {@code linkN} hooks (which learn source addresses)
 * and {@code uplinkN} hooks (which do not). Unicast to a known host goes to that host's link only; unknown unicast,
 * multicast and broadcast are flooded; a host that seems to jump between links too fast mutes the link it jumped to.
 *
 * <p>Threading: immutable; any thread.
 */
public final class BridgeType extends SnapshotType {
    /** NGM_BRIDGE_COOKIE. */
    public static final int COOKIE = 1569321993;
    /** NGM_BRIDGE_SET_CONFIG. */
    public static final int SET_CONFIG = 1;
    /** NGM_BRIDGE_GET_CONFIG. */
    public static final int GET_CONFIG = 2;
    /** NGM_BRIDGE_RESET. */
    public static final int RESET = 3;
    /** NGM_BRIDGE_GET_STATS. */
    public static final int GET_STATS = 4;
    /** NGM_BRIDGE_CLR_STATS. */
    public static final int CLR_STATS = 5;
    /** NGM_BRIDGE_GETCLR_STATS. */
    public static final int GETCLR_STATS = 6;
    /** NGM_BRIDGE_GET_TABLE. */
    public static final int GET_TABLE = 7;
    /** NGM_BRIDGE_SET_PERSISTENT. */
    public static final int SET_PERSISTENT = 8;
    /** NGM_BRIDGE_MOVE_HOST. */
    public static final int MOVE_HOST = 9;

    /** Default debugLevel. */
    public static final int DEFAULT_DEBUG_LEVEL = 1;
    /** Default loopTimeout, seconds a link stays muted after a loop was detected. */
    public static final int DEFAULT_LOOP_TIMEOUT = 60;
    /** Default maxStaleness, seconds without a frame after which a host is forgotten. */
    public static final int DEFAULT_MAX_STALENESS = 15 * 60;
    /** Default minStableAge, seconds a host must stay on a link before it may move without a loop alarm. */
    public static final int DEFAULT_MIN_STABLE_AGE = 1;

    /**
     * The largest gettable reply, in argument bytes. FreeBSD's limit is the 20 KiB receive buffer of a control
     * socket (about 480 hosts); messages here are not bounded by a socket buffer, so the bridge sets its own bound
     * at 64 KiB (1560 hosts) and answers ENOBUFS above it, as a FreeBSD requester would see.
     */
    public static final int MAX_TABLE_REPLY = 64 * 1024;

    /** Size of one gettable entry: addr, hook name buffer, age, staleness. */
    public static final int HOST_SIZE = 6 + 32 + 2 + 2;

    /** {@code { debugLevel loopTimeout maxStaleness minStableAge }} (struct ng_bridge_config). */
    public static final ParseType CONFIG = ParseType.struct(
            Field.of("debugLevel", ParseType.UINT8),
            Field.of("loopTimeout", ParseType.UINT32),
            Field.of("maxStaleness", ParseType.UINT32),
            Field.of("minStableAge", ParseType.UINT32));

    /** Per-link statistics (struct ng_bridge_link_stats); note the singular recvMulticast and recvBroadcast. */
    public static final ParseType LINK_STATS = ParseType.struct(
            Field.of("recvOctets", ParseType.UINT64),
            Field.of("recvPackets", ParseType.UINT64),
            Field.of("recvMulticast", ParseType.UINT64),
            Field.of("recvBroadcast", ParseType.UINT64),
            Field.of("recvUnknown", ParseType.UINT64),
            Field.of("recvRunts", ParseType.UINT64),
            Field.of("recvInvalid", ParseType.UINT64),
            Field.of("xmitOctets", ParseType.UINT64),
            Field.of("xmitPackets", ParseType.UINT64),
            Field.of("xmitMulticasts", ParseType.UINT64),
            Field.of("xmitBroadcasts", ParseType.UINT64),
            Field.of("loopDrops", ParseType.UINT64),
            Field.of("loopDetects", ParseType.UINT64),
            Field.of("memoryFailures", ParseType.UINT64));

    /** One gettable entry (struct ng_bridge_host). */
    public static final ParseType HOST = ParseType.struct(
            Field.of("addr", ParseType.ENADDR),
            Field.of("hook", ParseType.HOOKBUF),
            Field.of("age", ParseType.UINT16),
            Field.of("staleness", ParseType.UINT16));

    /** The gettable reply (struct ng_bridge_host_ary). */
    public static final ParseType HOST_ARRAY = ParseType.struct(
            Field.of("numHosts", ParseType.UINT32),
            Field.of("hosts", ParseType.array(HOST, LengthFn.field("numHosts"))));

    /** The movehost argument (struct ng_bridge_move_host); addr has no default and must be given. */
    public static final ParseType MOVE_HOST_ARG =
            ParseType.struct(Field.of("addr", ParseType.ENADDR), Field.of("hook", ParseType.HOOKBUF));

    private static final List<Command> COMMANDS = List.of(
            new Command(COOKIE, SET_CONFIG, "setconfig", CONFIG, null),
            new Command(COOKIE, GET_CONFIG, "getconfig", null, CONFIG),
            new Command(COOKIE, RESET, "reset", null, null),
            new Command(COOKIE, GET_STATS, "getstats", ParseType.UINT32, LINK_STATS),
            new Command(COOKIE, CLR_STATS, "clrstats", ParseType.UINT32, null),
            new Command(COOKIE, GETCLR_STATS, "getclrstats", ParseType.UINT32, LINK_STATS),
            new Command(COOKIE, GET_TABLE, "gettable", null, HOST_ARRAY),
            new Command(COOKIE, SET_PERSISTENT, "setpersistent", null, null),
            new Command(COOKIE, MOVE_HOST, "movehost", MOVE_HOST_ARG, null));

    private final LongSupplier clock;

    /** The bridge type, as the type registry finds it; time is {@link System#nanoTime()}. */
    public BridgeType() {
        this(System::nanoTime);
    }

    /**
     * A bridge type whose nodes read time (nanoseconds, monotonic) from {@code clock}, so that tests control age,
     * staleness and loop timeouts; the clock is read once per packet and must not block or allocate.
     */
    public BridgeType(LongSupplier clock) {
        super("bridge", COOKIE, COMMANDS);
        this.clock = clock;
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new BridgeNode(node, clock);
    }
}
