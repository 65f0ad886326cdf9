package org.jnetgraph.types;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
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
 * {@code etf}: an Ethernet type filter and multiplexer, as FreeBSD's ng_etf. Frames arriving on {@code downstream}
 * go out of the hook a filter names for their ethertype, or out of {@code nomatch}; frames arriving on any other hook
 * go to {@code downstream} only when their ethertype belongs there: a filtered ethertype must come in on its
 * filter's hook, an unfiltered one on {@code nomatch}.
 *
 * <p>Hooks: {@code downstream}, {@code nomatch} and any other names, which filters can then name. Connecting
 * {@code downstream} resets the counters; removing a hook removes the filters that name it; the node shuts down with
 * its last hook.
 *
 * <p>Messages (cookie {@value #COOKIE}):
 *
 * <ul>
 *   <li>{@code setfilter { matchhook="ip" ethertype=0x800 }}: frames of that ethertype from {@code downstream} go
 *       out of {@code matchhook}, which must exist (ENOENT) and not be {@code downstream} (EINVAL); an ethertype has
 *       at most one filter (EEXIST);
 *   <li>{@code getstatus}: {@code { packets_in=N packets_out=N }}, frames in from {@code downstream} and frames sent
 *       to it successfully (32-bit, wrapping);
 *   <li>{@code setflag N}: stored and unused, as in FreeBSD.
 * </ul>
 *
 * <p>Data: a frame shorter than an Ethernet header (14 bytes) is dropped with EINVAL; a frame from a filter hook or
 * {@code nomatch} that does not belong there is dropped with {@link #WRONG_HOOK}; a frame whose destination hook is
 * missing is dropped with ENETDOWN. A filter whose hook is being removed no longer counts, as once its disconnect ran
 * in FreeBSD.
 *
 * <p>Threading: immutable; any thread. Nodes keep their filters in an immutable snapshot that control messages
 * replace; rcvdata reads it once per frame, never locks and does not allocate.
 */
public final class EtfType extends SnapshotType {
    /** NGM_ETF_COOKIE. */
    public static final int COOKIE = 983084516;
    /** NGM_ETF_SET_FLAG. */
    public static final int SET_FLAG = 1;
    /** NGM_ETF_GET_STATUS. */
    public static final int GET_STATUS = 2;
    /** NGM_ETF_SET_FILTER. */
    public static final int SET_FILTER = 3;
    /** NG_ETF_HOOK_DOWNSTREAM. */
    public static final String DOWNSTREAM = "downstream";
    /** NG_ETF_HOOK_NOMATCH. */
    public static final String NOMATCH = "nomatch";

    /** What a frame arriving on the wrong hook is dropped with, as FreeBSD's ng_etf. */
    public static final Errno WRONG_HOOK = Errno.EPROTOTYPE;

    /** {@code struct ng_etfstat}: {@code { packets_in packets_out }}. */
    public static final ParseType STATUS =
            ParseType.struct(Field.of("packets_in", ParseType.UINT32), Field.of("packets_out", ParseType.UINT32));

    /** {@code struct ng_etffilter}: {@code { matchhook="name" ethertype=0x800 }}. */
    public static final ParseType FILTER =
            ParseType.struct(Field.of("matchhook", ParseType.HOOKBUF), Field.of("ethertype", ParseType.UINT16));

    static final int FILTER_SIZE = 34;
    static final int ETHER_HEADER = 14;

    private static final List<Command> COMMANDS = List.of(
            new Command(COOKIE, GET_STATUS, "getstatus", null, STATUS),
            new Command(COOKIE, SET_FLAG, "setflag", ParseType.INT32, null),
            new Command(COOKIE, SET_FILTER, "setfilter", FILTER, null));

    /** The etf type, as the type registry finds it. */
    public EtfType() {
        super("etf", COOKIE, COMMANDS);
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new Etf(node);
    }

    /**
     * The special hooks and the filters, sorted by ethertype. Immutable: every change builds a new one.
     *
     * @param downstream the downstream hook, or null
     * @param nomatch the nomatch hook, or null
     * @param types the filtered ethertypes, ascending
     * @param hooks the hook of each filtered ethertype
     */
    private record Filters(Hook downstream, Hook nomatch, int[] types, Hook[] hooks) {
        static final Filters EMPTY = new Filters(null, null, new int[0], new Hook[0]);

        /** The hook of a live filter for {@code ethertype}, or null. */
        Hook lookup(int ethertype) {
            int at = Arrays.binarySearch(types, ethertype);
            return at >= 0 && hooks[at].isValid() ? hooks[at] : null;
        }

        boolean has(int ethertype) {
            return Arrays.binarySearch(types, ethertype) >= 0;
        }

        Filters with(int ethertype, Hook hook) {
            int at = -Arrays.binarySearch(types, ethertype) - 1;
            int[] newTypes = new int[types.length + 1];
            Hook[] newHooks = new Hook[hooks.length + 1];
            System.arraycopy(types, 0, newTypes, 0, at);
            System.arraycopy(hooks, 0, newHooks, 0, at);
            newTypes[at] = ethertype;
            newHooks[at] = hook;
            System.arraycopy(types, at, newTypes, at + 1, types.length - at);
            System.arraycopy(hooks, at, newHooks, at + 1, hooks.length - at);
            return new Filters(downstream, nomatch, newTypes, newHooks);
        }

        /** These filters without {@code hook}: not as a special hook, not in any filter. */
        Filters without(Hook hook) {
            int kept = 0;
            int[] newTypes = new int[types.length];
            Hook[] newHooks = new Hook[hooks.length];
            for (int i = 0; i < types.length; i++) {
                if (hooks[i] != hook) {
                    newTypes[kept] = types[i];
                    newHooks[kept++] = hooks[i];
                }
            }
            return new Filters(
                    downstream == hook ? null : downstream,
                    nomatch == hook ? null : nomatch,
                    Arrays.copyOf(newTypes, kept),
                    Arrays.copyOf(newHooks, kept));
        }
    }

    private static final class Etf implements NodeMethods {
        /*
         * Implementation notes: the special hooks and the filters live in one immutable Filters, replaced by the
         * control path and read once per frame. packets_in is a Counters stripe added before the frame is sent on.
         * packets_out counts successful sends, known only after the frame was handed over, when the frame may no
         * longer be touched (Counters.add needs it to find the stripe), so it is a LongAdder: no lock, and no
         * allocation once its cells exist.
         */
        private static final int PACKETS_IN = 0;

        private final Node node;
        private final Counters in = new Counters(1);
        private final LongAdder out = new LongAdder();
        private volatile Filters filters = Filters.EMPTY;
        private volatile int flags;

        Etf(Node node) {
            this.node = node;
        }

        @Override
        public void newhook(Hook hook, String name) {
            if (name.equals(DOWNSTREAM)) {
                in.clear();
                out.reset();
            }
        }

        @Override
        public void connect(Hook hook) {
            Filters old = filters;
            if (hook.name().equals(DOWNSTREAM)) {
                filters = new Filters(hook, old.nomatch(), old.types(), old.hooks());
            } else if (hook.name().equals(NOMATCH)) {
                filters = new Filters(old.downstream(), hook, old.types(), old.hooks());
            }
        }

        @Override
        public Errno rcvdata(Hook hook, Packet packet) {
            Filters current = filters;
            if (packet.length() < ETHER_HEADER) {
                packet.free();
                return Errno.EINVAL;
            }
            Hook match = current.lookup(packet.getUnsignedShort(12));
            if (hook == current.downstream()) {
                in.add(packet, PACKETS_IN, 1);
                return forward(match != null ? match : current.nomatch(), packet);
            }
            if (match != null ? match != hook : hook != current.nomatch()) {
                packet.free();
                return WRONG_HOOK;
            }
            Errno result = forward(current.downstream(), packet);
            if (result == Errno.OK) {
                out.increment();
            }
            return result;
        }

        private static Errno forward(Hook destination, Packet packet) {
            if (destination == null) {
                packet.free();
                return Errno.ENETDOWN;
            }
            return destination.send(packet);
        }

        @Override
        public Message rcvmsg(Message message, Hook lasthook) {
            if (message.typecookie() != COOKIE) {
                throw new NgException(Errno.EINVAL, "etf: unknown message cookie " + message.typecookie());
            }
            return switch (message.cmd()) {
                case GET_STATUS -> message.reply(status());
                case SET_FLAG -> setFlag(message);
                case SET_FILTER -> setFilter(message);
                default -> throw new NgException(Errno.EINVAL, "etf: unknown command " + message.cmd());
            };
        }

        private byte[] status() {
            ByteBuffer reply = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            reply.putInt((int) in.get(PACKETS_IN)).putInt((int) out.sum());
            return reply.array();
        }

        private Message setFlag(Message message) {
            if (message.arglen() != 4) {
                throw new NgException(Errno.EINVAL, "etf: setflag takes 4 bytes, not " + message.arglen());
            }
            flags = message.args().getInt(0);
            return null;
        }

        private Message setFilter(Message message) {
            if (message.arglen() != FILTER_SIZE) {
                throw new NgException(Errno.EINVAL, "etf: setfilter takes 34 bytes, not " + message.arglen());
            }
            String name = hookName(message.data());
            int ethertype = message.args().getShort(32) & 0xffff;
            Hook hook = node.hook(name);
            Filters current = filters;
            if (hook == null) {
                throw new NgException(Errno.ENOENT, "etf: no hook \"" + name + "\"");
            }
            if (hook == current.downstream()) {
                throw new NgException(Errno.EINVAL, "etf: a filter cannot send to the downstream hook");
            }
            if (current.has(ethertype)) {
                throw new NgException(
                        Errno.EEXIST, String.format("etf: ethertype 0x%04x is filtered already", ethertype));
            }
            filters = current.with(ethertype, hook);
            return null;
        }

        private static String hookName(byte[] data) {
            int end = 0;
            while (end < 32 && data[end] != 0) {
                end++;
            }
            return new String(data, 0, end, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void disconnect(Hook hook) {
            filters = filters.without(hook);
            if (node.numHooks() == 0 && node.isValid()) {
                node.rmnodeSelf();
            }
        }
    }
}
