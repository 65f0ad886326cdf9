package org.jnetgraph.types;

import static org.jnetgraph.types.Arrival.assertQuiet;
import static org.jnetgraph.types.Arrival.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.jnetgraph.Errno;
import org.jnetgraph.Graph;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code echo} type (node-types.md §A.11, FreeBSD ng_echo.c): data goes back out of the hook it came in on, and
 * every message that reaches the type comes back as its own reply.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EchoTypeTest {
    private static final int SOME_COOKIE = 0x5eed;

    @Parameter
    SyncMode mode;

    private Graph graph;
    private Socket socket;

    @BeforeEach
    void start() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        socket = graph.socket("test");
        socket.mkpeer(".", "echo", "a", "left");
        socket.name("a", "echo");
        socket.connect(".", "echo:", "b", "right");
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    @Test
    void shouldSendDataBackOutOfTheHookItArrivedOn() {
        assertEquals(Errno.OK, socket.sendData("a", bytes("ping a")));
        assertEquals(new Arrival("a", "ping a"), Arrival.next(socket));

        assertEquals(Errno.OK, socket.sendData("b", bytes("ping b")));
        assertEquals(new Arrival("b", "ping b"), Arrival.next(socket));

        assertQuiet(socket);
    }

    @Test
    void shouldAcceptAnyHookName() {
        socket.connect(".", "echo:", "c", "any_name-at-all");

        socket.sendData("c", bytes("x"));

        assertEquals(new Arrival("c", "x"), Arrival.next(socket));
    }

    @Test
    void shouldAnswerAnyMessageWithTheSameMessageMarkedAsReply() {
        Message request = Message.request(SOME_COOKIE, 77, "anything", new byte[] {1, 2, 3, 4, 5});

        Socket.Received reply = socket.request("echo:", request);

        Message echoed = reply.message();
        assertTrue(echoed.isResponse());
        assertEquals(SOME_COOKIE, echoed.typecookie());
        assertEquals(77, echoed.cmd());
        assertEquals("anything", echoed.cmdstr());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, echoed.data());
        assertEquals(graph.node("echo:").id(), reply.sourceId());
    }

    @Test
    void shouldCopyTheTokenOfTheRequestIntoTheReply() {
        Message request = Message.request(SOME_COOKIE, 1, "token", new byte[0]);

        int token = socket.send("echo:", request);
        Socket.Received reply = socket.receiveMessage(Arrival.EXPECTED);

        assertEquals(token, reply.message().token());
        assertEquals(Message.FLAG_RESPONSE, reply.message().flags());
    }

    @Test
    void shouldAnswerMessagesOfItsOwnCookieWithoutArguments() {
        Socket.Received reply = socket.request("echo:", Message.request(EchoType.COOKIE, 3, "own"));

        assertTrue(reply.message().isResponse());
        assertEquals(EchoType.COOKIE, reply.message().typecookie());
        assertEquals(3, reply.message().cmd());
        assertEquals(0, reply.message().arglen());
    }

    @Test
    void shouldAnswerAGenericMessageThatTheFrameworkPassesToTheType() {
        int textStatus = 11 | Message.READONLY | Message.HASREPLY;

        Socket.Received reply =
                socket.request("echo:", Message.request(Ngctl.GENERIC_COOKIE, textStatus, "textstatus"));

        assertTrue(reply.message().isResponse());
        assertEquals(Ngctl.GENERIC_COOKIE, reply.message().typecookie());
        assertEquals(textStatus, reply.message().cmd());
    }

    @Test
    void shouldAnswerAMessageAddressedThroughAHook() {
        Socket.Received reply = socket.request(".:b", Message.request(SOME_COOKIE, 9, "via hook", bytes("hi")));

        assertEquals("via hook", reply.message().cmdstr());
        assertArrayEquals(bytes("hi"), reply.message().data());
        assertEquals(graph.node("echo:").id(), reply.sourceId());
    }

    @Test
    void shouldLiveWhileItHasAHookAndShutDownWithItsLast() {
        socket.rmhook(".", "b");
        graph.sync();
        assertEquals(1, graph.node("echo:").numHooks());

        socket.rmhook(".", "a");
        graph.sync();

        assertEquals(
                Errno.ENOENT,
                assertThrows(NgException.class, () -> graph.node("echo:")).errno());
        assertEquals(1, graph.nodes().size());
    }
}
