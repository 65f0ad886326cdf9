package org.jnetgraph.types;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jnetgraph.Errno;
import org.jnetgraph.NgException;

/**
 * A classic BPF program (FreeBSD's {@code struct bpf_insn[]}): what {@code tcpdump -ddd} prints and what the
 * {@code bpf} node type runs. Converts tcpdump's text to the program and the program to the ASCII form of
 * {@code setprogram}, and validates programs as FreeBSD's {@code bpf_validate} does, naming the bad instruction.
 *
 * <pre>{@code
 * BpfProgram dns = BpfProgram.fromTcpdump(tcpdumpDddOutput);     // tcpdump -ddd 'udp port 53'
 * String args = dns.toHookprog("in", "dns", "other");            // { thisHook="in" ifMatch="dns" ... }
 * // ngctl msg bpf: setprogram <args>
 * }</pre>
 *
 * <p>Threading: immutable; any thread.
 */
public final class BpfProgram {
    /** bpf_maxinsns: the most instructions a program may have (FreeBSD's default of net.bpf.maxinsns). */
    public static final int MAX_INSNS = 512;
    /** BPF_MEMWORDS: the scratch memory slots. */
    public static final int MEMWORDS = 16;
    /** The size of one instruction in binary: code (16 bits), jt, jf (8 bits each), k (32 bits). */
    public static final int INSN_SIZE = 8;

    /** A program that matches nothing: {@code ret #0}, a new hook's program. */
    public static final BpfProgram MATCH_NOTHING = of(new Insn(Bpf.RET | Bpf.K, 0, 0, 0));

    /**
     * One instruction.
     *
     * @param code the opcode (16 bits)
     * @param jt the forward jump when the condition holds (8 bits)
     * @param jf the forward jump when it does not (8 bits)
     * @param k the constant (32 bits, unsigned in BPF)
     */
    public record Insn(int code, int jt, int jf, int k) {
        /** Checks the field ranges. */
        public Insn {
            if ((code & ~0xffff) != 0 || (jt & ~0xff) != 0 || (jf & ~0xff) != 0) {
                throw new IllegalArgumentException("code, jt or jf out of range in " + this);
            }
        }

        @Override
        public String toString() {
            return "{ code=0x" + Integer.toHexString(code) + " jt=" + jt + " jf=" + jf + " k="
                    + Integer.toUnsignedString(k) + " }";
        }
    }

    final int[] codes;
    final int[] jts;
    final int[] jfs;
    final int[] ks;
    final boolean usesMemory;
    final boolean valid;

    private BpfProgram(List<Insn> insns) {
        int n = insns.size();
        codes = new int[n];
        jts = new int[n];
        jfs = new int[n];
        ks = new int[n];
        boolean memory = false;
        for (int i = 0; i < n; i++) {
            Insn insn = insns.get(i);
            codes[i] = insn.code();
            jts[i] = insn.jt();
            jfs[i] = insn.jf();
            ks[i] = insn.k();
            memory |= Bpf.usesMemory(insn.code());
        }
        usesMemory = memory;
        valid = problem() == null;
    }

    /** A program of these instructions (not validated). */
    public static BpfProgram of(Insn... insns) {
        return new BpfProgram(List.of(insns));
    }

    /** A program of these instructions (not validated). */
    public static BpfProgram of(List<Insn> insns) {
        return new BpfProgram(List.copyOf(insns));
    }

    /**
     * The program {@code tcpdump -ddd} printed: a line with the instruction count, then one line per instruction
     * with {@code code jt jf k} in decimal. The C form of {@code tcpdump -dd} ({@code { 0x28, 0, 0, 0x0000000c },})
     * is accepted too.
     *
     * @throws IllegalArgumentException naming the line that is neither a count nor an instruction, or when the
     *     count disagrees with the instructions that follow
     */
    public static BpfProgram fromTcpdump(String text) {
        List<String> lines = text.lines()
                .map(BpfProgram::plain)
                .filter(line -> !line.isEmpty())
                .toList();
        List<Insn> insns = new ArrayList<>();
        long announced = -1;
        for (int i = 0; i < lines.size(); i++) {
            String[] numbers = lines.get(i).split("\\s+");
            if (i == 0 && numbers.length == 1) {
                announced = number(numbers[0], lines.get(i));
            } else if (numbers.length == 4) {
                insns.add(insn(numbers, lines.get(i)));
            } else {
                throw new IllegalArgumentException("not a tcpdump -ddd line: \"" + lines.get(i) + "\"");
            }
        }
        if (announced >= 0 && announced != insns.size()) {
            throw new IllegalArgumentException(
                    "tcpdump output announces " + announced + " instructions but holds " + insns.size());
        }
        return of(insns);
    }

    private static String plain(String line) {
        return line.replace('{', ' ').replace('}', ' ').replace(',', ' ').strip();
    }

    private static Insn insn(String[] numbers, String line) {
        return new Insn(
                (int) number(numbers[0], line), (int) number(numbers[1], line), (int) number(numbers[2], line), (int)
                        number(numbers[3], line));
    }

    private static long number(String text, String line) {
        try {
            return Long.decode(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: \"" + text + "\" in \"" + line + "\"", e);
        }
    }

    /** Reads {@code count} instructions in binary (little-endian, 8 bytes each) from {@code from}. */
    static BpfProgram decode(ByteBuffer in, int from, int count) {
        List<Insn> insns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = from + i * INSN_SIZE;
            insns.add(new Insn(
                    in.getShort(at) & 0xffff, in.get(at + 2) & 0xff, in.get(at + 3) & 0xff, in.getInt(at + 4)));
        }
        return new BpfProgram(insns);
    }

    /** Appends the instructions in binary (the buffer must be little-endian). */
    void encode(ByteBuffer out) {
        for (int i = 0; i < codes.length; i++) {
            out.putShort((short) codes[i]).put((byte) jts[i]).put((byte) jfs[i]).putInt(ks[i]);
        }
    }

    /** The number of instructions. */
    public int length() {
        return codes.length;
    }

    /** The instructions. */
    public List<Insn> instructions() {
        List<Insn> insns = new ArrayList<>(codes.length);
        for (int i = 0; i < codes.length; i++) {
            insns.add(new Insn(codes[i], jts[i], jfs[i], ks[i]));
        }
        return insns;
    }

    /**
     * The program in the ASCII form of {@code setprogram}'s program fields, as {@code ngctl} prints it:
     * {@code bpf_prog_len=2 bpf_prog=[ { code=0x28 k=12 } { code=0x6 k=262144 } ]}.
     */
    public String toAscii() {
        if (codes.length == 0) {
            return "bpf_prog_len=0 bpf_prog=[ ]";
        }
        String struct = toHookprog("", "", "");
        return struct.substring(2, struct.length() - 2);
    }

    /**
     * The whole argument of {@code setprogram} for hook {@code thisHook}, in ASCII:
     * {@code { thisHook="in" ifMatch="dns" ifNotMatch="rest" bpf_prog_len=N bpf_prog=[ ... ] }}. Empty names are
     * left out, as ngctl leaves out every field equal to its default.
     */
    public String toHookprog(String thisHook, String ifMatch, String ifNotMatch) {
        return BpfType.HOOKPROG.unparse(BpfType.encodeHookprog(thisHook, ifMatch, ifNotMatch, this));
    }

    /**
     * Checks the program as FreeBSD's bpf_validate does, and its length against {@link #MAX_INSNS}: every opcode
     * known, every jump forward to an instruction of the program, memory slots below {@link #MEMWORDS}, no division
     * or modulo by the constant 0, and a return as the last instruction. An empty program passes (it matches
     * everything, as an absent filter does).
     *
     * @throws NgException EINVAL naming the first bad instruction by its index
     */
    public void validate() {
        String problem = problem();
        if (problem != null) {
            throw new NgException(Errno.EINVAL, "bpf: invalid program: " + problem);
        }
    }

    /** Whether {@link #validate()} passes. */
    public boolean isValid() {
        return valid;
    }

    /** What is wrong with the program, or null. */
    private String problem() {
        int n = codes.length;
        if (n > MAX_INSNS) {
            return "the program has " + n + " instructions, more than the " + MAX_INSNS + " allowed";
        }
        for (int i = 0; i < n; i++) {
            String problem = problem(i);
            if (problem != null) {
                return "instruction " + i + " " + insnText(i) + " " + problem;
            }
        }
        if (n > 0 && Bpf.instructionClass(codes[n - 1]) != Bpf.RET) {
            return "instruction " + (n - 1) + " " + insnText(n - 1) + " is the last one but not a return";
        }
        return null;
    }

    private String problem(int i) {
        int code = codes[i];
        if (!Bpf.isValid(code)) {
            return "has an unknown opcode";
        }
        if (Bpf.instructionClass(code) == Bpf.JMP) {
            long offset = code == (Bpf.JMP | Bpf.JA) ? Integer.toUnsignedLong(ks[i]) : Math.max(jts[i], jfs[i]);
            return offset < codes.length - i - 1
                    ? null
                    : "jumps to instruction " + (i + 1 + offset) + ", past the last one (" + (codes.length - 1) + ")";
        }
        if (Bpf.usesMemory(code) && Integer.toUnsignedLong(ks[i]) >= MEMWORDS) {
            return "uses memory slot " + Integer.toUnsignedString(ks[i]) + "; slots are 0 to " + (MEMWORDS - 1);
        }
        return Bpf.dividesByK(code) && ks[i] == 0 ? "divides by the constant 0" : null;
    }

    private String insnText(int i) {
        return new Insn(codes[i], jts[i], jfs[i], ks[i]).toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BpfProgram that && instructions().equals(that.instructions());
    }

    @Override
    public int hashCode() {
        return instructions().hashCode();
    }

    @Override
    public String toString() {
        return "BpfProgram" + instructions();
    }
}
