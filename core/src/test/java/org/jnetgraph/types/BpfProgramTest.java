package org.jnetgraph.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jnetgraph.Errno;
import org.jnetgraph.NgException;
import org.jnetgraph.pcap.Captures;
import org.jnetgraph.pcap.Frame;
import org.jnetgraph.pcap.Tools;
import org.jnetgraph.types.BpfProgram.Insn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Classic BPF programs: reading tcpdump's output, printing the ASCII form of setprogram, FreeBSD's validation rules
 * with the bad instruction named, and the interpreter, checked instruction by instruction and against tcpdump on
 * the shared captures.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BpfProgramTest {
    /** What tcpdump 4.99.3 (libpcap 1.10.3, Debian 12) printed for {@code tcpdump -ddd 'udp port 53'}. */
    static final String UDP_PORT_53 = """
            20
            40 0 0 12
            21 0 6 34525
            48 0 0 20
            21 0 15 17
            40 0 0 54
            21 12 0 53
            40 0 0 56
            21 10 11 53
            21 0 10 2048
            48 0 0 23
            21 0 8 17
            40 0 0 20
            69 6 0 8191
            177 0 0 14
            72 0 0 14
            21 2 0 53
            72 0 0 16
            21 0 1 53
            6 0 0 262144
            6 0 0 0
            """;

    /** Filters whose programs use every instruction class, arithmetic, indexed loads and scratch memory. */
    static final List<String> EXPRESSIONS = List.of(
            "udp port 53",
            "tcp[tcpflags] & tcp-syn != 0",
            "vlan and vlan",
            "ip[6:2] & 0x1fff != 0 or ip[6] & 0x20 != 0",
            "len > 1000",
            "ip[2:2] % 7 = 3",
            "ip[2:2] / 3 > 100",
            "ip[8] * 2 - 1 < 100",
            "(ip[2:2] << 2) >> 3 > 100",
            "ip[2:2] ^ 0xff & 0xf0 = 0x40",
            "ether[len - 1] = 0",
            "ip[2:2] - ((ip[0] & 0xf) * 4) > 500 and ip[2:2] + ip[8] < 1400",
            "tcp[((tcp[12] & 0xf0) >> 2):4] = 0x47455420",
            "icmp or ip6");

    @TempDir
    Path dir;

    static long run(byte[] data, Insn... insns) {
        BpfProgram program = BpfProgram.of(insns);
        program.validate();
        return BpfInterpreter.run(program, data, 0, data.length);
    }

    static Insn stmt(int code, int k) {
        return new Insn(code, 0, 0, k);
    }

    static Insn jump(int code, int k, int jt, int jf) {
        return new Insn(code, jt, jf, k);
    }

    static Insn retA() {
        return stmt(Bpf.RET | Bpf.A, 0);
    }

    // ---------------------------------------------------------------- tcpdump text and ASCII

    @Test
    void shouldReadTcpdumpDddOutput() {
        BpfProgram program = BpfProgram.fromTcpdump(UDP_PORT_53);

        assertEquals(20, program.length());
        assertEquals(new Insn(0x28, 0, 0, 12), program.instructions().get(0));
        assertEquals(new Insn(0x6, 0, 0, 262144), program.instructions().get(18));
        program.validate();
    }

    @Test
    void shouldReadTheCFormOfTcpdumpDd() {
        String dd = "{ 0x28, 0, 0, 0x0000000c },\n{ 0x15, 0, 1, 0x00000800 },\n{ 0x6, 0, 0, 0x00040000 },\n"
                + "{ 0x6, 0, 0, 0x00000000 },\n";

        assertEquals(
                List.of(
                        new Insn(0x28, 0, 0, 12),
                        new Insn(0x15, 0, 1, 0x800),
                        new Insn(6, 0, 0, 0x40000),
                        new Insn(6, 0, 0, 0)),
                BpfProgram.fromTcpdump(dd).instructions());
    }

    @Test
    void shouldRefuseTcpdumpTextWhoseCountDisagrees() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> BpfProgram.fromTcpdump("3\n6 0 0 1\n"));

        assertTrue(error.getMessage().contains("announces 3 instructions but holds 1"), error.getMessage());
    }

    @Test
    void shouldPrintTheAsciiFormNgctlPrints() {
        BpfProgram program = BpfProgram.of(stmt(0x28, 12), jump(0x15, 0x800, 0, 1), stmt(6, 65535), stmt(6, 0));

        assertEquals(
                "bpf_prog_len=4 bpf_prog=[ { code=0x28 k=12 } { code=0x15 jf=1 k=2048 } { code=0x6 k=65535 }"
                        + " { code=0x6 } ]",
                program.toAscii());
        assertEquals(
                "{ thisHook=\"in\" ifMatch=\"ip\" bpf_prog_len=4 bpf_prog=[ { code=0x28 k=12 }"
                        + " { code=0x15 jf=1 k=2048 } { code=0x6 k=65535 } { code=0x6 } ] }",
                program.toHookprog("in", "ip", ""));
    }

    @Test
    void shouldParseItsOwnAsciiFormBackToTheSameProgram() {
        BpfProgram program = BpfProgram.fromTcpdump(UDP_PORT_53);

        byte[] binary = BpfType.HOOKPROG.parse(program.toHookprog("a", "b", "c"));

        assertEquals(BpfType.HOOKPROG_SIZE + 20 * 8, binary.length);
        assertEquals(
                program,
                BpfProgram.decode(
                        java.nio.ByteBuffer.wrap(binary).order(java.nio.ByteOrder.LITTLE_ENDIAN),
                        BpfType.HOOKPROG_SIZE,
                        20));
        assertEquals(0, BpfType.HOOKPROG.parse("{ " + BpfProgram.of().toAscii() + " }")[96]);
    }

    // ---------------------------------------------------------------- validation

    @Test
    void shouldNameAnUnknownOpcode() {
        expectInvalid(
                "instruction 1 { code=0x8 jt=0 jf=0 k=0 } has an unknown opcode",
                stmt(0x28, 12),
                stmt(0x08, 0),
                stmt(6, 0));
    }

    @Test
    void shouldNameAJumpPastTheEnd() {
        expectInvalid(
                "instruction 1 { code=0x15 jt=2 jf=0 k=1 } jumps to instruction 4, past the last one (3)",
                stmt(0x28, 12),
                jump(0x15, 1, 2, 0),
                stmt(6, 1),
                stmt(6, 0));
        expectInvalid(
                "instruction 0 { code=0x5 jt=0 jf=0 k=4294967295 } jumps to instruction 4294967296",
                stmt(Bpf.JMP | Bpf.JA, -1),
                stmt(6, 0));
    }

    @Test
    void shouldNameAMemorySlotOutOfRange() {
        expectInvalid(
                "instruction 0 { code=0x2 jt=0 jf=0 k=16 } uses memory slot 16; slots are 0 to 15",
                stmt(Bpf.ST, 16),
                stmt(6, 0));
        expectInvalid(
                "instruction 1 { code=0x61 jt=0 jf=0 k=99 }", stmt(Bpf.LD, 1), stmt(Bpf.LDX | Bpf.MEM, 99), stmt(6, 0));
    }

    @Test
    void shouldNameADivisionByTheConstantZero() {
        expectInvalid(
                "instruction 0 { code=0x34 jt=0 jf=0 k=0 } divides by the constant 0",
                stmt(Bpf.ALU | Bpf.DIV, 0),
                stmt(6, 0));
        expectInvalid(
                "instruction 0 { code=0x94 jt=0 jf=0 k=0 } divides by the constant 0",
                stmt(Bpf.ALU | Bpf.MOD, 0),
                stmt(6, 0));
    }

    @Test
    void shouldRequireAReturnAtTheEnd() {
        expectInvalid(
                "instruction 1 { code=0x28 jt=0 jf=0 k=12 } is the last one but not a return",
                stmt(6, 0),
                stmt(0x28, 12));
    }

    @Test
    void shouldRefuseMoreThan512Instructions() {
        Insn[] insns = new Insn[513];
        java.util.Arrays.fill(insns, stmt(6, 0));

        expectInvalid("the program has 513 instructions, more than the 512 allowed", insns);
    }

    @Test
    void shouldAcceptAnEmptyProgramThatMatchesEverything() {
        BpfProgram.of().validate();

        assertEquals(BpfInterpreter.MATCH_ALL, BpfInterpreter.run(BpfProgram.of(), new byte[3], 0, 3));
    }

    @Test
    void shouldMatchNothingWithAnInvalidProgramRunAnyway() {
        BpfProgram bad = BpfProgram.of(stmt(0x28, 12));

        assertEquals(0, BpfInterpreter.run(bad, new byte[20], 0, 20));
    }

    private static void expectInvalid(String message, Insn... insns) {
        NgException error =
                assertThrows(NgException.class, () -> BpfProgram.of(insns).validate());
        assertEquals(Errno.EINVAL, error.errno());
        assertTrue(error.getMessage().contains(message), error.getMessage());
    }

    // ---------------------------------------------------------------- the interpreter, one instruction at a time

    private static final byte[] PACKET = {
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, (byte) 0x99, (byte) 0xaa, (byte) 0xbb, 0x45, 0x07
    };

    @Test
    void shouldLoadWordsHalfWordsAndBytesBigEndian() {
        assertEquals(0x44556677L, run(PACKET, stmt(Bpf.LD | Bpf.W | Bpf.ABS, 4), retA()));
        assertEquals(0x8899L, run(PACKET, stmt(Bpf.LD | Bpf.H | Bpf.ABS, 8), retA()));
        assertEquals(0xbbL, run(PACKET, stmt(Bpf.LD | Bpf.B | Bpf.ABS, 11), retA()));
        assertEquals(0xaabb4507L, run(PACKET, stmt(Bpf.LDX | Bpf.IMM, 6), stmt(Bpf.LD | Bpf.W | Bpf.IND, 4), retA()));
        assertEquals(0x4507L, run(PACKET, stmt(Bpf.LDX | Bpf.IMM, 2), stmt(Bpf.LD | Bpf.H | Bpf.IND, 10), retA()));
        assertEquals(0x07L, run(PACKET, stmt(Bpf.LDX | Bpf.IMM, 13), stmt(Bpf.LD | Bpf.B | Bpf.IND, 0), retA()));
    }

    @Test
    void shouldLoadImmediatesLengthsAndTheIpHeaderLength() {
        assertEquals(0xfffffffeL, run(PACKET, stmt(Bpf.LD | Bpf.IMM, -2), retA()));
        assertEquals(14, run(PACKET, stmt(Bpf.LD | Bpf.W | Bpf.LEN, 0), retA()));
        assertEquals(14, run(PACKET, stmt(Bpf.LDX | Bpf.W | Bpf.LEN, 0), stmt(Bpf.MISC | Bpf.TXA, 0), retA()));
        assertEquals(20, run(PACKET, stmt(Bpf.LDX | Bpf.B | Bpf.MSH, 12), stmt(Bpf.MISC | Bpf.TXA, 0), retA()));
        assertEquals(9, run(PACKET, stmt(Bpf.LDX | Bpf.IMM, 9), stmt(Bpf.MISC | Bpf.TXA, 0), retA()));
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 12, 13, 14, 15, -1, -4})
    void shouldEndWithNoMatchWhenAWordLoadLeavesThePacket(int k) {
        assertEquals(0, run(PACKET, stmt(Bpf.LD | Bpf.W | Bpf.ABS, k), stmt(6, 1)));
    }

    @Test
    void shouldEndWithNoMatchWhenAnyLoadLeavesThePacket() {
        assertEquals(1, run(PACKET, stmt(Bpf.LD | Bpf.H | Bpf.ABS, 12), stmt(6, 1)));
        assertEquals(0, run(PACKET, stmt(Bpf.LD | Bpf.H | Bpf.ABS, 13), stmt(6, 1)));
        assertEquals(0, run(PACKET, stmt(Bpf.LD | Bpf.B | Bpf.ABS, 14), stmt(6, 1)));
        assertEquals(0, run(PACKET, stmt(Bpf.LDX | Bpf.B | Bpf.MSH, 14), stmt(6, 1)));
        assertEquals(0, run(PACKET, stmt(Bpf.LDX | Bpf.IMM, -1), stmt(Bpf.LD | Bpf.B | Bpf.IND, 1), stmt(6, 1)));
        assertEquals(0, run(PACKET, stmt(Bpf.LDX | Bpf.IMM, 1), stmt(Bpf.LD | Bpf.W | Bpf.IND, -1), stmt(6, 1)));
        assertEquals(0, run(PACKET, stmt(Bpf.LDX | Bpf.IMM, 12), stmt(Bpf.LD | Bpf.H | Bpf.IND, 1), stmt(6, 1)));
    }

    @Test
    void shouldReadOnlyTheGivenSliceOfTheArray() {
        byte[] padded = new byte[40];
        System.arraycopy(PACKET, 0, padded, 10, PACKET.length);
        BpfProgram lastByte = BpfProgram.of(stmt(Bpf.LD | Bpf.B | Bpf.ABS, 13), retA());
        BpfProgram pastEnd = BpfProgram.of(stmt(Bpf.LD | Bpf.B | Bpf.ABS, 14), stmt(6, 1));

        assertEquals(7, BpfInterpreter.run(lastByte, padded, 10, PACKET.length));
        assertEquals(0, BpfInterpreter.run(pastEnd, padded, 10, PACKET.length));
    }

    @Test
    void shouldComputeUnsigned32BitArithmetic() {
        assertEquals(0xffffffffL, alu(Bpf.ADD, 0xfffffffe, 1));
        assertEquals(0, alu(Bpf.ADD, 0xffffffff, 1));
        assertEquals(0xffffffffL, alu(Bpf.SUB, 0, 1));
        assertEquals(0xfffffffeL, alu(Bpf.MUL, 0x7fffffff, 2));
        assertEquals(0x7fffffffL, alu(Bpf.DIV, 0xfffffffe, 2));
        assertEquals(1, alu(Bpf.MOD, 0xffffffff, 2));
        assertEquals(0xff00ff00L, alu(Bpf.OR, 0xff000000, 0x0000ff00));
        assertEquals(0x0000f000L, alu(Bpf.AND, 0x0000ff00, 0x0000f0f0));
        assertEquals(0x00ff0f0fL, alu(Bpf.XOR, 0x00fff0f0, 0x0000ffff));
        assertEquals(0x80000000L, alu(Bpf.LSH, 1, 31));
        assertEquals(1, alu(Bpf.RSH, 0x80000000, 31));
    }

    @Test
    void shouldNegateAndMoveBetweenAAndX() {
        assertEquals(0xfffffffbL, run(PACKET, stmt(Bpf.LD | Bpf.IMM, 5), stmt(Bpf.ALU | Bpf.NEG, 0), retA()));
        assertEquals(
                5,
                run(
                        PACKET,
                        stmt(Bpf.LD | Bpf.IMM, 5),
                        stmt(Bpf.MISC | Bpf.TAX, 0),
                        stmt(Bpf.LD | Bpf.IMM, 0),
                        stmt(Bpf.MISC | Bpf.TXA, 0),
                        retA()));
    }

    @Test
    void shouldEndWithNoMatchWhenDividingByAnXOfZero() {
        assertEquals(0, run(PACKET, stmt(Bpf.LD | Bpf.IMM, 7), stmt(Bpf.ALU | Bpf.DIV | Bpf.X, 0), stmt(6, 1)));
        assertEquals(0, run(PACKET, stmt(Bpf.LD | Bpf.IMM, 7), stmt(Bpf.ALU | Bpf.MOD | Bpf.X, 0), stmt(6, 1)));
    }

    /** A op operand, with the operand once as k and once in X; both must agree. */
    private static long alu(int op, int a, int operand) {
        long withK = run(PACKET, stmt(Bpf.LD | Bpf.IMM, a), stmt(Bpf.ALU | op | Bpf.K, operand), retA());
        long withX = run(
                PACKET,
                stmt(Bpf.LDX | Bpf.IMM, operand),
                stmt(Bpf.LD | Bpf.IMM, a),
                stmt(Bpf.ALU | op | Bpf.X, 0),
                retA());
        assertEquals(withK, withX, "op 0x" + Integer.toHexString(op));
        return withK;
    }

    @Test
    void shouldCompareUnsignedInConditionalJumps() {
        assertEquals(1, branch(Bpf.JGT, 0x80000000, 1));
        assertEquals(0, branch(Bpf.JGT, 1, 1));
        assertEquals(1, branch(Bpf.JGE, 1, 1));
        assertEquals(0, branch(Bpf.JGE, 0, 0xffffffff));
        assertEquals(1, branch(Bpf.JEQ, 0xffffffff, -1));
        assertEquals(0, branch(Bpf.JEQ, 2, 3));
        assertEquals(1, branch(Bpf.JSET, 0x10, 0x30));
        assertEquals(0, branch(Bpf.JSET, 0x10, 0x20));
    }

    @Test
    void shouldJumpAlwaysByK() {
        assertEquals(9, run(PACKET, stmt(Bpf.JMP | Bpf.JA, 1), stmt(6, 1), stmt(6, 9)));
    }

    /** 1 when the jump is taken, 0 when not, with the operand once as k and once in X. */
    private static long branch(int op, int a, int operand) {
        long withK = run(
                PACKET, stmt(Bpf.LD | Bpf.IMM, a), jump(Bpf.JMP | op | Bpf.K, operand, 1, 0), stmt(6, 0), stmt(6, 1));
        long withX = run(
                PACKET,
                stmt(Bpf.LDX | Bpf.IMM, operand),
                stmt(Bpf.LD | Bpf.IMM, a),
                jump(Bpf.JMP | op | Bpf.X, 0, 1, 0),
                stmt(6, 0),
                stmt(6, 1));
        assertEquals(withK, withX, "op 0x" + Integer.toHexString(op));
        return withK;
    }

    @Test
    void shouldStoreAndLoadScratchMemoryStartingAtZero() {
        assertEquals(0, run(PACKET, stmt(Bpf.LD | Bpf.MEM, 15), retA()));
        assertEquals(
                42,
                run(
                        PACKET,
                        stmt(Bpf.LD | Bpf.IMM, 42),
                        stmt(Bpf.ST, 3),
                        stmt(Bpf.LD | Bpf.IMM, 0),
                        stmt(Bpf.LDX | Bpf.MEM, 3),
                        stmt(Bpf.MISC | Bpf.TXA, 0),
                        retA()));
        assertEquals(7, run(PACKET, stmt(Bpf.LDX | Bpf.IMM, 7), stmt(Bpf.STX, 15), stmt(Bpf.LD | Bpf.MEM, 15), retA()));
        assertEquals(0, run(PACKET, stmt(Bpf.LD | Bpf.MEM, 3), retA()), "memory is cleared for every run");
    }

    @Test
    void shouldReturnKOrA() {
        assertEquals(0xffffffffL, run(PACKET, stmt(Bpf.RET | Bpf.K, -1)));
        assertEquals(0x45L, run(PACKET, stmt(Bpf.LD | Bpf.B | Bpf.ABS, 12), retA()));
    }

    // ---------------------------------------------------------------- against tcpdump and the captures

    @Test
    void shouldFindTheReadmesDnsFramesInExampleWithTheRecordedProgram() {
        BpfProgram program = BpfProgram.fromTcpdump(UDP_PORT_53);

        assertEquals(
                Captures.EXAMPLE_DNS,
                matches(program, Captures.frames(Captures.path("example.pcap"))).size());
    }

    @Test
    void shouldAgreeWithTcpdumpOnTheDnsSplitOfExample() {
        Tools.require("tcpdump");
        Path example = Captures.path("example.pcap");
        String ddd = Tools.run("tcpdump", "-ddd", "udp port 53").out();
        String printed =
                Tools.run("tcpdump", "-r", example.toString(), "udp port 53").out();

        List<Frame> dns = matches(BpfProgram.fromTcpdump(ddd), Captures.frames(example));

        assertEquals(Captures.EXAMPLE_DNS, dns.size());
        assertEquals(Captures.EXAMPLE_DNS, printed.lines().count());
    }

    @Test
    void shouldMatchExactlyTheFramesTcpdumpMatchesOnEveryCaptureOfOneLinkType() throws IOException {
        Tools.require("tcpdump");
        int compared = 0;
        for (Captures.Capture capture : Captures.ALL) {
            if (!capture.singleLinkType()) {
                continue;
            }
            List<Frame> frames = Captures.frames(capture.path());
            for (String expression : EXPRESSIONS) {
                compared += compare(capture, frames, expression) ? 1 : 0;
            }
        }
        assertTrue(compared > 50, "only " + compared + " filters compiled for the captures");
    }

    /** Compares the frames our interpreter matches with those tcpdump writes; false when tcpdump cannot compile. */
    private boolean compare(Captures.Capture capture, List<Frame> frames, String expression) throws IOException {
        Path file = capture.path();
        Tools.Result ddd = Tools.run("tcpdump", "-r", file.toString(), "-ddd", expression);
        if (ddd.exit() != 0) {
            return false;
        }
        Path out = dir.resolve("matched.pcap");
        Tools.Result written = Tools.run("tcpdump", "-r", file.toString(), "-w", out.toString(), expression);
        assertEquals(0, written.exit(), written.err());

        List<Frame> ours = matches(BpfProgram.fromTcpdump(ddd.out()), frames);

        assertEquals(Captures.frames(out), ours, capture + ": " + expression);
        Files.delete(out);
        return true;
    }

    static List<Frame> matches(BpfProgram program, List<Frame> frames) {
        program.validate();
        return frames.stream()
                .filter(frame -> BpfInterpreter.run(program, frame.data(), 0, frame.capturedLength()) > 0)
                .toList();
    }
}
