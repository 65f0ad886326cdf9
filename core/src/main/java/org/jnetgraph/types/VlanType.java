package org.jnetgraph.types;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jnetgraph.Command;
import org.jnetgraph.Errno;
import org.jnetgraph.Hook;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Node;
import org.jnetgraph.NodeMethods;
import org.jnetgraph.Packet;
import org.jnetgraph.PacketTags;
import org.jnetgraph.parse.Field;
import org.jnetgraph.parse.LengthFn;
import org.jnetgraph.parse.ParseType;

/**
 * {@code vlan}: an 802.1Q (or 802.1ad) multiplexer. Frames from {@code downstream} (the trunk) whose tag names a VID
 * with a filter lose the tag and leave through that filter's hook; all others go to {@code nomatch}. Frames from a
 * filter's hook get the filter's tag (VID, PCP and CFI) and go to {@code downstream}; frames from {@code nomatch} go
 * there unchanged. Any other hook name is accepted and carries traffic once a filter names it.
 *
 * <p>A tag may also travel beside the frame instead of inside it (FreeBSD's M_VLANTAG), as the packet tag
 * {@link #VLAN_TAG} whose value is the 16-bit TCI.
 *
 * <p>Threading: immutable; any thread.
 */
public final class VlanType extends SnapshotType {
    /** NGM_VLAN_COOKIE. */
    public static final int COOKIE = 1068486472;
    /** NGM_VLAN_ADD_FILTER. */
    public static final int ADD_FILTER = 1;
    /** NGM_VLAN_DEL_FILTER: by hook name. */
    public static final int DEL_FILTER = 2;
    /** NGM_VLAN_GET_TABLE. */
    public static final int GET_TABLE = 3;
    /** NGM_VLAN_DEL_VID_FLT: by VID. */
    public static final int DEL_VID_FLT = 4;
    /** NGM_VLAN_GET_DECAP. */
    public static final int GET_DECAP = 5;
    /** NGM_VLAN_SET_DECAP. */
    public static final int SET_DECAP = 6;
    /** NGM_VLAN_GET_ENCAP. */
    public static final int GET_ENCAP = 7;
    /** NGM_VLAN_SET_ENCAP. */
    public static final int SET_ENCAP = 8;
    /** NGM_VLAN_GET_ENCAP_PROTO. */
    public static final int GET_ENCAP_PROTO = 9;
    /** NGM_VLAN_SET_ENCAP_PROTO. */
    public static final int SET_ENCAP_PROTO = 10;
    /** VLAN_ENCAP_FROM_FILTER: frames from filter hooks get the tag inside the frame, not beside it. */
    public static final int ENCAP_FROM_FILTER = 1;
    /** VLAN_ENCAP_FROM_NOMATCH: a tag beside a frame from {@code nomatch} is moved into the frame. */
    public static final int ENCAP_FROM_NOMATCH = 2;
    /** The trunk hook. */
    public static final String DOWNSTREAM = "downstream";
    /** The hook for untagged frames and frames of VIDs without a filter. */
    public static final String NOMATCH = "nomatch";
    /**
     * The packet tag that carries a VLAN tag beside the frame (FreeBSD's M_VLANTAG with ether_vtag); its value is the
     * TCI: VID in bits 0-11, CFI in bit 12, PCP in bits 13-15.
     */
    public static final int VLAN_TAG = PacketTags.VLAN_TAG;

    static final int FLOW_COOKIE = 851672669;
    static final int HOOK_SIZE = 32;
    static final int FILTER_SIZE = HOOK_SIZE + 6;
    static final int MAX_VID = 4095;

    /** {@code { hook vlan vid pcp cfi }}; {@code vlan} is the deprecated name of {@code vid}. */
    public static final ParseType FILTER = ParseType.struct(
            Field.of("hook", ParseType.HOOKBUF),
            Field.of("vlan", ParseType.UINT16),
            Field.of("vid", ParseType.UINT16),
            Field.of("pcp", ParseType.UINT8),
            Field.of("cfi", ParseType.UINT8));

    /** {@code { n filter=[ ... ] }}, in ascending VID. */
    public static final ParseType TABLE = ParseType.struct(
            Field.of("n", ParseType.UINT32), Field.of("filter", ParseType.array(FILTER, LengthFn.field("n"))));

    private static final List<Command> COMMANDS = List.of(
            new Command(COOKIE, ADD_FILTER, "addfilter", FILTER, null),
            new Command(COOKIE, DEL_FILTER, "delfilter", ParseType.HOOKBUF, null),
            new Command(COOKIE, GET_TABLE, "gettable", null, TABLE),
            new Command(COOKIE, DEL_VID_FLT, "delvidflt", ParseType.UINT16, null),
            new Command(COOKIE, GET_DECAP, "getdecap", null, ParseType.HINT32),
            new Command(COOKIE, SET_DECAP, "setdecap", ParseType.HINT32, null),
            new Command(COOKIE, GET_ENCAP, "getencap", null, ParseType.HINT32),
            new Command(COOKIE, SET_ENCAP, "setencap", ParseType.HINT32, null),
            new Command(COOKIE, GET_ENCAP_PROTO, "getencapproto", null, ParseType.HINT16),
            new Command(COOKIE, SET_ENCAP_PROTO, "setencapproto", ParseType.HINT16, null));

    /** Ethernet header: two MAC addresses and the ethertype. */
    private static final int ETHER_HEADER = 14;
    /** The two MAC addresses. */
    private static final int MACS = 12;
    /** An in-band tag: TPID and TCI. */
    private static final int ENCAP = 4;

    /** The vlan type, as the type registry finds it. */
    public VlanType() {
        super("vlan", COOKIE, COMMANDS);
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new Vlan(node);
    }

    /**
     * What a hook is to the node: its role and, for a filter hook, its filter. {@code tci} is -1 while the hook has
     * no filter; the control path writes it, rcvdata reads it once per frame.
     */
    private static final class HookState {
        static final int ROLE_DOWNSTREAM = 0;
        static final int ROLE_NOMATCH = 1;
        static final int ROLE_FILTER = 2;

        final int role;
        volatile int tci = -1;

        HookState(int role) {
            this.role = role;
        }

        int vid() {
            return tci & MAX_VID;
        }
    }

    /** An immutable configuration: the special hooks, the filter hook of each VID, and the node's settings. */
    private record Config(Hook downstream, Hook nomatch, Hook[] byVid, int decap, int encap, int encapProto) {
        static Config initial() {
            return new Config(null, null, new Hook[MAX_VID + 1], 0, ENCAP_FROM_FILTER, 0x8100);
        }

        Config withSpecial(Hook newDownstream, Hook newNomatch) {
            return new Config(newDownstream, newNomatch, byVid, decap, encap, encapProto);
        }

        Config withVid(int vid, Hook hook) {
            Hook[] next = byVid.clone();
            next[vid] = hook;
            return new Config(downstream, nomatch, next, decap, encap, encapProto);
        }

        Config withSettings(int newDecap, int newEncap, int newEncapProto) {
            return new Config(downstream, nomatch, byVid, newDecap, newEncap, newEncapProto);
        }
    }

    private static final class Vlan implements NodeMethods {
        /*
         * Implementation notes: the special hooks, the VID-to-hook table and the settings live in one immutable
         * Config that the control path replaces and rcvdata reads once per frame (volatile load). A filter hook's own
         * TCI lives in its HookState, written by the control path next to the Config that lists it; a frame racing
         * with addfilter or delfilter may see the one change before the other, which only decides whether that one
         * frame is tagged or refused, as it would be a moment earlier or later. Tags are inserted and removed in
         * place: the packet's headroom takes the four bytes and the MAC addresses are moved within its array.
         */
        private final Node node;
        private volatile Config config = Config.initial();

        Vlan(Node node) {
            this.node = node;
        }

        @Override
        public void newhook(Hook hook, String name) {
            int role = switch (name) {
                case DOWNSTREAM -> HookState.ROLE_DOWNSTREAM;
                case NOMATCH -> HookState.ROLE_NOMATCH;
                default -> HookState.ROLE_FILTER;
            };
            hook.attach(new HookState(role));
        }

        @Override
        public void connect(Hook hook) {
            Config old = config;
            switch (state(hook).role) {
                case HookState.ROLE_DOWNSTREAM -> config = old.withSpecial(hook, old.nomatch());
                case HookState.ROLE_NOMATCH -> config = old.withSpecial(old.downstream(), hook);
                default -> {}
            }
        }

        private static HookState state(Hook hook) {
            return (HookState) hook.attachment();
        }

        // ------------------------------------------------------------ data

        @Override
        public Errno rcvdata(Hook hook, Packet packet) {
            if (packet.length() < ETHER_HEADER) {
                return drop(packet, Errno.EINVAL);
            }
            Config current = config;
            HookState state = state(hook);
            return switch (state.role) {
                case HookState.ROLE_DOWNSTREAM -> fromDownstream(current, packet);
                case HookState.ROLE_NOMATCH -> fromNomatch(current, packet);
                default -> fromFilter(current, state, packet);
            };
        }

        private static Errno fromDownstream(Config current, Packet packet) {
            boolean beside = packet.hasTag(VLAN_TAG);
            if (!beside && packet.getUnsignedShort(MACS) != current.encapProto()) {
                return send(current.nomatch(), packet);
            }
            if (!beside && packet.length() < ETHER_HEADER + ENCAP) {
                return drop(packet, Errno.EINVAL);
            }
            int tci = beside ? (int) packet.tag(VLAN_TAG, 0) : packet.getUnsignedShort(MACS + 2);
            Hook filter = current.byVid()[tci & MAX_VID];
            if (filter != null) {
                removeTag(packet, beside);
                return filter.send(packet);
            }
            if (beside || current.decap() == 0) {
                return send(current.nomatch(), packet);
            }
            if (current.nomatch() == null) {
                return drop(packet, Errno.ENETDOWN);
            }
            if (!packet.setTag(VLAN_TAG, tci)) {
                return drop(packet, Errno.ENOBUFS);
            }
            removeTag(packet, false);
            return current.nomatch().send(packet);
        }

        private static Errno fromNomatch(Config current, Packet packet) {
            if (current.downstream() == null) {
                return drop(packet, Errno.ENETDOWN);
            }
            if ((current.encap() & ENCAP_FROM_NOMATCH) == 0 || !packet.hasTag(VLAN_TAG)) {
                return current.downstream().send(packet);
            }
            int tci = (int) packet.tag(VLAN_TAG, 0);
            packet.removeTag(VLAN_TAG);
            insertTag(packet, current.encapProto(), tci);
            return current.downstream().send(packet);
        }

        private static Errno fromFilter(Config current, HookState state, Packet packet) {
            if (current.downstream() == null) {
                return drop(packet, Errno.ENETDOWN);
            }
            int tci = state.tci;
            if (tci < 0) {
                return drop(packet, Errno.EOPNOTSUPP);
            }
            if ((current.encap() & ENCAP_FROM_FILTER) != 0) {
                insertTag(packet, current.encapProto(), tci);
            } else if (!packet.setTag(VLAN_TAG, tci)) {
                return drop(packet, Errno.ENOBUFS);
            }
            return current.downstream().send(packet);
        }

        private static Errno send(Hook destination, Packet packet) {
            return destination == null ? drop(packet, Errno.ENETDOWN) : destination.send(packet);
        }

        private static Errno drop(Packet packet, Errno errno) {
            packet.free();
            return errno;
        }

        /** Removes the tag beside the frame, or cuts the four tag bytes out of it (moving the MACs up). */
        private static void removeTag(Packet packet, boolean beside) {
            if (beside) {
                packet.removeTag(VLAN_TAG);
                return;
            }
            byte[] array = packet.array();
            int offset = packet.offset();
            System.arraycopy(array, offset, array, offset + ENCAP, MACS);
            packet.trimFront(ENCAP);
        }

        /** Opens four bytes in front of the ethertype (moving the MACs down) and writes TPID and TCI there. */
        private static void insertTag(Packet packet, int tpid, int tci) {
            packet.prepend(ENCAP);
            byte[] array = packet.array();
            int offset = packet.offset();
            System.arraycopy(array, offset + ENCAP, array, offset, MACS);
            packet.setShort(MACS, tpid);
            packet.setShort(MACS + 2, tci);
        }

        // ------------------------------------------------------------ messages

        @Override
        public Message rcvmsg(Message message, Hook lasthook) {
            if (message.typecookie() == FLOW_COOKIE) {
                flow(message, lasthook);
                return null;
            }
            if (message.typecookie() != COOKIE) {
                throw new NgException(Errno.EINVAL, "vlan: unknown message cookie " + message.typecookie());
            }
            return switch (message.cmd()) {
                case ADD_FILTER -> addFilter(message);
                case DEL_FILTER -> delFilter(message);
                case GET_TABLE -> message.reply(table());
                case DEL_VID_FLT -> delVidFilter(message);
                case GET_DECAP -> message.reply(int32(config.decap()));
                case GET_ENCAP -> message.reply(int32(config.encap()));
                case GET_ENCAP_PROTO -> message.reply(int16(config.encapProto()));
                case SET_DECAP, SET_ENCAP, SET_ENCAP_PROTO -> setting(message);
                default -> throw new NgException(Errno.EINVAL, "vlan: unknown command " + message.cmd());
            };
        }

        private Message addFilter(Message message) {
            requireLength(message, FILTER_SIZE);
            ByteBuffer in = message.args();
            int vlan = Short.toUnsignedInt(in.getShort(HOOK_SIZE));
            int vid = Short.toUnsignedInt(in.getShort(HOOK_SIZE + 2));
            int pcp = Byte.toUnsignedInt(in.get(HOOK_SIZE + 4));
            int cfi = Byte.toUnsignedInt(in.get(HOOK_SIZE + 5));
            if (vid == 0) {
                vid = vlan;
            } else if (vlan != 0 && vlan != vid) {
                throw new NgException(Errno.EINVAL, "vlan: vlan " + vlan + " and vid " + vid + " disagree");
            }
            if (vid > MAX_VID || pcp > 7 || cfi > 1) {
                throw new NgException(Errno.EINVAL, "vlan: vid " + vid + " pcp " + pcp + " cfi " + cfi);
            }
            Hook hook = filterHook(message.data());
            HookState state = state(hook);
            if (state.tci >= 0 || config.byVid()[vid] != null) {
                throw new NgException(Errno.EEXIST, "vlan: hook \"" + hook.name() + "\" or vid " + vid + " in use");
            }
            state.tci = vid | cfi << 12 | pcp << 13;
            config = config.withVid(vid, hook);
            return null;
        }

        /** The hook a filter message names: ENOENT when absent, EINVAL when it is downstream or nomatch. */
        private Hook filterHook(byte[] data) {
            String name = hookName(data);
            Hook hook = node.hook(name);
            if (hook == null) {
                throw new NgException(Errno.ENOENT, "vlan: no hook \"" + name + "\"");
            }
            if (state(hook).role != HookState.ROLE_FILTER) {
                throw new NgException(Errno.EINVAL, "vlan: hook \"" + name + "\" cannot have a filter");
            }
            return hook;
        }

        private Message delFilter(Message message) {
            requireLength(message, HOOK_SIZE);
            String name = hookName(message.data());
            Hook hook = node.hook(name);
            if (hook == null || state(hook).tci < 0) {
                throw new NgException(Errno.ENOENT, "vlan: no filter on hook \"" + name + "\"");
            }
            removeFilter(hook);
            return null;
        }

        private Message delVidFilter(Message message) {
            requireLength(message, 2);
            int vid = Short.toUnsignedInt(message.args().getShort(0));
            if (vid > MAX_VID) {
                throw new NgException(Errno.EINVAL, "vlan: vid " + vid + " out of range");
            }
            Hook hook = config.byVid()[vid];
            if (hook == null) {
                throw new NgException(Errno.ENOENT, "vlan: no filter for vid " + vid);
            }
            removeFilter(hook);
            return null;
        }

        private void removeFilter(Hook hook) {
            HookState state = state(hook);
            int tci = state.tci;
            if (tci < 0) {
                return;
            }
            state.tci = -1;
            if (config.byVid()[tci & MAX_VID] == hook) {
                config = config.withVid(tci & MAX_VID, null);
            }
        }

        private byte[] table() {
            Hook[] byVid = config.byVid();
            int n = 0;
            for (Hook hook : byVid) {
                n += hook != null && hook.isValid() ? 1 : 0;
            }
            ByteBuffer out = ByteBuffer.allocate(4 + n * FILTER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            out.putInt(n);
            for (int vid = 0; vid <= MAX_VID; vid++) {
                Hook hook = byVid[vid];
                if (hook != null && hook.isValid()) {
                    putFilter(out, hook, vid, state(hook).tci);
                }
            }
            return out.array();
        }

        private static void putFilter(ByteBuffer out, Hook hook, int vid, int tci) {
            byte[] name = hook.name().getBytes(StandardCharsets.ISO_8859_1);
            int start = out.position();
            out.put(name, 0, Math.min(name.length, HOOK_SIZE - 1));
            out.position(start + HOOK_SIZE);
            out.putShort((short) vid).putShort((short) vid);
            out.put((byte) (Math.max(tci, 0) >>> 13)).put((byte) (Math.max(tci, 0) >>> 12 & 1));
        }

        private Message setting(Message message) {
            Config old = config;
            if (message.cmd() == SET_ENCAP_PROTO) {
                requireLength(message, 2);
                int proto = Short.toUnsignedInt(message.args().getShort(0));
                config = old.withSettings(old.decap(), old.encap(), proto);
                return null;
            }
            requireLength(message, 4);
            int value = message.args().getInt(0);
            config = message.cmd() == SET_DECAP
                    ? old.withSettings(value, old.encap(), old.encapProto())
                    : old.withSettings(old.decap(), value, old.encapProto());
            return null;
        }

        private static void requireLength(Message message, int length) {
            if (message.arglen() != length) {
                throw new NgException(
                        Errno.EINVAL, "vlan: " + message.cmdstr() + " argument is " + message.arglen() + " bytes");
            }
        }

        private static byte[] int32(int value) {
            return ByteBuffer.allocate(4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(value)
                    .array();
        }

        private static byte[] int16(int value) {
            return ByteBuffer.allocate(2)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putShort((short) value)
                    .array();
        }

        private static String hookName(byte[] data) {
            int end = 0;
            while (end < HOOK_SIZE && end < data.length && data[end] != 0) {
                end++;
            }
            return new String(data, 0, end, StandardCharsets.ISO_8859_1);
        }

        /** Flow messages from the trunk concern every VLAN: each filter hook gets them. */
        private void flow(Message message, Hook lasthook) {
            Config current = config;
            if (lasthook == null || lasthook != current.downstream()) {
                return;
            }
            for (Hook hook : current.byVid()) {
                if (hook != null && hook.isValid()) {
                    hook.sendMessage(message);
                }
            }
        }

        @Override
        public void disconnect(Hook hook) {
            Config old = config;
            if (hook == old.downstream()) {
                config = old.withSpecial(null, old.nomatch());
            } else if (hook == old.nomatch()) {
                config = old.withSpecial(old.downstream(), null);
            } else {
                removeFilter(hook);
            }
            if (node.numHooks() == 0 && node.isValid()) {
                node.rmnodeSelf();
            }
        }
    }
}
