package org.jnetgraph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jnetgraph.parse.GenericTypes;
import org.jnetgraph.parse.StructValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The core behaviours of netgraph-core.md §10, in both synchronization modes. */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GraphBehaviourTest {
    @Parameter
    SyncMode mode;

    private Graph graph;
    private Socket socket;
    private Recorder recorder;

    @BeforeEach
    void start() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        recorder = new Recorder("recorder", true);
        graph.addType(recorder);
        socket = graph.socket("ngctl1");
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private static NgException expect(Errno errno, Runnable action) {
        NgException error = assertThrows(NgException.class, action::run);
        assertEquals(errno, error.errno(), error.getMessage());
        return error;
    }

    private StructValue ask(String path, int cmd, String cmdstr, org.jnetgraph.parse.ParseType replyType) {
        Socket.Received reply = socket.request(path, Message.request(Generic.COOKIE, cmd, cmdstr));
        return StructValue.decode(replyType, reply.message().data());
    }

    // ---------------------------------------------------------------- 1. mkpeer

    @Test
    void shouldCreateOneUnnamedConnectedNodeWithMkpeer() {
        socket.mkpeer(".", "echo", "a", "b");

        List<Node> nodes = graph.nodes();
        assertEquals(2, nodes.size());
        Node echo = nodes.get(1);
        assertEquals("echo", echo.type().name());
        assertEquals("", echo.name());
        assertEquals(1, echo.numHooks());
        assertEquals("b", echo.hooks().get(0).name());
        assertEquals("a", echo.hooks().get(0).peer().name());
    }

    @Test
    void shouldRefuseUnknownTypeWithEnxioAndLeaveNothing() {
        NgException error = expect(Errno.ENXIO, () -> socket.mkpeer(".", "nosuchtype", "a", "b"));

        assertTrue(error.getMessage().contains("nosuchtype"), error.getMessage());
        assertEquals(1, graph.nodes().size());
        assertEquals(0, socket.node().numHooks());
    }

    @Test
    void shouldRefuseMkpeerOfSocketType() {
        expect(Errno.EINVAL, () -> socket.mkpeer(".", "socket", "a", "b"));
        graph.sync();

        assertEquals(1, graph.nodes().size());
        assertEquals(0, socket.node().numHooks());
    }

    // ---------------------------------------------------------------- 2. used hook names

    @Test
    void shouldRefuseUsedHookNamesWithEexistAndChangeNothing() {
        socket.mkpeer(".", "hole", "a", "in");
        socket.name(".:a", "h");

        expect(Errno.EEXIST, () -> socket.mkpeer(".", "echo", "a", "x"));
        expect(Errno.EEXIST, () -> socket.connect(".", "h:", "b", "in"));
        expect(Errno.EEXIST, () -> socket.connect(".", "h:", "a", "other"));
        graph.sync();

        assertEquals(2, graph.nodes().size());
        assertEquals(1, socket.node().numHooks());
        assertEquals(1, graph.node("h:").numHooks());
    }

    @Test
    void shouldRefuseConnectingTwoHooksOfOneNameOnOneNode() {
        expect(Errno.EEXIST, () -> socket.connect(".", ".", "x", "x"));
        graph.sync();

        assertEquals(0, socket.node().numHooks());
    }

    // ---------------------------------------------------------------- 3. names

    @Test
    void shouldApplyFreeBsdNameRules() {
        socket.mkpeer(".", "hole", "a", "b");
        for (String bad : List.of("a.b", "a:b", "[1f]", "[0x1f]", "[001F]", "x".repeat(32))) {
            expect(
                    Errno.EINVAL,
                    () -> graph.control().locked(() -> {
                        graph.control().name(graph.node("[2]:"), bad);
                        return null;
                    }));
        }
        socket.name(".:a", "[0]");
        socket.name(".:a", "[zz]");
        socket.name(".:a", "test hub");
        socket.name(".:a", "test hub");
        assertEquals("test hub", graph.node("[2]:").name());
        expect(Errno.EINVAL, () -> socket.name(".:a", ""));
        expect(Errno.EADDRINUSE, () -> socket.name(".", "test hub"));
    }

    @Test
    void shouldAcceptEmptyNameOnUnnamedNodeAsNoOp() {
        socket.mkpeer(".", "hole", "a", "b");

        socket.name(".:a", "");

        assertEquals("", graph.node("[2]:").name());
    }

    @Test
    void shouldFreeNameAtOnceWhenHolderShutsDown() {
        socket.mkpeer(".", "hole", "a", "b");
        socket.name(".:a", "sink");
        socket.mkpeer(".", "hole", "c", "d");

        socket.shutdown("sink:");
        socket.name(".:c", "sink");

        assertEquals("sink", graph.node("sink:").name());
    }

    // ---------------------------------------------------------------- 4. paths

    @Test
    void shouldResolveEveryPathForm() {
        socket.mkpeer(".", "tee", "a", "left");
        socket.name(".:a", "foo");
        socket.mkpeer("foo:", "hole", "right", "in");
        Node foo = graph.node("foo:");
        Node hole = graph.node("foo:right");

        assertEquals(foo, graph.node("[2]:"));
        assertEquals(foo, graph.node("[0002]:"));
        assertEquals(foo, graph.node("[0x2]:"));
        assertEquals(hole, graph.node("[3]:"));
        assertEquals(hole, graph.node("foo:right."));
        assertEquals(hole, graph.node("ngctl1:a.right"));
        assertEquals(foo, graph.node("ngctl1:a"));
        assertEquals(hole, graph.node("[3]:in.right"));
        Node here = graph.control()
                .locked(() -> graph.control().resolve(socket.node(), ".").node());
        assertEquals(socket.node(), here);
        Node relative = graph.control()
                .locked(() -> graph.control().resolve(socket.node(), "a.right").node());
        assertEquals(hole, relative);
    }

    @Test
    void shouldRejectMalformedPathsWithEinval() {
        for (String bad : List.of("a..b", "x.y:", "a:b:c", ":", "foo:.a..")) {
            NgException error = expect(Errno.EINVAL, () -> socket.shutdown(bad));
            assertTrue(error.getMessage().contains(bad), error.getMessage());
        }
    }

    @Test
    void shouldReportMissingNodesAndHopsWithEnoent() {
        socket.mkpeer(".", "hole", "a", "b");

        expect(Errno.ENOENT, () -> socket.shutdown("nosuch:"));
        expect(Errno.ENOENT, () -> socket.shutdown("[0]:"));
        expect(Errno.ENOENT, () -> socket.shutdown("[zz]:"));
        expect(Errno.ENOENT, () -> socket.shutdown("[99]:"));
        expect(Errno.ENOENT, () -> socket.shutdown(".:nohook"));
        expect(Errno.ENOENT, () -> socket.shutdown(".:a.nohook"));
    }

    @Test
    void shouldNeverHandOutADyingNodeOrHook() {
        socket.mkpeer(".", "recorder", "a", "x");
        Node node = graph.node("[2]:");
        Hook hook = node.hook("x");
        node.rmnodeSelf();

        expect(Errno.ENOENT, () -> graph.node("[2]:"));
        NgException viaHook = assertThrows(NgException.class, () -> graph.node("ngctl1:a"));
        assertTrue(viaHook.errno() == Errno.ENXIO || viaHook.errno() == Errno.ENOENT, viaHook.toString());
        graph.sync();
        assertNull(node.hook("x"));
        assertEquals(false, hook.isValid());
        assertNull(socket.node().hook("a"));
    }

    // ---------------------------------------------------------------- 5. rmhook

    @Test
    void shouldRemoveBothEndsAndCallBothDisconnectsOnceWithRmhook() {
        socket.mkpeer(".", "recorder", "a", "x");
        socket.mkpeer(".:a", "recorder", "y", "z");
        recorder.journal.clear();

        socket.rmhook(".:a", "y");
        graph.sync();

        assertEquals(
                List.of("disconnect n1 y", "disconnect n2 z"),
                recorder.journal.stream()
                        .filter(s -> s.startsWith("disconnect"))
                        .sorted()
                        .toList(),
                "each end's disconnect exactly once; their order depends on the workers, as in FreeBSD");
        assertEquals(
                List.of("shutdown n2"),
                recorder.journal.stream().filter(s -> s.startsWith("shutdown")).toList());
        assertEquals(1, graph.node("ngctl1:a").numHooks());
    }

    @Test
    void shouldSucceedRemovingMissingHook() {
        socket.rmhook(".", "nosuch");
    }

    // ---------------------------------------------------------------- 6. shutdown

    @Test
    void shouldCascadeShutdownThroughLastHookTypes() {
        socket.mkpeer(".", "hub", "a", "up");
        socket.mkpeer(".:a", "hole", "h", "in");
        socket.mkpeer(".:a", "echo", "e", "x");

        socket.shutdown(".:a");
        graph.sync();

        assertEquals(List.of(socket.node()), graph.nodes());
        assertEquals(0, socket.node().numHooks());
    }

    @Test
    void shouldSpliceNeighboursWhenTeeShutsDown() {
        socket.mkpeer(".", "tee", "a", "left");
        socket.mkpeer(".:a", "hole", "right", "in");
        socket.mkpeer(".:a", "echo", "left2right", "x");

        socket.shutdown(".:a");
        graph.sync();

        assertEquals("hole", graph.node("ngctl1:a").type().name());
        assertEquals(2, graph.nodes().size());
        assertEquals(Errno.OK, socket.sendData("a", new byte[] {1}));
        assertEquals(1, graph.node("ngctl1:a").hooks().get(0).inPackets());
    }

    @Test
    void shouldTreatSecondShutdownAsNoOp() {
        socket.mkpeer(".", "recorder", "a", "x");
        Node node = graph.node("[2]:");
        graph.control().locked(() -> {
            graph.control().rmnode(node);
            graph.control().rmnode(node);
            return null;
        });
        graph.sync();

        assertEquals(
                1,
                recorder.journal.stream().filter(s -> s.startsWith("shutdown")).count());
    }

    @Test
    void shouldKeepPersistentHubWithIdAndNameButNoHooks() {
        socket.mkpeer(".", "hub", "a", "a");
        socket.name(".:a", "h");
        socket.send("h:", Message.request(org.jnetgraph.types.HubType.COOKIE, 1, "setpersistent"));

        socket.rmhook(".", "a");
        graph.sync();

        Node hub = graph.node("h:");
        assertEquals(2, hub.id());
        assertEquals(0, hub.numHooks());
        socket.shutdown("h:");
        graph.sync();
        assertEquals(1, graph.nodes().size());
    }

    // ---------------------------------------------------------------- 7. method order and vetoes

    @Test
    void shouldCallMkpeerMethodsInFreeBsdOrder() {
        socket.mkpeer(".", "recorder", "a", "x");
        recorder.journal.clear();

        socket.mkpeer(".:a", "recorder", "y", "z");

        assertEquals(
                List.of("constructor n2", "newhook n1 y", "newhook n2 z", "connect n1 y", "connect n2 z"),
                recorder.journal);
    }

    @Test
    void shouldCallConnectMethodsInFreeBsdOrder() {
        socket.mkpeer(".", "recorder", "a", "x");
        socket.mkpeer(".", "recorder", "b", "x");
        recorder.journal.clear();

        socket.connect(".:a", "ngctl1:b", "p", "q");

        assertEquals(List.of("newhook n1 p", "newhook n2 q", "connect n2 q", "connect n1 p"), recorder.journal);
    }

    @Test
    void shouldLeaveNothingBehindWhenAnyMkpeerStepIsRefused() {
        socket.mkpeer(".", "recorder", "a", "x");
        for (String step : List.of("constructor", "newhook n1", "newhook N", "connect n1", "connect N")) {
            int next = recorder.made.get() + 1;
            recorder.refuse = step.replace("N", "n" + next);

            expect(Errno.EPERM, () -> socket.mkpeer(".:a", "recorder", "y", "z"));
            graph.sync();

            assertEquals(2, graph.nodes().size(), step);
            assertEquals(1, graph.node("[2]:").numHooks(), step);
        }
    }

    @Test
    void shouldLeaveNothingBehindWhenAnyConnectStepIsRefused() {
        socket.mkpeer(".", "recorder", "a", "x");
        socket.mkpeer(".", "recorder", "b", "x");
        for (String step : List.of("newhook n1", "newhook n2", "connect n2", "connect n1")) {
            recorder.refuse = step;

            expect(Errno.EPERM, () -> socket.connect(".:a", "ngctl1:b", "p", "q"));
            graph.sync();

            assertEquals(1, graph.node("[2]:").numHooks(), step);
            assertEquals(1, graph.node("[3]:").numHooks(), step);
        }
    }

    // ---------------------------------------------------------------- 8. generic replies

    @Test
    void shouldAnswerNodeinfoListhooksListnodesListnamesListtypes() {
        socket.mkpeer(".", "tee", "a", "left");
        socket.name(".:a", "foo");
        socket.mkpeer("foo:", "echo", "right", "x");

        StructValue info = ask("foo:", Generic.NODEINFO, "nodeinfo", GenericTypes.NODEINFO);
        assertEquals("{ name=\"foo\" type=\"tee\" id=0x2 hooks=2 }", info.unparse());

        StructValue hooks = ask("foo:", Generic.LISTHOOKS, "listhooks", GenericTypes.HOOKLIST);
        assertEquals(
                "{ nodeinfo={ name=\"foo\" type=\"tee\" id=0x2 hooks=2 } linkinfo=[ { ourhook=\"right\""
                        + " peerhook=\"x\" nodeinfo={ type=\"echo\" id=0x3 hooks=1 } }"
                        + " { ourhook=\"left\" peerhook=\"a\""
                        + " nodeinfo={ name=\"ngctl1\" type=\"socket\" id=0x1 hooks=1 } } ] }",
                hooks.unparse());

        StructValue nodes = ask(".", Generic.LISTNODES, "listnodes", GenericTypes.NAMELIST);
        assertEquals(3, nodes.getLong("numnames"));
        StructValue names = ask(".", Generic.LISTNAMES, "listnames", GenericTypes.NAMELIST);
        assertEquals(
                "{ numnames=2 nodeinfo=[ { name=\"ngctl1\" type=\"socket\" id=0x1 hooks=1 }"
                        + " { name=\"foo\" type=\"tee\" id=0x2 hooks=2 } ] }",
                names.unparse());

        StructValue types = ask(".", Generic.LISTTYPES, "listtypes", GenericTypes.TYPELIST);
        assertTrue(types.unparse().contains("{ typename=\"tee\" numnodes=1 }"), types.unparse());
        assertTrue(types.unparse().contains("{ typename=\"socket\" numnodes=1 }"), types.unparse());
    }

    @Test
    void shouldSizeNodeinfoReplyAt72Bytes() {
        Socket.Received reply = socket.request(".", Message.request(Generic.COOKIE, Generic.NODEINFO, "nodeinfo"));

        assertEquals(72, reply.message().arglen());
        assertEquals(
                "{ name=\"ngctl1\" type=\"socket\" id=0x1 }",
                StructValue.decode(GenericTypes.NODEINFO, reply.message().data())
                        .unparse());
    }

    // ---------------------------------------------------------------- 9. replies

    @Test
    void shouldMatchReplyByTokenWithResponseFlagFromResponder() {
        socket.mkpeer(".", "echo", "a", "b");
        Message request = Message.request(Generic.COOKIE, Generic.NODEINFO, "nodeinfo");

        Socket.Received reply = socket.request(".:a", request);

        assertTrue(reply.message().isResponse());
        assertEquals(Generic.COOKIE, reply.message().typecookie());
        assertEquals(Generic.NODEINFO, reply.message().cmd());
        assertEquals("nodeinfo", reply.message().cmdstr());
        assertEquals("[2]:", reply.source());
    }

    @Test
    void shouldDeliverUnrequestedRepliesToTheMessageQueue() {
        socket.mkpeer(".", "echo", "a", "b");

        int token = socket.send(".:a", Message.request(0x1234, 77, "anything", new byte[] {9}));

        Socket.Received echoed = socket.receiveMessage(Duration.ofSeconds(5));
        assertNotNull(echoed);
        assertEquals(token, echoed.message().token());
        assertTrue(echoed.message().isResponse());
        assertArrayEquals(new byte[] {9}, echoed.message().data());
    }

    @Test
    void shouldConvertBetweenBinaryAndAsciiAndRefuseUnknownCommandWithEnosys() {
        Message mkpeer = Generic.mkpeerRequest("tee", "left", "right");
        Socket.Received ascii = socket.request(
                ".", Message.request(Generic.COOKIE, Generic.BINARY2ASCII, "binary2ascii", mkpeer.toBytes()));
        Message inner = Message.fromBytes(ascii.message().data());
        assertEquals("mkpeer", inner.cmdstr());
        assertEquals(
                "{ type=\"tee\" ourhook=\"left\" peerhook=\"right\" }",
                Message.cString(inner.data(), 0, inner.arglen()));

        Message unknown =
                Message.request(0, 0, "nosuchcmd", "{}\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        expect(
                Errno.ENOSYS,
                () -> socket.request(
                        ".", Message.request(Generic.COOKIE, Generic.ASCII2BINARY, "ascii2binary", unknown.toBytes())));
    }

    @Test
    void shouldParseAsciiArgumentsIntoTheBinaryMessage() {
        byte[] text = "{ type=\"hole\" ourhook=\"x\" peerhook=\"y\" }\0"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Message ascii = Message.request(0, 0, "mkpeer", text);

        Socket.Received reply = socket.request(
                ".", Message.request(Generic.COOKIE, Generic.ASCII2BINARY, "ascii2binary", ascii.toBytes()));
        Message binary = Message.fromBytes(reply.message().data());
        socket.send(".", binary);

        assertEquals(Generic.MKPEER, binary.cmd());
        assertEquals(96, binary.arglen());
        assertEquals("hole", graph.node("ngctl1:x").type().name());
    }

    // ---------------------------------------------------------------- 11. data

    @Test
    void shouldRefuseDataOnUnknownAndUnconnectedHooks() {
        assertEquals(Errno.EHOSTUNREACH, socket.sendData("nosuch", new byte[] {1}));

        socket.mkpeer(".", "recorder", "a", "x");
        Hook a = socket.node().hook("a");
        socket.rmhook(".", "a");
        Packet packet = graph.allocate();
        packet.setData(new byte[] {1}, 0, 1);

        assertEquals(Errno.ENETDOWN, a.send(packet));
        assertEquals(1, socket.node().drops(DropReason.NOT_CONNECTED));
    }

    @Test
    void shouldDeliverSelfConnectedSocketDataExactlyOnceInOrder() {
        socket.connect(".", ".", "a", "b");

        for (int i = 0; i < 100; i++) {
            assertEquals(Errno.OK, socket.sendData("a", new byte[] {(byte) i}));
        }

        for (int i = 0; i < 100; i++) {
            Packet packet = socket.receiveData(Duration.ofSeconds(5));
            assertNotNull(packet);
            assertEquals("b", packet.receivedOn().name());
            assertEquals(i, packet.getUnsignedByte(0));
            packet.free();
        }
        assertNull(socket.receiveData(Duration.ofMillis(50)));
    }

    @Test
    void shouldSwitchTrafficWithoutLossWhenSynchronizeSeparatesTheSwitchFromTheRemoval() throws Exception {
        socket.mkpeer(".", "one2many", "in", "one");
        socket.name(".:in", "switch");
        socket.mkpeer("switch:", "hole", "many0", "in");
        socket.mkpeer("switch:", "hole", "many1", "in");
        byte[] failoverTo1 =
                org.jnetgraph.types.One2ManyType.CONFIG.parse("{ xmitAlg=3 failAlg=1 enabledLinks=[ 0 1 ] }");
        java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread sender = Thread.ofPlatform().start(() -> {
            while (sending.get()) {
                socket.sendData("in", new byte[] {1});
            }
        });

        socket.send(
                "switch:",
                Message.request(
                        org.jnetgraph.types.One2ManyType.COOKIE,
                        org.jnetgraph.types.One2ManyType.SET_CONFIG,
                        "setconfig",
                        failoverTo1));
        graph.synchronize();
        socket.rmhook("switch:", "many0");
        sending.set(false);
        sender.join();
        graph.sync();

        assertEquals(0, graph.node("switch:").drops(DropReason.NOT_CONNECTED), "no packet took the removed link");
    }

    // ---------------------------------------------------------------- 13. synchronous errors

    @Test
    void shouldReturnHandlerErrorEvenWhenTheMessageWasQueued() {
        Recorder gated = new Recorder("gated", false);
        graph.addType(gated);
        socket.mkpeer(".", "gated", "a", "x");
        Node node = graph.node("[2]:");
        assertTrue(node.gate.tryEnterReader());
        Thread release = Thread.ofPlatform().start(() -> {
            sleepQuietly(100);
            if (node.gate.exitReader()) {
                graph.control().schedule(node);
            }
        });

        expect(Errno.EINVAL, () -> socket.send("[2]:", Message.request(0x7e57, 5, "bogus")));
        join(release);
    }

    @Test
    void shouldReportEnoentToQueuedMessagesFlushedByShutdown() {
        Recorder gated = new Recorder("gated", false);
        graph.addType(gated);
        socket.mkpeer(".", "gated", "a", "x");
        Node node = graph.node("[2]:");
        Completion queued = new Completion();
        graph.control().queue(node, ControlItem.message(Message.request(0x7e57, 5, "bogus"), null, 1, true, queued));
        graph.control().locked(() -> {
            graph.control().rmnode(node);
            return null;
        });
        graph.sync();

        NgException error = assertThrows(NgException.class, () -> queued.await(1000));
        assertTrue(error.errno() == Errno.ENOENT || error.errno() == Errno.EINVAL, error.toString());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void shouldRejectBadNamesAndArgumentsWithClearErrors() {
        NgException longHook = expect(Errno.EINVAL, () -> socket.mkpeer(".", "hole", "h".repeat(32), "x"));
        assertTrue(longHook.getMessage().contains("longer than 31"), longHook.getMessage());
        expect(Errno.EINVAL, () -> socket.mkpeer(".", "hole", "a.b", "x"));
        expect(Errno.EINVAL, () -> socket.mkpeer(".", "hole", "a", "x:y"));
        expect(
                Errno.EINVAL,
                () -> socket.send(".", Message.request(Generic.COOKIE, Generic.MKPEER, "mkpeer", new byte[5])));
        expect(Errno.EINVAL, () -> socket.send(".", Message.request(Generic.COOKIE, 6, "nodeinfo")));
        socket.mkpeer(".", "hole", "h", "in");
        expect(
                Errno.EINVAL,
                () -> socket.send(".:h", Message.request(Generic.COOKIE, Generic.TEXT_STATUS, "textstatus")));
        graph.sync();

        assertEquals(2, graph.nodes().size());
    }
}
