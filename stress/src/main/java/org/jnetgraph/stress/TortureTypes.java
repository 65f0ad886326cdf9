package org.jnetgraph.stress;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jnetgraph.Errno;
import org.jnetgraph.Hook;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Node;
import org.jnetgraph.NodeMethods;
import org.jnetgraph.NodeType;
import org.jnetgraph.Packet;
import org.jnetgraph.PacketTags;

/**
 * The node types of the torture run. {@code tprobe} records every packet's sequence number in the ledger (and holds
 * a packet tagged as a stall inside rcvdata for a while, a long read section on purpose); {@code trelay} forwards
 * everything arriving on {@code in} to its current target hook, which the {@code settarget} message changes (for
 * make-before-break swaps). Both check, on every packet, that their shutdown and the arrival hook's disconnect have
 * not started: the two invariants of the design.
 *
 * <p>Threading: immutable; any thread.
 */
final class TortureTypes {
    static final int COOKIE = 0x70727475;
    static final int SET_TARGET = 1;
    /** Packets tagged with this (value = nanoseconds to hold) keep the probe inside its section. */
    static final int STALL_TAG = PacketTags.FIRST_PRIVATE + 1;

    private TortureTypes() {}

    static Message setTarget(String hook) {
        byte[] name = new byte[32];
        byte[] text = hook.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(text, 0, name, 0, Math.min(31, text.length));
        return Message.request(COOKIE, SET_TARGET, "settarget", name);
    }

    /** Per-node flags set when the node's teardown starts. */
    static final class Lifecycle {
        volatile boolean shutdownStarted;
    }

    abstract static class Base implements NodeType {
        final Ledger ledger;

        Base(Ledger ledger) {
            this.ledger = ledger;
        }

        @Override
        public int cookie() {
            return COOKIE;
        }

        @Override
        public boolean dataConcurrentWithControl() {
            return true;
        }
    }

    static final class Probe extends Base {
        Probe(Ledger ledger) {
            super(ledger);
        }

        @Override
        public String name() {
            return "tprobe";
        }

        @Override
        public NodeMethods constructor(Node node) {
            ledger.nodes.add(node);
            return new Methods(node, ledger, null);
        }
    }

    static final class Relay extends Base {
        Relay(Ledger ledger) {
            super(ledger);
        }

        @Override
        public String name() {
            return "trelay";
        }

        @Override
        public NodeMethods constructor(Node node) {
            ledger.nodes.add(node);
            return new Methods(node, ledger, "out");
        }
    }

    /** The methods of both types; a relay has a target hook name, a probe has none. */
    static final class Methods implements NodeMethods {
        private final Node node;
        private final Ledger ledger;
        private final Lifecycle lifecycle = new Lifecycle();
        private final AtomicLong relayDrops = new AtomicLong();
        private final boolean relay;
        private volatile String target;

        Methods(Node node, Ledger ledger, String target) {
            this.node = node;
            this.ledger = ledger;
            this.relay = target != null;
            this.target = target;
        }

        /** Packets this relay dropped because its target hook was missing. */
        long relayDrops() {
            return relayDrops.get();
        }

        @Override
        public void connect(Hook hook) {
            hook.attach(new AtomicBoolean());
        }

        @Override
        public Errno rcvdata(Hook hook, Packet packet) {
            checkInvariants(hook);
            if (!relay) {
                holdIfAsked(packet);
                ledger.deliver(packet.tag(PacketTags.SEQUENCE, -1));
                packet.free();
                return Errno.OK;
            }
            Hook out = node.hook(target);
            if (out == null || out == hook) {
                relayDrops.incrementAndGet();
                ledger.typeDrops.incrementAndGet();
                packet.free();
                return Errno.ENOTCONN;
            }
            return out.send(packet);
        }

        private void checkInvariants(Hook hook) {
            if (lifecycle.shutdownStarted) {
                ledger.breach("rcvdata on " + node + " after its shutdown method started");
            }
            if (((AtomicBoolean) hook.attachment()).get()) {
                ledger.breach("rcvdata through " + hook + " after its disconnect method started");
            }
        }

        private static void holdIfAsked(Packet packet) {
            long hold = packet.tag(STALL_TAG, 0);
            if (hold > 0) {
                long until = System.nanoTime() + hold;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
        }

        @Override
        public Message rcvmsg(Message message, Hook lasthook) {
            if (message.typecookie() != COOKIE || message.cmd() != SET_TARGET || !relay) {
                throw new NgException(Errno.EINVAL, "torture node: unknown message " + message.cmdstr());
            }
            byte[] data = message.data();
            int end = 0;
            while (end < data.length && end < 31 && data[end] != 0) {
                end++;
            }
            target = new String(data, 0, end, StandardCharsets.ISO_8859_1);
            return null;
        }

        @Override
        public void disconnect(Hook hook) {
            ((AtomicBoolean) hook.attachment()).set(true);
            if (node.numHooks() == 0 && node.isValid()) {
                node.rmnodeSelf();
            }
        }

        @Override
        public void shutdown() {
            lifecycle.shutdownStarted = true;
        }
    }
}
