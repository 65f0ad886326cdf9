package org.jnetgraph.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Hook;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Node;
import org.jnetgraph.Packet;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One test per review finding; each asserts the behaviour the docs or FreeBSD call for, so a failure reproduces the
 * finding. Hung threads are daemons and are left behind on purpose.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReviewFindingsTest {

    private static String firstLine(String s) {
        return s.split("\n")[0];
    }

    // ---------------------------------------------------------------- deadlocks in lock mode

    @Test
    void lockModeSocketCloseInsideDataHandlerMustNotDeadlock() {
        Graph g = Ng.graph(SyncMode.LOCK);
        Socket s = g.socket("s");
        s.mkpeer(".", "echo", "e", "x");
        s.onData((hook, packet) -> {
            packet.free();
            s.close();
        });
        String r = Watch.run("F1", 5000, () -> s.sendData("e", new byte[1]));
        assertFalse(r.startsWith("HUNG"), "socket.close() from a data handler deadlocked:\n" + r);
    }

    @Test
    void lockModeGraphNodeInsideDataHandlerWhileRewiringMustNotDeadlock() throws Exception {
        Graph g = Ng.graph(SyncMode.LOCK);
        Socket s = g.socket("s");
        Socket ctl = g.socket("ctl");
        s.mkpeer(".", "echo", "e", "x");
        s.onData((hook, packet) -> {
            packet.free();
            g.node("ctl:");
        });
        AtomicBoolean stop = new AtomicBoolean();
        Thread.ofPlatform().daemon().name("review-churn").start(() -> {
            while (!stop.get()) {
                Ng.run(() -> ctl.mkpeer(".", "hole", "h", "in"));
                Ng.run(() -> ctl.rmhook(".", "h"));
            }
        });
        String r = Watch.run("F2", 8000, () -> {
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end) {
                s.sendData("e", new byte[1]);
            }
        });
        stop.set(true);
        assertFalse(r.startsWith("HUNG"), "Graph.node() from a data handler deadlocked against rmhook:\n" + r);
    }

    @Test
    void lockModeBypassInsideRcvdataMustNotDeadlock() {
        Graph g = Ng.graph(SyncMode.LOCK);
        FnType t = new FnType("byp", true);
        g.addType(t);
        Socket s = g.socket("s");
        s.mkpeer(".", "byp", "in", "a");
        s.mkpeer(".:in", "hole", "b", "in");
        t.data = (node, hook, packet) -> {
            packet.free();
            try {
                node.bypass(node.hook("a"), node.hook("b"));
            } catch (RuntimeException expected) {
                // failing cleanly is fine
            }
            return Errno.OK;
        };
        String r = Watch.run("F3", 5000, () -> s.sendData("in", new byte[1]));
        assertFalse(r.startsWith("HUNG"), "Node.bypass() from rcvdata deadlocked:\n" + r);
    }

    // ---------------------------------------------------------------- errors that are not RuntimeExceptions

    @Test
    void errorThrownByQueuedRcvdataMustNotKillTheWorker() throws Exception {
        Graph g = Graph.create(Graph.Options.defaults().withWorkers(1).withErrorHandler((n, e) -> {}));
        FnType t = new FnType("qerr", true);
        g.addType(t);
        Socket s = g.socket("s");
        s.mkpeer(".", "qerr", "q", "in");
        g.node("s:q").hook("in").setQueueItems(true);
        AtomicInteger calls = new AtomicInteger();
        t.data = (n, h, p) -> {
            p.free();
            if (calls.incrementAndGet() == 1) {
                throw new StackOverflowError("simulated");
            }
            return Errno.OK;
        };
        s.sendData("q", new byte[1]);
        Thread.sleep(300);
        s.sendData("q", new byte[1]);
        Thread.sleep(300);
        assertEquals(2, calls.get(), "the second queued packet was never delivered nor dropped (worker died)");
        String r = Watch.run("F4", 5000, () -> Ng.nodeinfo(s, "."));
        assertTrue(r.startsWith("ok"), "replies no longer arrive: " + firstLine(r));
        assertTrue(g.errors() > 0, "the Error was not even counted in Graph.errors()");
    }

    @Test
    void errorThrownByConstructorMustNotLeaveAPhantomNode() {
        try (Graph g = Ng.graph(SyncMode.EPOCH)) {
            FnType t = new FnType("boom", true);
            t.constructor = () -> {
                throw new Error("boom");
            };
            g.addType(t);
            Socket s = g.socket("s");
            Ng.run(() -> s.mkpeer(".", "boom", "x", "in"));
            g.sync();
            assertEquals(1, g.nodes().size(), "nodes after a failed constructor: " + g.nodes());
            assertEquals("ok", Ng.run(() -> g.removeType("boom")));
        }
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void controlCallsAfterCloseMustFailFast() {
        Graph g = Ng.graph(SyncMode.EPOCH);
        Socket s = g.socket("s");
        s.mkpeer(".", "echo", "e", "x");
        g.close();
        String mkpeer = Ng.run(() -> s.mkpeer(".", "hole", "h", "in"));
        // a request whose reply must be queued (no worker is left to deliver it)
        String send = Ng.run(() -> s.send(".", Message.request(Ng.COOKIE, Ng.NODEINFO, "nodeinfo")));
        String sync = Watch.run("F5", 3000, g::sync);
        long t0 = System.nanoTime();
        String rmhook = Watch.run("F5b", 35000, () -> s.rmhook(".", "h"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("REVIEW after close: mkpeer=" + mkpeer + " send=" + send + " sync=" + firstLine(sync)
                + " rmhook=" + firstLine(rmhook) + " in " + ms + " ms");
        assertTrue(mkpeer.contains("ENXIO"), "mkpeer on a closed graph: " + mkpeer);
        assertFalse(sync.startsWith("HUNG"), "graph.sync() after close never returns");
        assertTrue(ms < 5000, "rmhook after close took " + ms + " ms: " + firstLine(rmhook));
    }

    @Test
    void closedSocketMustNotControlTheGraph() {
        try (Graph g = Ng.graph(SyncMode.EPOCH)) {
            Socket s = g.socket("s");
            g.socket("other");
            s.close();
            g.sync();
            String r = Ng.run(() -> s.mkpeer("other:", "hole", "h", "in"));
            assertTrue(r.contains("ENOTCONN") || r.contains("ENXIO"), "a closed socket still creates nodes: " + r);
        }
    }

    // ---------------------------------------------------------------- FreeBSD semantics not listed in COMPATIBILITY.md

    @Test
    void headerVersionOtherThan8IsRejected() {
        try (Graph g = Ng.graph(SyncMode.EPOCH)) {
            Socket s = g.socket("s");
            byte[] bytes = Message.request(Ng.COOKIE, Ng.NODEINFO, "nodeinfo").toBytes();
            bytes[0] = 7;
            assertEquals(
                    Errno.EINVAL,
                    Ng.errnoOf(() -> s.request(".", Message.fromBytes(bytes))),
                    "netgraph-core.md 8.5: version != 8 -> EINVAL");
        }
    }

    @Test
    void idLookalikeNamesAsOnAmd64() {
        try (Graph g = Ng.graph(SyncMode.EPOCH)) {
            Socket s = g.socket("s");
            assertEquals(
                    Errno.EINVAL,
                    Ng.errnoOf(() -> s.name(".", "[ffffffff]")),
                    "strtoul gives 0xffffffff != ULONG_MAX on amd64: an ID");
            assertEquals(
                    Errno.EINVAL, Ng.errnoOf(() -> s.name(".", "[100000001]")), "(ng_ID_t) 0x100000001 = 1: an ID");
        }
    }

    @Test
    void namesAreNotSilentlyMangled() {
        try (Graph g = Ng.graph(SyncMode.EPOCH)) {
            Socket s = g.socket("s");
            String snowman = Ng.run(() -> s.mkpeer(".", "echo", "sn\u2603", "x"));
            String nul = Ng.run(() -> s.mkpeer(".", "echo", "n\u0000x", "x"));
            String hooks = s.node().hooks().stream().map(Hook::name).toList().toString();
            System.out.println("REVIEW names: snowman=" + snowman + " nul=" + nul + " hooks now " + hooks);
            assertFalse(
                    snowman.equals("ok") && !hooks.contains("sn\u2603"),
                    "hook \"sn\\u2603\" was accepted but created as: " + hooks);
            assertFalse(
                    nul.equals("ok") && !hooks.contains("n\u0000x"),
                    "hook \"n\\0x\" was accepted but created as: " + hooks);
        }
    }

    @Test
    void mkpeerFailureShutsTheNewNodeDownLikeRmnode() {
        try (Graph g = Ng.graph(SyncMode.EPOCH)) {
            FnType b = new FnType("tb", true);
            b.newhook = (n, h) -> {
                throw new NgException(Errno.EPERM, "no");
            };
            g.addType(b);
            Socket s = g.socket("s");
            Ng.run(() -> s.mkpeer(".", "tb", "x", "y"));
            g.sync();
            assertTrue(
                    b.journal.stream().anyMatch(e -> e.startsWith("close")),
                    "ng_rmnode calls close before shutdown: " + b.journal);
        }
    }

    @Test
    void typeWithoutRcvmsgAcceptsNonGenericMessages() {
        try (Graph g = Ng.graph(SyncMode.EPOCH)) {
            g.addType(new org.jnetgraph.NodeType() {
                public String name() {
                    return "plain";
                }

                public int cookie() {
                    return 7;
                }

                public org.jnetgraph.NodeMethods constructor(Node node) {
                    return new org.jnetgraph.NodeMethods() {};
                }
            });
            Socket s = g.socket("s");
            s.mkpeer(".", "plain", "p", "in");
            assertEquals(
                    "ok",
                    Ng.run(() -> s.send(".:p", Message.request(7, 1, "x"))),
                    "netgraph-core.md 1.3: no rcvmsg -> dropped with success");
        }
    }

    @Test
    void socketSendWithEmptyAddressUsesTheOnlyHook() {
        try (Graph g = Ng.graph(SyncMode.EPOCH)) {
            Socket s = g.socket("s");
            s.mkpeer(".", "hole", "only", "in");
            assertEquals(
                    Errno.OK, s.sendData("", new byte[1]), "netgraph-core.md 8.5: empty address with exactly one hook");
            assertEquals(
                    Errno.EINVAL,
                    s.sendData("h".repeat(40), new byte[1]),
                    "netgraph-core.md 8.5: hook name >= 32 chars -> EINVAL");
        }
    }

    // ---------------------------------------------------------------- input validation

    @Test
    void packetRejectsNegativePrependAndOverflowingIndexes() {
        try (Graph g = Ng.graph(SyncMode.EPOCH)) {
            Packet p = g.allocate();
            p.setData(new byte[10], 0, 10);
            String r = Ng.run(() -> p.prepend(-20));
            assertTrue(p.length() >= 0, "prepend(-20) -> " + r + ", length now " + p.length());
            Packet q = g.allocate();
            q.setData(new byte[10], 0, 10);
            String idx = Ng.outcome(() -> q.getInt(Integer.MAX_VALUE - 2));
            assertTrue(idx.contains("packet index"), "overflowing index not caught by the bounds check: " + idx);
        }
    }

    @Test
    void optionsAreValidated() {
        String nullMode = Ng.outcome(() -> {
            try (Graph g = Graph.create(Graph.Options.defaults().withMode(null))) {
                return g.mode();
            }
        });
        assertFalse(nullMode.startsWith("ok"), "withMode(null) silently gives " + nullMode);
        String hugeQueue = Ng.outcome(() -> {
            try (Graph g = Graph.create(Graph.Options.defaults().withQueueLimit(Integer.MAX_VALUE))) {
                return g;
            }
        });
        assertFalse(
                hugeQueue.startsWith("ok"),
                "queueLimit MAX_VALUE accepted; 2 * limit overflows to a 4-slot queue with no control reserve");
    }

    // ---------------------------------------------------------------- data path hygiene

    @Test
    void one2manyForwardingDoesNotAllocate() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Graph g = Ng.graph(SyncMode.EPOCH)) {
            Socket s = g.socket("s");
            s.mkpeer(".", "tee", "out", "left");
            s.mkpeer(".:out", "one2many", "right", "one");
            s.mkpeer(".:out.right", "hole", "many0", "in");
            Hook out = s.node().hook("out");
            byte[] frame = new byte[64];
            for (int i = 0; i < 3_000_000; i++) {
                Packet p = g.allocate();
                p.setData(frame, 0, 64);
                out.send(p);
            }
            long tid = Thread.currentThread().threadId();
            long before = mx.getThreadAllocatedBytes(tid);
            int n = 1_000_000;
            for (int i = 0; i < n; i++) {
                Packet p = g.allocate();
                p.setData(frame, 0, 64);
                out.send(p);
            }
            double perPacket = (mx.getThreadAllocatedBytes(tid) - before) / (double) n;
            assertTrue(perPacket < 1, "socket -> tee -> one2many -> hole allocates " + perPacket + " bytes per packet");
        }
    }
}
