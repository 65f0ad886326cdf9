package org.jnetgraph.types;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
 * {@code bpf}: a classifier, as FreeBSD's ng_bpf. Every hook has a classic BPF program, run on the frames arriving
 * on it, and two destinations: frames the program matches (result n &gt; 0) are cut to n bytes when shorter and go
 * out of the hook named {@code ifMatch}; the others go out of {@code ifNotMatch}. An empty or absent destination
 * drops the frame silently. A hook may name itself. A new hook's program is {@code ret #0} with no destinations, so
 * it drops everything until given a program. The node shuts down with its last hook.
 *
 * <p>Messages (cookie {@value #COOKIE}), as FreeBSD's:
 *
 * <ul>
 *   <li>{@code setprogram { thisHook="in" ifMatch="dns" ifNotMatch="rest" bpf_prog_len=2
 *       bpf_prog=[ { code=0x28 k=12 } { code=0x6 k=65535 } ] }}: sets a hook's program, in the numbers
 *       {@code tcpdump -ddd} prints ({@link BpfProgram#fromTcpdump} and {@link BpfProgram#toHookprog} convert).
 *       A wrong argument length is EINVAL, an unknown {@code thisHook} ENOENT, a program that fails
 *       {@link BpfProgram#validate()} EINVAL with a message naming the bad instruction; the hook then keeps its
 *       program. Destinations are found by name now and again whenever a hook of that name connects.
 *   <li>{@code getprogram "in"}: the hook's program in the same form;
 *   <li>{@code getstats "in"}, {@code getclrstats "in"}: {@code { recvFrames recvOctets recvMatchFrames
 *       recvMatchOctets xmitFrames xmitOctets }} of the hook (octets before truncation for the receive side,
 *       after it for the transmit side); {@code clrstats "in"} clears them. An empty argument is EINVAL, an unknown
 *       hook ENOENT.
 * </ul>
 *
 * <p>An empty program ({@code bpf_prog_len=0}) is accepted, as FreeBSD's validator accepts it, and here matches
 * every frame (FreeBSD's filter would read past the program). A zero-length frame matches nothing, unfiltered.
 *
 * <p>Threading: immutable; any thread. Each hook's program and destinations are an immutable snapshot that
 * setprogram and hook changes replace; rcvdata reads it once per frame, never locks and does not allocate.
 */
public final class BpfType extends SnapshotType {
    /** NGM_BPF_COOKIE. */
    public static final int COOKIE = 944100792;
    /** NGM_BPF_SET_PROGRAM. */
    public static final int SET_PROGRAM = 1;
    /** NGM_BPF_GET_PROGRAM. */
    public static final int GET_PROGRAM = 2;
    /** NGM_BPF_GET_STATS. */
    public static final int GET_STATS = 3;
    /** NGM_BPF_CLR_STATS. */
    public static final int CLR_STATS = 4;
    /** NGM_BPF_GETCLR_STATS. */
    public static final int GETCLR_STATS = 5;

    /** {@code struct bpf_insn}: {@code { code jt jf k }}. */
    public static final ParseType INSN = ParseType.struct(
            Field.of("code", ParseType.HINT16),
            Field.of("jt", ParseType.UINT8),
            Field.of("jf", ParseType.UINT8),
            Field.of("k", ParseType.UINT32));

    /** {@code struct ng_bpf_hookprog}: the argument of setprogram and the reply of getprogram. */
    public static final ParseType HOOKPROG = ParseType.struct(
            Field.of("thisHook", ParseType.HOOKBUF),
            Field.of("ifMatch", ParseType.HOOKBUF),
            Field.of("ifNotMatch", ParseType.HOOKBUF),
            Field.of("bpf_prog_len", ParseType.INT32),
            Field.of("bpf_prog", ParseType.array(INSN, LengthFn.field("bpf_prog_len"))));

    /** {@code struct ng_bpf_hookstat}. */
    public static final ParseType HOOKSTAT = ParseType.struct(
            Field.of("recvFrames", ParseType.UINT64),
            Field.of("recvOctets", ParseType.UINT64),
            Field.of("recvMatchFrames", ParseType.UINT64),
            Field.of("recvMatchOctets", ParseType.UINT64),
            Field.of("xmitFrames", ParseType.UINT64),
            Field.of("xmitOctets", ParseType.UINT64));

    /** NG_BPF_HOOKPROG_SIZE(0): three hook names and the instruction count. */
    static final int HOOKPROG_SIZE = 3 * 32 + 4;

    private static final List<Command> COMMANDS = List.of(
            new Command(COOKIE, SET_PROGRAM, "setprogram", HOOKPROG, null),
            new Command(COOKIE, GET_PROGRAM, "getprogram", ParseType.HOOKBUF, HOOKPROG),
            new Command(COOKIE, GET_STATS, "getstats", ParseType.HOOKBUF, HOOKSTAT),
            new Command(COOKIE, CLR_STATS, "clrstats", ParseType.HOOKBUF, null),
            new Command(COOKIE, GETCLR_STATS, "getclrstats", ParseType.HOOKBUF, HOOKSTAT));

    /** The bpf type, as the type registry finds it. */
    public BpfType() {
        super("bpf", COOKIE, COMMANDS);
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new Classifier(node);
    }

    /** The binary {@code struct ng_bpf_hookprog} of a program and its three hook names. */
    static byte[] encodeHookprog(String thisHook, String ifMatch, String ifNotMatch, BpfProgram program) {
        ByteBuffer out = ByteBuffer.allocate(HOOKPROG_SIZE + program.length() * BpfProgram.INSN_SIZE)
                .order(ByteOrder.LITTLE_ENDIAN);
        putName(out, 0, thisHook);
        putName(out, 32, ifMatch);
        putName(out, 64, ifNotMatch);
        out.putInt(96, program.length()).position(HOOKPROG_SIZE);
        program.encode(out);
        return out.array();
    }

    private static void putName(ByteBuffer out, int at, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        out.put(at, bytes, 0, Math.min(bytes.length, 31));
    }

    static String name(byte[] data, int at, int size) {
        int end = at;
        while (end < at + size && end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, at, end - at, StandardCharsets.ISO_8859_1);
    }

    /**
     * A hook's program, the names of its destinations and the destination hooks found for them (null when none).
     * Immutable: setprogram and hook changes build a new one.
     */
    private record Route(
            String thisHook, String ifMatch, String ifNotMatch, BpfProgram program, Hook match, Hook nomatch) {
        static Route initial(String name) {
            return new Route(name, "", "", BpfProgram.MATCH_NOTHING, null, null);
        }

        /** This route with {@code hook} as a destination wherever its name is named. */
        Route linking(Hook hook) {
            return new Route(
                    thisHook,
                    ifMatch,
                    ifNotMatch,
                    program,
                    ifMatch.equals(hook.name()) ? hook : match,
                    ifNotMatch.equals(hook.name()) ? hook : nomatch);
        }

        /** This route without {@code hook} as a destination. */
        Route unlinking(Hook hook) {
            return new Route(
                    thisHook,
                    ifMatch,
                    ifNotMatch,
                    program,
                    match == hook ? null : match,
                    nomatch == hook ? null : nomatch);
        }
    }

    /** What a hook carries: its route and its statistics. */
    private static final class HookState {
        final Counters stats = new Counters(6);
        volatile Route route;

        HookState(Route route) {
            this.route = route;
        }
    }

    private static final int RECV_FRAMES = 0;
    private static final int RECV_OCTETS = 1;
    private static final int RECV_MATCH_FRAMES = 2;
    private static final int RECV_MATCH_OCTETS = 3;
    private static final int XMIT_FRAMES = 4;
    private static final int XMIT_OCTETS = 5;

    private static final class Classifier implements NodeMethods {
        /*
         * Implementation notes: each hook's HookState is attached to the hook at newhook and never replaced; its
         * route is an immutable Route, replaced by the control path (setprogram, connect and disconnect of a hook it
         * names) and read once per frame with a volatile load. A destination being removed is already invalid while
         * it waits for its disconnect: rcvdata treats it as absent, as FreeBSD does once the hook is gone.
         * Statistics are Counters stripes, added by the thread that owns the frame, before it is sent on.
         */
        private final Node node;

        Classifier(Node node) {
            this.node = node;
        }

        @Override
        public void newhook(Hook hook, String name) {
            hook.attach(new HookState(Route.initial(name)));
        }

        @Override
        public void connect(Hook hook) {
            for (Hook other : node.hooks()) {
                HookState state = (HookState) other.attachment();
                state.route = state.route.linking(hook);
            }
            HookState own = (HookState) hook.attachment();
            own.route = own.route.linking(hook);
        }

        @Override
        public Errno rcvdata(Hook hook, Packet packet) {
            HookState state = (HookState) hook.attachment();
            Route route = state.route;
            int total = packet.length();
            state.stats.add(packet, RECV_FRAMES, 1);
            state.stats.add(packet, RECV_OCTETS, total);
            long result = total == 0 ? 0 : BpfInterpreter.run(route.program(), packet.array(), packet.offset(), total);
            if (result == 0) {
                return deliver(route.nomatch(), packet);
            }
            state.stats.add(packet, RECV_MATCH_FRAMES, 1);
            state.stats.add(packet, RECV_MATCH_OCTETS, total);
            if (result < total) {
                packet.trimBack(total - (int) result);
            }
            return deliver(route.match(), packet);
        }

        private static Errno deliver(Hook destination, Packet packet) {
            if (destination == null || !destination.isValid()) {
                packet.free();
                return Errno.OK;
            }
            Counters stats = ((HookState) destination.attachment()).stats;
            stats.add(packet, XMIT_OCTETS, packet.length());
            stats.add(packet, XMIT_FRAMES, 1);
            return destination.send(packet);
        }

        @Override
        public Message rcvmsg(Message message, Hook lasthook) {
            if (message.typecookie() != COOKIE) {
                throw new NgException(Errno.EINVAL, "bpf: unknown message cookie " + message.typecookie());
            }
            return switch (message.cmd()) {
                case SET_PROGRAM -> setProgram(message);
                case GET_PROGRAM -> message.reply(program(hookOf(message)));
                case GET_STATS -> message.reply(stats(hookOf(message), false));
                case CLR_STATS -> {
                    stats(hookOf(message), true);
                    yield null;
                }
                case GETCLR_STATS -> message.reply(stats(hookOf(message), true));
                default -> throw new NgException(Errno.EINVAL, "bpf: unknown command " + message.cmd());
            };
        }

        private Message setProgram(Message message) {
            byte[] data = message.data();
            long count = data.length < HOOKPROG_SIZE ? -1 : message.args().getInt(96);
            if (count < 0 || data.length != HOOKPROG_SIZE + count * BpfProgram.INSN_SIZE) {
                throw new NgException(
                        Errno.EINVAL,
                        "bpf: setprogram argument of " + data.length + " bytes does not hold the " + count
                                + " instructions it announces");
            }
            Hook hook = hookNamed(name(data, 0, 32));
            BpfProgram program = BpfProgram.decode(message.args(), HOOKPROG_SIZE, (int) count);
            program.validate();
            String ifMatch = name(data, 32, 32);
            String ifNotMatch = name(data, 64, 32);
            ((HookState) hook.attachment()).route =
                    new Route(hook.name(), ifMatch, ifNotMatch, program, node.hook(ifMatch), node.hook(ifNotMatch));
            return null;
        }

        private Hook hookOf(Message message) {
            if (message.arglen() == 0) {
                throw new NgException(Errno.EINVAL, "bpf: the hook name is missing");
            }
            return hookNamed(name(message.data(), 0, message.arglen() - 1));
        }

        private Hook hookNamed(String name) {
            Hook hook = node.hook(name);
            if (hook == null) {
                throw new NgException(Errno.ENOENT, "bpf: no hook \"" + name + "\"");
            }
            return hook;
        }

        private static byte[] program(Hook hook) {
            Route route = ((HookState) hook.attachment()).route;
            return encodeHookprog(route.thisHook(), route.ifMatch(), route.ifNotMatch(), route.program());
        }

        private static byte[] stats(Hook hook, boolean clear) {
            Counters stats = ((HookState) hook.attachment()).stats;
            ByteBuffer out = ByteBuffer.allocate(6 * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int counter = RECV_FRAMES; counter <= XMIT_OCTETS; counter++) {
                out.putLong(stats.get(counter));
            }
            if (clear) {
                stats.clear();
            }
            return out.array();
        }

        @Override
        public void disconnect(Hook hook) {
            for (Hook other : node.hooks()) {
                HookState state = (HookState) other.attachment();
                state.route = state.route.unlinking(hook);
            }
            if (node.numHooks() == 0 && node.isValid()) {
                node.rmnodeSelf();
            }
        }
    }
}
