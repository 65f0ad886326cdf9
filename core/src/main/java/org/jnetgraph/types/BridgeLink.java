package org.jnetgraph.types;

import java.util.concurrent.atomic.AtomicLong;
import org.jnetgraph.Counters;
import org.jnetgraph.Hook;
import org.jnetgraph.Packet;

/**
 * One link of a bridge: its hook, its flags fixed at creation, its loop-detection mute and its statistics.
 *
 * <p>Threading: flags and hook are final; {@link #mutedUntil} and {@link #removed} are volatile, written by the
 * data path (mute) and the control path (reset, disconnect); counters are added on the data path.
 */
final class BridgeLink {
    static final int RECV_OCTETS = 0;
    static final int RECV_PACKETS = 1;
    static final int RECV_MULTICAST = 2;
    static final int RECV_BROADCAST = 3;
    static final int RECV_UNKNOWN = 4;
    static final int RECV_RUNTS = 5;
    static final int RECV_INVALID = 6;
    static final int XMIT_OCTETS = 0;
    static final int XMIT_PACKETS = 1;
    static final int XMIT_MULTICASTS = 2;
    static final int XMIT_BROADCASTS = 3;
    static final int LOOP_DROPS = 4;
    static final int LOOP_DETECTS = 5;
    static final int MEMORY_FAILURES = 6;

    final Hook hook;
    /** The signed link number of getstats: N for linkN, -N for uplinkN. */
    final int number;
    /** linkN learns source addresses; uplinkN never does. */
    final boolean learns;
    /** Whether unknown unicast is flooded to this link. */
    final boolean sendUnknown;

    final Counters recv = new Counters(7);
    final Counters xmit = new Counters(7);

    /** Loops detected by movehost on the control path, where no packet names a counter stripe. */
    final AtomicLong controlLoopDetects = new AtomicLong();

    /** Loop detection mutes the link until this nanoTime; 0 when not muted. */
    volatile long mutedUntil;
    /** Set by disconnect so that hosts still pointing here are treated as unknown. */
    volatile boolean removed;

    BridgeLink(Hook hook, int number, boolean sendUnknown) {
        this.hook = hook;
        this.number = number;
        this.learns = number >= 0;
        this.sendUnknown = sendUnknown;
    }

    boolean isMuted(long now) {
        long until = mutedUntil;
        if (until == 0) {
            return false;
        }
        if (now - until < 0) {
            return true;
        }
        mutedUntil = 0;
        return false;
    }

    void countRecv(Packet packet, int counter) {
        recv.add(packet, counter, 1);
    }

    void countXmit(Packet packet, int length, int classCounter) {
        xmit.add(packet, XMIT_PACKETS, 1);
        xmit.add(packet, XMIT_OCTETS, length);
        if (classCounter >= 0) {
            xmit.add(packet, classCounter, 1);
        }
    }

    void clearStats() {
        recv.clear();
        xmit.clear();
        controlLoopDetects.set(0);
    }

    /** The fourteen statistics in FreeBSD's order. */
    long[] stats() {
        return new long[] {
            recv.get(RECV_OCTETS),
            recv.get(RECV_PACKETS),
            recv.get(RECV_MULTICAST),
            recv.get(RECV_BROADCAST),
            recv.get(RECV_UNKNOWN),
            recv.get(RECV_RUNTS),
            recv.get(RECV_INVALID),
            xmit.get(XMIT_OCTETS),
            xmit.get(XMIT_PACKETS),
            xmit.get(XMIT_MULTICASTS),
            xmit.get(XMIT_BROADCASTS),
            xmit.get(LOOP_DROPS),
            xmit.get(LOOP_DETECTS) + controlLoopDetects.get(),
            xmit.get(MEMORY_FAILURES)
        };
    }
}
