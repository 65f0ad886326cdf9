package org.jnetgraph.bench;

import org.jnetgraph.Counters;
import org.jnetgraph.Errno;
import org.jnetgraph.Hook;
import org.jnetgraph.Node;
import org.jnetgraph.NodeMethods;
import org.jnetgraph.NodeType;
import org.jnetgraph.Packet;

/**
 * {@code bfwd}: the benchmarks' forwarding node. Every packet that arrives on any hook other than {@code out} leaves
 * through {@code out}; packets arriving on {@code out} are freed. It accepts hooks of any name, so side branches can
 * be hung on it and a replacement can join it on a second input while the first is still linked.
 *
 * <p>Its data path runs beside its control methods ({@link #dataConcurrentWithControl()}): the only state rcvdata
 * reads is the {@code out} hook, one volatile load per packet, replaced by connect and disconnect.
 *
 * <p>Threading: immutable; any thread.
 */
public final class ForwardType implements NodeType {
    /** The type name used with mkpeer. */
    public static final String NAME = "bfwd";
    /** The type cookie (ASCII "bfwd"). */
    public static final int COOKIE = 0x62667764;
    /** The hook packets leave through. */
    public static final String OUT = "out";
    /** Counter index: packets freed because {@code out} was not linked. */
    public static final int UNROUTED = 0;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int cookie() {
        return COOKIE;
    }

    @Override
    public boolean dataConcurrentWithControl() {
        return true;
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new Forwarder();
    }

    /** The methods of one forwarder; public so that a harness can read its counter. */
    public static final class Forwarder implements NodeMethods {
        private final Counters counters = new Counters(1);
        private volatile Hook out;

        /** Packets freed because no {@code out} hook was linked when they arrived. */
        public long unrouted() {
            return counters.get(UNROUTED);
        }

        @Override
        public void connect(Hook hook) {
            if (hook.name().equals(OUT)) {
                out = hook;
            }
        }

        @Override
        public Errno rcvdata(Hook hook, Packet packet) {
            Hook target = out;
            if (target == null || target == hook) {
                counters.add(packet, UNROUTED, 1);
                packet.free();
                return Errno.ENETDOWN;
            }
            return target.send(packet);
        }

        @Override
        public void disconnect(Hook hook) {
            if (hook == out) {
                out = null;
            }
        }
    }
}
