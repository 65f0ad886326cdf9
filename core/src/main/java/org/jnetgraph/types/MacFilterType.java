package org.jnetgraph.types;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
import org.jnetgraph.parse.LengthFn;
import org.jnetgraph.parse.ParseType;

/**
 * {@code macfilter}: sorts the frames arriving on {@code ether} onto upper hooks by their source MAC address. A table
 * directs MAC addresses to upper hooks; frames from addresses not in it go to {@code default} (hook id 0). Every
 * other hook name is an upper hook and gets the lowest free id from 1 on. Frames from any upper hook go to
 * {@code ether}; the table entry of their destination address, if any, counts them.
 *
 * <p>Threading: immutable; any thread.
 */
public final class MacFilterType extends SnapshotType {
    /** NGM_MACFILTER_COOKIE. */
    public static final int COOKIE = 1042445461;
    /** NGM_MACFILTER_RESET: empties the table. */
    public static final int RESET = 1;
    /** NGM_MACFILTER_DIRECT: directs a MAC address to a hook by name. */
    public static final int DIRECT = 2;
    /** NGM_MACFILTER_DIRECT_HOOKID: directs a MAC address to a hook by id. */
    public static final int DIRECT_HOOKID = 3;
    /** NGM_MACFILTER_GET_MACS. */
    public static final int GET_MACS = 4;
    /** NGM_MACFILTER_GETCLR_MACS. */
    public static final int GETCLR_MACS = 5;
    /** NGM_MACFILTER_CLR_MACS. */
    public static final int CLR_MACS = 6;
    /** NGM_MACFILTER_GET_HOOKS. */
    public static final int GET_HOOKS = 7;
    /** The hook towards the wire. */
    public static final String ETHER = "ether";
    /** The upper hook with id 0, for addresses not in the table. */
    public static final String DEFAULT = "default";

    static final int HOOK_SIZE = 32;
    static final int ENADDR = 6;
    static final int DIRECT_SIZE = ENADDR + HOOK_SIZE;
    static final int DIRECT_HOOKID_SIZE = ENADDR + 2;
    static final int MAC_SIZE = 40;
    static final int HOOK_ENTRY_SIZE = 40;

    /** {@code { ether hookname }}. */
    public static final ParseType DIRECT_ARGS =
            ParseType.struct(Field.of("ether", ParseType.ENADDR), Field.of("hookname", ParseType.HOOKBUF));

    /** {@code { ether hookid }}. */
    public static final ParseType DIRECT_HOOKID_ARGS =
            ParseType.struct(Field.of("ether", ParseType.ENADDR), Field.of("hookid", ParseType.UINT16));

    /** One table entry with its counters. */
    public static final ParseType MAC = ParseType.struct(
            Field.of("ether", ParseType.ENADDR),
            Field.of("hookid", ParseType.UINT16),
            Field.of("packets_in", ParseType.UINT64),
            Field.of("bytes_in", ParseType.UINT64),
            Field.of("packets_out", ParseType.UINT64),
            Field.of("bytes_out", ParseType.UINT64));

    /** {@code { n macs=[ ... ] }}, sorted by address. */
    public static final ParseType MACS = ParseType.struct(
            Field.of("n", ParseType.UINT32), Field.of("macs", ParseType.array(MAC, LengthFn.field("n"))));

    /** One upper hook and the number of addresses directed to it. */
    public static final ParseType HOOK = ParseType.struct(
            Field.of("hookname", ParseType.HOOKBUF),
            Field.of("hookid", ParseType.UINT16),
            Field.of("maccnt", ParseType.UINT32));

    /** {@code { n hooks=[ ... ] }}, in hook id order. */
    public static final ParseType HOOKS = ParseType.struct(
            Field.of("n", ParseType.UINT32), Field.of("hooks", ParseType.array(HOOK, LengthFn.field("n"))));

    private static final List<Command> COMMANDS = List.of(
            new Command(COOKIE, RESET, "reset", null, null),
            new Command(COOKIE, DIRECT, "direct", DIRECT_ARGS, null),
            new Command(COOKIE, DIRECT_HOOKID, "directi", DIRECT_HOOKID_ARGS, null),
            new Command(COOKIE, GET_MACS, "getmacs", null, MACS),
            new Command(COOKIE, GETCLR_MACS, "getclrmacs", null, MACS),
            new Command(COOKIE, CLR_MACS, "clrmacs", null, null),
            new Command(COOKIE, GET_HOOKS, "gethooks", null, HOOKS));

    /** The attachment of the {@code ether} hook; upper hooks carry their id. */
    private static final Integer ETHER_ID = -1;

    private static final int ETHER_HEADER = 14;
    private static final int PACKETS_IN = 0;
    private static final int BYTES_IN = 1;
    private static final int PACKETS_OUT = 2;
    private static final int BYTES_OUT = 3;

    /** The macfilter type, as the type registry finds it. */
    public MacFilterType() {
        super("macfilter", COOKIE, COMMANDS);
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new MacFilter(node);
    }

    /**
     * An immutable table: addresses as 48-bit numbers in ascending order (the byte order FreeBSD sorts by), the hook
     * id of each, and each entry's counters, which move with the entry from table to table.
     */
    private record Table(long[] macs, int[] hookIds, Counters[] stats) {
        static final Table EMPTY = new Table(new long[0], new int[0], new Counters[0]);

        int find(long mac) {
            return Arrays.binarySearch(macs, mac);
        }

        /** The table with {@code mac} directed to {@code hookId}; id 0 deletes it. */
        Table direct(long mac, int hookId) {
            int at = find(mac);
            if (at >= 0 && hookId == 0) {
                return without(at);
            }
            if (at >= 0) {
                int[] ids = hookIds.clone();
                ids[at] = hookId;
                return new Table(macs, ids, stats);
            }
            return hookId == 0 ? this : with(-at - 1, mac, hookId);
        }

        private Table with(int at, long mac, int hookId) {
            int n = macs.length;
            long[] newMacs = new long[n + 1];
            int[] ids = new int[n + 1];
            Counters[] newStats = new Counters[n + 1];
            copyAround(at, 0, 1, newMacs, ids, newStats);
            newMacs[at] = mac;
            ids[at] = hookId;
            newStats[at] = new Counters(4);
            return new Table(newMacs, ids, newStats);
        }

        private Table without(int at) {
            int n = macs.length;
            long[] newMacs = new long[n - 1];
            int[] ids = new int[n - 1];
            Counters[] newStats = new Counters[n - 1];
            copyAround(at, 1, 0, newMacs, ids, newStats);
            return new Table(newMacs, ids, newStats);
        }

        /** Copies the entries before {@code at} as they are and the rest shifted by {@code to - from}. */
        private void copyAround(int at, int from, int to, long[] newMacs, int[] ids, Counters[] newStats) {
            System.arraycopy(macs, 0, newMacs, 0, at);
            System.arraycopy(hookIds, 0, ids, 0, at);
            System.arraycopy(stats, 0, newStats, 0, at);
            int rest = macs.length - at - from;
            System.arraycopy(macs, at + from, newMacs, at + to, rest);
            System.arraycopy(hookIds, at + from, ids, at + to, rest);
            System.arraycopy(stats, at + from, newStats, at + to, rest);
        }

        Table withoutHookId(int hookId) {
            Table result = this;
            for (int i = macs.length - 1; i >= 0; i--) {
                if (hookIds[i] == hookId) {
                    result = result.without(i);
                }
            }
            return result;
        }

        int count(int hookId) {
            int count = 0;
            for (int id : hookIds) {
                count += id == hookId ? 1 : 0;
            }
            return count;
        }
    }

    /** An immutable configuration: the {@code ether} hook, the upper hooks by id, and the table. */
    private record Config(Hook ether, Hook[] upper, Table table) {
        static Config initial() {
            return new Config(null, new Hook[0], Table.EMPTY);
        }

        Config withEther(Hook newEther) {
            return new Config(newEther, upper, table);
        }

        Config withTable(Table newTable) {
            return new Config(ether, upper, newTable);
        }

        Config withUpper(int hookId, Hook hook) {
            Hook[] next = Arrays.copyOf(upper, Math.max(upper.length, hookId + 1));
            next[hookId] = hook;
            int length = next.length;
            while (length > 0 && next[length - 1] == null) {
                length--;
            }
            return new Config(ether, Arrays.copyOf(next, length), table);
        }

        /** The lowest id from 1 on without a hook. */
        int freeId() {
            int id = 1;
            while (id < upper.length && upper[id] != null) {
                id++;
            }
            return id;
        }
    }

    private static final class MacFilter implements NodeMethods {
        /*
         * Implementation notes: the hooks and the table live in one immutable Config that the control path replaces
         * and rcvdata reads once per frame (volatile load); the lookup is a binary search over a long[] and allocates
         * nothing. Each entry's counters are a Counters object shared by every table that holds the entry, so a
         * frame counted against a table that a direct has just replaced still lands on the entry's counters; counts
         * for an entry being deleted are lost with it, as they would be a moment later.
         */
        private final Node node;
        private volatile Config config = Config.initial();

        MacFilter(Node node) {
            this.node = node;
        }

        /** Gives an upper hook its id at once, as FreeBSD does, so that a later hook in the same step gets the next. */
        @Override
        public void newhook(Hook hook, String name) {
            if (name.equals(ETHER)) {
                hook.attach(ETHER_ID);
                return;
            }
            Config old = config;
            int id = name.equals(DEFAULT) ? 0 : old.freeId();
            hook.attach(id);
            config = old.withUpper(id, hook);
        }

        @Override
        public void connect(Hook hook) {
            if ((Integer) hook.attachment() < 0) {
                config = config.withEther(hook);
            }
        }

        // ------------------------------------------------------------ data

        /** Frames shorter than an Ethernet header are refused; FreeBSD would read addresses past their end. */
        @Override
        public Errno rcvdata(Hook hook, Packet packet) {
            if (packet.length() < ETHER_HEADER) {
                packet.free();
                return Errno.EINVAL;
            }
            Config current = config;
            return hook == current.ether() ? fromEther(current, packet) : toEther(current, packet);
        }

        private static Errno fromEther(Config current, Packet packet) {
            Table table = current.table();
            int at = table.find(mac(packet, ENADDR));
            int hookId = 0;
            if (at >= 0) {
                count(table.stats()[at], packet, PACKETS_IN, BYTES_IN);
                hookId = table.hookIds()[at];
            }
            Hook[] upper = current.upper();
            Hook destination = hookId < upper.length ? upper[hookId] : null;
            return forward(destination, packet);
        }

        private static Errno toEther(Config current, Packet packet) {
            Hook ether = current.ether();
            if (ether == null) {
                packet.free();
                return Errno.OK;
            }
            Table table = current.table();
            int at = table.find(mac(packet, 0));
            if (at >= 0) {
                count(table.stats()[at], packet, PACKETS_OUT, BYTES_OUT);
            }
            return ether.send(packet);
        }

        /** A hook without a destination drops the frame without an error, as FreeBSD's macfilter does. */
        private static Errno forward(Hook destination, Packet packet) {
            if (destination == null) {
                packet.free();
                return Errno.OK;
            }
            return destination.send(packet);
        }

        private static void count(Counters entry, Packet packet, int packets, int bytes) {
            entry.add(packet, packets, 1);
            entry.add(packet, bytes, packet.length() - ETHER_HEADER);
        }

        /** The six bytes at {@code at} as a 48-bit number, so that numeric order is byte order. */
        private static long mac(Packet packet, int at) {
            return (packet.getInt(at) & 0xffffffffL) << 16 | packet.getUnsignedShort(at + 4);
        }

        // ------------------------------------------------------------ messages

        @Override
        public Message rcvmsg(Message message, Hook lasthook) {
            if (message.typecookie() != COOKIE) {
                throw new NgException(Errno.EINVAL, "macfilter: unknown message cookie " + message.typecookie());
            }
            return switch (message.cmd()) {
                case RESET -> update(config.withTable(Table.EMPTY));
                case DIRECT -> direct(message);
                case DIRECT_HOOKID -> directHookId(message);
                case GET_MACS -> message.reply(macs(false));
                case GETCLR_MACS -> message.reply(macs(true));
                case CLR_MACS -> {
                    macs(true);
                    yield null;
                }
                case GET_HOOKS -> message.reply(hooks());
                default -> throw new NgException(Errno.EINVAL, "macfilter: unknown command " + message.cmd());
            };
        }

        private Message update(Config next) {
            config = next;
            return null;
        }

        /** An unknown hook name finds id 0, so that directing an address to it deletes the address. */
        private Message direct(Message message) {
            requireLength(message, DIRECT_SIZE);
            byte[] data = message.data();
            String name = hookName(data, ENADDR);
            Config current = config;
            int hookId = 0;
            for (int id = 0; id < current.upper().length; id++) {
                Hook hook = current.upper()[id];
                if (hook != null && hook.isValid() && hook.name().equals(name)) {
                    hookId = id;
                }
            }
            return update(current.withTable(current.table().direct(mac(data), hookId)));
        }

        private Message directHookId(Message message) {
            requireLength(message, DIRECT_HOOKID_SIZE);
            int hookId = Short.toUnsignedInt(message.args().getShort(ENADDR));
            Config current = config;
            if (hookId >= current.upper().length || current.upper()[hookId] == null) {
                throw new NgException(Errno.EINVAL, "macfilter: no hook with id " + hookId);
            }
            return update(current.withTable(current.table().direct(mac(message.data()), hookId)));
        }

        private static long mac(byte[] data) {
            long mac = 0;
            for (int i = 0; i < ENADDR; i++) {
                mac = mac << 8 | (data[i] & 0xff);
            }
            return mac;
        }

        private byte[] macs(boolean clear) {
            Table table = config.table();
            int n = table.macs().length;
            ByteBuffer out = ByteBuffer.allocate(8 + n * MAC_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            out.putInt(n);
            for (int i = 0; i < n; i++) {
                int at = 8 + i * MAC_SIZE;
                putMac(out, at, table.macs()[i]);
                out.putShort(at + ENADDR, (short) table.hookIds()[i]);
                Counters stats = table.stats()[i];
                for (int counter = PACKETS_IN; counter <= BYTES_OUT; counter++) {
                    out.putLong(at + 8 + 8 * counter, stats.get(counter));
                }
                if (clear) {
                    stats.clear();
                }
            }
            return out.array();
        }

        private static void putMac(ByteBuffer out, int at, long mac) {
            for (int i = 0; i < ENADDR; i++) {
                out.put(at + i, (byte) (mac >>> (8 * (ENADDR - 1 - i))));
            }
        }

        private byte[] hooks() {
            Config current = config;
            Hook[] upper = current.upper();
            int n = 0;
            for (Hook hook : upper) {
                n += hook != null && hook.isValid() ? 1 : 0;
            }
            ByteBuffer out = ByteBuffer.allocate(4 + n * HOOK_ENTRY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            out.putInt(n);
            int at = 4;
            for (int id = 0; id < upper.length; id++) {
                if (upper[id] != null && upper[id].isValid()) {
                    byte[] name = upper[id].name().getBytes(StandardCharsets.ISO_8859_1);
                    out.put(at, name, 0, Math.min(name.length, HOOK_SIZE - 1));
                    out.putShort(at + HOOK_SIZE, (short) id);
                    out.putInt(at + HOOK_SIZE + 4, current.table().count(id));
                    at += HOOK_ENTRY_SIZE;
                }
            }
            return out.array();
        }

        private static void requireLength(Message message, int length) {
            if (message.arglen() != length) {
                throw new NgException(
                        Errno.EINVAL, "macfilter: " + message.cmdstr() + " argument is " + message.arglen() + " bytes");
            }
        }

        private static String hookName(byte[] data, int from) {
            int end = from;
            while (end < from + HOOK_SIZE && data[end] != 0) {
                end++;
            }
            return new String(data, from, end - from, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void disconnect(Hook hook) {
            Config old = config;
            int id = (Integer) hook.attachment();
            if (hook == old.ether()) {
                config = old.withEther(null);
            } else if (id >= 0 && id < old.upper().length && old.upper()[id] == hook) {
                config = old.withUpper(id, null).withTable(old.table().withoutHookId(id));
            }
            if (node.numHooks() == 0 && node.isValid()) {
                node.rmnodeSelf();
            }
        }
    }
}
