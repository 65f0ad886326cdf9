package org.jnetgraph.types;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jnetgraph.Command;
import org.jnetgraph.Errno;
import org.jnetgraph.Hook;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Node;
import org.jnetgraph.NodeMethods;
import org.jnetgraph.PacketTags;
import org.jnetgraph.parse.Field;
import org.jnetgraph.parse.ParseType;
import org.jnetgraph.pcap.PcapException;
import org.jnetgraph.pcap.PcapReader;

/**
 * {@code pcapread}: replays a capture file (pcap or pcapng, see {@link PcapReader}) out of its hook {@code out},
 * from a thread of its own, as fast as possible or at the file's own pace scaled by a factor, once, several times or
 * until stopped. Each frame leaves tagged with {@link PacketTags#TIMESTAMP_NANOS} (its capture time),
 * {@link PacketTags#LINK_TYPE}, {@link PacketTags#INTERFACE} and {@link #ORIGINAL_LENGTH}.
 *
 * <p>Hook: {@code out} only (EINVAL for any other name); frames arriving on it are dropped. The node shuts down
 * with its hook; shutting it down stops the replay and waits for its thread.
 *
 * <p>Messages (cookie {@value #COOKIE}):
 *
 * <ul>
 *   <li>{@code setfile "/path/to/file.pcap"}: the file to replay (EBUSY while running);
 *   <li>{@code setspeed 100}: the pace in percent of the file's own timing: 100 replays in real time, 200 twice as
 *       fast, 50 at half speed, 0 (the default) as fast as possible. Applies from the next {@code start};
 *   <li>{@code setloop 3}: how many times to replay the file, 0 for until {@code stop} (default 1). Applies from
 *       the next {@code start};
 *   <li>{@code start}: opens the file and starts replaying. EINVAL without a file, ENOTCONN when {@code out} is not
 *       connected, EBUSY while running; ENOENT, EACCES, EINVAL (not a capture file) or EIO when the file cannot be
 *       read, with the reason in the message and in {@code getstats}' {@code error};
 *   <li>{@code stop}: stops the replay and waits (up to 2 s) for its thread; nothing happens when none runs;
 *   <li>{@code getstats}: {@code { frames octets dropped errors loops state="running" error="..." }}: frames and
 *       octets sent, frames the next node refused (counted, not resent), runs that ended in an error, passes over
 *       the file completed in the current or last run, the state ({@code idle}, {@code running}, {@code done},
 *       {@code stopped}, {@code failed}) and the last error, such as
 *       {@code "/x.pcap: truncated frame: ... at byte offset 1234"} (every frame before the damage was sent);
 *   <li>{@code clrstats}: zeroes frames, octets, dropped and errors;
 *   <li>{@code getconfig}: {@code { speed loops file="..." }}.
 * </ul>
 *
 * <p>The replay thread sends like any data thread: {@link Hook#send} opens an epoch section (or takes the read lock)
 * for each frame, so the thread is never inside a section while it waits for a frame's time. It allocates nothing
 * per frame (packets come from the graph's pool, the file is read in megabyte blocks).
 *
 * <p>Threading: immutable; any thread. Control messages run on the control path; {@code stop} and shutdown wait
 * for the replay thread for at most 2 s.
 */
public final class PcapReadType extends SnapshotType {
    /** The type cookie of pcapread's messages. */
    public static final int COOKIE = 1764806401;
    /** Sets the file: a string. */
    public static final int SET_FILE = 1;
    /** Starts the replay. */
    public static final int START = 2;
    /** Stops the replay. */
    public static final int STOP = 3;
    /** Sets the pace in percent: uint32. */
    public static final int SET_SPEED = 4;
    /** Sets the number of passes, 0 for endless: uint32. */
    public static final int SET_LOOP = 5;
    /** Statistics and state. */
    public static final int GET_STATS = 6;
    /** Clears the counters. */
    public static final int CLR_STATS = 7;
    /** The configuration. */
    public static final int GET_CONFIG = 8;
    /** The hook frames leave by. */
    public static final String OUT = "out";

    /**
     * The packet tag carrying a frame's length on the wire, as its capture file states it (it may exceed the bytes
     * captured); {@code pcapwrite} writes it back.
     */
    public static final int ORIGINAL_LENGTH = PacketTags.ORIGINAL_LENGTH;

    /** The statistics reply. */
    public static final ParseType STATS = ParseType.struct(
            Field.of("frames", ParseType.UINT64),
            Field.of("octets", ParseType.UINT64),
            Field.of("dropped", ParseType.UINT64),
            Field.of("errors", ParseType.UINT64),
            Field.of("loops", ParseType.UINT64),
            Field.of("state", ParseType.fixedString(16)),
            Field.of("error", ParseType.STRING));

    /** The configuration reply. */
    public static final ParseType CONFIG = ParseType.struct(
            Field.of("speed", ParseType.UINT32),
            Field.of("loops", ParseType.UINT32),
            Field.of("file", ParseType.STRING));

    private static final List<Command> COMMANDS = List.of(
            new Command(COOKIE, SET_FILE, "setfile", ParseType.STRING, null),
            new Command(COOKIE, START, "start", null, null),
            new Command(COOKIE, STOP, "stop", null, null),
            new Command(COOKIE, SET_SPEED, "setspeed", ParseType.UINT32, null),
            new Command(COOKIE, SET_LOOP, "setloop", ParseType.UINT32, null),
            new Command(COOKIE, GET_STATS, "getstats", null, STATS),
            new Command(COOKIE, CLR_STATS, "clrstats", null, null),
            new Command(COOKIE, GET_CONFIG, "getconfig", null, CONFIG));

    static final long JOIN_MILLIS = 2_000;

    /** The errno for a file that cannot be opened: ENOENT, EACCES, EINVAL (not a capture, bad name) or EIO. */
    static Errno errnoOf(Exception e) {
        if (e instanceof NoSuchFileException) {
            return Errno.ENOENT;
        }
        if (e instanceof AccessDeniedException) {
            return Errno.EACCES;
        }
        return e instanceof PcapException || e instanceof java.nio.file.InvalidPathException ? Errno.EINVAL : Errno.EIO;
    }

    /** The pcapread type, as the type registry finds it. */
    public PcapReadType() {
        super("pcapread", COOKIE, COMMANDS);
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new Reader(node);
    }

    /** What a replay does: the file, the pace in percent (0: as fast as possible) and the passes (0: endless). */
    private record Config(String file, long speed, long loops) {
        static final Config DEFAULT = new Config("", 0, 1);
    }

    /** The states a replay goes through, as getstats names them. */
    enum State {
        IDLE,
        RUNNING,
        DONE,
        STOPPED,
        FAILED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final class Reader implements NodeMethods {
        /*
         * Implementation notes: the configuration is an immutable Config replaced by control messages and read once
         * by start. A run is a PcapReadReplay with a thread of its own. Its counters are AtomicLongs with a single
         * writer, the replay thread (a run starts only after the previous one's thread ended), updated with lazySet;
         * clrstats may race with it and lose an increment, as any statistics reset may. state and error are volatile
         * and written by the control path before a run starts and by the replay thread while it runs.
         */
        private final Node node;
        private final AtomicLong frames = new AtomicLong();
        private final AtomicLong octets = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong loops = new AtomicLong();
        private volatile Config config = Config.DEFAULT;
        private volatile Hook out;
        private volatile PcapReadReplay replay;
        private volatile State state = State.IDLE;
        private volatile String error = "";

        Reader(Node node) {
            this.node = node;
        }

        @Override
        public void newhook(Hook hook, String name) {
            if (!name.equals(OUT)) {
                throw new NgException(Errno.EINVAL, "pcapread: no hook named \"" + name + "\"; its hook is out");
            }
        }

        @Override
        public void connect(Hook hook) {
            out = hook;
        }

        @Override
        public Message rcvmsg(Message message, Hook lasthook) {
            if (message.typecookie() != COOKIE) {
                throw new NgException(Errno.EINVAL, "pcapread: unknown message cookie " + message.typecookie());
            }
            return switch (message.cmd()) {
                case SET_FILE -> setFile(message);
                case START -> start();
                case STOP -> stop();
                case SET_SPEED -> setSpeed(message);
                case SET_LOOP -> setLoop(message);
                case GET_STATS -> message.reply(stats());
                case CLR_STATS -> clearStats();
                case GET_CONFIG -> message.reply(configReply());
                default -> throw new NgException(Errno.EINVAL, "pcapread: unknown command " + message.cmd());
            };
        }

        private Message setFile(Message message) {
            requireIdle("setfile");
            String file = cString(message.data());
            if (file.isEmpty()) {
                throw new NgException(Errno.EINVAL, "pcapread: setfile needs a file name");
            }
            Config old = config;
            config = new Config(file, old.speed(), old.loops());
            return null;
        }

        private Message setSpeed(Message message) {
            Config old = config;
            config = new Config(old.file(), uint32(message, "setspeed"), old.loops());
            return null;
        }

        private Message setLoop(Message message) {
            Config old = config;
            config = new Config(old.file(), old.speed(), uint32(message, "setloop"));
            return null;
        }

        private static long uint32(Message message, String command) {
            if (message.arglen() != 4) {
                throw new NgException(Errno.EINVAL, "pcapread: " + command + " takes 4 bytes, not " + message.arglen());
            }
            return Integer.toUnsignedLong(message.args().getInt(0));
        }

        private void requireIdle(String command) {
            if (state == State.RUNNING) {
                throw new NgException(Errno.EBUSY, "pcapread: " + command + " while a replay runs; stop it first");
            }
        }

        private Message start() {
            requireIdle("start");
            Config current = config;
            if (current.file().isEmpty()) {
                throw new NgException(Errno.EINVAL, "pcapread: no file to replay; send setfile first");
            }
            Hook hook = out;
            if (hook == null || !hook.isValid()) {
                throw new NgException(Errno.ENOTCONN, "pcapread: hook out is not connected");
            }
            PcapReader reader = open(current.file());
            loops.set(0);
            error = "";
            state = State.RUNNING;
            PcapReadReplay run = new PcapReadReplay(this, reader, current.file(), current.speed(), current.loops());
            replay = run;
            run.start(node);
            return null;
        }

        private PcapReader open(String file) {
            try {
                return PcapReader.open(Path.of(file));
            } catch (IOException | java.nio.file.InvalidPathException e) {
                NgException failure = new NgException(errnoOf(e), "pcapread: cannot replay " + describe(e, file), e);
                fail(failure.getMessage());
                throw failure;
            }
        }

        private static String describe(Exception e, String file) {
            if (e instanceof NoSuchFileException) {
                return file + ": no such file";
            }
            return e instanceof PcapException ? e.getMessage() : file + ": " + e;
        }

        private Message stop() {
            PcapReadReplay current = replay;
            if (current != null) {
                current.stop(JOIN_MILLIS);
            }
            return null;
        }

        private Message clearStats() {
            frames.set(0);
            octets.set(0);
            dropped.set(0);
            errors.set(0);
            return null;
        }

        private byte[] stats() {
            byte[] text = error.getBytes(StandardCharsets.ISO_8859_1);
            ByteBuffer reply = ByteBuffer.allocate(5 * 8 + 16 + text.length + 1).order(ByteOrder.LITTLE_ENDIAN);
            reply.putLong(frames.get())
                    .putLong(octets.get())
                    .putLong(dropped.get())
                    .putLong(errors.get());
            reply.putLong(loops.get());
            byte[] label = state.label().getBytes(StandardCharsets.ISO_8859_1);
            reply.put(label).position(5 * 8 + 16);
            reply.put(text);
            return reply.array();
        }

        private byte[] configReply() {
            Config current = config;
            byte[] file = current.file().getBytes(StandardCharsets.ISO_8859_1);
            ByteBuffer reply = ByteBuffer.allocate(8 + file.length + 1).order(ByteOrder.LITTLE_ENDIAN);
            reply.putInt((int) current.speed()).putInt((int) current.loops()).put(file);
            return reply.array();
        }

        static String cString(byte[] data) {
            int end = 0;
            while (end < data.length && data[end] != 0) {
                end++;
            }
            return new String(data, 0, end, StandardCharsets.ISO_8859_1);
        }

        // ---------------------------------------------------------------- called by the replay thread

        /** The hook to send on, or null when it is gone. */
        Hook out() {
            Hook hook = out;
            return hook != null && hook.isValid() ? hook : null;
        }

        void countSent(int length) {
            frames.lazySet(frames.get() + 1);
            octets.lazySet(octets.get() + length);
        }

        void countDropped() {
            dropped.lazySet(dropped.get() + 1);
        }

        void countLoop() {
            loops.lazySet(loops.get() + 1);
        }

        void finish(State end) {
            state = end;
        }

        void fail(String message) {
            errors.incrementAndGet();
            error = message;
            state = State.FAILED;
        }

        // ---------------------------------------------------------------- hooks and shutdown

        @Override
        public void close() {
            PcapReadReplay current = replay;
            if (current != null) {
                current.requestStop();
            }
        }

        @Override
        public void shutdown() {
            PcapReadReplay current = replay;
            if (current != null) {
                current.stop(JOIN_MILLIS);
            }
        }

        @Override
        public void disconnect(Hook hook) {
            if (hook == out) {
                out = null;
                close();
            }
            if (node.numHooks() == 0 && node.isValid()) {
                node.rmnodeSelf();
            }
        }

        /** The replay thread of the current or last run, or null (for tests). */
        Thread replayThread() {
            PcapReadReplay current = replay;
            return current == null ? null : current.thread();
        }
    }
}
