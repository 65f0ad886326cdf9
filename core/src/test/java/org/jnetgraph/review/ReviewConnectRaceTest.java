package org.jnetgraph.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Message;
import org.jnetgraph.Node;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A CONNECT whose last step (connect on the originating node) is dropped by the originating node's shutdown flush, or
 * whose middle step is refused by a full queue, leaves a half-built hook behind: the peer's newhook and connect ran,
 * its disconnect never does, and NODEINFO counts a hook LISTHOOKS never shows, forever.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReviewConnectRaceTest {

    private static int nodeinfoHooks(Socket s, String path) {
        String info = Ng.nodeinfo(s, path);
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("hooks=(\\d+)").matcher(info);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static int listhooksCount(Socket s, String path) {
        String list = Ng.listhooks(s, path);
        return list.split("ourhook=", -1).length - 1 + (list.contains("linkinfo=[ { nodeinfo") ? 1 : 0);
    }

    /** SHUTDOWN of the connecting node racing the last CONNECT step: connectOnOrigin is flushed, h2 leaks on B. */
    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void shutdownRacingConnectLeaksPeerHook(SyncMode mode) throws Exception {
        try (Graph g = Graph.create(Graph.Options.defaults().withMode(mode).withWorkers(4))) {
            FnType gated = new FnType("gated", false);
            FnType ctl = new FnType("ctl", true);
            g.addType(gated);
            g.addType(ctl);
            Socket s = g.socket("s");
            s.mkpeer(".", "gated", "tb", "in");
            s.name(".:tb", "B");
            s.mkpeer(".", "ctl", "tc", "in");
            s.name(".:tc", "C");
            s.mkpeer("C:", "hole", "ca", "ac");
            s.name("C:ca", "A");

            // 1. a data reader sits in B's rcvdata, so B's gate refuses writers and the CONNECT step for B queues
            CountDownLatch inB = new CountDownLatch(1);
            CountDownLatch releaseB = new CountDownLatch(1);
            gated.data = (node, hook, packet) -> {
                packet.free();
                inB.countDown();
                try {
                    releaseB.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Errno.OK;
            };
            Thread reader = Thread.ofPlatform().daemon().start(() -> s.sendData("tb", new byte[1]));
            assertTrue(inB.await(5, TimeUnit.SECONDS));

            // 2. CONNECT A:x -> B:y ; newhook(A,x) runs now, the step for B is queued behind the reader
            AtomicReference<String> connectResult = new AtomicReference<>("pending");
            Thread connector = Thread.ofPlatform()
                    .daemon()
                    .start(() -> connectResult.set(Ng.run(() -> s.connect("A:", "B:", "x", "y"))));
            Thread.sleep(300);

            // 3. a control method of C holds the control lock while: B is released (its worker now waits for the lock
            //    with the CONNECT step), A is shut down, and A's teardown is queued (its worker waits second)
            ctl.msg = (node, m, lasthook) -> {
                releaseB.countDown();
                sleep(300);
                node.hook("ca").sendMessage(Message.request(Ng.COOKIE, 1, "shutdown"));
                sleep(500);
                return null;
            };
            s.send("C:", Message.request(0x5eed, 1, "go"));
            connector.join(10_000);
            reader.join(10_000);
            g.sync();

            System.out.println("REVIEW connect result: " + connectResult.get());
            System.out.println("REVIEW gated journal: " + gated.journal);
            System.out.println("REVIEW B nodeinfo: " + Ng.nodeinfo(s, "B:"));
            System.out.println("REVIEW B listhooks: " + Ng.listhooks(s, "B:"));
            List<String> journal = new ArrayList<>(gated.journal);
            boolean peerConnected = journal.stream().anyMatch(e -> e.endsWith(" y") && e.startsWith("connect"));
            boolean peerDisconnected = journal.stream().anyMatch(e -> e.endsWith(" y") && e.startsWith("disconnect"));
            // expected: if B.connect(y) ran and the CONNECT failed, B.disconnect(y) must run and B must show 1 hook
            String bInfo = Ng.nodeinfo(s, "B:");
            String bHooks = Ng.listhooks(s, "B:");

            // consequence: B never dies with its last real hook
            s.rmhook(".", "tb");
            g.sync();
            Node b = null;
            for (Node n : g.nodes()) {
                if (n.type().name().equals("gated")) {
                    b = n;
                }
            }
            Node zombie = b;
            System.out.println("REVIEW after rmhook of B's only valid hook: " + zombie
                    + (zombie == null ? "" : " numHooks=" + zombie.numHooks() + " valid=" + zombie.hooks()));
            org.junit.jupiter.api.Assertions.assertAll(
                    () -> assertEquals(
                            peerConnected,
                            peerDisconnected,
                            "B.connect(y) ran but B.disconnect(y) never did; journal " + journal + "; connect: "
                                    + connectResult.get()),
                    () -> assertTrue(
                            bInfo.contains("hooks=1"),
                            "NODEINFO of B counts a hook that LISTHOOKS does not show: " + bInfo + " vs " + bHooks),
                    () -> assertEquals(
                            null,
                            zombie,
                            "B should have shut down with its last hook, but lives on with a phantom hook"));
        }
    }

    /** The CONNECT step for B refused by B's full queue (ENOBUFS) leaves h1 half-built on A forever. */
    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void fullQueueDuringConnectLeaksLocalHook(SyncMode mode) throws Exception {
        try (Graph g = Graph.create(
                Graph.Options.defaults().withMode(mode).withWorkers(2).withQueueLimit(1))) {
            FnType gated = new FnType("gated", false);
            FnType origin = new FnType("origin", true);
            g.addType(gated);
            g.addType(origin);
            Socket s = g.socket("s");
            s.mkpeer(".", "gated", "tb", "in");
            s.name(".:tb", "B");
            s.mkpeer(".", "origin", "ta", "in");
            s.name(".:ta", "A");
            CountDownLatch inB = new CountDownLatch(1);
            CountDownLatch releaseB = new CountDownLatch(1);
            gated.data = (node, hook, packet) -> {
                packet.free();
                inB.countDown();
                try {
                    releaseB.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Errno.OK;
            };
            Thread.ofPlatform().daemon().start(() -> s.sendData("tb", new byte[1]));
            assertTrue(inB.await(5, TimeUnit.SECONDS));
            // fill B's queue (capacity 4 with queueLimit 1) with control messages, each from its own waiting thread
            List<Thread> fillers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                fillers.add(Thread.ofPlatform()
                        .daemon()
                        .start(() -> Ng.run(() -> s.send("B:", Message.request(0x5eed, 1, "fill")))));
            }
            Thread.sleep(300);
            String connect = Ng.run(() -> s.connect("A:", "B:", "x", "y"));
            releaseB.countDown();
            for (Thread t : fillers) {
                t.join(10_000);
            }
            g.sync();
            System.out.println("REVIEW full-queue connect: " + connect);
            System.out.println("REVIEW origin journal: " + origin.journal);
            System.out.println("REVIEW A nodeinfo: " + Ng.nodeinfo(s, "A:") + " listhooks: " + Ng.listhooks(s, "A:"));
            assertTrue(connect.contains("ENOBUFS"), "expected the CONNECT step to be refused: " + connect);
            assertEquals(1, nodeinfoHooks(s, "A:"), "A keeps a half-built hook x: " + Ng.nodeinfo(s, "A:"));
            assertTrue(
                    origin.journal.stream().anyMatch(e -> e.startsWith("disconnect") && e.endsWith(" x")),
                    "A.newhook(x) ran but A.disconnect(x) never did: " + origin.journal);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
