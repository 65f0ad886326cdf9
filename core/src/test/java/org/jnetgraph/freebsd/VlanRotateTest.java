package org.jnetgraph.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jnetgraph.Graph;
import org.jnetgraph.Packet;
import org.jnetgraph.Socket;
import org.jnetgraph.SyncMode;
import org.jnetgraph.types.Ngctl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * FreeBSD's tests/sys/netgraph/vlan_rotate.c, case by case: basic, reverse, ethertype, typeether and minmax. The
 * frame is two MAC addresses and room for ten stack entries (52 bytes); entry {@code i} starts as an 802.1Q tag with
 * VID {@code i + 1}, and the stack is shortened by writing the IPv4 ethertype over the entry after the last tag.
 *
 * <p>The rotation rounds wait for the one frame each sends instead of waiting for 50 quiet milliseconds after it, so
 * that the 162 rounds of basic and reverse stay fast; the last round of each case then checks for silence.
 */
@ParameterizedClass
@EnumSource(SyncMode.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VlanRotateTest {
    private static final int FRAME = 12 + 10 * 4;
    private static final Duration EXPECTED = Duration.ofSeconds(5);

    @Parameter
    SyncMode mode;

    private Graph graph;
    private Socket socket;

    @BeforeEach
    void start() {
        graph = Graph.create(Graph.Options.defaults().withMode(mode));
        socket = graph.socket();
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    /** The frame of the FreeBSD test: nine 802.1Q tags with VIDs 1..9, then a zero entry. */
    private static byte[] frame() {
        byte[] frame = new byte[FRAME];
        byte[] macs = {2, 4, 6, 1, 3, 7, 2, 4, 6, 1, 3, 5};
        System.arraycopy(macs, 0, frame, 0, 12);
        for (int i = 0; i < 9; i++) {
            setEntry(frame, i, 0x8100, i + 1);
        }
        return frame;
    }

    private static void setEntry(byte[] frame, int index, int proto, int tag) {
        int at = 12 + 4 * index;
        frame[at] = (byte) (proto >>> 8);
        frame[at + 1] = (byte) proto;
        frame[at + 2] = (byte) (tag >>> 8);
        frame[at + 3] = (byte) tag;
    }

    private static void setProto(byte[] frame, int index, int proto) {
        frame[12 + 4 * index] = (byte) (proto >>> 8);
        frame[13 + 4 * index] = (byte) proto;
    }

    /** Socket hook a faces original and b ordered for direction +1; the other way round for -1. */
    private void rotator(int direction) {
        socket.mkpeer(".", "vlan_rotate", "a", direction > 0 ? "original" : "ordered");
        socket.name("a", "vr");
        socket.connect(".", "vr:", "b", direction > 0 ? "ordered" : "original");
    }

    private byte[] sendAndReceiveOnB(byte[] frame) {
        socket.sendData("a", frame);
        Packet packet = socket.receiveData(EXPECTED);
        assertNotNull(packet, "expected the rotated frame");
        assertEquals("b", packet.receivedOn().name());
        byte[] received = packet.toByteArray();
        packet.free();
        return received;
    }

    private static int vid(byte[] frame, int index) {
        return ((frame[14 + 4 * index] & 0x0f) << 8) | (frame[15 + 4 * index] & 0xff);
    }

    private static int proto(byte[] frame, int index) {
        return ((frame[12 + 4 * index] & 0xff) << 8) | (frame[13 + 4 * index] & 0xff);
    }

    // ---------------------------------------------------------------- basic, reverse

    private void rotatesVids(int direction) {
        rotator(direction);
        byte[] frame = frame();
        for (int len = 9; len > 0; len--) {
            setProto(frame, len, 0x0800);
            for (int rot = -len + 1; rot < len; rot++) {
                Ngctl.msg(socket, "vr:", "setconf", "{ min=0 max=9 rot=" + rot + " }");

                byte[] received = sendAndReceiveOnB(frame);

                for (int i = 0; i < len; i++) {
                    int expect = (2 * len + i - direction * rot) % len + 1;
                    assertEquals(expect, vid(received, i), "len=" + len + " rot=" + rot + " i=" + i);
                }
            }
        }
        assertEquals(Map.of(), Events.handleEvents(socket));
    }

    @Test
    void basic() {
        rotatesVids(1);
    }

    @Test
    void reverse() {
        rotatesVids(-1);
    }

    // ---------------------------------------------------------------- ethertype, typeether

    private void rotatesTpidsWithTheirVids(int direction) {
        rotator(direction);
        byte[] frame = frame();
        Random random = new Random(0xb93b);
        int[] tpids = {0x8100, 0x88a8, 0x9100};
        int len = 9;
        for (int round = 0; round < 20; round++) {
            int rot = random.nextInt(2 * len - 1) - len + 1;
            int[] sent = new int[len];
            for (int i = 0; i < len; i++) {
                sent[i] = tpids[random.nextInt(3)];
                setProto(frame, i, sent[i]);
            }
            setProto(frame, len, 0x0800);
            Ngctl.msg(socket, "vr:", "setconf", "{ min=0 max=9 rot=" + rot + " }");

            byte[] received = sendAndReceiveOnB(frame);

            for (int i = 0; i < len; i++) {
                int expect = (2 * len + i - direction * rot) % len;
                assertEquals(sent[expect], proto(received, i), "rot=" + rot + " i=" + i);
                assertEquals(expect + 1, vid(received, i), "rot=" + rot + " i=" + i);
            }
        }
        assertEquals(Map.of(), Events.handleEvents(socket));
    }

    @Test
    void ethertype() {
        rotatesTpidsWithTheirVids(1);
    }

    @Test
    void typeether() {
        rotatesTpidsWithTheirVids(-1);
    }

    // ---------------------------------------------------------------- minmax

    @Test
    void minmax() {
        socket.mkpeer(".", "vlan_rotate", "a", "original");
        socket.name("a", "vr");
        socket.connect(".", "vr:", "b", "ordered");
        socket.connect(".", "vr:", "c", "excessive");
        socket.connect(".", "vr:", "d", "incomplete");
        Ngctl.msg(socket, "vr:", "setconf", "{ min=3 max=7 rot=0 }");
        byte[] frame = frame();

        for (int len = 9; len > 0; len--) {
            setProto(frame, len, 0x0800);
            String outOfRange = len < 3 ? "d" : len > 7 ? "c" : null;

            assertEquals(Map.of(outOfRange == null ? "b" : outOfRange, 1), sendAndHandle("a", frame), "len=" + len);
            assertEquals(Map.of(outOfRange == null ? "a" : outOfRange, 1), sendAndHandle("b", frame), "len=" + len);
            assertEquals(Map.of("a", 1), sendAndHandle("c", frame), "len=" + len);
            assertEquals(Map.of("a", 1), sendAndHandle("d", frame), "len=" + len);
        }
    }

    private Map<String, Integer> sendAndHandle(String hook, byte[] frame) {
        socket.sendData(hook, frame);
        return Events.handleEvents(socket);
    }
}
