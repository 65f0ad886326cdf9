package org.jnetgraph.types;

import java.util.Arrays;

/**
 * Runs a classic BPF program over a packet's bytes, as FreeBSD's {@code bpf_filter} does for a contiguous packet
 * whose captured and wire lengths are equal: the accumulator A, the index register X and 16 words of scratch memory
 * start at zero; a load beyond the packet ends the program with 0 (no match); so does a division or modulo by an X
 * of 0. Arithmetic is unsigned 32-bit; shifts use the low five bits of the count (C leaves counts of 32 and more
 * undefined). The program never reads outside {@code data[offset .. offset + length)}.
 *
 * <p>An empty program matches everything (returns 0xffffffff), as an absent filter does; a program that fails
 * {@link BpfProgram#validate()} matches nothing.
 *
 * <p>Threading: stateless; any thread, concurrently. Never blocks, locks or allocates; a program that uses scratch
 * memory uses a per-thread array, created on the thread's first such run.
 */
public final class BpfInterpreter {
    /** What an empty program returns: the whole packet. */
    public static final long MATCH_ALL = 0xffff_ffffL;

    private static final long OUT_OF_BOUNDS = -1;
    private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[BpfProgram.MEMWORDS]);

    private BpfInterpreter() {}

    /**
     * Runs {@code program} over {@code length} bytes of {@code data} from {@code offset}.
     *
     * @return the program's result as an unsigned 32-bit value: 0 for no match, else the number of bytes to keep
     */
    public static long run(BpfProgram program, byte[] data, int offset, int length) {
        if (!program.valid) {
            return 0;
        }
        if (program.codes.length == 0) {
            return MATCH_ALL;
        }
        int[] memory = program.usesMemory ? clearedScratch() : null;
        return execute(program, data, offset, length, memory);
    }

    private static int[] clearedScratch() {
        int[] memory = SCRATCH.get();
        Arrays.fill(memory, 0);
        return memory;
    }

    /*
     * The loop keeps A, X and pc in locals and hands each instruction class to a small pure function; a load or
     * division that must end the program returns OUT_OF_BOUNDS (-1), which no 32-bit value can be.
     */
    private static long execute(BpfProgram program, byte[] data, int offset, int length, int[] memory) {
        int[] codes = program.codes;
        int[] ks = program.ks;
        int a = 0;
        int x = 0;
        for (int pc = 0; ; pc++) {
            int code = codes[pc];
            int k = ks[pc];
            switch (Bpf.instructionClass(code)) {
                case Bpf.LD -> {
                    long value = loadA(code, k, x, data, offset, length, memory);
                    if (value == OUT_OF_BOUNDS) {
                        return 0;
                    }
                    a = (int) value;
                }
                case Bpf.LDX -> {
                    long value = loadX(code, k, data, offset, length, memory);
                    if (value == OUT_OF_BOUNDS) {
                        return 0;
                    }
                    x = (int) value;
                }
                case Bpf.ST -> memory[k] = a;
                case Bpf.STX -> memory[k] = x;
                case Bpf.ALU -> {
                    long value = alu(code, a, (code & Bpf.X) != 0 ? x : k);
                    if (value == OUT_OF_BOUNDS) {
                        return 0;
                    }
                    a = (int) value;
                }
                case Bpf.JMP -> pc += jump(code, a, x, k, program.jts[pc], program.jfs[pc]);
                case Bpf.RET -> {
                    return Integer.toUnsignedLong((code & 0x18) == Bpf.A ? a : k);
                }
                default -> {
                    if ((code & 0xf8) == Bpf.TXA) {
                        a = x;
                    } else {
                        x = a;
                    }
                }
            }
        }
    }

    private static long loadA(int code, int k, int x, byte[] data, int offset, int length, int[] memory) {
        return switch (code & 0xe0) {
            case Bpf.IMM -> Integer.toUnsignedLong(k);
            case Bpf.ABS -> fetch(code & 0x18, Integer.toUnsignedLong(k), data, offset, length);
            case Bpf.IND ->
                fetch(code & 0x18, Integer.toUnsignedLong(x) + Integer.toUnsignedLong(k), data, offset, length);
            case Bpf.MEM -> Integer.toUnsignedLong(memory[k]);
            default -> length;
        };
    }

    private static long loadX(int code, int k, byte[] data, int offset, int length, int[] memory) {
        return switch (code & 0xe0) {
            case Bpf.IMM -> Integer.toUnsignedLong(k);
            case Bpf.MEM -> Integer.toUnsignedLong(memory[k]);
            case Bpf.LEN -> length;
            default -> {
                long header = fetch(Bpf.B, Integer.toUnsignedLong(k), data, offset, length);
                yield header == OUT_OF_BOUNDS ? OUT_OF_BOUNDS : (header & 0xf) << 2;
            }
        };
    }

    /** The big-endian word, half-word or byte at {@code at}, or OUT_OF_BOUNDS when it does not lie in the packet. */
    private static long fetch(int size, long at, byte[] data, int offset, int length) {
        int bytes = size == Bpf.W ? 4 : size == Bpf.H ? 2 : 1;
        if (at + bytes > length) {
            return OUT_OF_BOUNDS;
        }
        int i = offset + (int) at;
        return switch (bytes) {
            case 4 ->
                Integer.toUnsignedLong((data[i] & 0xff) << 24
                        | (data[i + 1] & 0xff) << 16
                        | (data[i + 2] & 0xff) << 8
                        | data[i + 3] & 0xff);
            case 2 -> (data[i] & 0xff) << 8 | data[i + 1] & 0xff;
            default -> data[i] & 0xff;
        };
    }

    private static long alu(int code, int a, int operand) {
        int result = switch (code & 0xf0) {
            case Bpf.ADD -> a + operand;
            case Bpf.SUB -> a - operand;
            case Bpf.MUL -> a * operand;
            case Bpf.DIV -> operand == 0 ? 0 : Integer.divideUnsigned(a, operand);
            case Bpf.MOD -> operand == 0 ? 0 : Integer.remainderUnsigned(a, operand);
            case Bpf.OR -> a | operand;
            case Bpf.AND -> a & operand;
            case Bpf.LSH -> a << operand;
            case Bpf.RSH -> a >>> operand;
            case Bpf.XOR -> a ^ operand;
            default -> -a;
        };
        boolean divides = (code & 0xf0) == Bpf.DIV || (code & 0xf0) == Bpf.MOD;
        return divides && operand == 0 ? OUT_OF_BOUNDS : Integer.toUnsignedLong(result);
    }

    /** How far a jump instruction moves past the next instruction. */
    private static int jump(int code, int a, int x, int k, int jt, int jf) {
        if ((code & 0xf0) == Bpf.JA) {
            return k;
        }
        int operand = (code & Bpf.X) != 0 ? x : k;
        boolean taken = switch (code & 0xf0) {
            case Bpf.JEQ -> a == operand;
            case Bpf.JGT -> Integer.compareUnsigned(a, operand) > 0;
            case Bpf.JGE -> Integer.compareUnsigned(a, operand) >= 0;
            default -> (a & operand) != 0;
        };
        return taken ? jt : jf;
    }
}
