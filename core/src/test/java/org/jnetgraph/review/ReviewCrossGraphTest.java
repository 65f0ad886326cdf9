package org.jnetgraph.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Packet;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A packet allocated from graph A and sent through a hook of graph B carries A's thread context, so in epoch mode the
 * hop pins A's epoch domain, not B's: B's grace period does not wait for it, and B runs a node's shutdown method while
 * that node's rcvdata is still running (invariant 1 of ARCHITECTURE.md).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReviewCrossGraphTest {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void packetFromAnotherGraphIsNotProtectedByThisGraphsEpoch(boolean foreignPacket) throws Exception {
        try (Graph a = Ng.graph(SyncMode.EPOCH);
                Graph b = Ng.graph(SyncMode.EPOCH)) {
            FnType t = new FnType("watched", true);
            b.addType(t);
            Socket sb = b.socket("sb");
            sb.mkpeer(".", "watched", "x", "in");
            AtomicBoolean shutdownStarted = new AtomicBoolean();
            AtomicReference<String> violation = new AtomicReference<>("none");
            CountDownLatch inside = new CountDownLatch(1);
            t.shutdown = (node, hook) -> shutdownStarted.set(true);
            t.data = (node, hook, packet) -> {
                inside.countDown();
                long end = System.nanoTime() + 500_000_000L; // a long rcvdata to widen the window
                while (System.nanoTime() < end) {
                    if (shutdownStarted.get()) {
                        violation.set("shutdown method ran while rcvdata was running");
                        break;
                    }
                    Thread.onSpinWait();
                }
                packet.free();
                return Errno.OK;
            };
            Packet p = foreignPacket ? a.allocate() : b.allocate();
            p.setData(new byte[4], 0, 4);
            Thread sender = Thread.ofPlatform().start(() -> sb.sendData("x", p));
            inside.await();
            sb.shutdown(".:x");
            sender.join();
            b.sync();
            System.out.println("REVIEW packet from " + (foreignPacket ? "graph A" : "graph B") + " sent in graph B: "
                    + violation.get());
            assertEquals("none", violation.get());
        }
    }
}
